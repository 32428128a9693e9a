/// Folds the inflections of a Dutch or English word onto one stem, so that "aanvragen" and
/// "aanvraag", "documents" and "document" count as the same term when sentences are compared.
///
/// A light suffix stripper, not a full morphological analysis: plural and verb endings
/// (-en, -e, -s for Dutch; -s, -es, -ed, -ing for English), -heden/-ingen to their singulars,
/// a doubled final consonant undone ("bakken" → "bak"), and long vowels restored where
/// Dutch spelling drops a letter ("aanvragen" → "aanvraag"). Words of four letters or fewer
/// are left alone.
struct LightStemmer: Sendable {
    let english: Bool

    init(language: String) { english = language == "eng" }

    func stem(_ word: String) -> String {
        let letters = Array(word)
        guard letters.count > 4 else { return word }
        return String(english ? Self.englishStem(letters) : Self.dutchStem(letters))
    }

    static let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y", "è", "é", "ë", "ï", "ö", "ü"]

    static func hasVowel(_ letters: ArraySlice<Character>) -> Bool { letters.contains { vowels.contains($0) } }

    static func ends(_ letters: [Character], _ suffix: String) -> Bool {
        letters.count > suffix.count && letters.suffix(suffix.count).elementsEqual(suffix)
    }

    static func undoubled(_ letters: [Character]) -> [Character] {
        guard letters.count > 3, let last = letters.last, letters[letters.count - 2] == last, !vowels.contains(last) else { return letters }
        return Array(letters.dropLast())
    }

    static func dutchStem(_ letters: [Character]) -> [Character] {
        if ends(letters, "heden") { return Array(letters.dropLast(5)) + Array("heid") }
        if ends(letters, "ingen") { return Array(letters.dropLast(2)) }
        var stem = letters
        var stripped = false
        if ends(stem, "en"), stem.count >= 5, !vowels.contains(stem[stem.count - 3]) {
            stem.removeLast(2)
            stripped = true
        } else if ends(stem, "s"), !ends(stem, "ss"), stem.count > 5, !vowels.contains(stem[stem.count - 2]), stem[stem.count - 2] != "j" {
            stem.removeLast()
        } else if ends(stem, "e"), stem.count >= 5, !vowels.contains(stem[stem.count - 2]) {
            stem.removeLast()
            stripped = true
        }
        guard stripped else { return stem }
        let undone = undoubled(stem)
        if undone.count < stem.count { return undone }
        // An open syllable wrote one vowel for a long one: "aanvrag" → "aanvraag".
        let n = stem.count
        if n >= 3, !vowels.contains(stem[n - 1]), ["a", "o", "u", "e"].contains(stem[n - 2]), !vowels.contains(stem[n - 3]) {
            stem.insert(stem[n - 2], at: n - 2)
        }
        // A final v or z is spelt f or s at the end of a stem: "bedrijv" → "bedrijf", "geev" → "geef".
        if let last = stem.last, last == "v" || last == "z" {
            stem[stem.count - 1] = last == "v" ? "f" : "s"
        }
        return stem
    }

    static func englishStem(_ letters: [Character]) -> [Character] {
        var stem = letters
        if ends(stem, "sses") { stem.removeLast(2) }
        else if ends(stem, "ies") { stem.removeLast(2) }
        else if ends(stem, "s"), !ends(stem, "ss"), !ends(stem, "us"), !ends(stem, "is") { stem.removeLast() }
        if ends(stem, "eed") { return Array(stem.dropLast()) }
        for suffix in ["ing", "ed"] where ends(stem, suffix) && hasVowel(stem.dropLast(suffix.count)) {
            stem.removeLast(suffix.count)
            let undone = undoubled(stem)
            if undone.count < stem.count, let last = undone.last, !["l", "s", "z"].contains(last) { return undone }
            return stem
        }
        return stem
    }
}
