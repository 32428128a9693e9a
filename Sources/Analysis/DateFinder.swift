internal import Foundation
public import DossierCore
internal import Language

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
    /// The date in the Gregorian calendar.
    public let date: CivilDate
    public let evidence: Evidence
    /// The calendar the document wrote it in when not the Gregorian (``WrittenCalendar``).
    public let calendar: String?
    /// The date as the document wrote it, in its own calendar (`1401-05-12`), beside `date`.
    public let asWritten: String?

    public init(role: DateRole?, date: CivilDate, evidence: Evidence, calendar: String? = nil, asWritten: String? = nil) {
        self.role = role
        self.date = date
        self.evidence = evidence
        self.calendar = calendar
        self.asWritten = asWritten
    }
}

/// The calendars applicants' documents are dated in besides the Gregorian, converted with
/// Foundation's calendars (ICU).
public enum WrittenCalendar: String, Sendable, CaseIterable {
    /// Solar Hijri: Iranian and Afghan documents (Persian, Dari, Pashto); years 1300–1420 now.
    case solarHijri = "solar-hijri"
    /// Hijri (Umm al-Qura): Arabic documents dated "هـ"; years 1340–1460 now.
    case hijri
    /// Ethiopian (Amete Mihret): Ethiopian documents, seven to eight years behind.
    case ethiopian

    private var identifier: Calendar.Identifier {
        switch self {
        case .solarHijri: .persian
        case .hijri: .islamicUmmAlQura
        case .ethiopian: .ethiopicAmeteMihret
        }
    }

    /// The Gregorian date of `year`-`month`-`day` in this calendar, `nil` when no such day.
    func gregorian(year: Int, month: Int, day: Int) -> CivilDate? {
        guard (1...13).contains(month), (1...31).contains(day) else { return nil }
        var calendar = Calendar(identifier: identifier)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = DateComponents(year: year, month: month, day: day)
        // ICU rolls an impossible day over into the next month: such a day is refused.
        guard parts.isValidDate(in: calendar), let date = calendar.date(from: parts) else { return nil }
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = calendar.timeZone
        let converted = gregorian.dateComponents([.year, .month, .day], from: date)
        return CivilDate(year: converted.year ?? 0, month: converted.month ?? 0, day: converted.day ?? 0)
    }

    /// The calendar a date with `year` on a page is written in: a year no Gregorian date in a
    /// case file has (1300–1499) is Solar Hijri on a page in Persian or Pashto and Hijri
    /// otherwise; a Gregorian-looking year on an Amharic page, or marked ዓ.ም (Amete Mihret),
    /// is Ethiopian. `nil`: Gregorian.
    static func of(year: Int, language: String?, marked: Bool) -> WrittenCalendar? {
        if (1300...1499).contains(year) {
            return ["fas", "pus"].contains(language) ? .solarHijri : .hijri
        }
        if (1900...2100).contains(year), marked || language == "amh" { return .ethiopian }
        return nil
    }
}

/// A month name in another script or calendar: the calendar it counts in (`nil`: Gregorian)
/// and its number there.
struct WrittenMonth: Equatable, Sendable {
    let calendar: WrittenCalendar?
    let month: Int

    /// The locales and calendars whose month names documents in this case load are dated with:
    /// Persian, Dari and Pashto Solar Hijri months (Iran's and Afghanistan's names), Hijri
    /// months, Ethiopian months in Amharic and Tigrinya, and the Gregorian months as Arabic
    /// (Egyptian and Levantine), Persian, Urdu, Pashto, Amharic, Tigrinya (Eritrea's), Russian,
    /// Ukrainian and Turkish write them.
    private static let sources: [(locale: String, calendar: Calendar.Identifier, written: WrittenCalendar?)] = [
        ("fa_IR", .persian, .solarHijri), ("fa_AF", .persian, .solarHijri), ("ps_AF", .persian, .solarHijri),
        ("ar", .islamicUmmAlQura, .hijri),
        ("am_ET", .ethiopicAmeteMihret, .ethiopian), ("ti_ER", .ethiopicAmeteMihret, .ethiopian),
        ("ar", .gregorian, nil), ("ar_SY", .gregorian, nil), ("fa_IR", .gregorian, nil), ("ur", .gregorian, nil),
        ("ps", .gregorian, nil), ("am", .gregorian, nil), ("ti", .gregorian, nil), ("ru", .gregorian, nil),
        ("uk", .gregorian, nil), ("tr", .gregorian, nil),
    ]

