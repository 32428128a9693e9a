internal import Foundation
public import DossierCore

/// What a date is for, where the text around it says so.
public enum DateRole: String, Codable, Sendable, CaseIterable {
    case birth
    case expiry
    case issue
    case letter
    case decision
    case received
    case deadline
    case start
    case end
    case hearing
    case marriage
}

/// A date found in a document, normalised, with its role when the context names one.
public struct FoundDate: Codable, Sendable, Equatable {
    /// `nil` when the context does not say what the date is for.
    public let role: DateRole?
    public let date: CivilDate
    public let evidence: Evidence
}

/// Finds dates written the Dutch, English or French way ("12 juni 2026", "12-06-2026",
/// "June 12, 2026", "12 June 2026", "2026-06-12", "1er mars 2026") and gives each its role from
/// the words just before it ("geboren op", "geldig tot", "Amsterdam, …" at a letter's head).
public struct DateFinder: @unchecked Sendable {
    // @unchecked: NSRegularExpression is immutable and documented as safe to share.

    /// Month names and abbreviations → month number.
    static let months: [String: Int] = {
        var table: [String: Int] = [:]
        let names: [[String]] = [
            ["januari", "january", "janvier", "jan"], ["februari", "february", "février", "fevrier", "feb", "fév", "febr"],
            ["maart", "march", "mars", "mrt", "mar"], ["april", "avril", "apr", "avr"], ["mei", "may", "mai"],
            ["juni", "june", "juin", "jun"], ["juli", "july", "juillet", "jul", "juil"],
            ["augustus", "august", "août", "aout", "aug"], ["september", "septembre", "sep", "sept"],
            ["oktober", "october", "octobre", "okt", "oct"], ["november", "novembre", "nov"],
            ["december", "décembre", "decembre", "dec", "déc"],
        ]
        for (index, spellings) in names.enumerated() {
            for spelling in spellings { table[spelling] = index + 1 }
        }
        return table
    }()

