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
        // A left edge that is only a point is a filler's whatever its height (a photo at an
        // angle shrinks one end of a line); a wider one only on a glyph shorter than letters.
        glyph.leftEdgeSpan < pointSpan || (glyph.leftEdgeSpan < fillerSpan && glyph.relativeHeight < fillerHeight)
    }

    /// Left-edge span of a glyph that touches its left side at one point only.
    static let pointSpan = 0.35

    /// Characters an engine reads where a filler stands.
    static let lookalikes: Set<Character> = ["K", "E", "S", "C", "L", "X"]

    /// The reading's zone lines mended from their glyphs, or `nil` when the lines do not
    /// have a zone's glyph counts.
    static func repaired(_ reading: OCRResult, image: LeptonicaImage) -> [String]? {
        let lines = reading.blocks.flatMap(\.lines).compactMap { line -> (String, OCRLine)? in
            let text = MRZRereader.compact(line.words.map(\.text).joined())
            return text.count >= 24 ? (text, line) : nil
        }
        for (count, width) in [(2, 44), (3, 30), (2, 36)] where lines.count >= count {
          for end in stride(from: lines.count, through: count, by: -1) {
            let group = Array(lines[(end - count)..<end])
            var mended: [String] = []
            for (text, line) in group {
                let height = line.box.bottom - line.box.top
                let box = PixelBox(left: max(0, line.box.left - height), top: max(0, line.box.top - height / 4),
                                   right: min(image.width, line.box.right + height), bottom: min(image.height, line.box.bottom + height / 4))
                let glyphs = image.glyphs(in: box)
                let characters = reading.characters.filter { character in
                    let middle = (character.box.top + character.box.bottom) / 2
                    return middle >= line.box.top && middle <= line.box.bottom
                }
                guard glyphs.count == width,
                      let line = characters.isEmpty ? laid(text, over: glyphs.map(isFillerShaped)) : placed(characters, on: glyphs)
                else { break }
                mended.append(line)
            }
            if mended.count == count, MRZ.parse(mended) != nil { return MRZ.typed(mended) }
          }
        }
        return nil
    }

    /// The engine's characters placed on the glyphs they overlap most: a filler-shaped glyph
    /// under a `<` or a look-alike (or under nothing) is a filler, otherwise it takes the most
    /// confident of its characters. `nil` when a letter-shaped glyph got no character, or
    /// when more than two got only a `<`.
    static func placed(_ characters: [OCRWord], on glyphs: [Glyph]) -> String? {
        var under = [[OCRWord]](repeating: [], count: glyphs.count)
        for character in characters {
            var best: (index: Int, overlap: Int)?
            for (index, glyph) in glyphs.enumerated() {
                let overlap = min(glyph.box.right, character.box.right) - max(glyph.box.left, character.box.left)
                if overlap > 0, overlap > (best?.overlap ?? 0) { best = (index, overlap) }
            }
            if let best { under[best.index].append(character) }
        }
        var out: [Character] = []
        var conflicts = 0
        for (glyph, read) in zip(glyphs, under) {
            let letters = read.filter { $0.text != "<" && $0.text.count == 1 }
            if isFillerShaped(glyph) {
                let believed = letters.filter { !lookalikes.contains(Character($0.text)) }.max { $0.confidence < $1.confidence }
                out.append(believed.map { Character($0.text) } ?? "<")
            } else if let best = letters.max(by: { $0.confidence < $1.confidence }) {
                out.append(Character(best.text))
            } else if read.contains(where: { $0.text == "<" }) {
                conflicts += 1
                out.append("<")
            } else {
                return nil
            }
        }
        return conflicts <= 2 ? String(out) : nil
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
            // T, 1, 7 and Y touch their left side at a point too: a reading of one of them
            // on a filler-shaped glyph is believed.
            case (false, true): lookalikes.contains(c) ? 0.3 : 0.2
            case (true, false): 1.6
            }
        }
        // A character the engine slipped in is most often a look-alike or a filler ("DER<K<BERG"
        // for DER<BERG); a glyph it skipped is most often a filler in a run.
        func skipRead(_ c: Character) -> Double { lookalikes.contains(c) ? 0.5 : c == "<" ? 0.7 : 1.0 }
        // Fillers stand in runs; a lone filler-shaped glyph is more likely a T, 1 or 7. So a
        // glyph skipped inside a run of three or more costs less than one on its own.
        var runs = [Int](repeating: 0, count: m)
        var runStart = 0
        for index in 0...m {
            if index == m || !fillers[index] {
                for k in runStart..<index { runs[k] = index - runStart }
                runStart = index + 1
            }
        }
        func skipGlyph(_ j: Int) -> Double { fillers[j] ? (runs[j] >= 3 ? 0.6 : 1.2) : 3.0 }
        var table = [[Double]](repeating: [Double](repeating: .infinity, count: m + 1), count: n + 1)
        table[0][0] = 0
        for i in 0...n {
            for j in 0...m {
                let here = table[i][j]
                guard here.isFinite else { continue }
                if i < n, j < m { table[i + 1][j + 1] = min(table[i + 1][j + 1], here + cost(read[i], fillers[j])) }
                if i < n { table[i + 1][j] = min(table[i + 1][j], here + skipRead(read[i])) }
                if j < m { table[i][j + 1] = min(table[i][j + 1], here + skipGlyph(j)) }
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
                    if c == "<" { conflicts += 1 }
                    out[j - 1] = c
                }
                i -= 1; j -= 1
            } else if i > 0, abs(table[i][j] - (table[i - 1][j] + skipRead(read[i - 1]))) < 1e-9 {
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
