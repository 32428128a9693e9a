internal import DossierModels
internal import Glibc

/// The OCR-B glyph classifier that reads machine-readable zones position by position: a small
/// neural network (one hidden layer) trained by `scripts/models/zone-glyphs` on rendered and
/// spoilt zone lines, shipped as `models/zones/ocrb-glyphs.bin` with its sha256 beside it.
///
/// It takes one character cell as ``ZoneInk`` cuts it (``ZoneInk/cellWidth`` ×
/// ``ZoneInk/cellHeight`` ink values) and gives a probability for each zone character.
struct ZoneGlyphModel: Sendable {
    /// The characters the model tells apart, in the order of its outputs.
    let classes: [Character]
    private let inputs: Int
    private let w1: [Float]
    private let b1: [Float]
    private let w2: [Float]
    private let b2: [Float]

    /// The shipped model, or `nil` when it is missing or malformed.
    static func shipped() -> ZoneGlyphModel? {
        ModelFiles.withContents("zones/ocrb-glyphs.bin") { ZoneGlyphModel(bytes: $0) } ?? nil
    }

    /// Reads the model file: `DZG1`, cell width, cell height, hidden units, classes (int32
    /// little-endian), the class characters (ASCII), then the float32 weights and biases.
    init?(bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count >= 20, Array(bytes[0..<4]) == Array("DZG1".utf8) else { return nil }
        func int32(_ offset: Int) -> Int {
            Int(Int32(littleEndian: UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: offset, as: Int32.self)))
        }
        let width = int32(4), height = int32(8), hidden = int32(12), classCount = int32(16)
        guard width == ZoneInk.cellWidth, height == ZoneInk.cellHeight, (1...4096).contains(hidden),
              (2...128).contains(classCount) else { return nil }
        let inputs = width * height
        var offset = 20
        guard bytes.count >= offset + classCount else { return nil }
        classes = bytes[offset..<(offset + classCount)].map { Character(Unicode.Scalar($0)) }
        offset += classCount
        let sizes = [inputs * hidden, hidden, hidden * classCount, classCount]
        guard bytes.count == offset + 4 * sizes.reduce(0, +) else { return nil }
        var arrays: [[Float]] = []
        for size in sizes {
            let raw = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[offset..<(offset + 4 * size)])
            arrays.append((0..<size).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self))) })
            offset += 4 * size
        }
        self.inputs = inputs
        (w1, b1, w2, b2) = (arrays[0], arrays[1], arrays[2], arrays[3])
    }

    /// The probability of each of ``classes`` for one cell of ``ZoneInk/cellWidth`` ×
    /// ``ZoneInk/cellHeight`` values, row by row.
    func probabilities(_ cell: [Float]) -> [Float] {
        precondition(cell.count == inputs, "a cell has \(inputs) values")
        var activations = b1
        Self.accumulate(cell, weights: w1, into: &activations)
        for j in activations.indices where activations[j] < 0 { activations[j] = 0 }
        var logits = b2
        Self.accumulate(activations, weights: w2, into: &logits)
        let top = logits.max() ?? 0
        var total: Float = 0
        for j in logits.indices {
            logits[j] = expf(logits[j] - top)
            total += logits[j]
        }
        return logits.map { $0 / total }
    }

    /// `out` += `input` × `weights`, the weights row-major with one row of `out.count` per
    /// input; inputs of 0 (most of a cell, and every unit the ReLU cut) are skipped.
    private static func accumulate(_ input: [Float], weights: [Float], into out: inout [Float]) {
        let columns = out.count
        input.withUnsafeBufferPointer { input in
            weights.withUnsafeBufferPointer { weights in
                out.withUnsafeMutableBufferPointer { out in
                    for i in 0..<input.count where input[i] != 0 {
                        let value = input[i]
                        let row = i * columns
                        for j in 0..<columns { out[j] += value * weights[row + j] }
                    }
                }
            }
        }
    }
}
