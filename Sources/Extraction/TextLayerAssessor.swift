internal import DossierCore

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

    private let commonWords: WordTable

    /// Takes the common-word lists of `languages` (tesseract codes, `+`-separated), compiled in
    /// from models/vocabulary: judging a page reads no file.
    init(languages: String) {
        var words: [WordKey] = []
        for language in languages.split(separator: "+") {
            for word in CommonWords.byLanguage[String(language)] ?? [] {
                var key = WordKey()
                for byte in word.utf8 { key.append(byte) }
                if key.isComplete { words.append(key) }
            }
        }
        commonWords = WordTable(words)
    }

    func assess(_ text: String) -> TextLayerAssessment {
        var text = text
        return text.withUTF8 { assess(utf8: $0) }
    }

    /// One pass over the UTF-8 bytes: this runs on every text-layer page, so ASCII takes a fast
    /// path and Unicode properties are asked only for other characters.
    func assess(utf8: UnsafeBufferPointer<UInt8>) -> TextLayerAssessment {
        var letters = 0, digits = 0, odd = 0, visible = 0
        var latinWords = 0, plausible = 0, common = 0, otherScriptWords = 0
        var word = WordKey()
        var wordLetters = 0, wordIsLatin = true, hasVowel = false, consonantRun = 0, longRun = false

        func endWord() {
            if wordLetters >= 2 {
                if wordIsLatin {
                    latinWords += 1
                    if hasVowel && !longRun { plausible += 1 }
                    if word.isComplete && commonWords.contains(word) { common += 1 }
                } else {
                    otherScriptWords += 1
                }
            }
            word = WordKey()
            wordLetters = 0
            wordIsLatin = true
            hasVowel = false
            consonantRun = 0
            longRun = false
        }

        var offset = 0
        while offset < utf8.count {
            let lead = utf8[offset]
            if lead < 0x80 {
                offset += 1
                switch lead {
                case 0x41...0x5A, 0x61...0x7A:
                    let lower = lead | 0x20
                    visible += 1
                    letters += 1
                    wordLetters += 1
                    word.append(lower)
                    if Self.isASCIIVowel(lower) {
                        hasVowel = true
                        consonantRun = 0
                    } else {
                        consonantRun += 1
                        if consonantRun >= 5 { longRun = true }
                    }
                case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x0B:
                    endWord()
                default:
                    visible += 1
                    if lead >= 0x30 && lead <= 0x39 { digits += 1 }
                    if lead < 0x20 || lead == 0x7F { odd += 1 }
                    endWord()
                }
                continue
            }
            // A multi-byte scalar.
            let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            let end = min(utf8.count, offset + length)
            let bytes = UnsafeBufferPointer(rebasing: utf8[offset..<end])
            offset = end
            guard let scalar = String(decoding: bytes, as: UTF8.self).unicodeScalars.first else { continue }
            if scalar.properties.isWhitespace {
                endWord()
                continue
            }
            visible += 1
            if Self.isOdd(scalar) { odd += 1 }
            if scalar.properties.isAlphabetic {
                letters += 1
                wordLetters += 1
                if !Self.isLatin(scalar) { wordIsLatin = false }
                let lowered = String(scalar).lowercased()
                for byte in lowered.utf8 { word.append(byte) }
                if lowered.unicodeScalars.contains(where: Self.vowels.contains) {
                    hasVowel = true
                    consonantRun = 0
                } else {
                    consonantRun += 1
                    if consonantRun >= 5 { longRun = true }
                }
            } else {
                endWord()
            }
        }
        endWord()

        let oddPenalty = min(1, Double(odd) / Double(max(1, visible)) * 8)
        guard letters >= Self.minimumLettersToJudge else {
            // Too short to judge by its words: only odd characters count against it.
            return TextLayerAssessment(score: ((1 - oddPenalty) * 100).rounded() / 100, letters: letters,
                                       characters: letters + digits)
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

    /// a, e, i, o, u or y, from a bit mask: this is asked for every letter of every page.
    static func isASCIIVowel(_ lower: UInt8) -> Bool {
        let position = lower &- 0x61
        return position < 26 && (UInt32(0x0110_4111) >> UInt32(position)) & 1 == 1
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
}

/// A lower-cased word of up to 24 UTF-8 bytes packed into three integers, so looking it up among
/// the common words allocates nothing. Longer words are never common: they stay incomplete.
struct WordKey: Equatable {
    private var first: UInt64 = 0
    private var second: UInt64 = 0
    private var third: UInt64 = 0
    private var count = 0

    static let capacity = 24

    /// A cheap mix of the bytes, for ``WordTable``'s slots.
    var slotHash: UInt64 {
        var mixed = (first ^ (second &* 0x9E37_79B9_7F4A_7C15) ^ (third &* 0xC2B2_AE3D_27D4_EB4F)) &* 0xFF51_AFD7_ED55_8CCD
        mixed ^= mixed >> 29
        return mixed
    }

    /// Whether every byte appended so far is held.
    var isComplete: Bool { count <= Self.capacity }

    mutating func append(_ byte: UInt8) {
        defer { count += 1 }
        guard count < Self.capacity else { return }
        let shift = UInt64((count % 8) * 8)
        switch count / 8 {
        case 0: first |= UInt64(byte) << shift
        case 1: second |= UInt64(byte) << shift
        default: third |= UInt64(byte) << shift
        }
    }
}

/// A fixed set of ``WordKey``s in an open-addressing table: a lookup is one multiply-mix and a
/// probe or two, not a keyed hash of the word.
struct WordTable: Sendable {
    private let slots: [WordKey?]
    private let mask: Int

    init(_ words: [WordKey]) {
        var size = 16
        while size < words.count * 2 { size *= 2 }
        var slots = [WordKey?](repeating: nil, count: size)
        for word in words {
            var slot = Int(truncatingIfNeeded: word.slotHash) & (size - 1)
            while let taken = slots[slot], taken != word { slot = (slot + 1) & (size - 1) }
            slots[slot] = word
        }
        self.slots = slots
        mask = size - 1
    }

    func contains(_ word: WordKey) -> Bool {
        var slot = Int(truncatingIfNeeded: word.slotHash) & mask
        while let taken = slots[slot] {
            if taken == word { return true }
            slot = (slot + 1) & mask
        }
        return false
    }
}
