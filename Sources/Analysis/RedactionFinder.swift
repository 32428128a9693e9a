internal import Foundation
public import DossierCore

/// Something on a page that a redacted copy may have to hide: its category, where it stands,
/// and why it was proposed.
public struct RedactionFinding: Codable, Sendable, Equatable {
    public let category: RedactionCategory
    public let evidence: Evidence
    /// Why, in words that never repeat the hidden text.
    public let reason: String
}

/// What a case's documents say about its persons, so every document of the case is redacted
/// alike: the words of the names its identity documents and name fields give, its persons'
/// birth dates, and its travel and residence document numbers.
public struct RedactionContext: Sendable, Equatable {
    /// Folded words of names (see ``PersonNameFinder/fold(_:)``).
    public var nameWords: Set<String> = []
    public var birthDates: Set<CivilDate> = []
    /// Document numbers, upper case, no spaces.
    public var documentNumbers: Set<String> = []

    public init() {}

    /// The context of a case from the analyses of all its documents.
    public static func of(case analyses: [DocumentAnalysis]) -> RedactionContext {
        var context = RedactionContext()
        let names = PersonNameFinder()
        for analysis in analyses {
            for identifier in analysis.identifiers {
                if let mrz = identifier.mrz {
                    for part in [mrz.surname, mrz.givenNames] {
                        context.nameWords.formUnion(names.caseWords(of: part.replacingOccurrences(of: "<", with: " ").capitalized))
                    }
                    let number = mrz.documentNumber.replacingOccurrences(of: "<", with: "")
                    if number.count >= 6 { context.documentNumbers.insert(number) }
                }
                if identifier.kind == .residenceDocument { context.documentNumbers.insert(identifier.value.uppercased()) }
            }
            if let birth = analysis.holder.birth { context.birthDates.insert(birth) }
            for date in analysis.dates where date.role == .birth { context.birthDates.insert(date.date) }
            if let name = analysis.holder.name { context.nameWords.formUnion(names.caseWords(of: name.capitalized)) }
            for page in analysis.pageTexts {
                let characters = Array(page.text)
                for span in names.find(in: page.text) where span.confident {
                    context.nameWords.formUnion(names.caseWords(of: String(characters[span.start..<span.end])))
                }
            }
        }
        return context
    }
}

/// Proposes what to hide on every page of a document: identifiers (BSN, V-number, document
/// numbers, whole machine-readable zones, IBAN, KvK), phone numbers, e-mail addresses, street
/// addresses and postcodes with their town, birth dates and the names of persons.
///
/// It leans towards hiding: a nine-digit number that passes the BSN 11-proof is proposed even
/// where no label names it, a ten-digit one as a V-number, a zone line the zone reader could not
/// parse as part of a zone. A reviewer removes what should stay.
public struct RedactionFinder: @unchecked Sendable {
    // @unchecked: NSRegularExpression is immutable and documented as safe to share.
    private let names = PersonNameFinder()

