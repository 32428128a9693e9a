internal import Foundation
public import DossierCore
internal import Language

/// A language guess as analysis reports it.
public struct LanguageFinding: Codable, Sendable, Equatable {
    /// Tesseract-style code (`nld`, `eng`, `fra`, `ara`…).
    public let code: String
    public let confidence: Double
}

/// The language of one page; `nil` when the page has too little text to tell.
public struct PageLanguage: Codable, Sendable, Equatable {
    public let page: Int
    public let language: LanguageFinding?
}

/// Who a document is about, as far as its own fields say: the holder of a passport or ID
/// card, the person a declaration is about. Used to compare documents within a case.
public struct HolderRecord: Codable, Sendable, Equatable {
    public var name: String?
    public var nameEvidence: Evidence?
    public var birth: CivilDate?
    public var birthEvidence: Evidence?
    /// As printed or as the MRZ gives it (three-letter code).
    public var nationality: String?
    public var nationalityEvidence: Evidence?
    /// `unmarried`, `married`, `divorced` or `widowed`, from a civil-status declaration.
    public var civilStatus: String?
    public var civilStatusEvidence: Evidence?
}

/// Everything the screening found in one document.
public struct DocumentAnalysis: Codable, Sendable {
    public let file: String
    public let sha256: String
    public let type: DocumentTypeGuess
    public let language: LanguageFinding?
    public let pageLanguages: [PageLanguage]
    public let pages: Int
    public let identifiers: [FoundIdentifier]
    public let dates: [FoundDate]
    public let amounts: [FoundAmount]
    public let deadlines: [Deadline]
    public let holder: HolderRecord
    /// Flags about this document alone (case-level ones are in ``CaseAnalysis``).
    public internal(set) var flags: [ScreeningFlag]
    /// The facts the flags were raised from.
    var facts: [Fact] = []
    /// The page texts, for comparisons across the case.
    var pageTexts: [PageTranscript] = []

    enum CodingKeys: String, CodingKey {
        case file, sha256, type, language, pageLanguages, pages, identifiers, dates, amounts, deadlines, holder, flags
    }
}

/// The end of a term a document sets or implies, with how it was computed.
public struct Deadline: Codable, Sendable, Equatable {
    public let term: TermEnd
    /// What sets the term ("notice of default: two weeks (Awb 4:17)", "a last day the letter names").
    public let source: String
    public let evidence: Evidence
}

/// Screens one document: type, language, identifiers, dates, amounts, deadlines and the flags
/// the screening rules raise on them.
public struct DocumentAnalyzer: @unchecked Sendable {
    // @unchecked: NSRegularExpression is immutable and documented as safe to share.
    let classifier: DocumentClassifier
    let rules: ScreeningRules
    let today: CivilDate

    private let identifierFinder = IdentifierFinder()
    private let dateFinder = DateFinder()
    private let moneyFinder = MoneyFinder()
    private let within = pattern(
        #"\b(?:binnen|within)\s+(\d{1,2}|een|één|twee|drie|vier|vijf|zes|acht|tien|twaalf|one|two|three|four|five|six|eight|ten|twelve)\s+(dagen|dag|weken|week|maanden|maand|days|day|weeks|week|months|month)\b"#,
        caseInsensitive: true
    )
    private let labelledField = pattern(
        #"^[ \t]*(naam|achternaam|surname|nom|voornamen|voornaam|given names|prénoms|prenoms|nationaliteit|nationality|nationalité|naam van het kind|name of child|documentnummer|document number|passport no\.?|paspoortnummer|n° du passeport|n° de carte)[ \t]*:[ \t]*(.+?)[ \t]*$"#,
        caseInsensitive: true
    )

    public init(classifier: DocumentClassifier = DocumentClassifier(), rules: ScreeningRules, today: CivilDate) {
        self.classifier = classifier
        self.rules = rules
        self.today = today
    }

