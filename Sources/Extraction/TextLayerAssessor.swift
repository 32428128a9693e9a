internal import DossierCore
internal import DossierModels

/// How a PDF page's text layer reads, judged without a reference text.
struct TextLayerAssessment: Equatable {
    /// 0–1: 1 reads like real text.
    let score: Double
    /// Letters in the layer.
    let letters: Int
    /// Letters and digits in the layer.
    let characters: Int
}

/// Judges a text layer by its characters and words: real text has few odd characters, its
/// words look like words (vowels, no long consonant runs) and many of them are common words
/// of the expected languages. A broken font encoding gives letters that spell nothing.
struct TextLayerAssessor: Sendable {
    /// Layers scoring below this are treated as junk and the page is OCR'd.
    static let minimumScore = 0.5
    /// Layers with fewer letters than this are too short to judge and are used as they are
    /// ("Hello", a page number, a table of figures), unless odd characters dominate.
    static let minimumLettersToJudge = 20
    /// Pages with more of their area in images than this, and fewer letters than
    /// ``imagePageLetterLimit``, are OCR'd whole.
    static let mostlyImageCoverage = 0.5
    static let imagePageLetterLimit = 200

    private let commonWords: Set<String>

    /// Loads the common-word lists of `languages` (tesseract codes, `+`-separated) from models/.
    init(languages: String) {
        var words = Set<String>()
        for language in languages.split(separator: "+") {
            words.formUnion(ModelFiles.wordList("vocabulary/\(language).txt"))
        }
        commonWords = words
    }

    func assess(_ text: String) -> TextLayerAssessment {
        var letters = 0, digits = 0, odd = 0, visible = 0
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace { continue }
            visible += 1
            if scalar.properties.isAlphabetic { letters += 1 }
            if ("0"..."9").contains(scalar) { digits += 1 }
            if Self.isOdd(scalar) { odd += 1 }
        }
        let oddPenalty = min(1, Double(odd) / Double(max(1, visible)) * 8)
        guard letters >= Self.minimumLettersToJudge else {
            // Too short to judge by its words: only odd characters count against it.
            return TextLayerAssessment(score: ((1 - oddPenalty) * 100).rounded() / 100, letters: letters,
                                       characters: letters + digits)
        }

        var latinWords = 0, plausible = 0, common = 0, otherScriptWords = 0
        for token in Self.words(in: text) {
            if token.unicodeScalars.allSatisfy(Self.isLatin) {
                latinWords += 1
                if Self.looksLikeWord(token) { plausible += 1 }
                if commonWords.contains(token) { common += 1 }
            } else {
                otherScriptWords += 1
            }
        }
        let totalWords = latinWords + otherScriptWords
        guard totalWords > 0 else { return TextLayerAssessment(score: 0, letters: letters, characters: letters + digits) }
        // Words in scripts the checks cannot judge (Arabic, Cyrillic…) count as plausible.
        let plausibleShare = Double(plausible + otherScriptWords) / Double(totalWords)
        let commonShare = latinWords > 0 ? Double(common) / Double(latinWords) : 0.25
        let latinWeight = Double(latinWords) / Double(totalWords)
        let commonness = min(1, commonShare / 0.2) * latinWeight + (1 - latinWeight)
        let score = (0.5 * plausibleShare + 0.5 * commonness) * (1 - oddPenalty)
        return TextLayerAssessment(score: (score * 100).rounded() / 100, letters: letters, characters: letters + digits)
    }

    /// Lower-cased words of two or more letters.
    static func words(in text: String) -> [String] {
        text.lowercased().split { !$0.isLetter }.filter { $0.count >= 2 }.map(String.init)
    }

    /// Characters that real text layers hardly ever hold: replacement characters, private-use
    /// code points (unmapped glyphs), control characters.
    static func isOdd(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xFFFD, 0xE000...0xF8FF, 0xF0000...0x10FFFF: return true
        case 0x00...0x08, 0x0E...0x1F, 0x7F...0x9F: return true
        default: return false
        }
    }

    static func isLatin(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x0250 || (0x1E00...0x1EFF).contains(scalar.value)
    }

    private static let vowels = Set("aeiouyàáâäèéêëìíîïòóôöùúûüÿ".unicodeScalars)

    /// A Latin word looks like a word when it has a vowel and no run of five consonants.
    static func looksLikeWord(_ word: String) -> Bool {
        var hasVowel = false
        var consonantRun = 0
        for scalar in word.unicodeScalars {
            if vowels.contains(scalar) {
                hasVowel = true
                consonantRun = 0
            } else {
                consonantRun += 1
                if consonantRun >= 5 { return false }
            }
        }
        return hasVowel
    }
}
