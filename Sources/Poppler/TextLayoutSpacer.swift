/// A word of a PDF page's text layer and its box in points, top-left origin.
public struct PDFWord: Sendable, Equatable {
    public let text: String
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

/// Restores the spaces poppler leaves out between words on one line.
///
/// Poppler's text glues table cells and section numbers to the next word. Its layout gives one
/// box per Unicode code point of that text; where two neighbouring characters on the same line
/// sit further apart than a quarter of the glyph height, a space is put back.
/// Works on the UTF-8 bytes directly, a byte at a time: this runs on every page of every PDF.
enum TextLayoutSpacer {
    /// Words of the page text with their boxes, line by line, split where the text has
    /// whitespace and where ``respace(utf8:boxes:)`` would put a space back.
    static func words(utf8: UnsafeBufferPointer<UInt8>, boxes: UnsafeBufferPointer<GlyphBox>) -> [[PDFWord]] {
        guard layoutMatches(utf8, boxes) else { return [] }
        var lines: [[PDFWord]] = [[]]
        var wordStart = 0, wordEnd = 0
        var box: GlyphBox?
        func finishWord() {
            if let finished = box, wordEnd > wordStart {
                lines[lines.count - 1].append(PDFWord(
                    text: String(decoding: UnsafeBufferPointer(rebasing: utf8[wordStart..<wordEnd]), as: UTF8.self),
                    x1: finished.x1, y1: finished.y1, x2: finished.x2, y2: finished.y2
                ))
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
            if box != nil, index > 0, shouldSeparate(boxes[index - 1], boxes[index]) {
                finishWord()
            }
            let glyph = boxes[index]
            if let open = box {
                box = GlyphBox(x1: min(open.x1, glyph.x1), y1: min(open.y1, glyph.y1),
                               x2: max(open.x2, glyph.x2), y2: max(open.y2, glyph.y2))
            } else {
                box = glyph
                wordStart = offset
            }
            wordEnd = offset + 1
        }
        finishWord()
        return lines.filter { !$0.isEmpty }
    }

    static func respace(_ text: String, boxes: [GlyphBox]) -> String {
        var text = text
        return text.withUTF8 { utf8 in boxes.withUnsafeBufferPointer { respace(utf8: utf8, boxes: $0) } }
    }

    static func respace(utf8: UnsafeBufferPointer<UInt8>, boxes: UnsafeBufferPointer<GlyphBox>) -> String {
        // The layout counts code points; if it disagrees with the text, keep the text as is.
        guard layoutMatches(utf8, boxes) else { return String(decoding: utf8, as: UTF8.self) }
        // At most one space goes back before each code point.
        return String(unsafeUninitializedCapacity: utf8.count + boxes.count) { output in
            var written = 0
            var index = -1            // code point index of the current byte's code point
            var previousIsSpace = true
            for byte in utf8 {
                if byte & 0xC0 != 0x80 {
                    index += 1
                    let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
                    if index > 0, !previousIsSpace, !isSpace, shouldSeparate(boxes[index - 1], boxes[index]) {
                        output[written] = 0x20
                        written += 1
                    }
                    previousIsSpace = isSpace
                }
                output[written] = byte
                written += 1
            }
            return written
        }
    }

    /// Poppler's layout has one box per code point of the text; when it does not, the boxes
    /// cannot be trusted.
    private static func layoutMatches(_ utf8: UnsafeBufferPointer<UInt8>, _ boxes: UnsafeBufferPointer<GlyphBox>) -> Bool {
        var codePoints = 0
        for byte in utf8 where byte & 0xC0 != 0x80 { codePoints += 1 }
        return codePoints == boxes.count && !boxes.isEmpty
    }

    private static func shouldSeparate(_ left: GlyphBox, _ right: GlyphBox) -> Bool {
        let height = max(left.y2 - left.y1, right.y2 - right.y1)
        guard height > 0 else { return false }
        let leftMid = (left.y1 + left.y2) / 2, rightMid = (right.y1 + right.y2) / 2
        guard abs(leftMid - rightMid) < height * 0.5 else { return false }
        let gap = right.x1 - left.x2
        return gap > height * 0.25
    }
}
