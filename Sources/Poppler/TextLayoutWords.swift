/// A word of a PDF page's text layer and its box in points, top-left origin.
public struct PDFWord: Sendable, Equatable {
    public let text: String
    public let x1: Double
    public let y1: Double
    public let x2: Double
    public let y2: Double
    /// One box per character, kept only for words shaped like a line of a machine-readable
    /// zone (see ``TextLayoutWords/keepsCharacters(_:)``): a value inside such a line may have
    /// to be covered on its own.
    public var characters: [PDFCharacterBox]? = nil
}

/// Where one character of a word stands, in points, top-left origin.
public struct PDFCharacterBox: Sendable, Equatable {
    public let x1: Double
    public let y1: Double
    public let x2: Double
    public let y2: Double
}

/// The box of one character of a page's text, in points, top-left origin. Laid out as
/// poppler-glib's `PopplerRectangle` (four doubles), so poppler's boxes are read in place.
struct GlyphBox: Equatable {
    var x1: Double
    var y1: Double
    var x2: Double
    var y2: Double
}

/// A page's text as poppler gives it, with the spaces poppler leaves out between words on one
/// line put back (it glues table cells and section numbers to the next word): where two
/// neighbouring characters of a line sit further apart than a quarter of the glyph height, a
/// space goes between them. One box per code point; a space or line end has the box of the
/// character before it. Works on the UTF-8 bytes directly: this runs on every page of every PDF.
struct SpacedText {
    private(set) var utf8: [UInt8] = []
    private(set) var boxes: [GlyphBox] = []

    /// `nil` when `boxes` is not one box per code point of `utf8` (poppler's layout of a
    /// right-to-left page does not follow its text).
    init?(utf8 text: UnsafeBufferPointer<UInt8>, boxes layout: UnsafeBufferPointer<GlyphBox>) {
        var codePoints = 0
        for byte in text where byte & 0xC0 != 0x80 { codePoints += 1 }
        guard codePoints == layout.count, !layout.isEmpty else { return nil }
        utf8.reserveCapacity(text.count + text.count / 8)
        boxes.reserveCapacity(layout.count + layout.count / 8)
        var previous = GlyphBox(x1: 0, y1: 0, x2: 0, y2: 0)
        var previousIsSpace = true
        var index = -1
        for byte in text {
            guard byte & 0xC0 != 0x80 else {
                utf8.append(byte)
                continue
            }
            index += 1
            let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
            if isSpace {
                utf8.append(byte)
                boxes.append(previous)
                previousIsSpace = true
                continue
            }
            let box = layout[index]
            if !previousIsSpace, Self.apart(previous, box) {
                utf8.append(0x20)
                boxes.append(previous)
            }
            utf8.append(byte)
            boxes.append(box)
            previous = box
            previousIsSpace = false
        }
    }

    /// Two neighbouring glyphs on one line (vertical centres less than half the taller glyph
    /// apart) further apart than a quarter of that height.
    static func apart(_ left: GlyphBox, _ right: GlyphBox) -> Bool {
        let height = max(left.y2 - left.y1, right.y2 - right.y1)
        guard height > 0 else { return false }
        guard abs((left.y1 + left.y2) / 2 - (right.y1 + right.y2) / 2) < height * 0.5 else { return false }
        return right.x1 - left.x2 > height * 0.25
    }
}

/// The words of a page's text with their boxes.
///
/// The text comes spaced (``SpacedText``): besides poppler's own spaces, a space is put back
/// wherever two neighbouring characters of a line sit apart. Works on the UTF-8 bytes directly,
/// a byte at a time.
enum TextLayoutWords {
    /// Words of the page text with their boxes, line by line, split where the text has whitespace.
    static func words(utf8: UnsafeBufferPointer<UInt8>, boxes: UnsafeBufferPointer<GlyphBox>) -> [[PDFWord]] {
        guard layoutMatches(utf8, boxes) else { return [] }
        var lines: [[PDFWord]] = [[]]
        var wordStart = 0, wordEnd = 0
        var firstGlyph = 0
        var box: GlyphBox?
        func finishWord() {
            if let finished = box, wordEnd > wordStart {
                let bytes = UnsafeBufferPointer(rebasing: utf8[wordStart..<wordEnd])
                var word = PDFWord(text: String(decoding: bytes, as: UTF8.self), x1: finished.x1, y1: finished.y1, x2: finished.x2, y2: finished.y2)
                if keepsCharacters(bytes) {
                    // ASCII only: one code point, one box, one character.
                    word.characters = boxes[firstGlyph..<firstGlyph + bytes.count].map {
                        PDFCharacterBox(x1: $0.x1, y1: $0.y1, x2: $0.x2, y2: $0.y2)
                    }
                }
                lines[lines.count - 1].append(word)
            }
            box = nil
        }
        var index = -1
        for offset in 0..<utf8.count {
            let byte = utf8[offset]
            guard byte & 0xC0 != 0x80 else {
                // A continuation byte belongs to the code point (and word) before it.
                if box != nil { wordEnd = offset + 1 }
                continue
            }
            index += 1
            if byte == 0x0A || byte == 0x0C {
                finishWord()
                if !(lines.last?.isEmpty ?? true) { lines.append([]) }
                continue
            }
            if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                finishWord()
                continue
            }
            let glyph = boxes[index]
            if let open = box {
                box = GlyphBox(x1: min(open.x1, glyph.x1), y1: min(open.y1, glyph.y1),
                               x2: max(open.x2, glyph.x2), y2: max(open.y2, glyph.y2))
            } else {
                box = glyph
                wordStart = offset
                firstGlyph = index
            }
            wordEnd = offset + 1
        }
        finishWord()
        return lines.filter { !$0.isEmpty }
    }

    /// Whether a word's characters are kept one by one: 20 to 50 ASCII capitals, digits and `<`,
    /// with a `<<` among them (a zone line, or a long piece of one).
    static func keepsCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard (20...50).contains(bytes.count) else { return false }
        var fillers = false
        var previous: UInt8 = 0
        for byte in bytes {
            guard (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || byte == 0x3C else { return false }
            if byte == 0x3C, previous == 0x3C { fillers = true }
            previous = byte
        }
        return fillers
    }

    /// `text` (one box per code point) spaced as page text is, for tests.
    static func spaced(_ text: String, boxes: [GlyphBox]) -> String {
        let utf8 = Array(text.utf8)
        return utf8.withUnsafeBufferPointer { utf8 in
            boxes.withUnsafeBufferPointer { boxes in
                SpacedText(utf8: utf8, boxes: boxes).map { String(decoding: $0.utf8, as: UTF8.self) } ?? text
            }
        }
    }

    /// Poppler's layout has one box per code point of the text; when it does not (a right-to-left
    /// page, whose text is poppler's own dump), the boxes cannot be trusted.
    private static func layoutMatches(_ utf8: UnsafeBufferPointer<UInt8>, _ boxes: UnsafeBufferPointer<GlyphBox>) -> Bool {
        var codePoints = 0
        for byte in utf8 where byte & 0xC0 != 0x80 { codePoints += 1 }
        return codePoints == boxes.count && !boxes.isEmpty
    }
}
