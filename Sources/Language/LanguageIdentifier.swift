import Foundation
internal import DossierModels

/// A language named by its tesseract code (`nld`, `eng`, `fra`, …) with how sure the
/// identifier is of it.
public struct LanguageGuess: Sendable, Equatable, Codable {
    /// Tesseract language code, e.g. `nld`.
    public let code: String
    /// Between 0 and 1: how clearly this language beat the runner-up.
    public let confidence: Double
    /// The runner-up language, for a reviewer who wonders.
    public let runnerUp: String?
    /// How many trigrams of the text the guess rests on.
    public let trigrams: Int

    public init(code: String, confidence: Double, runnerUp: String?, trigrams: Int) {
        self.code = code
        self.confidence = confidence
        self.runnerUp = runnerUp
        self.trigrams = trigrams
    }
}

/// Tells which language a text is written in from its character trigrams.
///
/// Each language has a profile in `models/languages/` (made by
/// `scripts/models/language-profiles`): the share of each trigram in its common words. A text
/// is scored by naive Bayes over its own trigrams (words padded with spaces, letters only,
/// lower case), which copes with OCR noise because a few misread letters change only a few
/// trigrams. Digits, punctuation and trigrams no profile knows (names, codes) are ignored.
public struct LanguageIdentifier: Sendable {
    /// The languages it can tell apart, sorted.
    public let languages: [String]
    /// Trigram (three scalars packed into 63 bits) → row in `logProbabilities`.
    private let rows: [UInt64: Int]
    /// Row-major: `languages.count` log probabilities per known trigram.
    private let logProbabilities: [Double]
    /// Log probability of a trigram a profile does not list.
    private let unseenLogProbability: Double

    /// Every language a guess can name: those with a profile, and Tigrinya, told from Amharic
    /// by its spelling (``EthiopicSpelling``).
    public var tellable: [String] { languages.contains("amh") ? languages + ["tir"] : languages }

    /// Texts with fewer known trigrams than this get no guess.
    public static let minimumTrigrams = 12
    /// At most this many trigrams are read from a text: enough for any page, cheap on books.
    public static let maximumTrigrams = 6000

    /// The identifier built from the profiles shipped in `models/languages/`.
    public static let bundled = LanguageIdentifier(keyedProfiles: BundledProfiles.load())

    /// Builds an identifier from profiles: language code → trigram (spaces as `_` or ` `) →
    /// parts per million.
    public init(profiles: [String: [String: Int]]) {
        self.init(keyedProfiles: profiles.mapValues { profile in
            var keyed: [UInt64: Int] = [:]
            for (gram, ppm) in profile {
                if let key = Self.key(of: gram) { keyed[key] = ppm }
            }
            return keyed
        })
    }

    /// Builds an identifier from profiles whose trigrams are already packed (``key(of:)``).
    init(keyedProfiles profiles: [String: [UInt64: Int]]) {
        let languages = profiles.keys.sorted()
        var rows: [UInt64: Int] = [:]
        for language in languages {
            for key in (profiles[language] ?? [:]).keys where rows[key] == nil {
                rows[key] = rows.count
            }
        }
        let unseenPPM = 0.5
        var table = [Double](repeating: log(unseenPPM / 1_000_000), count: rows.count * languages.count)
        for (column, language) in languages.enumerated() {
            for (key, ppm) in profiles[language] ?? [:] {
                guard let row = rows[key] else { continue }
                table[row * languages.count + column] = log(Double(max(ppm, 1)) / 1_000_000)
            }
        }
        self.languages = languages
        self.rows = rows
        self.logProbabilities = table
        self.unseenLogProbability = log(unseenPPM / 1_000_000)
    }

