internal import DossierCore
internal import Foundation

/// Where cited characters stand on the page: the boxes of the layout words that the character
/// span covers. The page text is made from the layout's words in reading order, so each word is
/// found in the text after the one before it.
struct WordBoxes {
    private var words: [(range: Range<Int>, box: PageBox)] = []

    init(page: PageTranscript) {
        guard let layout = page.layout else { return }
        let text = Array(page.text)
        var position = 0
        for block in layout.blocks {
            for line in block.lines {
                for word in line.words {
                    let characters = Array(word.text)
                    guard !characters.isEmpty, let start = Self.find(characters, in: text, from: position) else { continue }
                    words.append((start..<start + characters.count, word.box))
                    position = start + characters.count
                }
            }
        }
    }

    /// The boxes of the words that overlap characters `start..<end`.
    func boxes(start: Int, end: Int) -> [PageBox] {
        guard end > start else { return [] }
        return words.filter { $0.range.lowerBound < end && $0.range.upperBound > start }.map(\.box)
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

/// The words a search looks for, folded as the stores fold them (lower case, no diacritics),
/// to mark them on a page.
struct SearchWords {
    let words: [String]

    init(_ query: String) {
        words = query.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { Self.fold(String($0)) }.filter { !$0.isEmpty }
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }

    /// Whether `word` (as it stands on the page) is, or starts with, one of the searched words.
    func matches(_ word: String) -> Bool {
        let folded = Self.fold(word.trimmingCharacters(in: .punctuationCharacters))
        return !folded.isEmpty && words.contains { folded.hasPrefix($0) }
    }

    /// Character spans of the matching words in `text`.
    func spans(in text: String) -> [(start: Int, end: Int)] {
        var spans: [(Int, Int)] = []
        var start: Int?
        var current = ""
        for (offset, character) in text.enumerated() {
            if character.isLetter || character.isNumber {
                if start == nil { start = offset }
                current.append(character)
            } else if let begin = start {
                if matches(current) { spans.append((begin, offset)) }
                start = nil
                current = ""
            }
        }
        if let begin = start, matches(current) { spans.append((begin, text.count)) }
        return spans
    }
}
