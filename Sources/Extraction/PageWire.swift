public import Foundation
public import DossierCore

/// The compact form in which a worker hands its pages to the supervisor.
///
/// Each page is its JSON without the layout, then the layout in binary (little-endian numbers,
/// length-prefixed UTF-8 words): a page's word boxes are most of its bytes, and JSON made
/// encoding and decoding them the largest part of what a worker process costs per file.
public enum PageWire {
    /// Why bytes could not be read back.
    public struct Malformed: Error {}

    public static func encode(_ pages: [PageTranscript]) throws -> Data {
        var writer = WireWriter()
        writer.count(pages.count)
        let encoder = JSONEncoder()
        for page in pages {
            let bare = page.withLayout(nil)
            writer.bytes(try encoder.encode(bare))
            guard let layout = page.layout else {
                writer.data.append(0)
                continue
            }
            writer.data.append(1)
            writer.string(layout.unit)
            writer.number(layout.width)
            writer.number(layout.height)
            writer.count(layout.blocks.count)
            for block in layout.blocks {
                writer.box(block.box)
                writer.count(block.lines.count)
                for line in block.lines {
                    writer.box(line.box)
                    writer.count(line.words.count)
                    for word in line.words {
                        writer.string(word.text)
                        writer.number(word.confidence)
                        writer.box(word.box)
                        // Character boxes (zone lines only): their count, 0 for none.
                        writer.count(word.characters?.count ?? 0)
                        for box in word.characters ?? [] { writer.box(box) }
                    }
                }
            }
        }
        return writer.data
    }

    public static func decode(_ data: Data) throws(Malformed) -> [PageTranscript] {
        var reader = WireReader(data: data)
        let decoder = JSONDecoder()
        var pages: [PageTranscript] = []
        for _ in 0..<(try reader.count()) {
            let bare: PageTranscript
            do { bare = try decoder.decode(PageTranscript.self, from: try reader.bytes()) } catch { throw Malformed() }
            var layout: PageLayout?
            if try reader.byte() == 1 {
                let unit = try reader.string(), width = try reader.number(), height = try reader.number()
                var blocks: [LaidOutBlock] = []
                for _ in 0..<(try reader.count()) {
                    let blockBox = try reader.box()
                    var lines: [LaidOutLine] = []
                    for _ in 0..<(try reader.count()) {
                        let lineBox = try reader.box()
                        var words: [LaidOutWord] = []
                        for _ in 0..<(try reader.count()) {
                            let text = try reader.string(), confidence = try reader.number(), box = try reader.box()
                            let count = try reader.count()
                            var characters: [PageBox] = []
                            for _ in 0..<count { characters.append(try reader.box()) }
                            words.append(LaidOutWord(text: text, confidence: confidence, box: box, characters: count == 0 ? nil : characters))
                        }
                        lines.append(LaidOutLine(box: lineBox, words: words))
                    }
                    blocks.append(LaidOutBlock(box: blockBox, lines: lines))
                }
                layout = PageLayout(unit: unit, width: width, height: height, blocks: blocks)
            }
            pages.append(bare.withLayout(layout))
        }
        guard reader.atEnd else { throw Malformed() }
        return pages
    }
}

struct WireWriter {
    var data = Data()

    mutating func count(_ value: Int) {
        withUnsafeBytes(of: UInt32(value).littleEndian) { data.append(contentsOf: $0) }
    }

    mutating func number(_ value: Double) {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
    }

    mutating func bytes(_ bytes: Data) {
        count(bytes.count)
        data.append(bytes)
    }

    mutating func string(_ text: String) { bytes(Data(text.utf8)) }

    mutating func box(_ box: PageBox) {
        number(box.x)
        number(box.y)
        number(box.width)
        number(box.height)
    }
}

struct WireReader {
    let data: Data
    var offset: Int

    init(data: Data) {
        self.data = data
        offset = data.startIndex
    }

    var atEnd: Bool { offset == data.endIndex }

    private mutating func take(_ length: Int) throws(PageWire.Malformed) -> Data {
        guard length >= 0, data.endIndex - offset >= length else { throw PageWire.Malformed() }
        defer { offset += length }
        return data[offset..<offset + length]
    }

    mutating func byte() throws(PageWire.Malformed) -> UInt8 { try take(1).first! }

    mutating func count() throws(PageWire.Malformed) -> Int {
        let raw = try take(4)
        var value: UInt32 = 0
        for (shift, byte) in raw.enumerated() { value |= UInt32(byte) << (8 * shift) }
        // No count can exceed the bytes left (every element takes at least one byte).
        guard Int(value) <= data.endIndex - offset else { throw PageWire.Malformed() }
        return Int(value)
    }

    mutating func number() throws(PageWire.Malformed) -> Double {
        let raw = try take(8)
        var bits: UInt64 = 0
        for (shift, byte) in raw.enumerated() { bits |= UInt64(byte) << (8 * shift) }
        return Double(bitPattern: bits)
    }

    mutating func bytes() throws(PageWire.Malformed) -> Data { Data(try take(try count())) }

    mutating func string() throws(PageWire.Malformed) -> String {
        String(decoding: try take(try count()), as: UTF8.self)
    }

    mutating func box() throws(PageWire.Malformed) -> PageBox {
        PageBox(x: try number(), y: try number(), width: try number(), height: try number())
    }
}
