import CPoppler

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

/// The box of one character of a page's text, in points, top-left origin. Laid out as the C
/// interface's `dossier_pdf_box` (four doubles), so poppler's boxes are read in place.
struct GlyphBox: Equatable {
    var x1: Double
    var y1: Double
    var x2: Double
    var y2: Double
}

extension dossier_pdf_text {
    /// The text's UTF-8 bytes, in place.
    var utf8Bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: UnsafeRawPointer(utf8)?.assumingMemoryBound(to: UInt8.self), count: length)
    }

    /// The boxes, in place (dossier_pdf_box and GlyphBox are both four doubles in the same order).
    var glyphBoxes: UnsafeBufferPointer<GlyphBox> {
        UnsafeBufferPointer(start: UnsafeRawPointer(boxes)?.assumingMemoryBound(to: GlyphBox.self), count: box_count)
    }
}

/// The words of a page's text with their boxes.
///
/// The text comes spaced from the C interface: besides poppler's own spaces, a space is put back
/// wherever two neighbouring characters of a line sit apart (poppler glues table cells and
/// section numbers to the next word); see `dossier_pdf_space_glyphs`. Works on the UTF-8 bytes
/// directly, a byte at a time.
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

    /// `text` (one box per code point) spaced as page text is: the C interface's rule, for tests.
    static func spaced(_ text: String, boxes: [GlyphBox]) -> String {
        let scalars = text.unicodeScalars.map(\.value)
        precondition(scalars.count == boxes.count, "one box per code point")
        var result = dossier_pdf_text()
        scalars.withUnsafeBufferPointer { scalars in
            boxes.withUnsafeBytes { raw in
                dossier_pdf_space_glyphs(scalars.baseAddress, raw.baseAddress?.assumingMemoryBound(to: dossier_pdf_box.self),
                                         scalars.count, &result)
            }
        }
        defer { dossier_pdf_text_free(&result) }
        return String(decoding: result.utf8Bytes, as: UTF8.self)
    }

    /// Poppler's layout has one box per code point of the text; when it does not (a right-to-left
    /// page, whose text is poppler's own dump), the boxes cannot be trusted.
    private static func layoutMatches(_ utf8: UnsafeBufferPointer<UInt8>, _ boxes: UnsafeBufferPointer<GlyphBox>) -> Bool {
        var codePoints = 0
        for byte in utf8 where byte & 0xC0 != 0x80 { codePoints += 1 }
        return codePoints == boxes.count && !boxes.isEmpty
    }
}