    /// Lower-cased month name → the months it can be, from ICU's own locale data (Foundation's
    /// `DateFormatter`), so no name is typed by hand. Names in the genitive ("марта") and on
    /// their own ("март") both count; a Persian month also with "ماه" after it ("مهرماه"), and
    /// with the Arabic forms of yeh and kaf that keyboards and OCR give as often.
    static let names: [String: [WrittenMonth]] = {
        var table: [String: [WrittenMonth]] = [:]
        func add(_ name: String, _ month: WrittenMonth) {
            let key = name.lowercased()
            if !(table[key]?.contains(month) ?? false) { table[key, default: []].append(month) }
        }
        for source in sources {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: source.locale)
            formatter.calendar = Calendar(identifier: source.calendar)
            for symbols in [formatter.monthSymbols, formatter.standaloneMonthSymbols] {
                for (index, name) in symbols.enumerated() {
                    let month = WrittenMonth(calendar: source.written, month: index + 1)
                    var spellings = [name, name.replacingOccurrences(of: "\u{0654}", with: "")]
                    spellings += spellings.map { $0.replacingOccurrences(of: "ی", with: "ي").replacingOccurrences(of: "ک", with: "ك") }
                    if source.written == .solarHijri {
                        spellings += spellings.flatMap { [$0 + "ماه", $0 + " ماه", $0 + "\u{200C}ماه"] }
                    }
                    for spelling in spellings { add(spelling, month) }
                }
            }
        }
        return table
    }()

    /// The names as one regular-expression alternation, longest first.
    static let alternation = names.keys.sorted { $0.count > $1.count }.map(NSRegularExpression.escapedPattern(for:))
        .joined(separator: "|")
}

/// Ethiopic numerals (U+1369–137C), as older and formal Ethiopian and Eritrean documents date
/// themselves: not positional, but ones (፩–፱) and tens (፲–፺) making a number below a hundred,
/// ፻ multiplying what stands before it by a hundred and ፼ by ten thousand: ፳፻፲፭ is 20 × 100 +
/// 15 = 2015, ፲፱፻፹፯ is 1987, ፻ alone is 100.
enum EthiopicNumber {
    /// The number the numerals in `text` write, or `nil` when `text` holds anything else.
    static func value(_ text: String) -> Int? {
        var total = 0, group = 0, pending = 0
        guard !text.isEmpty else { return nil }
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x1369...0x1371: pending += Int(scalar.value - 0x1368)
            case 0x1372...0x137A: pending += Int(scalar.value - 0x1371) * 10
            case 0x137B:  // ፻: what stands before it in this ten-thousand group, times a hundred.
                group += max(1, pending) * 100
                pending = 0
            case 0x137C:  // ፼: the whole number so far, times ten thousand.
                let before = group + pending
                total = (total + (before == 0 ? 1 : before)) * 10_000
                group = 0
                pending = 0
            default: return nil
            }
        }
        return total + group + pending
    }
}

