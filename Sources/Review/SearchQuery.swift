internal import Foundation

/// A user's search words as a full-text query: every word must occur (in any order), a
/// "quoted phrase" as written, a word ending in `*` as a prefix. Letters with diacritics match
/// without them and the other way round (the index folds both).
public enum SearchQuery {
    /// The FTS5 MATCH expression, or `nil` when the query has no word to look for.
    public static func ftsMatch(_ query: String) -> String? {
        let parts = terms(query).map { term -> String in
            switch term {
            case .word(let word, let prefix): "\"" + word + "\"" + (prefix ? "*" : "")
            case .phrase(let words): "\"" + words.joined(separator: " ") + "\""
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " AND ")
    }

    /// The same query as a PostgreSQL `to_tsquery('simple', …)` text over folded words (lower
    /// case, diacritics removed, as the index holds them), or `nil` without a word.
    public static func tsQuery(_ query: String) -> String? {
        func folded(_ word: String) -> String {
            "'" + word.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil) + "'"
        }
        let parts = terms(query).map { term -> String in
            switch term {
            case .word(let word, let prefix): folded(word) + (prefix ? ":*" : "")
            case .phrase(let words): "(" + words.map(folded).joined(separator: " <-> ") + ")"
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " & ")
    }

    /// What must occur: single words (maybe prefixes) and quoted phrases.
    enum Term: Equatable {
        case word(String, prefix: Bool)
        case phrase([String])
    }

    /// The query's terms; an unclosed quote closes at the end, an empty phrase is dropped.
    static func terms(_ query: String) -> [Term] {
        var terms: [Term] = []
        var phrase: [String]? = nil
        for piece in tokens(query) {
            switch piece {
            case .quote:
                if let words = phrase, !words.isEmpty { terms.append(.phrase(words)) }
                phrase = phrase == nil ? [] : nil
            case .word(let word, let prefix):
                if phrase != nil { phrase?.append(word) } else { terms.append(.word(word, prefix: prefix)) }
            }
        }
        if let words = phrase, !words.isEmpty { terms.append(.phrase(words)) }
        return terms
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
