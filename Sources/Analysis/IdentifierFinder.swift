internal import Foundation
public import DossierCore

/// The kinds of identifier Dossier finds and checks.
public enum IdentifierKind: String, Codable, Sendable, CaseIterable {
    case mrz
    case bsn
    case iban
    case vNumber = "v-number"
    case residenceDocument = "residence-document"
    case ecli
    case kvk
    case postcode
}

/// An identifier found in a document, with what its checks say and where it stands.
public struct FoundIdentifier: Codable, Sendable, Equatable {
    public let kind: IdentifierKind
    /// The identifier as normalised for checking (no spaces, upper case); for an MRZ the
    /// document number.
    public let value: String
    /// True when every check that exists for the kind passed. For kinds without a checksum
    /// (V-number, KvK, postcode…) it means the format is right, no more: see `meaning`.
    public let valid: Bool
    /// The checks that failed, in plain words; empty when valid.
    public let failures: [String]
    /// What "valid" covers for this kind.
    public let meaning: String
    /// Where it stands.
    public let evidence: Evidence
    /// For an MRZ: every field and check digit.
    public let mrz: MRZ?

    public init(
        kind: IdentifierKind, value: String, check: IdentifierCheck, evidence: Evidence, mrz: MRZ? = nil
    ) {
        self.kind = kind
        self.value = value
        self.valid = check.valid
        self.failures = check.failures
        self.meaning = check.meaning
        self.evidence = evidence
        self.mrz = mrz
    }
}

