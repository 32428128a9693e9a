internal import Foundation

/// Compares person names across documents: the same name spelled the same way, a
/// transliteration variant (Mohammed / Mohamed / Muhammad, Yusuf / Youssef), or another name.
enum NameComparison {
    /// Lower case, accents dropped, only letters, words in order, single spaces; a name in
    /// another script than Latin is first written in Latin letters (ICU's transliteration).
    static func folded(_ name: String) -> String {
        folded(latin: hasOtherScript(name) ? transliterated(name, by: .toLatin) ?? name : name)
    }

    /// Whether `text` holds letters of a script other than Latin (Cyrillic, Greek, Arabic, Ethiopic…).
    static func hasOtherScript(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value >= 0x0370 && !(0x1E00...0x1EFF).contains($0.value) && $0.properties.isAlphabetic }
    }

    /// `name` through an ICU transform, `nil` when the transform is unknown or leaves letters
    /// of another script.
    static func transliterated(_ name: String, by transform: StringTransform) -> String? {
        guard let latin = name.applyingTransform(transform, reverse: false), !hasOtherScript(latin) else { return nil }
        return latin
    }

    /// Romanisations besides ICU's own that documents use for names in another script: the
    /// BGN/PCGN systems, close to what passports print (Yuriy, Shcherbyna, Dawit).
    static let romanisations: [StringTransform] = [
        .toLatin, StringTransform("Ukrainian-Latin/BGN"), StringTransform("Russian-Latin/BGN"),
        StringTransform("Amharic-Latin/BGN"), StringTransform("Persian-Latin/BGN"), StringTransform("Arabic-Latin/BGN"),
        StringTransform("Greek-Latin/UNGEGN"),
    ]

    /// `name` folded in each way it may be written in Latin letters: once for a Latin name.
    static func foldedSpellings(_ name: String) -> [String] {
        guard hasOtherScript(name) else { return [folded(latin: name)] }
        var spellings: [String] = []
        for transform in romanisations {
            guard let latin = transliterated(name, by: transform) else { continue }
            let spelling = folded(latin: latin)
            if !spelling.isEmpty, !spellings.contains(spelling) { spellings.append(spelling) }
        }
        return spellings.isEmpty ? [folded(latin: name)] : spellings
    }

    /// ``folded(_:)`` for a name already in Latin letters.
    private static func folded(latin name: String) -> String {
        // Letters that carry no combining mark to drop: the Turkish dotless i, the Polish ł, …
        let plain = String(name.replacingOccurrences(of: "<", with: " ")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .flatMap { Self.plainLetters[$0] ?? String($0) })
        let words: [String] = plain.split { !$0.isLetter }.map { String($0) }
        return words.joined(separator: " ")
    }

    static let plainLetters: [Character: String] = [
        "ı": "i", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d", "þ": "th",
        // What transliterations of Ethiopic and Arabic leave: the schwa, and the signs for ʿayn
        // and hamza, which passports do not write.
        "ǝ": "e", "ə": "e", "ʿ": "", "ʾ": "", "ʼ": "",
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
                // A glide before the first vowel is written y, j or i: Yuriy, Iurii, Jurij.
                if index == 0, letter == "y", word.dropFirst().first.map({ "aeiou".contains($0) }) == true { letter = "a" }
                if out.last == letter { continue }
                out.append(letter)
            }
            return String(out)
        }.joined(separator: " ")
    }

    enum Relation: Equatable { case same, variant, different }

    /// How two names relate. Names in different scripts are at most variants: each is tried in
    /// every romanisation (``foldedSpellings(_:)``), so Коваленко and KOVALENKO are one name.
    static func relation(_ a: String, _ b: String) -> Relation {
        if !hasOtherScript(a), !hasOtherScript(b) {
            let fa = folded(a), fb = folded(b)
            if fa == fb { return .same }
            return skeleton(fa) == skeleton(fb) ? .variant : .different
        }
        let spellingsA = foldedSpellings(a), spellingsB = foldedSpellings(b)
        if hasOtherScript(a) == hasOtherScript(b), spellingsA.contains(where: spellingsB.contains) { return .same }
        for spellingA in spellingsA {
            for spellingB in spellingsB where spellingA == spellingB || skeleton(spellingA) == skeleton(spellingB) {
                return .variant
            }
        }
        return .different
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
