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
/// gives one box per character of that text; where two neighbouring characters on the same line
/// sit further apart than a quarter of the glyph height, a space is put back.
enum TextLayoutSpacer {
    static func respace(_ text: String, boxes: [GlyphBox]) -> String {
        let characters = Array(text)
        // The layout counts characters the way poppler does; if it disagrees, keep the text as is.
        guard characters.count == boxes.count, !characters.isEmpty else { return text }
        var result = String()
        result.reserveCapacity(characters.count + characters.count / 8)
        for index in characters.indices {
            let character = characters[index]
            if index > 0 {
                let previous = characters[index - 1]
                if !previous.isWhitespace, !character.isWhitespace,
                   shouldSeparate(boxes[index - 1], boxes[index]) {
                    result.append(" ")
                }
            }
            result.append(character)
        }
        return result
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
