internal import Foundation

/// A user's search words as a full-text query: every word must occur (in any order), a
/// "quoted phrase" as written, a word ending in `*` as a prefix. Letters with diacritics match
/// without them and the other way round (the index folds both).
public enum SearchQuery {
    /// The FTS5 MATCH expression, or `nil` when the query has no word to look for.
    public static func ftsMatch(_ query: String) -> String? {
        var terms: [String] = []
        var phrase: [String]? = nil
        for piece in tokens(query) {
            switch piece {
            case .quote:
                if let words = phrase {
                    if !words.isEmpty { terms.append("\"" + words.joined(separator: " ") + "\"") }
                    phrase = nil
                } else {
                    phrase = []
                }
            case .word(let word, let prefix):
                if phrase != nil {
                    phrase?.append(word)
                } else {
                    terms.append("\"" + word + "\"" + (prefix ? "*" : ""))
                }
            }
        }
        if let words = phrase, !words.isEmpty { terms.append("\"" + words.joined(separator: " ") + "\"") }
        return terms.isEmpty ? nil : terms.joined(separator: " AND ")
    }

    /// The same query as a PostgreSQL `to_tsquery('simple', …)` text over folded words (lower
    /// case, diacritics removed, as the index holds them), or `nil` without a word.
    public static func tsQuery(_ query: String) -> String? {
        var terms: [String] = []
        var phrase: [String]? = nil
        func folded(_ word: String) -> String {
            "'" + word.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil) + "'"
        }
        for piece in tokens(query) {
            switch piece {
            case .quote:
                if let words = phrase {
                    if !words.isEmpty { terms.append("(" + words.map(folded).joined(separator: " <-> ") + ")") }
                    phrase = nil
                } else {
                    phrase = []
                }
            case .word(let word, let prefix):
                if phrase != nil {
                    phrase?.append(word)
                } else {
                    terms.append(folded(word) + (prefix ? ":*" : ""))
                }
            }
        }
        if let words = phrase, !words.isEmpty { terms.append("(" + words.map(folded).joined(separator: " <-> ") + ")") }
        return terms.isEmpty ? nil : terms.joined(separator: " & ")
    }

    enum Token: Equatable {
        case quote
        case word(String, prefix: Bool)
    }

    /// Words of letters and digits (anything else separates them), and quote marks.
    static func tokens(_ query: String) -> [Token] {
        var tokens: [Token] = []
        var word = ""
        func flush(prefix: Bool) {
            if !word.isEmpty { tokens.append(.word(word, prefix: prefix)) }
            word = ""
        }
        for character in query {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else if character == "*" {
                flush(prefix: true)
            } else if character == "\"" {
                flush(prefix: false)
                tokens.append(.quote)
            } else {
                flush(prefix: false)
            }
        }
        flush(prefix: false)
        return tokens
    }
}
