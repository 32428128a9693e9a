internal import DossierCore

/// What "valid" means for an identifier: which checks exist and which passed.
public struct IdentifierCheck: Sendable, Equatable, Codable {
    /// True when every check that exists for this kind passed.
    public let valid: Bool
    /// The checks that failed, in words a caseworker understands; empty when valid.
    public let failures: [String]
    /// What the checks cover, and what they cannot (e.g. "no checksum exists for names").
    public let meaning: String

    /// Makes a check result.
    public init(valid: Bool, failures: [String], meaning: String) {
        self.valid = valid
        self.failures = failures
        self.meaning = meaning
    }
}

/// Dutch citizen service number (BSN): nine digits passing the "11-proof".
public enum BSN {
    /// Checks `text` (spaces and dots allowed between digits).
    public static func check(_ text: String) -> IdentifierCheck {
        let digits = text.filter { !$0.isWhitespace && $0 != "." }
        let meaning = "9 digits; the 11-proof (weights 9…2 and −1) must give a multiple of 11"
        guard digits.count == 9, digits.allSatisfy(\.isASCIIDigitCharacter) else {
            return IdentifierCheck(valid: false, failures: ["a BSN has 9 digits"], meaning: meaning)
        }
        let values = digits.compactMap { $0.wholeNumberValue }
        let weights = [9, 8, 7, 6, 5, 4, 3, 2, -1]
        let sum = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        let valid = sum % 11 == 0 && values != [Int](repeating: 0, count: 9)
        return IdentifierCheck(valid: valid, failures: valid ? [] : ["the 11-proof fails"], meaning: meaning)
    }
}

/// International bank account number: country length and the mod-97 check (ISO 13616).
public enum IBAN {
    /// Lengths per country code, from the IBAN registry (the SEPA countries and common others).
    static let lengths: [String: Int] = [
        "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29,
        "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
        "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
        "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
        "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
        "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29,
        "RO": 24, "RS": 22, "SA": 24, "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28,
        "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
    ]

    /// Checks `text` (spaces allowed, any case).
    public static func check(_ text: String) -> IdentifierCheck {
        // Spaces, dashes and dots are how people group an IBAN on paper.
        let compact = text.filter { !$0.isWhitespace && $0 != "-" && $0 != "." }.uppercased()
        let meaning = "country code, the country's length, and the ISO 13616 mod-97 check digits"
        var failures: [String] = []
        guard compact.count >= 5, compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return IdentifierCheck(valid: false, failures: ["not an IBAN: letters and digits only, at least 5"], meaning: meaning)
        }
        let country = String(compact.prefix(2))
        if let length = lengths[country] {
            if compact.count != length { failures.append("an IBAN from \(country) has \(length) characters, not \(compact.count)") }
        } else {
            failures.append("\(country) is not a country code in the IBAN registry")
        }
        if let pattern = bbanPatterns[country], !matches(String(compact.dropFirst(4)), pattern: pattern) {
            failures.append("the account part does not have the form a \(country) IBAN requires")
        }
        if mod97(compact) != 1 { failures.append("the check digits do not match (mod 97)") }
        return IdentifierCheck(valid: failures.isEmpty, failures: failures, meaning: meaning)
    }

    /// The form of the account part (BBAN) for some countries, from the IBAN registry: runs of
    /// `n` digits, `a` capital letters or `c` letters-or-digits, with their lengths.
    static let bbanPatterns: [String: [(Character, Int)]] = [
        "NL": [("a", 4), ("n", 10)],
        "BE": [("n", 12)],
        "DE": [("n", 18)],
        "FR": [("n", 10), ("c", 11), ("n", 2)],
        "GB": [("a", 4), ("n", 14)],
        "BG": [("a", 4), ("n", 6), ("c", 8)],
        "GI": [("a", 4), ("c", 15)],
        "ES": [("n", 20)],
        "IT": [("a", 1), ("n", 10), ("c", 12)],
        "PL": [("n", 24)],
        "TR": [("n", 6), ("c", 16)],
    ]

    static func matches(_ bban: String, pattern: [(Character, Int)]) -> Bool {
        var characters = bban[...]
        for (kind, count) in pattern {
            let run = characters.prefix(count)
            guard run.count == count else { return false }
            let fits = run.allSatisfy { character in
                switch kind {
                case "n": character.isASCII && character.isNumber
                case "a": character.isASCII && character.isUppercase
                default: character.isASCII && (character.isNumber || character.isUppercase)
                }
            }
            guard fits else { return false }
            characters = characters.dropFirst(count)
        }
        return characters.isEmpty
    }

    /// The ISO 7064 mod-97-10 remainder of the rearranged IBAN (letters as 10…35).
    static func mod97(_ iban: String) -> Int {
        let rearranged = iban.dropFirst(4) + iban.prefix(4)
        var remainder = 0
        for character in rearranged {
            guard let value = character.isNumber ? character.wholeNumberValue
                    : character.asciiValue.map({ Int($0) - 55 }) else { return -1 }
            remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97
        }
        return remainder
    }
}

extension Character {
    /// True for the ASCII digits 0–9 only.
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}

extension IdentifierKind {
    /// Checks a value of this kind typed by hand. An MRZ is given as one value, its lines
    /// joined by `|` or line breaks.
    public func check(_ value: String) -> IdentifierCheck {
        switch self {
        case .bsn: return BSN.check(value)
        case .iban: return IBAN.check(value)
        case .ecli: return ECLI.check(value)
        case .kvk: return KvKNumber.check(value)
        case .postcode: return DutchPostcode.check(value)
        case .vNumber: return VNumber.check(value)
        case .residenceDocument: return DutchDocumentNumber.check(value)
        case .mrz:
            let lines = value.split(whereSeparator: { $0 == "|" || $0.isNewline }).map(String.init)
            guard let mrz = MRZ.parse(lines) else {
                return IdentifierCheck(valid: false, failures: ["not a TD1, TD2 or TD3 zone"], meaning: MRZ.meaning)
            }
            return IdentifierCheck(valid: mrz.valid, failures: mrz.failedChecks.map { "\($0) check digit fails" }, meaning: MRZ.meaning)
        }
    }
}
