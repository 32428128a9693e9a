/// The words of a page's layout located in its text: which characters of the page text each
/// laid-out word covers, so a character span can be turned into boxes on the page.
public struct WordBoxes: Sendable {
    private struct Located: Sendable {
        let range: Range<Int>
        let box: PageBox
        /// One box per character of the range, when the layout placed each character.
        let characters: [PageBox]?
    }

    private var words: [Located] = []

    /// Words at least this long that are not found where the reading order puts them are
    /// looked for anywhere on the page: a zone line read again and added after the rest of the
    /// text. Shorter words ("de", "13") would too easily be found in the wrong place.
    static let searchedAnywhere = 8

    /// Locates the words of `page`'s layout in its text (none when it has no layout).
    public init(page: PageTranscript) {
        guard let layout = page.layout else { return }
        let text = Array(page.text)
        var position = 0
        var missed: [(characters: [Character], word: LaidOutWord)] = []
        for block in layout.blocks {
            for line in block.lines {
                for word in line.words {
                    // A word the OCR reported as blank is not in the text: looking for it would
                    // jump to the next space and lose every word before that.
                    let characters = Array(word.text.trimmingCharacters(in: .whitespacesAndNewlines))
                    guard !characters.isEmpty else { continue }
                    guard let start = Self.find(characters, in: text, from: position, within: 400) else {
                        if characters.count >= Self.searchedAnywhere { missed.append((characters, word)) }
                        continue
                    }
                    words.append(Self.located(word, characters: characters, at: start))
                    position = start + characters.count
                }
            }
        }
        for (characters, word) in missed {
            var from = 0
            while let start = Self.find(characters, in: text, from: from, within: text.count) {
                let range = start..<start + characters.count
                if !words.contains(where: { $0.range.overlaps(range) }) {
                    words.append(Self.located(word, characters: characters, at: start))
                    break
                }
                from = start + 1
            }
        }
    }

    private static func located(_ word: LaidOutWord, characters: [Character], at start: Int) -> Located {
        // The character boxes count the word's characters as laid out; trimmed spaces shift them.
        let leading = Array(word.text).prefix { $0.isWhitespace || $0.isNewline }.count
        var boxes: [PageBox]?
        if let all = word.characters, all.count >= leading + characters.count {
            boxes = Array(all[leading..<leading + characters.count])
        }
        return Located(range: start..<start + characters.count, box: word.box, characters: boxes)
    }

    /// The boxes of the words that overlap characters `start..<end`. A word the span covers only
    /// in part gives the boxes of the covered characters when the layout placed them one by one
    /// (a zone line), else its whole box.
    public func boxes(start: Int, end: Int) -> [PageBox] {
        guard end > start else { return [] }
        var boxes: [PageBox] = []
        for word in words where word.range.lowerBound < end && word.range.upperBound > start {
            let from = max(start, word.range.lowerBound), to = min(end, word.range.upperBound)
            guard let characters = word.characters, from > word.range.lowerBound || to < word.range.upperBound else {
                boxes.append(word.box)
                continue
            }
            let covered = characters[(from - word.range.lowerBound)..<(to - word.range.lowerBound)]
            boxes.append(PageBox.enclosing(Array(covered)))
        }
        return boxes
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

    /// The first place at or after `from` where `needle` stands in `text`, looking at most
    /// `within` characters ahead.
    private static func find(_ needle: [Character], in text: [Character], from: Int, within: Int) -> Int? {
        let last = min(text.count - needle.count, from + within)
        guard from <= last else { return nil }
        for start in from...last where text[start] == needle[0] {
            if Array(text[start..<start + needle.count]) == needle { return start }
        }
        return nil
    }
}

extension PageBox {
    /// The smallest box holding every one of `boxes` (a zero box for none).
    public static func enclosing(_ boxes: [PageBox]) -> PageBox {
        guard let first = boxes.first else { return PageBox(x: 0, y: 0, width: 0, height: 0) }
        var left = first.x, top = first.y, right = first.x + first.width, bottom = first.y + first.height
        for box in boxes.dropFirst() {
            left = min(left, box.x)
            top = min(top, box.y)
            right = max(right, box.x + box.width)
            bottom = max(bottom, box.y + box.height)
        }
        return PageBox(x: left, y: top, width: right - left, height: bottom - top)
    }
}
