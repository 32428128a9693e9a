internal import Language

/// Which writing scripts a set of tesseract languages reads, in the names tesseract's
/// orientation and script detection reports (`Latin`, `Greek`, `Cyrillic`, `Arabic`…).
enum ScriptCoverage {
    /// Script of each tesseract language code that is not written in Latin script.
    private static let nonLatin: [String: String] = [
        "ara": "Arabic", "fas": "Arabic", "urd": "Arabic", "pus": "Arabic", "uig": "Arabic", "snd": "Arabic",
        "kur_ara": "Arabic",
        "rus": "Cyrillic", "ukr": "Cyrillic", "bul": "Cyrillic", "srp": "Cyrillic", "bel": "Cyrillic",
        "mkd": "Cyrillic", "kaz": "Cyrillic", "kir": "Cyrillic", "tgk": "Cyrillic", "mon": "Cyrillic",
        "ell": "Greek", "grc": "Greek",
        "heb": "Hebrew", "yid": "Hebrew",
        "chi_sim": "Han", "chi_tra": "Han", "jpn": "Japanese", "kor": "Hangul",
        "hin": "Devanagari", "mar": "Devanagari", "nep": "Devanagari", "san": "Devanagari",
        "ben": "Bengali", "asm": "Bengali", "tam": "Tamil", "tel": "Telugu", "kan": "Kannada",
        "mal": "Malayalam", "guj": "Gujarati", "pan": "Gurmukhi", "ori": "Oriya", "sin": "Sinhala",
        "tha": "Thai", "lao": "Lao", "khm": "Khmer", "mya": "Myanmar",
        "amh": "Ethiopic", "tir": "Ethiopic", "hye": "Armenian", "kat": "Georgian", "kat_old": "Georgian",
        "div": "Thaana", "syr": "Syriac", "bod": "Tibetan", "dzo": "Tibetan", "chr": "Cherokee",
    ]

    /// The scripts `languages` (tesseract codes joined by `+`) can read.
    static func scripts(of languages: String) -> Set<String> {
        var scripts = Set<String>()
        for code in languages.split(separator: "+").map(String.init) where code != "osd" {
            let script = nonLatin[code] ?? "Latin"
            scripts.insert(script)
            // Tesseract's Japanese data reads Han and kana; Han pages are fine with it.
            if script == "Japanese" { scripts.insert("Han") }
        }
        return scripts
    }

    /// The language `text` is clearly written in when it is not one of `languages` (tesseract
    /// codes joined by `+`) but shares their script, e.g. a French letter read as `nld+eng`.
    /// `nil` when the text is in a selected language, is too short to tell, or when a selected
    /// language has no profile to compare with (then nothing can be said).
    static func unselectedLanguage(of text: String, languages: String) -> String? {
        let identifier = LanguageIdentifier.bundled
        let selected = Set(languages.split(separator: "+").map(String.init)).subtracting(["osd"])
        guard !selected.isEmpty, selected.isSubset(of: identifier.languages),
              let guess = identifier.identify(text),
              guess.trigrams >= minimumTrigramsForLanguageFlag, guess.confidence >= minimumConfidenceForLanguageFlag,
              !selected.contains(guess.code) else { return nil }
        return guess.code
    }

    /// A few lines of text: below this a page says too little to flag its language.
    static let minimumTrigramsForLanguageFlag = 60
    static let minimumConfidenceForLanguageFlag = 0.95
}
