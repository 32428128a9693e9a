internal import DossierCore
internal import Foundation

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