    private let nineDigits = pattern(#"(?<![\d.,/-])(\d{9}|\d{4}[ .]\d{2}[ .]\d{3}|\d{3}[ .]\d{3}[ .]\d{3}|\d{2}[ .]\d{3}[ .]\d{2}[ .]\d{2})(?![\d]|[.,/-]\d)"#)
    private let tenDigits = pattern(#"(?<![\d.,/+-])([1-9]\d{9}|[1-9]\d{3}[ .]\d{3}[ .]\d{3})(?![\d]|[.,/-]\d)"#)
    /// An account number in IBAN form as OCR may leave it: check digits read as letters (`O`, `S`,
    /// `I`, `l`), a space anywhere in the digits.
    private let ibanShape = pattern(#"(?<![A-Za-z0-9])([A-Z]{2}[0-9OSIl]{2}(?:[ ]?[A-Z0-9]){10,30})(?![A-Za-z0-9])"#)
    private let email = pattern(#"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])"#)
    private let internationalPhone = pattern(#"(?<![\w+])(?:\+|00)[1-9]\d{0,2}[ .-]?(?:\(0\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){2,4}(?![\w])"#)
    private let nationalPhone = pattern(#"(?<![\w+.,/-])(?:\(0\d{1,4}\)|0\d{1,4})(?:[ .-]?\d{2,4}){1,4}(?![\w]|[.,/-]\d)"#)
    private let dutchPostcode = pattern(#"(?<![\w./-])([1-9]\d{3}) ?([A-Z]{2})(?![\w])"#)
    private let streetNumber = pattern(
        #"(?<![\w])((?:\p{Lu}[\p{L}'’-]*\.?[ \t]){0,3}\p{Lu}?[\p{L}'’-]*(?:straat|laan|weg|plein|gracht|kade|hof|dijk|singel|park|pad|steeg|dreef|markt|plantsoen|kanaal|boulevard|baan|veld|erf|wal|burgwal|haven|dam|zijde|ring|allee|dries|steenweg|straße|strasse|street|road|avenue|lane|drive|way|close|court|square|crescent|terrace)[ \t]+\d{1,5}(?:[ \t]?[a-zA-Z](?![\p{L}]))?(?:[-/]\d{1,4}[a-zA-Z]?)?(?:[ \t]*(?:hs|bis|huis|I{1,3}))?)(?![\w])"#
    )
    private let frenchStreet = pattern(
        #"(?<![\w])(\d{1,4}(?:[ \t]?(?:bis|ter))?,?[ \t]+(?:rue|avenue|boulevard|bd|place|chemin|allée|impasse|quai|route|cours)[ \t]+[^\n,]{2,60})"#,
        caseInsensitive: true
    )
    private let numberFirstStreet = pattern(
        #"(?<![\w])(\d{1,5}[a-zA-Z]?,?[ \t]+(?:\p{Lu}[\p{L}'’-]*[ \t]){1,3}(?:Street|Road|Avenue|Lane|Drive|Way|Close|Court|Square|Crescent|Terrace|Place|Gardens|Hill|Row|Walk|St|Rd|Ave)\.?)(?![\w])"#
    )
    private let poBox = pattern(#"(?<![\w])((?:Postbus|Antwoordnummer|P\.?O\.? Box|Boîte postale|BP)[ \t]+\d{1,6})(?![\w])"#)
    private let foreignPostcodeTown = pattern(#"^[ \t]*((?:[A-Z]{1,2}-)?\d{4,5}[ \t]+\p{Lu}[\p{L}'’ -]{1,40})[ \t]*$"#)
    /// Nine digits with spaces or dots anywhere, as OCR splits them ("59809444 1"): a BSN where a
    /// label names one.
    private let looseNineDigits = pattern(#"(?<![\d])(\d(?:[ .]?\d){8})(?![\d])"#)
    /// A numeric date with a space the OCR put beside a separator ("30. 03.1987").
    private let looseNumericDate = pattern(#"(?<![\d])(\d{1,2} ?[./-] ?\d{1,2} ?[./-] ?\d{4})(?![\d])"#)
    /// "17 11 1969", "14 MRT/MAR 1991" (a passport's two languages), "02 JUL 1988".
    private let spacedDate = pattern(#"(?<![\d])(\d{1,2}[ ]\d{1,2}[ ]\d{4}|\d{1,2}[ ]\p{L}{3,9}\.?(?:[ ]?/[ ]?\p{L}{3,9}\.?)?[ ]\d{4})(?![\d])"#)
    private let documentNumber = pattern(#"(?<![\w])([A-Z0-9]{6,12})(?![\w])"#)
    private let digitRun = pattern(#"(?<![\d./-])(\d(?:[./-]?\d){5,15})(?![\d]|[./-]\d)"#)

    static let birthCues = ["geboren", "geboortedatum", "geb.", "date of birth", "birth", "born", "dob", "né le", "née le",
                            "né(e)", "naissance", "né", "née", "geburtsdatum", "geboortedag"]
    static let documentCues = ["passport", "paspoort", "passeport", "document", "card no", "kaartnummer", "n° de carte",
                               "identiteitskaart", "identity card", "carte d'identité", "verblijfs", "residence", "titre de séjour",
                               "documentnummer", "id no", "id-nummer", "rijbewijs", "driving licen", "permis"]

    public init() {}

    /// Every finding on `pages`, page by page in reading order. `analysis` is the document's
    /// own screening (its identifiers and dates), `context` what its case says.
    public func find(in pages: [PageTranscript], analysis: DocumentAnalysis, context: RedactionContext) -> [RedactionFinding] {
        let foundIdentifiers = analysis.identifiers
        let foundDates = analysis.dates
        return pages.flatMap { page -> [RedactionFinding] in
            guard !page.isBlank else { return [] }
            return find(
                in: PageText(page),
                identifiers: foundIdentifiers.filter { $0.evidence.page == page.number },
                dates: foundDates.filter { $0.evidence.page == page.number },
                context: context
            )
        }
    }

    func find(in page: PageText, identifiers: [FoundIdentifier], dates: [FoundDate], context: RedactionContext) -> [RedactionFinding] {
        var found: [RedactionFinding] = []
        let characters = Array(page.text)
        func add(_ category: RedactionCategory, _ evidence: Evidence, _ reason: String) {
            guard evidence.end > evidence.start else { return }
            found.append(RedactionFinding(category: category, evidence: evidence, reason: reason))
        }
        func span(_ start: Int, _ end: Int) -> Evidence {
            Evidence(page: page.number, start: start, end: end, quote: String(characters[start..<end]))
        }
        func taken(_ evidence: Evidence) -> Bool {
            found.contains { $0.evidence.start < evidence.end && evidence.start < $0.evidence.end }
        }

        // Identifiers the screening found, with their checks.
        for identifier in identifiers {
            switch identifier.kind {
            case .mrz: add(.mrz, identifier.evidence, "a machine-readable zone (every line of it)")
            case .bsn: add(.bsn, identifier.evidence, "a number named as a BSN")
            case .iban: add(.iban, identifier.evidence, identifier.valid ? "an IBAN (check digits pass)" : "an account number in IBAN form")
            case .vNumber: add(.vNumber, identifier.evidence, "a number named as a V-number")
            case .residenceDocument: add(.documentNumber, identifier.evidence, "a number named as a residence document's")
            case .kvk: add(.kvk, identifier.evidence, "a number named as a KvK number")
            case .postcode, .ecli: break
            }
        }
        // Zone lines the zone reader could not put together; and the lines next to a zone line
        // that hold its filler (`<<`) and little else, which the OCR read too badly to pass as one.
        let filled = PageText.lineRanges(characters).filter { !String(characters[$0.start..<$0.end]).trimmingCharacters(in: .whitespaces).isEmpty }
        var zoneLines = Set<Int>()
        for (index, line) in filled.enumerated() where MRZLine.isCandidate(String(characters[line.start..<line.end])) {
            zoneLines.insert(index)
        }
        for index in zoneLines.sorted() {
            for neighbour in [index - 1, index + 1] where filled.indices.contains(neighbour) && !zoneLines.contains(neighbour) {
                let text = String(characters[filled[neighbour].start..<filled[neighbour].end])
                if MRZLine.isDamagedCandidate(text) { zoneLines.insert(neighbour) }
            }
        }
        for index in zoneLines.sorted() {
            let evidence = span(filled[index].start, filled[index].end)
            if !taken(evidence) { add(.mrz, evidence, "a line of a machine-readable zone") }
        }
        // Pieces of a zone the OCR broke up: a run of filler with zone characters around it.
        for (index, line) in filled.enumerated() where !zoneLines.contains(index) {
            let text = String(characters[line.start..<line.end])
            guard MRZLine.isFragment(text) else { continue }
            let evidence = span(line.start, line.end)
            if !taken(evidence) { add(.mrz, evidence, "a piece of a machine-readable zone") }
        }
        // What a zone holds that a recipient may not see even where the zone itself stays (a
        // lawyer's copy keeps zones, not citizen numbers): marks of their own inside the zone's.
        let nested = Self.zoneValues(characters, lines: filled, zoneLines: zoneLines, page: page.number)
        // What this page's own zone gives counts as the case's, even where the zone as a whole
        // did not pass its checks (a garbled name field leaves the number right): its number
        // and birth date printed elsewhere on the page go too.
        let zoneFacts = Self.zoneFacts(characters, lines: filled)
        let birthDates = context.birthDates.union(zoneFacts.birthDates)
        // The case's document numbers also inside longer runs (a zone line read in pieces).
        // Upper case character by character, so offsets stay those of the page text.
        let upper: [Character] = characters.map { let raised = String($0).uppercased(); return raised.count == 1 ? Character(raised) : $0 }
        for number in context.documentNumbers.union(zoneFacts.numbers) where number.count >= 6 {
            let needle = Array(number)
            var start = 0
            while start + needle.count <= upper.count {
                guard upper[start] == needle[0], Array(upper[start..<start + needle.count]) == needle else { start += 1; continue }
                var first = start, last = start + needle.count
                while first > 0, !characters[first - 1].isWhitespace { first -= 1 }
                while last < characters.count, !characters[last].isWhitespace { last += 1 }
                let evidence = span(first, last)
                if !taken(evidence) { add(.documentNumber, evidence, "holds the number of a travel or identity document in the case") }
                start = last
            }
        }
        // The personal number a zone's optional data holds, printed on the page with its own
        // separators ("110101/1111"), or without the century the zone writes ("870314-2391").
        for match in page.matches(digitRun) where !zoneFacts.personalNumbers.isEmpty {
            let evidence = page.evidence(match.range(at: 1))
            let digits = evidence.quote.filter(\.isNumber)
            guard !taken(evidence), zoneFacts.personalNumbers.contains(where: { personal in
                // As the zone has it, without the century, or without the check digit run on.
                digits == personal || (digits.count >= 8 && (personal.hasSuffix(digits) || personal.dropLast() == digits))
            }) else { continue }
            add(.bsn, evidence, "the personal number the document's machine-readable zone holds")
        }
        for match in page.matches(ibanShape) {
            let evidence = page.evidence(match.range(at: 1))
            let compact = evidence.quote.filter { !$0.isWhitespace }
            // An IBAN the screening found cut short by a space ("NL48INGB92443 10713") is taken
            // whole: the longer finding of the same category stands (``resolved``).
            let overlapping = found.filter { $0.evidence.start < evidence.end && evidence.start < $0.evidence.end }
            guard overlapping.allSatisfy({ $0.category == .iban }), let length = IBAN.lengths[String(compact.prefix(2))],
                  abs(compact.count - length) <= 1, compact.dropFirst(4).filter(\.isNumber).count >= 6 else { continue }
            add(.iban, evidence, "an account number in IBAN form (its check digits do not pass as read)")
        }
        for match in page.matches(email) {
            let evidence = page.evidence(match.range)
            if !taken(evidence) { add(.email, evidence, "an e-mail address") }
        }
        for match in page.matches(internationalPhone) + page.matches(nationalPhone) {
            let evidence = page.evidence(match.range)
            let digits = evidence.quote.filter(\.isNumber).count
            let international = evidence.quote.hasPrefix("+") || evidence.quote.hasPrefix("00")
            guard (international ? 8...15 : 10...11).contains(digits), !taken(evidence) else { continue }
            add(.phone, evidence, "a telephone number")
        }
        // Numbers by their shape alone: the 11-proof, or ten digits.
        for match in page.matches(nineDigits) {
            let evidence = page.evidence(match.range(at: 1))
            guard !taken(evidence), BSN.check(evidence.quote).valid else { continue }
            add(.bsn, evidence, "nine digits that pass the BSN 11-proof")
        }
        for match in page.matches(looseNineDigits) {
            let evidence = page.evidence(match.range(at: 1))
            guard !taken(evidence), IdentifierFinder.named(match.range(at: 1), in: page, by: IdentifierFinder.bsnCues) else { continue }
            add(.bsn, evidence, "nine digits named as a BSN")
        }
        for match in page.matches(tenDigits) {
            let evidence = page.evidence(match.range(at: 1))
            guard !taken(evidence) else { continue }
            add(.vNumber, evidence, "ten digits, as a V-number is written")
        }
        // Codes on a line that names a document (the case's own numbers are taken above).
        for match in page.matches(documentNumber) {
            let evidence = page.evidence(match.range(at: 1))
            let value = evidence.quote
            guard !taken(evidence), value.contains(where: \.isNumber), value.filter(\.isLetter).count >= 1 else { continue }
            // The line it stands on and the line above (a card prints the label over the value).
            let nearby = page.context(before: match.range, length: 60) + " " + page.line(containing: match.range).lowercased()
            // On a page with a zone (an identity document) its printed number may stand far from
            // its label: any code of 8 to 10 with six digits or more goes.
            if !zoneLines.isEmpty, (8...10).contains(value.count), value.filter(\.isNumber).count >= 6 {
                add(.documentNumber, evidence, "a document number on an identity document's page")
                continue
            }
            if Self.documentCues.contains(where: { nearby.contains($0) }), value.filter(\.isNumber).count >= 5, (8...10).contains(value.count) {
                add(.documentNumber, evidence, "a document number beside a word naming the document")
            }
        }
        addresses(page, characters: characters, add: add, taken: taken)
        // Birth dates: named as such, or a case person's birth date wherever it stands.
        /// Whether a birth cue ("geboren", "né(e) le", "date of birth") stands on the date's line
        /// or the line above, before the date.
        func namedAsBirth(_ evidence: Evidence) -> Bool {
            var lines = String(characters[max(0, evidence.start - 80)..<evidence.start]).lowercased()
                .split(separator: "\n", omittingEmptySubsequences: false)
            let current = String(lines.popLast() ?? "")
            // OCR leaves blank lines between a card's label and its value.
            while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
            lines.append(Substring(current))
            // The line above counts only when it is a label: short, no number in it (a card
            // prints "Date of birth / Né(e) le" over the value).
            let above = lines.count > 1 ? String(lines[lines.count - 2]).trimmingCharacters(in: CharacterSet(charactersIn: " \t:")) : ""
            let aboveIsLabel = !above.isEmpty && above.count <= 60 && !above.contains(where: \.isNumber)
            // On the date's own line the cue stands just before it: a few words, no other number.
            let near = Self.birthCues.contains { cue in
                guard let hit = current.range(of: cue, options: .backwards) else { return false }
                let between = current[hit.upperBound...]
                return between.count <= 24 && !between.contains(where: \.isNumber)
            }
            // …and ends with the cue, or with the cue and one more word ("Né(e) le").
            let labelAbove = aboveIsLabel && Self.birthCues.contains { cue in
                guard let hit = above.range(of: cue, options: .backwards) else { return false }
                return above[hit.upperBound...].split(whereSeparator: \.isWhitespace).count <= 1
            }
            return near || labelAbove
        }
        /// A date is a birth date when a cue names it so, or when it is a case person's.
        func addIfBirth(_ evidence: Evidence, date: CivilDate?, named: Bool) {
            if named {
                add(.birthDate, evidence, "a date named as a birth date")
            } else if let date, birthDates.contains(date) {
                add(.birthDate, evidence, "the birth date of a person in the case")
            }
        }
        for date in dates {
            addIfBirth(date.evidence, date: date.date, named: date.role == .birth || (date.role == nil && namedAsBirth(date.evidence)))
        }
        for match in page.matches(looseNumericDate) {
            let evidence = page.evidence(match.range(at: 1))
            guard !taken(evidence), evidence.quote.contains(" ") else { continue }
            addIfBirth(evidence, date: Self.dayFirstDate(evidence.quote), named: namedAsBirth(evidence))
        }
        for match in page.matches(spacedDate) {
            let evidence = page.evidence(match.range(at: 1))
            guard !taken(evidence) else { continue }
            addIfBirth(evidence, date: Self.dayFirstDate(evidence.quote), named: namedAsBirth(evidence))
        }
        for name in names.find(in: page.text, caseNames: context.nameWords) {
            let evidence = span(name.start, name.end)
            add(.name, evidence, name.reason)
        }
        return (Self.resolved(found) + nested).sorted { ($0.evidence.page, $0.evidence.start) < ($1.evidence.page, $1.evidence.start) }
    }

    /// The document numbers (six characters or more, their check digit passing), birth dates
    /// (their check digit passing; both centuries, as a zone writes two digits of the year) and
    /// personal numbers (optional data of six digits or more and nothing else) of every zone on
    /// a page whose lines have a zone's shape.
    static func zoneFacts(_ characters: [Character], lines: [(start: Int, end: Int)]) -> (numbers: Set<String>, birthDates: Set<CivilDate>, personalNumbers: Set<String>) {
        var numbers = Set<String>(), births = Set<CivilDate>(), personal = Set<String>()
        let texts = lines.map { line in
            String(characters[line.start..<line.end].filter { !$0.isWhitespace }).uppercased().replacingOccurrences(of: "«", with: "<")
        }
        for start in texts.indices {
            for count in [3, 2] where start + count <= texts.count {
                guard let zone = MRZ.parse(Array(texts[start..<start + count])) else { continue }
                func passes(_ field: String) -> Bool { zone.checkDigits.first { $0.field == field }?.passes ?? false }
                let number = zone.documentNumber.replacingOccurrences(of: "<", with: "")
                if number.count >= 6, number.contains(where: \.isNumber), passes("document number") { numbers.insert(number) }
                let digits = zone.birthDate.compactMap(\.wholeNumberValue)
                // The optional data's digits: a personal number many documents carry there
                // (a Czech birth number, a Swedish personal identity number).
                for field in MRZ.fieldPositions(Array(texts[start..<start + count])) where field.kind == .optionalData {
                    let value = texts[start + field.line].dropFirst(field.range.lowerBound).prefix(field.range.count)
                    // The field's runs between fillers (a check digit stands apart after them).
                    for run in value.split(separator: "<") where run.count >= 6 && run.allSatisfy(\.isNumber) {
                        personal.insert(String(run))
                    }
                }
                if digits.count == 6, passes("birth date") {
                    let year = digits[0] * 10 + digits[1], month = digits[2] * 10 + digits[3], day = digits[4] * 10 + digits[5]
                    for century in [1900, 2000] {
                        if let date = CivilDate(year: century + year, month: month, day: day) { births.insert(date) }
                    }
                }
            }
        }
        return (numbers, births, personal)
    }

    /// The values inside the zones on a page, each as a finding of its own category: the
    /// document number, the birth date, the optional data (a BSN, a V-number or another
    /// personal number) and the names, at their ICAO 9303 positions in each zone that has a
    /// zone's shape. In zone lines the reader could not put together, nine digits that pass the
    /// BSN 11-proof. These stand inside the zone's own mark: a policy that keeps zones but hides
    /// one of these categories covers that value alone.
    static func zoneValues(
        _ characters: [Character], lines: [(start: Int, end: Int)], zoneLines: Set<Int>, page: Int
    ) -> [RedactionFinding] {
        var found: [RedactionFinding] = []
        /// The page-text offsets of a line's characters once spaces are gone (as the zone reads it).
        func offsets(_ line: (start: Int, end: Int)) -> [Int] {
            (line.start..<line.end).filter { !characters[$0].isWhitespace }
        }
        func compact(_ offsets: [Int]) -> String {
            String(offsets.map { character -> Character in
                let raised = String(characters[character]).uppercased()
                return raised == "«" ? "<" : (raised.count == 1 ? Character(raised) : characters[character])
            })
        }
        func add(_ category: RedactionCategory, _ offsets: ArraySlice<Int>, _ reason: String) {
            // Fillers at either end are not part of the value.
            let trimmed = offsets.drop { characters[$0] == "<" }.reversed().drop { characters[$0] == "<" }.reversed()
            guard let first = trimmed.first, let last = trimmed.last else { return }
            let evidence = Evidence(page: page, start: first, end: last + 1, quote: String(characters[first...last]))
            guard !found.contains(where: { $0.evidence == evidence && $0.category == category }) else { return }
            found.append(RedactionFinding(category: category, evidence: evidence, reason: reason))
        }
        var inZones = Set<Int>()
        var index = 0
        while index < lines.count {
            var matched = false
            for count in [3, 2] where index + count <= lines.count {
                let group = (index..<index + count).map { offsets(lines[$0]) }
                let text = group.map(compact)
                guard MRZ.parse(text) != nil else { continue }
                for field in MRZ.fieldPositions(text) {
                    let positions = group[field.line][field.range]
                    switch field.kind {
                    case .documentNumber:
                        add(.documentNumber, positions, "the document number inside a machine-readable zone")
                    case .birthDate:
                        add(.birthDate, positions, "the birth date inside a machine-readable zone")
                    case .surname, .givenNames:
                        add(.name, positions, "a name inside a machine-readable zone")
                    case .optionalData:
                        let value = String(text[field.line].dropFirst(field.range.lowerBound).prefix(field.range.count))
                        let digits = value.filter(\.isNumber)
                        if let bsn = Self.bsnRun(in: Array(value)) {
                            add(.bsn, positions[(positions.startIndex + bsn.lowerBound)..<(positions.startIndex + bsn.upperBound)],
                                "a citizen service number (BSN) inside a machine-readable zone")
                        } else if value.hasPrefix("VNR") || (digits.count == 10 && value.filter(\.isLetter).isEmpty) {
                            add(.vNumber, positions, "a V-number inside a machine-readable zone")
                        } else if digits.count >= 5 {
                            add(.bsn, positions, "a personal number (citizen number) inside a machine-readable zone")
                        }
                    case .expiryDate:
                        break
                    }
                }
                (index..<index + count).forEach { inZones.insert($0) }
                index += count
                matched = true
                break
            }
            if !matched { index += 1 }
        }
        // Zone lines without a zone's shape: a citizen number by its 11-proof alone.
        for line in zoneLines.sorted() where !inZones.contains(line) && lines.indices.contains(line) {
            let positions = offsets(lines[line])
            let text = Array(compact(positions))
            var from = 0
            while from < text.count, let run = Self.bsnRun(in: Array(text[from...])) {
                let start = from + run.lowerBound
                add(.bsn, positions[start..<from + run.upperBound], "nine digits in a machine-readable zone that pass the BSN 11-proof")
                from += run.upperBound
            }
        }
        return found
    }

    /// The first run of digits in `characters` with nine in a row that pass the BSN 11-proof,
    /// whole: a zone runs a number into its check digit and the document number, so which
    /// nine are the BSN is not certain, and the whole run goes.
    static func bsnRun(in characters: [Character]) -> Range<Int>? {
        var start = 0
        while start < characters.count {
            guard characters[start].isASCII, characters[start].isNumber else { start += 1; continue }
            var end = start
            while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
            if end - start >= 9, (start...(end - 9)).contains(where: { BSN.check(String(characters[$0..<$0 + 9])).valid }) {
                return start..<end
            }
            start = end
        }
        return nil
    }

    /// "17 11 1969", "30. 03.1987" as a date, day first; `nil` for a month written in words.
    static func dayFirstDate(_ text: String) -> CivilDate? {
        let parts = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return CivilDate(year: parts[2], month: parts[1], day: parts[0])
    }

    /// Street and house number, a postcode with its town, a post-office box.
    private func addresses(
        _ page: PageText, characters: [Character], add: (RedactionCategory, Evidence, String) -> Void, taken: (Evidence) -> Bool
    ) {
        var streets: [Evidence] = []
        for match in page.matches(streetNumber) + page.matches(numberFirstStreet) + page.matches(frenchStreet) + page.matches(poBox) {
            let evidence = page.evidence(match.range(at: 1))
            guard !taken(evidence) else { continue }
            streets.append(evidence)
            add(.address, evidence, "a street and house number")
        }
        for match in page.matches(dutchPostcode) {
            var range = match.range
            // The town after the postcode, to the end of its line or a comma.
            let after = page.context(after: match.range, length: 40)
            let town = String(after.prefix { $0 != "\n" && $0 != "," && $0 != ";" && $0 != "\t" })
            let trimmed = town.trimmingCharacters(in: .whitespaces)
            if let first = trimmed.first, first.isUppercase, trimmed.split(separator: " ").count <= 4 {
                let leading = town.prefix { $0 == " " }.count
                range.length += ((String(town.prefix(leading)) + trimmed) as NSString).length
            }
            let evidence = page.evidence(range)
            guard !taken(evidence), DutchPostcode.check(page.string(match.range)).valid else { continue }
            add(.address, evidence, "a postcode with its town")
        }
        // A foreign postcode and town on the line after a street.
        for match in page.matches(foreignPostcodeTown) {
            let evidence = page.evidence(match.range(at: 1))
            guard !taken(evidence) else { continue }
            let follows = streets.contains { street in
                street.end <= evidence.start && !characters[street.end..<evidence.start].contains { !$0.isWhitespace && $0 != "," }
            }
            if follows { add(.address, evidence, "a postcode and town after a street") }
        }
    }

    /// Findings that overlap: the one found first stands (identifiers before names), except that
    /// a longer finding of the same category absorbs a shorter one.
    static func resolved(_ findings: [RedactionFinding]) -> [RedactionFinding] {
        var kept: [RedactionFinding] = []
        for finding in findings {
            if let index = kept.firstIndex(where: { $0.evidence.start < finding.evidence.end && finding.evidence.start < $0.evidence.end }) {
                let other = kept[index]
                if other.category == finding.category,
                   finding.evidence.end - finding.evidence.start > other.evidence.end - other.evidence.start {
                    kept[index] = finding
                }
                continue
            }
            kept.append(finding)
        }
        return kept.sorted { ($0.evidence.page, $0.evidence.start) < ($1.evidence.page, $1.evidence.start) }
    }
}