    /// Analyses a transcribed document.
    public func analyze(_ transcript: DocumentTranscript) -> DocumentAnalysis {
        let pages = transcript.pages
        let identifiers = identifierFinder.find(in: pages)
        let dates = Self.withZoneDates(dateFinder.find(in: pages), identifiers: identifiers, today: today)
        let amounts = moneyFinder.find(in: pages)
        let identifier = LanguageIdentifier.bundled
        // A page OCR'd in the wrong script holds garbage: its "language" means nothing. Such
        // pages are flagged with the script's name (`Greek`), other pages with a language code.
        func unreadable(_ page: PageTranscript) -> Bool {
            page.needsLanguage?.first?.isUppercase == true || page.unreadableReason != nil
        }
        let readable = pages.filter { !unreadable($0) }
        let language = identifier.identify(readable.map(\.text).joined(separator: "\n"))
            .map { LanguageFinding(code: $0.code, confidence: Self.rounded($0.confidence)) }
        var type = classifier.classify(
            pages, identifiers: identifiers, language: readable.count < pages.count ? "und" : language?.code
        )
        if type.type == .unknown, let script = pages.first(where: unreadable)?.needsLanguage {
            type.reason = "page \(pages.first(where: unreadable)?.number ?? 1) is in \(script) script, which the OCR languages do not read: "
                + "its type cannot be told from its text (\(type.reason ?? "no type was found"))"
        }
        let pageLanguages = pages.map { page in
            PageLanguage(page: page.number, language: unreadable(page) ? nil : identifier.identify(page.text).map {
                LanguageFinding(code: $0.code, confidence: Self.rounded($0.confidence))
            })
        }
        let deadlines = self.deadlines(pages: pages, type: type.type, dates: dates)
        let fields = labelledFields(pages)
        let holder = self.holder(fields: fields, pages: pages, identifiers: identifiers, dates: dates, type: type.type)
        var analysis = DocumentAnalysis(
            file: transcript.file, sha256: transcript.sha256, type: type, language: language,
            pageLanguages: pageLanguages, pages: pages.count, identifiers: identifiers, dates: dates, amounts: amounts,
            deadlines: deadlines, holder: holder, flags: []
        )
        analysis.pageTexts = pages
        analysis.facts = facts(for: analysis, pages: pages, fields: fields)
        analysis.flags = Self.ordered(rules.flags(for: analysis.facts))
        return analysis
    }

    static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    /// The printed dates with the birth and expiry dates of each machine-readable zone added
    /// (cited by the zone) where the zone's own check digit for that date passes and the
    /// printed text does not already give the same date in the same role. A passport whose
    /// printed expiry the reader could not parse still has its expiry screened.
    static func withZoneDates(_ dates: [FoundDate], identifiers: [FoundIdentifier], today: CivilDate) -> [FoundDate] {
        var all = dates
        for zone in identifiers where zone.kind == .mrz {
            guard let mrz = zone.mrz else { continue }
            let passing = Set(mrz.checkDigits.filter(\.passes).map(\.field))
            for (role, text, field) in [(DateRole.birth, mrz.birthDate, "birth date"), (.expiry, mrz.expiryDate, "expiry date")]
            where passing.contains(field) {
                guard let date = MRZDates.date(text, today: today, isBirth: role == .birth),
                      !all.contains(where: { $0.role == role && $0.date == date }) else { continue }
                all.append(FoundDate(role: role, date: date, evidence: zone.evidence))
            }
        }
        return all
    }

