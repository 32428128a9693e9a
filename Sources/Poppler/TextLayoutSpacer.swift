/// The box of one character of a page's text, in points, top-left origin.
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
    static func respace(_ text: String, boxes: [GlyphBox]) -> String {
        var text = text
        return text.withUTF8 { respace(utf8: $0, boxes: boxes) }
    }

    static func respace(utf8: UnsafeBufferPointer<UInt8>, boxes: [GlyphBox]) -> String {
        // The layout counts code points; if it disagrees with the text, keep the text as is.
        var codePoints = 0
        for byte in utf8 where byte & 0xC0 != 0x80 { codePoints += 1 }
        guard codePoints == boxes.count, !boxes.isEmpty else { return String(decoding: utf8, as: UTF8.self) }

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

    private static func shouldSeparate(_ left: GlyphBox, _ right: GlyphBox) -> Bool {
        let height = max(left.y2 - left.y1, right.y2 - right.y1)
        guard height > 0 else { return false }
        let leftMid = (left.y1 + left.y2) / 2, rightMid = (right.y1 + right.y2) / 2
        guard abs(leftMid - rightMid) < height * 0.5 else { return false }
        let gap = right.x1 - left.x2
        return gap > height * 0.25
    }
}
