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
/// `poppler_page_get_text` glues table cells and section numbers to the next word. Its layout
/// gives one box per Unicode code point of that text; where two neighbouring characters on the
/// same line sit further apart than a quarter of the glyph height, a space is put back.
/// Works on the UTF-8 bytes directly: this runs on every page of every PDF.
enum TextLayoutSpacer {
    /// Words of the page text with their boxes, line by line, split where the text has
    /// whitespace and where ``respace(utf8:boxes:)`` would put a space back.
    static func words(utf8: UnsafeBufferPointer<UInt8>, boxes: UnsafeBufferPointer<GlyphBox>) -> [[PDFWord]] {
        guard layoutMatches(utf8, boxes) else { return [] }
        var lines: [[PDFWord]] = [[]]
        var current: [UInt8] = []
        var box: GlyphBox?
        func finishWord() {
            if let finished = box, !current.isEmpty {
                lines[lines.count - 1].append(PDFWord(
                    text: String(decoding: current, as: UTF8.self),
                    x1: finished.x1, y1: finished.y1, x2: finished.x2, y2: finished.y2
                ))
            }
            current.removeAll(keepingCapacity: true)
            box = nil
        }
        var index = -1
        var offset = 0
        while offset < utf8.count {
            let lead = utf8[offset]
            let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            let end = min(utf8.count, offset + length)
            index += 1
            defer { offset = end }
            if lead == 0x0A || lead == 0x0C {
                finishWord()
                if !(lines.last?.isEmpty ?? true) { lines.append([]) }
                continue
            }
            if lead == 0x20 || lead == 0x09 || lead == 0x0D {
                finishWord()
                continue
            }
            if box != nil, index > 0, shouldSeparate(boxes[index - 1], boxes[index]) {
                finishWord()
            }
            current.append(contentsOf: utf8[offset..<end])
            let glyph = boxes[index]
            if let open = box {
                box = GlyphBox(x1: min(open.x1, glyph.x1), y1: min(open.y1, glyph.y1),
                               x2: max(open.x2, glyph.x2), y2: max(open.y2, glyph.y2))
            } else {
                box = glyph
            }
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

        var output: [UInt8] = []
        output.reserveCapacity(utf8.count + utf8.count / 16)
        var index = -1            // code point index of the current byte's code point
        var previousIsSpace = true
        var offset = 0
        while offset < utf8.count {
            let lead = utf8[offset]
            let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            let end = min(utf8.count, offset + length)
            index += 1
            let isSpace = lead == 0x20 || lead == 0x0A || lead == 0x09 || lead == 0x0D || lead == 0x0C
            if index > 0, !previousIsSpace, !isSpace, shouldSeparate(boxes[index - 1], boxes[index]) {
                output.append(0x20)
            }
            output.append(contentsOf: utf8[offset..<end])
            previousIsSpace = isSpace
            offset = end
        }
        return String(decoding: output, as: UTF8.self)
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