    private static let monthAlternation = months.keys.sorted { $0.count > $1.count }.joined(separator: "|")
    private let dayMonthYear = pattern(
        #"(?<![\p{L}\d])(\d{1,2})(?:e|er|st|nd|rd|th)?\.?\s+("# + monthAlternation + #")\.?,?\s+(\d{4})(?!\d)"#,
        caseInsensitive: true
    )
    private let monthDayYear = pattern(
        #"(?<![\p{L}\d])("# + monthAlternation + #")\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)"#,
        caseInsensitive: true
    )
    private let numeric = pattern(#"(?<![\d./-])(\d{1,2})([-./])(\d{1,2})\2(\d{4})(?![\d./-]\d)"#)
    private let iso = pattern(#"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])"#)

    /// Words before a date that give its role, most specific first.
    static let roleCues: [(DateRole, [String])] = [
        (.birth, ["geboren", "geboortedatum", "date of birth", "born", "né le", "née le", "date de naissance", "birth"]),
        (.expiry, ["geldig tot", "vervaldatum", "einde geldigheid", "date of expiry", "expiry", "expires", "valid until",
                   "valable jusqu", "date d'expiration", "geldigheidsduur"]),
        (.issue, ["datum van afgifte", "afgegeven op", "afgifte", "uitgegeven op", "date of issue", "issued on", "issued",
                  "délivré le", "date de délivrance"]),
        (.deadline, ["uiterlijk", "vóór", "voor of op", "no later than", "by no later", "at the latest", "au plus tard"]),
        (.decision, ["datum besluit", "besluit van", "beschikking van", "beslist op", "uitspraak van", "decision of",
                     "decided on", "datum uitspraak"]),
        (.received, ["ontvangen op", "ingediend op", "ontvangstdatum", "received on", "submitted on", "datum aanvraag",
                     "aanvraag is ontvangen"]),
        (.hearing, ["gehoor op", "datum gehoor", "interview on", "hearing on", "zitting van", "ter zitting"]),
        (.marriage, ["gehuwd op", "huwelijk op", "voltrokken op", "married on", "date of marriage", "mariés le"]),
        (.start, ["in dienst", "ingangsdatum", "met ingang van", "aanvangsdatum", "start date", "commencing",
                  "with effect from", "vanaf"]),
        (.end, ["einddatum", "tot en met", "eindigt op", "end date", "until"]),
        (.letter, ["datum:", "dagtekening", "date:", "datum ", "fait à"]),
    ]

    public init() {}

    /// Every date on `pages`, in reading order, each with its role when the text names it.
    public func find(in pages: [PageTranscript]) -> [FoundDate] {
        pages.flatMap { find(in: PageText($0)) }
    }

    func find(in page: PageText) -> [FoundDate] {
        var found: [(NSRange, CivilDate)] = []
        func add(_ range: NSRange, _ date: CivilDate?) {
            guard let date, !found.contains(where: { NSIntersectionRange($0.0, range).length > 0 }) else { return }
            found.append((range, date))
        }
        for match in page.matches(dayMonthYear) {
            let month = Self.months[page.string(match.range(at: 2)).lowercased()]
            add(match.range, month.flatMap {
                CivilDate(year: Int(page.string(match.range(at: 3))) ?? 0, month: $0, day: Int(page.string(match.range(at: 1))) ?? 0)
            })
        }
        for match in page.matches(monthDayYear) {
            let month = Self.months[page.string(match.range(at: 1)).lowercased()]
            add(match.range, month.flatMap {
                CivilDate(year: Int(page.string(match.range(at: 3))) ?? 0, month: $0, day: Int(page.string(match.range(at: 2))) ?? 0)
            })
        }
        for match in page.matches(iso) {
            add(match.range, CivilDate(
                year: Int(page.string(match.range(at: 1))) ?? 0, month: Int(page.string(match.range(at: 2))) ?? 0,
                day: Int(page.string(match.range(at: 3))) ?? 0
            ))
        }
        // Day first, as in Dutch, French and British usage; a US-style date with a "month"
        // above 12 is read the other way round rather than dropped.
        for match in page.matches(numeric) {
            let first = Int(page.string(match.range(at: 1))) ?? 0, second = Int(page.string(match.range(at: 3))) ?? 0
            let year = Int(page.string(match.range(at: 4))) ?? 0
            add(match.range, CivilDate(year: year, month: second, day: first) ?? CivilDate(year: year, month: first, day: second))
        }
        return found.sorted { $0.0.location < $1.0.location }.map { range, date in
            FoundDate(role: role(before: range, in: page) ?? role(after: range, in: page), date: date, evidence: page.evidence(range))
        }
    }

    /// The role the words before the date give it; a date that follows "Place," at the start
    /// of a line is a letter's date.
    func role(before range: NSRange, in page: PageText) -> DateRole? {
        let context = page.context(before: range, length: 48)
        // Only the current line and the end of the one before count.
        let lines = context.split(separator: "\n", omittingEmptySubsequences: false)
        // A cue before another number on the line belongs to that number: "geboren op 4 mei
        // 1991, sinds 1 februari 2025" makes only the first date a birth date.
        let whole = lines.last.map(String.init) ?? ""
        let current = whole.lastIndex(where: \.isNumber).map { String(whole[whole.index(after: $0)...]) } ?? whole
        let previous = lines.count > 1 ? String(lines[lines.count - 2]) : ""
        for text in [current, previous] {
            // The cue that ends nearest the date wins; of cues ending together ("née le" and
            // "le"), the longer one.
            var best: (role: DateRole, end: String.Index, length: Int)?
            for (role, cues) in Self.roleCues {
                for cue in cues {
                    guard let hit = Self.lastWordStart(of: cue, in: text) else { continue }
                    if let current = best, hit.upperBound < current.end || (hit.upperBound == current.end && cue.count <= current.length) {
                        continue
                    }
                    best = (role, hit.upperBound, cue.count)
                }
            }
            if let best { return best.0 }
            if text == current, Self.isPlaceBeforeDate(current) { return .letter }
            if !current.trimmingCharacters(in: .whitespaces).isEmpty { break }
        }
        return nil
    }

    /// Words after a date that give its role, as civil-status acts put them: "Le 03-04-1991,
    /// à 5 heures, est né(e) à …", "op 3 april 1991 is geboren", "on 3 April 1991 was born".
    static let roleCuesAfter: [(DateRole, [String])] = [
        (.birth, ["est né", "est née", "is geboren", "werd geboren", "was born", "is born"]),
        (.marriage, ["in het huwelijk getreden", "zijn gehuwd", "were married", "ont contracté mariage", "se sont mariés"]),
    ]

    /// The role the words just after the date give it, on the same line and before the next
    /// date or sentence end.
    func role(after range: NSRange, in page: PageText) -> DateRole? {
        let context = page.context(after: range, length: 90).lowercased()
        // A paragraph's line break is a space; a blank line ends the clause.
        let paragraph = context.components(separatedBy: "\n\n").first?.replacingOccurrences(of: "\n", with: " ") ?? ""
        let clause = paragraph.prefix { $0 != "." && $0 != ";" }
        for (role, cues) in Self.roleCuesAfter where cues.contains(where: { clause.contains($0) }) { return role }
        return nil
    }

    /// The last occurrence of `cue` in `text` that starts a word ("datum" in "datum:", not in
    /// "geboortedatum").
    static func lastWordStart(of cue: String, in text: String) -> Range<String.Index>? {
        var end = text.endIndex
        while let hit = text.range(of: cue, options: .backwards, range: text.startIndex..<end) {
            if hit.lowerBound == text.startIndex || !text[text.index(before: hit.lowerBound)].isLetter { return hit }
            end = hit.upperBound == text.startIndex ? text.startIndex : text.index(before: hit.upperBound)
        }
        return nil
    }

    /// "Amsterdam, " or "Den Haag, " alone before the date at the start of a line.
    static func isPlaceBeforeDate(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix(","), trimmed.count <= 30 else { return false }
        let place = trimmed.dropLast()
        return !place.isEmpty && place.allSatisfy { $0.isLetter || $0 == " " || $0 == "-" || $0 == "'" }
    }
}
