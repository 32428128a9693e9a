internal import DossierCore
internal import Tesseract

/// Mends a machine-readable zone reading from the printed glyphs themselves.
///
/// The zone is set in OCR-B at a fixed pitch, one glyph per position; an engine reading a
/// photo or a tinted scan turns fillers (`<`) into K, E or S, drops some, and runs letters
/// into the filler run ("OLENAK<X<<K"). The glyphs on the line say what the text cannot: a
/// filler's ink touches its left side only at its point, every letter and digit has a stem
/// or a round side there. When a line has exactly as many glyphs as its format has positions,
/// each position is a filler or not by its shape, and the reading's other characters are
/// laid over the rest in order (an alignment that lets the reading have lost or gained a
/// character). Lines whose glyphs cannot be counted are left to ``MRZRereader/fitted(_:)``.
enum ZoneGlyphs {
    /// Left-edge span below which a glyph is a filler (`<`).
    static let fillerSpan = 0.5
    /// Fillers stand lower than letters and digits in OCR-B (about 0.8–0.88 of the line's
    /// height against 0.9–1).
    static let fillerHeight = 0.9

    /// Whether a glyph has a filler's shape: its left edge a point, and short.
    static func isFillerShaped(_ glyph: Glyph) -> Bool {
        glyph.leftEdgeSpan < fillerSpan && glyph.relativeHeight < fillerHeight
    }

    /// Characters an engine reads where a filler stands.
    static let lookalikes: Set<Character> = ["K", "E", "S", "C", "L", "X", "Z", "I"]

    /// The reading's zone lines mended from their glyphs, or `nil` when the lines do not
    /// have a zone's glyph counts.
    static func repaired(_ reading: OCRResult, image: LeptonicaImage) -> [String]? {
        let lines = reading.blocks.flatMap(\.lines).compactMap { line -> (String, OCRLine)? in
            let text = MRZRereader.compact(line.words.map(\.text).joined())
            return text.count >= 24 ? (text, line) : nil
        }
        for (count, width) in [(2, 44), (3, 30), (2, 36)] where lines.count >= count {
            let group = Array(lines.suffix(count))
            var mended: [String] = []
            for (text, line) in group {
                let height = line.box.bottom - line.box.top
                let box = PixelBox(left: max(0, line.box.left - height), top: max(0, line.box.top - height / 4),
                                   right: min(image.width, line.box.right + height), bottom: min(image.height, line.box.bottom + height / 4))
                let glyphs = image.glyphs(in: box)
                guard glyphs.count == width, let line = laid(text, over: glyphs.map(isFillerShaped)) else { break }
                mended.append(line)
            }
            if mended.count == count, MRZ.parse(mended) != nil { return mended }
        }
        return nil
    }

    /// The characters of `text` laid over positions that are fillers (`true`) or not: an
    /// alignment in which a filler takes `<` (or a look-alike read for it), a character takes
    /// any other reading, and a character lost or gained costs more than a look-alike.
    /// `nil` when a non-filler position gets no character or the two disagree too often.
    static func laid(_ text: String, over fillers: [Bool]) -> String? {
        let read = Array(text)
        let n = read.count, m = fillers.count
        func cost(_ c: Character, _ filler: Bool) -> Double {
            switch (c == "<", filler) {
            case (true, true): 0
            case (false, false): 0
            case (false, true): lookalikes.contains(c) ? 0.3 : 1.6
            case (true, false): 1.6
            }
        }
        let skip = 1.0
        var table = [[Double]](repeating: [Double](repeating: .infinity, count: m + 1), count: n + 1)
        table[0][0] = 0
        for i in 0...n {
            for j in 0...m {
                let here = table[i][j]
                guard here.isFinite else { continue }
                if i < n, j < m { table[i + 1][j + 1] = min(table[i + 1][j + 1], here + cost(read[i], fillers[j])) }
                if i < n { table[i + 1][j] = min(table[i + 1][j], here + skip) }
                if j < m { table[i][j + 1] = min(table[i][j + 1], here + skip) }
            }
        }
        var i = n, j = m
        var out = [Character](repeating: "<", count: m)
        var conflicts = 0
        while i > 0 || j > 0 {
            if i > 0, j > 0, abs(table[i][j] - (table[i - 1][j - 1] + cost(read[i - 1], fillers[j - 1]))) < 1e-9 {
                let c = read[i - 1]
                // Only a look-alike read on a filler-shaped glyph becomes a filler: any other
                // reading (a Y or a 7, whose left edges are points too) is kept.
                if fillers[j - 1], c == "<" || lookalikes.contains(c) {
                    out[j - 1] = "<"
                } else {
                    if c == "<" || fillers[j - 1] { conflicts += 1 }
                    out[j - 1] = c
                }
                i -= 1; j -= 1
            } else if i > 0, abs(table[i][j] - (table[i - 1][j] + skip)) < 1e-9 {
                i -= 1
            } else {
                // A position no character of the reading took: a filler is a filler; a
                // character is unknown.
                if !fillers[j - 1] { return nil }
                j -= 1
            }
        }
        return conflicts <= 2 ? String(out) : nil
    }
}