    /// The language of `text`, or `nil` when it has too few letters to tell.
    public func identify(_ text: some StringProtocol) -> LanguageGuess? {
        guard !languages.isEmpty else { return nil }
        let count = languages.count
        var totals = [Double](repeating: 0, count: count)
        var known = 0
        Self.forEachTrigram(in: text) { key in
            guard let row = rows[key] else { return true }
            known += 1
            let base = row * count
            for column in 0..<count { totals[column] += logProbabilities[base + column] }
            return known < Self.maximumTrigrams
        }
        guard known >= Self.minimumTrigrams else { return nil }
        let ranked = totals.indices.sorted { totals[$0] > totals[$1] }
        let best = ranked[0]
        let second = ranked.count > 1 ? ranked[1] : nil
        // Naive Bayes treats overlapping trigrams as independent and so is far too sure of
        // itself; tempering the margin by a factor of 8 gives confidences that track how
        // often short texts are right.
        let margin = second.map { totals[best] - totals[$0] } ?? .infinity
        let confidence = 1 / (1 + exp(-margin / 8))
        var code = languages[best]
        // Amharic's profile stands for every Ethiopic text; the spelling tells Tigrinya from
        // Amharic, and a text whose spelling says nothing gets no guess.
        if code == "amh" {
            guard let spelled = EthiopicSpelling.language(of: text) else { return nil }
            code = spelled
        }
        return LanguageGuess(
            code: code, confidence: confidence, runnerUp: second.map { languages[$0] }, trigrams: known
        )
    }

    /// Calls `body` with each trigram of `text`'s words (letters only, lower case, padded with
    /// a space each side) until `body` returns false.
    static func forEachTrigram(in text: some StringProtocol, _ body: (UInt64) -> Bool) {
        let space: UInt64 = 0x20
        var previous2: UInt64 = 0
        var previous1: UInt64 = 0
        var length = 0  // scalars of the current padded word seen so far; 0 between words
        var goOn = true
        func push(_ scalar: UInt64) {
            if length >= 2 { goOn = body(previous2 << 42 | previous1 << 21 | scalar) }
            previous2 = previous1
            previous1 = scalar
            length += 1
        }
        // Profiles were counted on composed text (NFC); decomposed accents must match them.
        let composed = String(text).precomposedStringWithCanonicalMapping
        for scalar in composed.unicodeScalars where goOn {
            if isLetter(scalar) {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars where isLetter(lower) && goOn {
                    if length == 0 { push(space) }
                    push(UInt64(lower.value))
                }
            } else if length > 0 {
                push(space)
                length = 0
            }
        }
        if length > 0 && goOn { push(space) }
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }

    /// The packed key of a three-scalar trigram written with `_` or ` ` for spaces.
    static func key(of gram: String) -> UInt64? {
        var key: UInt64 = 0, count = 0
        for scalar in gram.unicodeScalars {
            count += 1
            guard count <= 3 else { return nil }
            key = key << 21 | UInt64(scalar == "_" ? 0x20 : scalar.value)
        }
        return count == 3 ? key : nil
    }
}

/// Reads the profiles in `models/languages/`, packing each trigram (a short, inline string) as it is read.
private enum BundledProfiles {
    static func load() -> [String: [UInt64: Int]] {
        guard let folder = ModelFiles.url("languages"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [:] }
        var profiles: [String: [UInt64: Int]] = [:]
        for name in names where name.hasSuffix(".txt") {
            let profile = ModelFiles.withContents("languages/\(name)") { text in
                var profile: [UInt64: Int] = [:]
                ModelText.forEachLine(in: text) { line in
                    let fields = ModelText.fields(line)
                    guard fields.count == 2, let ppm = ModelText.number(fields[1]).flatMap({ Int(exactly: $0) }),
                          let key = LanguageIdentifier.key(of: ModelText.string(fields[0])) else { return }
                    profile[key] = ppm
                }
                return profile
            }
            if let profile { profiles[String(name.dropLast(4))] = profile }
        }
        return profiles
    }
}

/// English names of the languages and scripts Dossier reports, for messages.
public enum LanguageNames {
    static let names: [String: String] = [
        "nld": "Dutch", "eng": "English", "fra": "French", "deu": "German", "tur": "Turkish", "ara": "Arabic",
        "spa": "Spanish", "ita": "Italian", "por": "Portuguese", "pol": "Polish", "ron": "Romanian", "fas": "Persian",
        "rus": "Russian", "ukr": "Ukrainian", "tir": "Tigrinya", "amh": "Amharic", "som": "Somali", "ell": "Greek",
        "urd": "Urdu", "pus": "Pashto",
    ]

    /// "French" for `fra`; a script name (`Greek`) or an unknown code comes back as it is.
    public static func english(_ code: String) -> String { names[code] ?? code }
}