/// Finds dates written the Dutch, English or French way ("12 juni 2026", "12-06-2026",
/// "June 12, 2026", "12 June 2026", "2026-06-12", "1er mars 2026"), with month names of other
/// scripts and calendars (``WrittenMonth``), and gives each its role from the words just before
/// it ("geboren op", "geldig tot", "Amsterdam, …" at a letter's head).
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
    /// Year first with slashes or dots, as Iranian and Afghan documents write: `1401/05/12`.
    private let yearFirst = pattern(#"(?<![\d./-])(\d{4})([/.])(\d{1,2})\2(\d{1,2})(?![\d./-]\d)"#)
    /// "۱۲ مهر ۱۴۰۱", "15 рамадан", "12 марта 2023", "12 Mart 2023", "12 መስከረም 2015".
    private let writtenDayMonthYear = pattern(
        #"(?<![\p{L}\d])(\d{1,2})\s*(?:ቀን\s*)?("# + WrittenMonth.alternation + #")\s*,?\s*(\d{4})(?!\d)"#,
        caseInsensitive: true
    )
    /// "መስከረም 12 ቀን 2015", as Amharic letters date themselves.
    private let writtenMonthDayYear = pattern(
        #"(?<![\p{L}\d])("# + WrittenMonth.alternation + #")\s+(\d{1,2})(?:\s*ቀን)?\s*,?\s*(\d{4})(?!\d)"#,
        caseInsensitive: true
    )
    /// "መስከረም ፩ ቀን ፳፻፲፭ ዓ.ም" and "፩ መስከረም ፳፻፲፭": day and year in Ethiopic numerals.
    private let ethiopicMonthDayYear = pattern(
        #"(?<![\p{L}\d])("# + WrittenMonth.alternation + #")\s+([\x{1369}-\x{137C}]{1,3})(?:\s*ቀን)?\s*,?\s*([\x{1369}-\x{137C}]{2,6})(?![\x{1369}-\x{137C}])"#
    )
    private let ethiopicDayMonthYear = pattern(
        #"(?<![\x{1369}-\x{137C}])([\x{1369}-\x{137C}]{1,3})\s*(?:ቀን\s*)?("# + WrittenMonth.alternation + #")\s*,?\s*([\x{1369}-\x{137C}]{2,6})(?![\x{1369}-\x{137C}])"#
    )
    /// The Ethiopian calendar's era mark after a year (ዓ.ም, ዓ/ም).
    private static let ameteMihret = ["ዓ.ም", "ዓ/ም", "ዓ. ም"]

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
        var written: [Int: (calendar: WrittenCalendar, asWritten: String)] = [:]
        // The page's language, asked of the identifier only when a date may need it.
        var language: String??
        func pageLanguage() -> String? {
            if let language { return language }
            let guess = page.language ?? LanguageIdentifier.bundled.identify(page.text)?.code
            language = .some(guess)
            return guess
        }
        var ethiopic: Bool?
        func pageIsEthiopic() -> Bool {
            if let ethiopic { return ethiopic }
            let found = page.language.map { ["amh", "tir"].contains($0) }
                ?? page.text.unicodeScalars.contains { (0x1200...0x137F).contains($0.value) }
            ethiopic = found
            return found
        }
        /// Whether the year ending `range` carries the Ethiopian era mark (ዓ.ም).
        func isMarked(_ range: NSRange) -> Bool {
            let after = page.context(after: range, length: 5).trimmingCharacters(in: .whitespaces)
            return Self.ameteMihret.contains { after.hasPrefix($0) }
        }
        func add(_ range: NSRange, _ date: CivilDate?) {
            guard let date, !found.contains(where: { NSIntersectionRange($0.0, range).length > 0 }) else { return }
            found.append((range, date))
        }
        /// A date of `year`, `month`, `day` as the page's calendar has it, converted when needed.
        func add(_ range: NSRange, year: Int, month: Int, day: Int) {
            guard !found.contains(where: { NSIntersectionRange($0.0, range).length > 0 }) else { return }
            let marked = isMarked(range)
            // Only a year no Gregorian date has, an era mark or an Ethiopic page asks the language.
            let mayConvert = (1300...1499).contains(year) || marked || ((1900...2100).contains(year) && pageIsEthiopic())
            guard mayConvert, let calendar = WrittenCalendar.of(year: year, language: pageLanguage(), marked: marked) else {
                add(range, CivilDate(year: year, month: month, day: day))
                return
            }
            guard let date = calendar.gregorian(year: year, month: month, day: day) else { return }
            written[range.location] = (calendar, String(format: "%04d-%02d-%02d", year, month, day))
            add(range, date)
        }
        /// A date with a month name of another script: the name says its calendar, except a
        /// Tigrinya name, which Eritrea uses for the Gregorian months and Ethiopia for its own:
        /// Ethiopian when the year is marked ዓ.ም or the page is Amharic, else Gregorian.
        func add(_ range: NSRange, monthName: String, year: Int, day: Int) {
            guard let candidates = WrittenMonth.names[monthName.lowercased()], let first = candidates.first,
                  !found.contains(where: { NSIntersectionRange($0.0, range).length > 0 }) else { return }
            let marked = isMarked(range)
            let ethiopian = candidates.first { $0.calendar == .ethiopian }
            let gregorian = candidates.first { $0.calendar == nil }
            let chosen: WrittenMonth
            if let ethiopian, marked || gregorian == nil || pageLanguage() == "amh" {
                chosen = ethiopian
            } else {
                chosen = gregorian ?? first
            }
            guard let calendar = chosen.calendar else {
                add(range, CivilDate(year: year, month: chosen.month, day: day))
                return
            }
            guard let date = calendar.gregorian(year: year, month: chosen.month, day: day) else { return }
            written[range.location] = (calendar, String(format: "%04d-%02d-%02d", year, chosen.month, day))
            add(range, date)
        }
        for match in page.matches(writtenDayMonthYear) {
            add(match.range, monthName: page.string(match.range(at: 2)), year: Int(page.string(match.range(at: 3))) ?? 0,
                day: Int(page.string(match.range(at: 1))) ?? 0)
        }
        for match in page.matches(writtenMonthDayYear) {
            add(match.range, monthName: page.string(match.range(at: 1)), year: Int(page.string(match.range(at: 3))) ?? 0,
                day: Int(page.string(match.range(at: 2))) ?? 0)
        }
        for match in page.matches(ethiopicMonthDayYear) {
            guard let day = EthiopicNumber.value(page.string(match.range(at: 2))),
                  let year = EthiopicNumber.value(page.string(match.range(at: 3))) else { continue }
            add(match.range, monthName: page.string(match.range(at: 1)), year: year, day: day)
        }
        for match in page.matches(ethiopicDayMonthYear) {
            guard let day = EthiopicNumber.value(page.string(match.range(at: 1))),
                  let year = EthiopicNumber.value(page.string(match.range(at: 3))) else { continue }
            add(match.range, monthName: page.string(match.range(at: 2)), year: year, day: day)
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
            add(match.range, year: Int(page.string(match.range(at: 1))) ?? 0,
                month: Int(page.string(match.range(at: 2))) ?? 0, day: Int(page.string(match.range(at: 3))) ?? 0)
        }
        for match in page.matches(yearFirst) {
            add(match.range, year: Int(page.string(match.range(at: 1))) ?? 0,
                month: Int(page.string(match.range(at: 3))) ?? 0, day: Int(page.string(match.range(at: 4))) ?? 0)
        }
        // Day first, as in Dutch, French and British usage; a US-style date with a "month"
        // above 12 is read the other way round rather than dropped.
        for match in page.matches(numeric) {
            let first = Int(page.string(match.range(at: 1))) ?? 0, second = Int(page.string(match.range(at: 3))) ?? 0
            let year = Int(page.string(match.range(at: 4))) ?? 0
            if second > 12, first <= 12 {
                add(match.range, year: year, month: first, day: second)
            } else {
                add(match.range, year: year, month: second, day: first)
            }
        }
        return found.sorted { $0.0.location < $1.0.location }.map { range, date in
            var role = role(before: range, in: page) ?? role(after: range, in: page)
            if role == .deadline, !Self.setsALastDay(page.sentence(around: range)) { role = nil }
            return FoundDate(role: role, date: date, evidence: page.evidence(range),
                             calendar: written[range.location]?.calendar.rawValue, asWritten: written[range.location]?.asWritten)
        }
    }

    /// Cues that name a last day whatever the sentence: "uiterlijk", "no later than".
    static let lastDayCues = ["uiterlijk", "voor of op", "no later than", "by no later", "at the latest", "au plus tard"]
    /// Words of a sentence that asks its reader to do something: "u", "uw", "you", "vous", and
    /// the verbs of a request or an order.
    static let readerWords: Set<String> = [
        "u", "uw", "you", "your", "vous", "votre", "vos", "gelieve", "verzoek", "verzoeken", "verzocht", "dient", "dienen",
        "stuur", "zend", "lever", "reageer", "please", "must", "should", "send", "submit", "return", "provide", "veuillez",
    ]

    /// Whether a sentence with a date after "vóór" sets a last day: "U kunt vóór 1 december
    /// 2026 reageren", "Wij verzoeken u de stukken vóór … te sturen". A sentence that asks
    /// nobody anything uses "vóór" to place events in time: "aanvragers die vóór 12 juni 2026
    /// een aanvraag hebben ingediend" in the service's own report is no term.
    static func setsALastDay(_ sentence: String) -> Bool {
        let lowered = sentence.lowercased()
        if lastDayCues.contains(where: { lowered.contains($0) }) { return true }
        return lowered.split(whereSeparator: { !$0.isLetter }).contains { readerWords.contains(String($0)) }
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