    /// Flags most severe first; the rules' order within a severity.
    static func ordered(_ flags: [ScreeningFlag]) -> [ScreeningFlag] {
        flags.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity > b.element.severity : a.offset < b.offset
        }.map(\.element)
    }

    // MARK: Deadlines

    static let numberWords: [String: Int] = [
        "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "acht": 8, "tien": 10, "twaalf": 12,
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8, "ten": 10, "twelve": 12,
    ]

    /// Documents that set terms for their reader: a notice of default (the service's term to
    /// decide), a decision and a court ruling (objection, appeal, a new decision within weeks), a
    /// hearing report (corrections and additions). Any other document sets terms only when it
    /// is a letter, its head giving its date (`Datum:`, `dagtekening`). Reports and certificates
    /// name dates in their history, "aanvragen die vóór 12 juni 2026 zijn ingediend", that
    /// nobody must meet: on the service's own published reports such dates drew two critical
    /// deadline flags in four documents.
    static let termSettingTypes: Set<DocumentType> = [.noticeOfDefault, .decision, .courtRuling, .hearingReport]

    func deadlines(pages: [PageTranscript], type: DocumentType, dates: [FoundDate]) -> [Deadline] {
        var found: [Deadline] = []
        let headDate = dates.first { $0.role == .letter }
        guard Self.termSettingTypes.contains(type) || headDate != nil else { return [] }
        // The document's own date: a ruling's or decision's is the latest date it gives as one
        // (it recounts the decisions before it: "bij besluit van 3 maart 2025"); a letter's is
        // the one its head gives, else the first date on its first page.
        let ownDate = [DocumentType.courtRuling, .decision].contains(type)
            ? dates.filter { $0.role == .decision || $0.role == .letter }.max { $0.date < $1.date } : nil
        let letterDate = ownDate ?? headDate ?? dates.first { $0.role == nil && $0.evidence.page == pages.first?.number }
        if type == .noticeOfDefault, let letterDate {
            found.append(Deadline(
                term: LegalTerm.end(from: letterDate.date, weeks: 2),
                source: "notice of default: the service must decide within two weeks (Awb 4:17)",
                evidence: letterDate.evidence
            ))
        }
        // A last day before the document's own date is its history (a ruling recounting what a
        // party was asked to do by when), not a term it sets.
        for date in dates where date.role == .deadline && letterDate.map({ date.date >= $0.date }) ?? true {
            found.append(Deadline(term: LegalTerm.named(date.date), source: "a last day the document names", evidence: date.evidence))
        }
        if let letterDate {
            for page in pages {
                let text = PageText(page)
                for match in text.matches(within) {
                    let amountText = text.string(match.range(at: 1)).lowercased()
                    guard let amount = Int(amountText) ?? Self.numberWords[amountText], amount > 0 else { continue }
                    let unit = text.string(match.range(at: 2)).lowercased()
                    let term: TermEnd
                    if unit.hasPrefix("week") || unit.hasPrefix("weken") {
                        term = LegalTerm.end(from: letterDate.date, weeks: amount)
                    } else if unit.hasPrefix("maand") || unit.hasPrefix("month") {
                        term = LegalTerm.end(from: letterDate.date, months: amount)
                    } else {
                        term = LegalTerm.end(from: letterDate.date, days: amount)
                    }
                    found.append(Deadline(term: term, source: "a term the document sets", evidence: text.evidence(match.range)))
                }
            }
        }
        // One deadline per end date: the first (most specific) source wins.
        var seen = Set<CivilDate>()
        return found.filter { seen.insert($0.term.date).inserted }
    }

    // MARK: Holder

    /// The labelled fields of a document ("Naam: …", "Nationality: …"), first value of each.
    func labelledFields(_ pages: [PageTranscript]) -> [String: (String, Evidence)] {
        var fields: [String: (String, Evidence)] = [:]
        for page in pages {
            let text = PageText(page)
            for match in text.matches(labelledField) {
                let label = Self.fieldNames[text.string(match.range(at: 1)).lowercased()] ?? ""
                guard !label.isEmpty, fields[label] == nil else { continue }
                fields[label] = (text.string(match.range(at: 2)), text.evidence(match.range(at: 2)))
            }
        }
        return fields
    }

    static let fieldNames: [String: String] = [
        "naam": "surname", "achternaam": "surname", "surname": "surname", "nom": "surname",
        "voornamen": "given", "voornaam": "given", "given names": "given", "prénoms": "given", "prenoms": "given",
        "nationaliteit": "nationality", "nationality": "nationality", "nationalité": "nationality",
        "naam van het kind": "child", "name of child": "child",
        "documentnummer": "number", "document number": "number", "passport no.": "number", "passport no": "number",
        "paspoortnummer": "number", "n° du passeport": "number", "n° de carte": "number",
    ]

    func holder(
        fields: [String: (String, Evidence)], pages: [PageTranscript], identifiers: [FoundIdentifier], dates: [FoundDate],
        type: DocumentType
    ) -> HolderRecord {
        var holder = HolderRecord()
        if let zone = identifiers.first(where: { $0.kind == .mrz }), let mrz = zone.mrz {
            let name = [mrz.givenNames, mrz.surname].filter { !$0.isEmpty }.joined(separator: " ")
            if !name.isEmpty { holder.name = name; holder.nameEvidence = zone.evidence }
            if let birth = MRZDates.date(mrz.birthDate, today: today, isBirth: true) { holder.birth = birth; holder.birthEvidence = zone.evidence }
            if !mrz.nationality.isEmpty { holder.nationality = mrz.nationality; holder.nationalityEvidence = zone.evidence }
        }
        if holder.name == nil {
            if let child = fields["child"] {
                holder.name = child.0
                holder.nameEvidence = child.1
            } else if let surname = fields["surname"] {
                holder.name = [fields["given"]?.0, surname.0].compactMap { $0 }.joined(separator: " ")
                holder.nameEvidence = surname.1
            }
        }
        if holder.nationality == nil, let printed = fields["nationality"] {
            holder.nationality = Nationality.code(printed.0) ?? printed.0
            holder.nationalityEvidence = printed.1
        }
        if holder.birth == nil, let birth = dates.first(where: { $0.role == .birth }) {
            holder.birth = birth.date
            holder.birthEvidence = birth.evidence
        }
        if type == .civilStatusDeclaration, let status = CivilStatus.find(in: pages) {
            holder.civilStatus = status.0
            holder.civilStatusEvidence = status.1
        }
        return holder
    }

    /// Where a document's printed data disagrees with its own machine-readable zone.
    func zoneContradictions(
        fields: [String: (String, Evidence)], identifiers: [FoundIdentifier], dates: [FoundDate], file: String
    ) -> [Fact] {
        guard let zone = identifiers.first(where: { $0.kind == .mrz }), let mrz = zone.mrz else { return [] }
        var facts: [Fact] = []
        func clash(_ subject: String, printed: String, inZone: String, _ evidence: Evidence) {
            facts.append(Fact(kind: .contradiction, fields: [
                "subject": .text("\(subject) (printed against the machine-readable zone)"),
                "values": .list(["printed \(printed)", "zone \(inZone)"]), "soft": .flag(false),
            ], evidence: [FlagEvidence(document: file, evidence: evidence), FlagEvidence(document: file, evidence: zone.evidence)]))
        }
        if let printed = fields["number"], !mrz.documentNumber.isEmpty {
            let zoneNumber = mrz.documentNumber.replacingOccurrences(of: "<", with: "")
            let printedNumber = printed.0.uppercased().filter { !$0.isWhitespace }
            if printedNumber != zoneNumber { clash("document number", printed: printed.0, inZone: zoneNumber, printed.1) }
        }
        if let printed = dates.first(where: { $0.role == .birth }),
           let inZone = MRZDates.date(mrz.birthDate, today: today, isBirth: true), printed.date != inZone {
            clash("date of birth", printed: printed.date.description, inZone: inZone.description, printed.evidence)
        }
        if let printed = fields["nationality"], let code = Nationality.code(printed.0), !mrz.nationality.isEmpty, code != mrz.nationality {
            clash("nationality", printed: printed.0, inZone: mrz.nationality, printed.1)
        }
        if let printed = fields["surname"], !mrz.surname.isEmpty,
           NameComparison.folded(printed.0) != NameComparison.folded(mrz.surname) {
            clash("surname", printed: printed.0, inZone: mrz.surname, printed.1)
        }
        return facts
    }

    // MARK: Facts

    func facts(for analysis: DocumentAnalysis, pages: [PageTranscript], fields: [String: (String, Evidence)]) -> [Fact] {
        let file = analysis.file
        let typeName = analysis.type.type.rawValue
        func evidence(_ item: Evidence) -> [FlagEvidence] { [FlagEvidence(document: file, evidence: item)] }
        // What each page is in: as its reading chose (`--lang auto`), else as its text tells.
        let identified = Dictionary(analysis.pageLanguages.map { ($0.page, $0.language?.code) }, uniquingKeysWith: { first, _ in first })
        let written = pages.map { page in
            (script: page.script ?? WritingScript.dominant(in: page.text)?.script,
             language: page.unreadableReason == nil ? page.language ?? identified[page.number] ?? nil : page.language)
        }
        let foreign = zip(pages, written).filter { page, labels in
            !page.isBlank && Translation.needed(script: labels.script, language: labels.language)
        }
        // "Persian on page 1, 2; Ethiopic script on page 3": what a translator is asked for.
        var translation: [(what: String, pages: [Int])] = []
        for (page, (script, language)) in foreign {
            let what = language.map(LanguageNames.english) ?? "\(script ?? "an unknown") script"
            if let index = translation.firstIndex(where: { $0.what == what }) {
                translation[index].pages.append(page.number)
            } else {
                translation.append((what, [page.number]))
            }
        }
        let translationNeeded = translation.map {
            "\($0.what) on page \($0.pages.map(String.init).joined(separator: ", "))"
        }.joined(separator: "; ")
        // The document's language is quoted from its first page, a translation from the first
        // page that needs one.
        let quoted = foreign.first?.0 ?? (analysis.language == nil ? nil : pages.first)
        var facts: [Fact] = []
        facts.append(Fact(kind: .document, fields: [
            "type": .text(typeName), "type_confidence": .number(analysis.type.confidence),
            "language": .text(analysis.language?.code ?? ""), "language_name": .text(analysis.language.map { LanguageNames.english($0.code) } ?? ""),
            "language_confidence": .number(analysis.language?.confidence ?? 0),
            "pages": .number(Double(analysis.pages)), "file": .text(file), "translation_needed": .text(translationNeeded),
        ], evidence: quoted.map { page in [FlagEvidence(document: file, evidence: Evidence(
            page: page.number, start: 0, end: min(80, page.text.count), quote: String(page.text.prefix(80))
        ))] } ?? []))
        for (page, (script, language)) in zip(pages, written) {
            facts.append(Fact(kind: .page, fields: [
                "number": .number(Double(page.number)), "method": .text(page.method.rawValue),
                "confidence": .number((page.confidence ?? 100).rounded()), "blank": .flag(page.isBlank),
                "needs_language": .text(page.needsLanguage.map(LanguageNames.english) ?? ""), "document_type": .text(typeName),
                "script": .text(script ?? ""), "language": .text(language ?? ""),
                "language_name": .text(language.map(LanguageNames.english) ?? ""),
                "unreadable": .text(page.unreadableReason ?? ""),
            ], evidence: [FlagEvidence(document: file, evidence: Evidence(
                page: page.number, start: 0, end: min(60, page.text.count), quote: String(page.text.prefix(60))
            ))]))
        }
        for identifier in analysis.identifiers {
            facts.append(Fact(kind: .identifier, fields: [
                "kind": .text(identifier.kind.rawValue), "value": .text(identifier.value), "valid": .flag(identifier.valid),
                "failures": .list(identifier.failures), "document_type": .text(typeName),
            ], evidence: evidence(identifier.evidence), details: ["meaning": identifier.meaning]))
        }
        for date in analysis.dates {
            facts.append(Fact(kind: .date, fields: [
                "role": .text(date.role?.rawValue ?? ""), "date": .text(date.date.description),
                "days_from_today": .number(Double(today.days(until: date.date))), "document_type": .text(typeName),
            ], evidence: evidence(date.evidence)))
        }
        for deadline in analysis.deadlines {
            facts.append(Fact(kind: .deadline, fields: [
                "date": .text(deadline.term.date.description), "days_left": .number(Double(today.days(until: deadline.term.date))),
                "rule": .text(deadline.term.rule), "source": .text(deadline.source),
            ], evidence: evidence(deadline.evidence), details: [
                "deadline": deadline.term.date.description, "rule": deadline.term.rule, "source": deadline.source,
                "today": today.description,
            ]))
        }
        facts += PageNumbering.gaps(in: pages, file: file)
        facts += zoneContradictions(fields: fields, identifiers: analysis.identifiers, dates: analysis.dates, file: file)
        return facts
    }
}

