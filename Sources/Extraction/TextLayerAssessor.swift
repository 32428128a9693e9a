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
    /// Fewer words mixing scripts than this are taken for chance (a name, a formula).
    static let fewestMixedWords = 3

    private let commonWords: WordTable

    /// Takes the common-word lists of `languages` (tesseract codes, `+`-separated), compiled in
    /// from models/vocabulary: judging a page reads no file.
    init(languages: String) {
        var words: [WordKey] = []
        // `--lang auto` expects any of the languages with a list.
        let expected = languages == ScriptChoice.automatic
            ? CommonWords.byLanguage.keys.sorted() : languages.split(separator: "+").map(String.init)
        for language in expected {
            for word in CommonWords.byLanguage[language] ?? [] {
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
        // Counts and the word being read are plain values (no closure captures them), so the
        // loop keeps them in registers.
        var counts = CharacterCounts()
        var word = WordReading()
        var offset = 0
        while offset < utf8.count {
            let lead = utf8[offset]
            if lead < 0x80 {
                offset &+= 1
                switch lead {
                case 0x41...0x5A, 0x61...0x7A:
                    // Wrapping adds: a page's counts stay far below Int's range, and the loop
                    // checks no overflow on every letter.
                    counts.visible &+= 1
                    counts.letters &+= 1
                    word.addASCIILetter(lead | 0x20)
                case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x0B:
                    word.end(into: &counts, commonWords: commonWords)
                default:
                    counts.visible &+= 1
                    if lead >= 0x30 && lead <= 0x39 { counts.digits &+= 1 }
                    if lead < 0x20 || lead == 0x7F { counts.odd &+= 1 }
                    word.end(into: &counts, commonWords: commonWords)
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
                word.end(into: &counts, commonWords: commonWords)
                continue
            }
            counts.visible += 1
            if Self.isOdd(scalar) { counts.odd += 1 }
            if scalar.properties.isAlphabetic {
                counts.letters += 1
                let lowered = String(scalar).lowercased()
                word.addLetter(lowered, isLatin: Self.isLatin(scalar),
                               isVowel: lowered.unicodeScalars.contains(where: Self.vowels.contains))
            } else {
                word.end(into: &counts, commonWords: commonWords)
            }
        }
        word.end(into: &counts, commonWords: commonWords)
        let letters = counts.letters, digits = counts.digits, odd = counts.odd, visible = counts.visible
        let latinWords = counts.latinWords, plausible = counts.plausible, common = counts.common
        let otherScriptWords = counts.otherScriptWords

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
        // Real text hardly ever mixes scripts inside a word; a layer where a few in a hundred
        // words do was written with a legacy font and cannot be trusted.
        let mixedShare = Double(counts.mixedWords) / Double(totalWords)
        let mixedPenalty = counts.mixedWords >= Self.fewestMixedWords ? min(1, mixedShare * 6) : 0
        let score = (0.5 * plausibleShare + 0.5 * commonness) * (1 - oddPenalty) * (1 - mixedPenalty)
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

/// What ``TextLayerAssessor`` counts on a page.
struct CharacterCounts {
    var letters = 0, digits = 0, odd = 0, visible = 0
    var latinWords = 0, plausible = 0, common = 0, otherScriptWords = 0
    /// Words mixing Latin letters with another script's (`Eግሪ`): what a legacy font whose
    /// glyphs are mapped in part to Latin letters leaves in a text layer.
    var mixedWords = 0
}

/// The word ``TextLayerAssessor`` is reading: its letters so far and what they look like.
struct WordReading {
    private var key = WordKey()
    private var letters = 0
    private var isLatin = true
    private var hasLatinLetter = false
    private var hasVowel = false
    private var consonantRun = 0
    private var longRun = false

    /// An ASCII letter, lower case.
    @inline(__always)
    mutating func addASCIILetter(_ lower: UInt8) {
        letters &+= 1
        hasLatinLetter = true
        key.append(lower)
        noteVowel(TextLayerAssessor.isASCIIVowel(lower))
    }

    /// Any other letter, lower-cased.
    mutating func addLetter(_ lowered: String, isLatin latin: Bool, isVowel: Bool) {
        letters += 1
        if latin { hasLatinLetter = true } else { isLatin = false }
        for byte in lowered.utf8 { key.append(byte) }
        noteVowel(isVowel)
    }

    @inline(__always)
    private mutating func noteVowel(_ isVowel: Bool) {
        if isVowel {
            hasVowel = true
            consonantRun = 0
        } else {
            consonantRun &+= 1
            if consonantRun >= 5 { longRun = true }
        }
    }

    /// Ends the word (if any): words of two letters or more are counted.
    @inline(__always)
    mutating func end(into counts: inout CharacterCounts, commonWords: WordTable) {
        guard letters > 0 else { return }
        if letters >= 2 {
            if isLatin {
                counts.latinWords += 1
                if hasVowel && !longRun { counts.plausible += 1 }
                if key.isComplete && commonWords.contains(key) { counts.common += 1 }
            } else {
                counts.otherScriptWords += 1
                if hasLatinLetter { counts.mixedWords += 1 }
            }
        }
        self = WordReading()
    }
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

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        let value = UInt64(byte) << UInt64((count & 7) << 3)
        if count < 8 {
            first |= value
        } else if count < 16 {
            second |= value
        } else if count < Self.capacity {
            third |= value
        }
        count &+= 1
    }
}

/// A fixed set of ``WordKey``s in an open-addressing table: a lookup is one multiply-mix and a
/// probe or two over a compact array of the keys' mixes, the key itself compared only when its mix
/// matches.
struct WordTable: Sendable {
    /// Each slot's key mix, with the low bit set so that 0 marks an empty slot.
    private let mixes: [UInt64]
    private let keys: [WordKey]
    private let mask: Int

    init(_ words: [WordKey]) {
        var size = 16
        while size < words.count * 2 { size *= 2 }
        var mixes = [UInt64](repeating: 0, count: size)
        var keys = [WordKey](repeating: WordKey(), count: size)
        for word in words {
            let mix = word.slotHash | 1
            var slot = Int(truncatingIfNeeded: mix) & (size - 1)
            while mixes[slot] != 0, keys[slot] != word { slot = (slot + 1) & (size - 1) }
            mixes[slot] = mix
            keys[slot] = word
        }
        self.mixes = mixes
        self.keys = keys
        mask = size - 1
    }

    func contains(_ word: WordKey) -> Bool {
        let mix = word.slotHash | 1
        return mixes.withUnsafeBufferPointer { mixes in
            var slot = Int(truncatingIfNeeded: mix) & mask
            while mixes[slot] != 0 {
                if mixes[slot] == mix && keys[slot] == word { return true }
                slot = (slot + 1) & mask
            }
            return false
        }
    }
}
