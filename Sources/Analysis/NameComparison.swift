internal import Foundation

/// Compares person names across documents: the same name spelled the same way, a
/// transliteration variant (Mohammed / Mohamed / Muhammad, Yusuf / Youssef), or another name.
enum NameComparison {
    /// Lower case, accents dropped, only letters, words in order, single spaces.
    static func folded(_ name: String) -> String {
        // Letters that carry no combining mark to drop: the Turkish dotless i, the Polish ł, …
        let plain = String(name.replacingOccurrences(of: "<", with: " ")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .flatMap { Self.plainLetters[$0] ?? String($0) })
        let words: [String] = plain.split { !$0.isLetter }.map { String($0) }
        return words.joined(separator: " ")
    }

    static let plainLetters: [Character: String] = [
        "ı": "i", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d", "þ": "th",
    ]

    /// The consonant skeleton of each word: vowels (and y, w, h after the first letter) out,
    /// look-alike consonants merged, doubled letters once. Transliterations of one name share it.
    static func skeleton(_ name: String) -> String {
        folded(name).split(separator: " ").map { String($0) }.map { word -> String in
            var out: [Character] = []
            for (index, character) in word.enumerated() {
                var letter = character
                switch letter {
                case "q", "c": letter = "k"
                case "z": letter = "s"
                case "v": letter = "f"
                case "j": letter = "y"
                default: break
                }
                if index > 0, "aeiouyhw".contains(letter) { continue }
                if index == 0, "aeiou".contains(letter) { letter = "a" }
                if out.last == letter { continue }
                out.append(letter)
            }
            return String(out)
        }.joined(separator: " ")
    }

    enum Relation: Equatable { case same, variant, different }

    static func relation(_ a: String, _ b: String) -> Relation {
        let fa = folded(a), fb = folded(b)
        if fa == fb { return .same }
        return skeleton(fa) == skeleton(fb) ? .variant : .different
    }

    /// Whether `name`'s words all occur in `text` (folded), as when a marriage certificate
    /// names the person.
    static func isNamed(_ name: String, in text: String) -> Bool {
        let words: [String] = folded(name).split(separator: " ").map { String($0) }.filter { $0.count >= 2 }
        guard !words.isEmpty else { return false }
        let haystack = " " + folded(text) + " "
        return words.allSatisfy { word in haystack.range(of: " " + word + " ") != nil }
    }
}