/// MRZ dates (YYMMDD) as calendar dates: a birth year is the latest one not in the future; an
/// expiry year lies within the next 50 years.
enum MRZDates {
    static func date(_ text: String, today: CivilDate, isBirth: Bool) -> CivilDate? {
        let digits = text.compactMap(\.wholeNumberValue)
        guard digits.count == 6 else { return nil }
        let yy = digits[0] * 10 + digits[1], month = digits[2] * 10 + digits[3], day = digits[4] * 10 + digits[5]
        let century = today.year / 100 * 100
        var year = century + yy
        if isBirth, year > today.year { year -= 100 }
        if !isBirth, year < today.year - 50 { year += 100 }
        return CivilDate(year: year, month: month, day: day)
    }
}

/// Civil status as a declaration states it.
enum CivilStatus {
    /// Checked in this order: "ongehuwd" contains "gehuwd".
    static let words: [(String, [String])] = [
        ("unmarried", ["ongehuwd", "niet gehuwd", "unmarried", "not married", "single", "célibataire", "celibataire", "never married"]),
        ("divorced", ["gescheiden", "divorced", "divorcé", "divorcée"]),
        ("widowed", ["weduwe", "weduwnaar", "widowed", "widow", "veuf", "veuve"]),
        ("married", ["gehuwd", "married", "marié", "mariée", "getrouwd"]),
    ]