/// Finds identifiers in page text and checks each one.
///
/// Numbers that could be anything (nine or ten digits, eight digits) count only where the text
/// names them ("BSN", "V-nummer", "KvK"); IBANs, ECLIs, MRZs and postcodes have shapes of their
/// own. Invalid ones are reported too: a BSN that fails the 11-proof is exactly what a
/// reviewer must see.
public struct IdentifierFinder: @unchecked Sendable {
    // @unchecked: NSRegularExpression is immutable and documented as safe to share.
    private let bsn = pattern(#"(?<![\d.])(\d{4}[ .]?\d{2}[ .]?\d{3}|\d{3}[ .]\d{3}[ .]\d{3})(?![\d])"#)
    /// Check digits read as O or I/l by the OCR are allowed here and mended below.
    /// A space may follow the country code: OCR splits "NL10INGB…" as "NL 10INGB…".
    private let iban = pattern(#"\b([A-Z]{2}[ ]?[\dOIlSB]{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?)\b"#)
    private let vNumber = pattern(#"(?<![\d])(\d{10}|\d{4}[ .]\d{3}[ .]\d{3})(?![\d])"#)
    private let documentNumber = pattern(#"\b([A-Z]{2}[A-Z0-9]{6}\d)\b"#)
    private let ecli = pattern(#"\bECLI:[A-Za-z]{2}:[A-Za-z0-9]{1,7}:\d{4}:[A-Za-z0-9.]{1,25}\b"#, caseInsensitive: true)
    private let kvk = pattern(#"(?<![\d])(\d{8}|\d{2}[ .]\d{3}[ .]\d{3})(?![\d])"#)
    private let postcode = pattern(#"\b([1-9]\d{3}) ?([A-Z]{2})(?=[ \t]+\p{Lu}|[ \t]*$|[ \t]*[,;])"#)

    /// Words that name a BSN before it.
    static let bsnCues = ["bsn", "burgerservicenummer", "sofinummer", "sofi-nummer", "persoonsnummer",
                          "citizen service number", "personal number"]
    static let vNumberCues = ["v-nummer", "v-nr", "vnummer", "vreemdelingennummer", "v number", "v-number"]
    /// Only residence documents: a passport's printed number is checked against its MRZ instead.
    static let documentCues = ["verblijfsdocument", "verblijfspas", "verblijfsvergunning", "residence permit",
                               "residence document", "titre de séjour"]
    static let kvkCues = ["kvk", "kamer van koophandel", "handelsregister", "chamber of commerce"]

    public init() {}

    /// Every identifier on `pages`, page by page in reading order.
    public func find(in pages: [PageTranscript]) -> [FoundIdentifier] {
        pages.flatMap { find(in: PageText($0)) }
    }

    func find(in page: PageText) -> [FoundIdentifier] {
        var found: [FoundIdentifier] = []
        var taken: [NSRange] = []
        func isFree(_ range: NSRange) -> Bool { !taken.contains { NSIntersectionRange($0, range).length > 0 } }
        func add(_ identifier: FoundIdentifier, _ range: NSRange) {
            found.append(identifier)
            taken.append(range)
        }

        for (mrz, range) in mrzZones(in: page) {
            add(FoundIdentifier(
                kind: .mrz, value: mrz.documentNumber.replacingOccurrences(of: "<", with: ""),
                check: IdentifierCheck(
                    valid: mrz.valid,
                    failures: mrz.failedChecks.map { "the check digit of the \($0) does not match" },
                    meaning: MRZ.meaning
                ),
                evidence: page.evidence(range), mrz: mrz
            ), range)
        }
        for match in page.matches(ecli) where isFree(match.range) {
            let value = page.string(match.range).uppercased()
            add(FoundIdentifier(kind: .ecli, value: value, check: ECLI.check(value), evidence: page.evidence(match.range)), match.range)
        }
        for match in page.matches(iban) where isFree(match.range) {
            var range = match.range(at: 1)
            var compact = page.string(range).filter { !$0.isWhitespace }
            // Two capitals and two digits start many codes; only IBAN countries count.
            guard let length = IBAN.lengths[String(compact.prefix(2))] else { continue }
            // A zone line the MRZ reading could not parse is not an account number.
            if MRZLine.isCandidate(page.line(containing: range)) || page.line(containing: range).contains("<<") { continue }
            // Check digits read as letters ("NLO3…"): taken only when the mended number passes,
            // as a misread one then almost surely is (a wrong number passes 1 time in 97).
            let checkDigits = compact.dropFirst(2).prefix(2)
            if !checkDigits.allSatisfy(\.isNumber) {
                let mended = String(compact.prefix(2))
                    + String(checkDigits.map { Self.digitLookalikes[$0] ?? $0 }) + compact.dropFirst(4)
                guard mended.count == length, IBAN.check(mended).valid else { continue }
                compact = mended
            }
            // An O read for a 0 (or I, l for a 1) in the account number after the bank code:
            // mended only when the mended number then passes, as above.
            if compact.count == length, !IBAN.check(compact).valid {
                let head = compact.prefix(8)
                let mended = String(head) + String(compact.dropFirst(8).map { Self.letterLookalikes[$0] ?? $0 })
                if mended != compact, IBAN.check(mended).valid { compact = mended }
            }
            // An IBAN run together with what follows it ("NL91ABNA0417164300012", a statement
            // number after the account): when the country's length alone passes every check,
            // that is the IBAN and the rest is not part of it.
            if compact.count > length, !IBAN.check(compact).valid,
               let cut = page.prefix(of: range, keeping: length, ignoringSpaces: true),
               IBAN.check(page.string(cut)).valid {
                range = cut
                compact = page.string(cut).filter { !$0.isWhitespace }
            }
            add(FoundIdentifier(kind: .iban, value: compact, check: IBAN.check(compact), evidence: page.evidence(range)),
                match.range)
        }
        for match in page.matches(vNumber) where isFree(match.range) {
            guard Self.named(match.range, in: page, by: Self.vNumberCues) else { continue }
            let value = page.string(match.range).filter(\.isNumber)
            add(FoundIdentifier(kind: .vNumber, value: value, check: VNumber.check(value), evidence: page.evidence(match.range)),
                match.range)
        }
        for match in page.matches(bsn) where isFree(match.range) {
            guard Self.named(match.range, in: page, by: Self.bsnCues) else { continue }
            let value = page.string(match.range).filter(\.isNumber)
            add(FoundIdentifier(kind: .bsn, value: value, check: BSN.check(value), evidence: page.evidence(match.range)), match.range)
        }
        for match in page.matches(kvk) where isFree(match.range) {
            guard Self.named(match.range, in: page, by: Self.kvkCues) else { continue }
            let value = page.string(match.range).filter(\.isNumber)
            add(FoundIdentifier(kind: .kvk, value: value, check: KvKNumber.check(value), evidence: page.evidence(match.range)),
                match.range)
        }
        for match in page.matches(documentNumber) where isFree(match.range) {
            guard Self.named(match.range, in: page, by: Self.documentCues) else { continue }
            let value = page.string(match.range)
            add(FoundIdentifier(kind: .residenceDocument, value: value, check: DutchDocumentNumber.check(value),
                                evidence: page.evidence(match.range)), match.range)
        }
        for match in page.matches(postcode) where isFree(match.range) {
            let value = page.string(match.range(at: 1)) + " " + page.string(match.range(at: 2))
            add(FoundIdentifier(kind: .postcode, value: value, check: DutchPostcode.check(value), evidence: page.evidence(match.range)),
                match.range)
        }
        return found.sorted { $0.evidence.start < $1.evidence.start }
    }

    /// Whether a cue word stands shortly before `range` (same or previous line, about 40
    /// characters), as in "BSN: 123456782" or "V-nummer 1234567890".
    /// Letters OCR reads for 0 and 1 that are no letters of an account number after its bank
    /// code often enough to keep: O, I, l.
    static let letterLookalikes: [Character: Character] = ["O": "0", "I": "1", "l": "1"]
    /// Letters OCR reads for digits, where only a digit can stand (an IBAN's check digits).
    static let digitLookalikes = letterLookalikes.merging(["S": "5", "B": "8"]) { first, _ in first }

    static func named(_ range: NSRange, in page: PageText, by cues: [String]) -> Bool {
        // A cue may be broken over a line end ("Kamer van\nKoophandel"): whitespace counts as one space.
        let before = page.context(before: range, length: 48).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return cues.contains { before.contains($0) }
    }

    /// Machine-readable zones: runs of 2 or 3 lines of MRZ characters with a TD1/TD2/TD3 shape.
    private func mrzZones(in page: PageText) -> [(MRZ, NSRange)] {
        let lines = page.text.components(separatedBy: "\n")
        var zones: [(MRZ, NSRange)] = []
        var offsets: [Int] = []  // UTF-16 offset of each line
        var offset = 0
        for line in lines {
            offsets.append(offset)
            offset += (line as NSString).length + 1
        }
        // OCR often leaves a blank line between zone lines: blank lines do not break a zone.
        let filled = lines.indices.filter { !lines[$0].trimmingCharacters(in: .whitespaces).isEmpty }
        var position = 0
        while position < filled.count {
            guard MRZLine.isCandidate(lines[filled[position]]) else { position += 1; continue }
            var end = position
            while end + 1 < filled.count, end - position < 2, MRZLine.isCandidate(lines[filled[end + 1]]) { end += 1 }
            let group = filled[position...end].map { lines[$0] }
            if let mrz = MRZ.parse(group) ?? (group.count == 3 ? MRZ.parse(Array(group.prefix(2))) ?? MRZ.parse(Array(group.suffix(2))) : nil) {
                let first = filled[position], last = filled[end]
                let range = NSRange(location: offsets[first], length: offsets[last] + (lines[last] as NSString).length - offsets[first])
                zones.append((mrz, range))
                position = end + 1
            } else {
                position += 1
            }
        }
        return zones
    }
}

/// What makes a line look like part of an MRZ in OCR output.
enum MRZLine {
    static func isCandidate(_ line: String) -> Bool {
        let compact = line.uppercased().filter { !$0.isWhitespace }
        guard (28...46).contains(compact.count), compact.contains("<") else { return false }
        let mrzCharacters = compact.filter { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "<" || $0 == "«" }
        return Double(mrzCharacters.count) >= Double(compact.count) * 0.95
    }

    /// A piece of a zone the OCR broke up: at least 8 characters with a run of three fillers.
    static func isFragment(_ line: String) -> Bool {
        let compact = line.uppercased().filter { !$0.isWhitespace }
        guard compact.count >= 8, compact.count <= 50, compact.contains("<<<") else { return false }
        let mrzCharacters = compact.filter { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "<" || $0 == "«" }
        return Double(mrzCharacters.count) >= Double(compact.count) * 0.8
    }

    /// A zone line the OCR garbled: 20 to 50 characters, a run of filler (`<<`, or `«`), and
    /// mostly zone characters.
    static func isDamagedCandidate(_ line: String) -> Bool {
        let compact = line.uppercased().filter { !$0.isWhitespace }
        guard (20...50).contains(compact.count) else { return false }
        // Fillers read as letters ("TKSENJ5562605395SSKSSSS…"): one word of capitals and digits,
        // six digits or more.
        if !line.trimmingCharacters(in: .whitespaces).contains(" "), compact.filter(\.isNumber).count >= 6,
           compact.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "<") }) {
            return true
        }
        guard compact.contains("<<") || compact.contains("«") else { return false }
        let mrzCharacters = compact.filter { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "<" || $0 == "«" }
        return Double(mrzCharacters.count) >= Double(compact.count) * 0.8
    }
}

/// European Case Law Identifier: `ECLI:country:court:year:number`.
public enum ECLI {
    /// EU member states and `EU` itself, the codes ECLI uses.
    static let countries: Set<String> = [
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT", "LT",
        "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "EU", "CH", "NO", "UK",
    ]

    public static func check(_ text: String, currentYear: Int? = nil) -> IdentifierCheck {
        let currentYear = currentYear ?? Calendar(identifier: .gregorian).component(.year, from: Date())
        let meaning = "format ECLI:country:court:year:number, a known country code and a plausible year; ECLI has no checksum"
        let parts = text.uppercased().split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "ECLI" else {
            return IdentifierCheck(valid: false, failures: ["not in the form ECLI:country:court:year:number"], meaning: meaning)
        }
        var failures: [String] = []
        if !countries.contains(String(parts[1])) { failures.append("\(parts[1]) is not a country code ECLI uses") }
        if let year = Int(parts[3]) {
            if year < 1800 || year > currentYear { failures.append("the year \(year) is not plausible") }
        } else {
            failures.append("the year is not a number")
        }
        if parts[2].isEmpty || parts[4].isEmpty { failures.append("the court code or number is empty") }
        return IdentifierCheck(valid: failures.isEmpty, failures: failures, meaning: meaning)
    }
}

/// The IND's V-number (vreemdelingennummer): ten digits. It has no published checksum.
public enum VNumber {
    public static func check(_ text: String) -> IdentifierCheck {
        let digits = text.filter { !$0.isWhitespace && $0 != "." }
        let meaning = "10 digits; a V-number has no checksum, so any 10 digits pass: compare it with the case"
        let valid = digits.count == 10 && digits.allSatisfy(\.isASCIIDigitCharacter)
        return IdentifierCheck(valid: valid, failures: valid ? [] : ["a V-number has 10 digits"], meaning: meaning)
    }
}

/// KvK number (Dutch chamber of commerce): eight digits, no checksum.
public enum KvKNumber {
    public static func check(_ text: String) -> IdentifierCheck {
        let digits = text.filter { !$0.isWhitespace && $0 != "." }
        let meaning = "8 digits; a KvK number has no checksum, so the format is all that can be checked"
        let valid = digits.count == 8 && digits.allSatisfy(\.isASCIIDigitCharacter)
        return IdentifierCheck(valid: valid, failures: valid ? [] : ["a KvK number has 8 digits"], meaning: meaning)
    }
}

/// Number of a Dutch travel or residence document: 9 characters, two letters, six letters or
/// digits, one digit, never the letter O.
public enum DutchDocumentNumber {
    public static func check(_ text: String) -> IdentifierCheck {
        let value = text.uppercased()
        let meaning = "9 characters: 2 letters, 6 letters or digits, 1 digit, no letter O; its check digit sits in the MRZ, not beside the printed number"
        var failures: [String] = []
        let characters = Array(value)
        if characters.count != 9 { failures.append("a document number has 9 characters") } else {
            if !characters[0...1].allSatisfy({ $0.isASCII && $0.isLetter }) { failures.append("it starts with 2 letters") }
            if !characters[2...7].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) { failures.append("characters 3 to 8 are letters or digits") }
            if !characters[8].isASCIIDigitCharacter { failures.append("it ends with a digit") }
            if characters.contains("O") { failures.append("the letter O is never used") }
        }
        return IdentifierCheck(valid: failures.isEmpty, failures: failures, meaning: meaning)
    }
}

/// Dutch postcode: four digits (not starting with 0) and two letters, never SA, SD or SS.
public enum DutchPostcode {
    public static func check(_ text: String) -> IdentifierCheck {
        var compact = text.filter { !$0.isWhitespace }.uppercased()
        // "NL-2611 ET" and "NL 2611ET" are how postcodes are written abroad.
        if compact.hasPrefix("NL-") { compact.removeFirst(3) } else if compact.hasPrefix("NL"), compact.count == 8 { compact.removeFirst(2) }
        let meaning = "4 digits (first not 0) and 2 letters other than SA, SD, SS; no checksum, and whether the address exists is not checked"
        let characters = Array(compact)
        let shape = characters.count == 6 && characters[0] != "0"
            && characters[0...3].allSatisfy(\.isASCIIDigitCharacter) && characters[4...5].allSatisfy { $0.isASCII && $0.isLetter }
        if !shape { return IdentifierCheck(valid: false, failures: ["a postcode is 4 digits and 2 letters"], meaning: meaning) }
        let letters = String(characters[4...5])
        if ["SA", "SD", "SS"].contains(letters) {
            return IdentifierCheck(valid: false, failures: ["the letters \(letters) are never used in postcodes"], meaning: meaning)
        }
        return IdentifierCheck(valid: true, failures: [], meaning: meaning)
    }
}
