/// Where cited characters stand on the page: the boxes of the layout words that the character
/// span covers. The page text is made from the layout's words in reading order, so each word is
/// found in the text after the one before it.
public struct WordBoxes: Sendable {
    private var words: [(range: Range<Int>, box: PageBox)] = []

    /// Locates the words of `page`'s layout in its text (none when it has no layout).
    public init(page: PageTranscript) {
        guard let layout = page.layout else { return }
        let text = Array(page.text)
        var position = 0
        for block in layout.blocks {
            for line in block.lines {
                for word in line.words {
                    // A word the OCR reported as blank is not in the text: looking for it would
                    // jump to the next space and lose every word before that.
                    let characters = Array(word.text.trimmingCharacters(in: .whitespacesAndNewlines))
                    guard !characters.isEmpty, let start = Self.find(characters, in: text, from: position) else { continue }
                    words.append((start..<start + characters.count, word.box))
                    position = start + characters.count
                }
            }
        }
    }

    /// The boxes of the words that overlap characters `start..<end`.
    public func boxes(start: Int, end: Int) -> [PageBox] {
        guard end > start else { return [] }
        return words.filter { $0.range.lowerBound < end && $0.range.upperBound > start }.map(\.box)
    }

    /// Whether every character of `start..<end` that is not a space lies in a located word, so
    /// that the boxes of `boxes(start:end:)` cover the whole span on the page.
    public func covers(start: Int, end: Int, in text: String) -> Bool {
        let characters = Array(text)
        guard start >= 0, end <= characters.count, start < end else { return false }
        return (start..<end).allSatisfy { index in
            characters[index].isWhitespace || words.contains { $0.range.contains(index) }
        }
    }

    /// The first place at or after `from` where `needle` stands in `text` (looking a little way ahead only).
    private static func find(_ needle: [Character], in text: [Character], from: Int) -> Int? {
        let last = min(text.count - needle.count, from + 400)
        guard from <= last else { return nil }
        for start in from...last where text[start] == needle[0] {
            if Array(text[start..<start + needle.count]) == needle { return start }
        }
        return nil
    }
}