    static func find(in pages: [PageTranscript]) -> (String, Evidence)? {
        for page in pages {
            let lower = page.text.lowercased()
            for (status, cues) in words {
                for cue in cues {
                    guard let range = lower.range(of: cue) else { continue }
                    let before = range.lowerBound == lower.startIndex ? nil : lower[lower.index(before: range.lowerBound)]
                    if before?.isLetter == true { continue }
                    let start = lower.distance(from: lower.startIndex, to: range.lowerBound)
                    return (status, Evidence(page: page.number, start: start, end: start + cue.count,
                                             quote: String(Array(page.text)[start..<min(page.text.count, start + cue.count)])))
                }
            }
        }
        return nil
    }
}

/// "Pagina 2 van 3", "page 2 of 3", "blad 2/3": which of the pages a document says it has are
/// not in the file.
enum PageNumbering {
    static let marker = pattern(#"\b(?:pagina|page|blad|bladzijde|p\.)\s*(\d{1,3})\s*(?:van|of|de|sur|/)\s*(\d{1,3})\b"#, caseInsensitive: true)

    static func gaps(in pages: [PageTranscript], file: String) -> [Fact] {
        var seen = Set<Int>()
        var totals: [Int: Int] = [:]
        var evidence: [FlagEvidence] = []
        for page in pages {
            let text = PageText(page)
            for match in text.matches(marker) {
                guard let number = Int(text.string(match.range(at: 1))), let total = Int(text.string(match.range(at: 2))),
                      number >= 1, total >= number, total <= 500 else { continue }
                seen.insert(number)
                totals[total, default: 0] += 1
                if evidence.count < 3 { evidence.append(FlagEvidence(document: file, evidence: text.evidence(match.range))) }
            }
        }
        guard let total = totals.max(by: { $0.value < $1.value })?.key else { return [] }
        let missing = (1...total).filter { !seen.contains($0) }
        // A document that numbers its pages but whose file has fewer pages than it says.
        guard !missing.isEmpty, pages.count < total else { return [] }
        return [Fact(kind: .pageGap, fields: [
            "missing": .list(missing.map(String.init)), "total": .number(Double(total)),
        ], evidence: evidence)]
    }
}

/// Nationalities as printed, mapped to ICAO codes so a printed field can be compared with an
/// MRZ. Covers the countries most often seen in Dutch case files; others compare as text.
enum Nationality {
    static let codes: [String: String] = [
        "nederlandse": "NLD", "nederland": "NLD", "netherlands": "NLD", "dutch": "NLD", "néerlandaise": "NLD",
        "eritrea": "ERI", "eritrese": "ERI", "eritrean": "ERI", "érythréenne": "ERI",
        "syrië": "SYR", "syrie": "SYR", "syria": "SYR", "syrische": "SYR", "syrian": "SYR", "syrienne": "SYR",
        "afghanistan": "AFG", "afghaanse": "AFG", "afghan": "AFG",
        "turkije": "TUR", "turkey": "TUR", "turkse": "TUR", "turkish": "TUR", "turque": "TUR",
        "marokko": "MAR", "morocco": "MAR", "marokkaanse": "MAR", "moroccan": "MAR", "marocaine": "MAR",
        "nigeria": "NGA", "nigeriaanse": "NGA", "nigerian": "NGA",
        "oekraïne": "UKR", "oekraine": "UKR", "ukraine": "UKR", "oekraïense": "UKR", "ukrainian": "UKR",
        "frankrijk": "FRA", "france": "FRA", "franse": "FRA", "french": "FRA", "française": "FRA",
        "ethiopië": "ETH", "ethiopie": "ETH", "ethiopia": "ETH", "ethiopische": "ETH", "ethiopian": "ETH",
        "iran": "IRN", "iraanse": "IRN", "iranian": "IRN", "somalië": "SOM", "somalia": "SOM", "somalische": "SOM",
        "polen": "POL", "poland": "POL", "poolse": "POL", "polish": "POL", "irak": "IRQ", "iraq": "IRQ", "iraakse": "IRQ",
        "soedan": "SDN", "sudan": "SDN", "soedanese": "SDN", "india": "IND", "indiase": "IND", "indian": "IND",
        "belgië": "BEL", "belgium": "BEL", "belgische": "BEL", "duitsland": "DEU", "germany": "DEU", "duitse": "DEU",
        "german": "DEU", "deutsch": "DEU", "yemen": "YEM", "jemen": "YEM", "stateless": "XXA", "staatloos": "XXA",
    ]

    /// The three-letter code of a printed nationality, or the text itself when it already is one.
    static func code(_ text: String) -> String? {
        let key = text.lowercased().trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        if let code = codes[key] { return code }
        if key.count == 3, key.allSatisfy({ $0.isLetter && $0.isASCII }) { return key.uppercased() }
        return nil
    }
}
