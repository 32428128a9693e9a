internal import Foundation
internal import DossierCore

/// What documents say about the people of a case, so that one statement can be held against
/// another: whose birth date a date is, when a declaration of being unmarried was made and
/// when a marriage was, what gross salary a contract and a payslip give for how many hours.
///
/// A statement is tied to a person only when that person's name (or a transliteration
/// variant of it) stands next to it, on the same line or the one before or after, and no
/// other known person's name does: a marriage certificate's second birth date is the
/// partner's, not the applicant's.
struct PersonStatements {
    /// A statement about a person: what it is, in which document, where.
    struct Statement {
        let person: String
        let document: DocumentAnalysis
        let evidence: Evidence
    }

    /// The names of the case's people: identity documents' holders first, then the names
    /// other documents give their holder. Variants of one name count once.
    let people: [String]

    init(_ documents: [DocumentAnalysis]) {
        var people: [String] = []
        let ordered = documents.filter { $0.identifiers.contains { $0.kind == .mrz } }
            + documents.filter { !$0.identifiers.contains { $0.kind == .mrz } }
        for document in ordered {
            guard let name = document.holder.name, NameComparison.folded(name).split(separator: " ").count >= 2 else { continue }
            if !people.contains(where: { NameComparison.relation($0, name) != .different }) { people.append(name) }
        }
        // Names the documents give a person next to a label or a birth ("Werknemer Olena
        // Yılmaz", "…, geboren op"), kept when two documents of the case give them: the
        // people a case is about recur; a name one document mentions in passing does not.
        var documentsNaming: [String: (name: String, count: Int)] = [:]
        for document in documents {
            var here = Set<String>()
            for page in document.pageTexts {
                let text = PageText(page)
                for match in text.matches(Self.namedPerson) {
                    let group = match.range(at: 1).location != NSNotFound ? match.range(at: 1) : match.range(at: 2)
                    let name = text.string(group).split(whereSeparator: \.isWhitespace).joined(separator: " ")
                    let key = NameComparison.skeleton(name)
                    guard name.split(separator: " ").count >= 2, here.insert(key).inserted else { continue }
                    documentsNaming[key, default: (name, 0)].count += 1
                }
            }
        }
        for (_, entry) in documentsNaming.sorted(by: { $0.key < $1.key }) where entry.count >= 2 {
            if !people.contains(where: { NameComparison.relation($0, entry.name) != .different }) { people.append(entry.name) }
        }
        self.people = people
    }

    /// A capitalised name of two to four words after a label that introduces a person, or
    /// before the words that give their birth.
    static let namedPerson: NSRegularExpression = {
        let word = #"\p{Lu}[\p{Ll}\p{Lu}'’-]+"#
        let particle = #"(?:(?:van|de|der|den|el|al|bin|ben|ter|ten)[ ]+)"#
        let name = "(" + word + "(?:[ ]+" + particle + "?" + word + "){1,3})"
        let label = #"(?i:werknemer|medewerker|employee|husband|wife|bruidegom|bruid|naam|name|rekeninghouder|vreemdeling|betreft|applicant|demandeur|mijn naam is|my name is|verklaart dat|certify that|certifies that|cliënt|client)[ \t]*[:,]?[ \t]+"#
        let birth = #"(?=,?[ \t]*\n?[ \t]*(?i:geboren|born|né|née|date of birth))"#
        return pattern(label + name + "|" + name + birth)
    }()

    /// The one known person named next to `evidence` in `document`, if exactly one is.
    func person(near evidence: Evidence, in document: DocumentAnalysis) -> String? {
        guard let page = document.pageTexts.first(where: { $0.number == evidence.page }) else { return nil }
        let window = Self.lines(around: evidence, in: page.text)
        let named = people.filter { NameComparison.isNamed($0, in: window, allowingVariants: true) }
        return named.count == 1 ? named[0] : nil
    }

    /// Whether `person` (or a variant) is named anywhere in `document`.
    func names(_ person: String, in document: DocumentAnalysis) -> Bool {
        NameComparison.isNamed(person, in: document.pageTexts.map(\.text).joined(separator: "\n"), allowingVariants: true)
    }

    /// The line `evidence` starts on with the lines before and after it.
    static func lines(around evidence: Evidence, in text: String) -> String {
        let characters = Array(text)
        let start = min(max(0, evidence.start), characters.count)
        let end = min(max(start, evidence.end), characters.count)
        var lower = start, upper = end, breaks = 0
        while lower > 0 {
            if characters[lower - 1] == "\n" { breaks += 1; if breaks == 2 { break } }
            lower -= 1
        }
        breaks = 0
        while upper < characters.count {
            if characters[upper] == "\n" { breaks += 1; if breaks == 2 { break } }
            upper += 1
        }
        return String(characters[lower..<upper])
    }

    /// The birth dates documents give, each tied to the person named beside it.
    func birthDates(in documents: [DocumentAnalysis]) -> [(Statement, CivilDate)] {
        documents.flatMap { document in
            document.dates.filter { $0.role == .birth }.compactMap { date -> (Statement, CivilDate)? in
                // A zone's birth date belongs to the zone's holder.
                // Else the person named beside it; else, in a document about one person (a
                // register extract whose name and birth stand rows apart), the one it names.
                let person = document.identifiers.contains { $0.kind == .mrz && $0.evidence == date.evidence }
                    ? document.holder.name.flatMap { name in people.first { NameComparison.relation($0, name) != .different } }
                    : person(near: date.evidence, in: document) ?? soleBirth(of: document)
                return person.map { (Statement(person: $0, document: document, evidence: date.evidence), date.date) }
            }
        }
    }

    /// The one known person a document names, when it gives one birth date only and is not
    /// about two people (a marriage certificate gives both partners').
    func soleBirth(of document: DocumentAnalysis) -> String? {
        guard document.type.type != .marriageCertificate, document.dates.filter({ $0.role == .birth }).count == 1 else { return nil }
        let named = people.filter { names($0, in: document) }
        return named.count == 1 ? named[0] : nil
    }

    // MARK: Salary

    static let grossCue = pattern(
        #"(bruto\s*maand(?:salaris|loon)|bruto\s*salaris|brutosalaris|brutoloon|bruto\s*loon|salaris\s*bruto|gross\s+(?:monthly\s+)?(?:salary|pay|wage)|monthly\s+gross\s+(?:salary|pay)|salaire\s+(?:mensuel\s+)?brut)"#,
        caseInsensitive: true
    )
    static let weeklyHours = pattern(
        #"(?<![\d.,])(\d{1,2}(?:[.,]\d{1,2})?)\s*(?:uur|uren|hours)\s*(?:per|a|each|in\s+de)\s*(?:week|wk)|(?:week\s+is|uren\s+per\s+week|hours\s+per\s+week|arbeidsduur\s+bedraagt|werkweek\s+van)[\s:]*(\d{1,2}(?:[.,]\d{1,2})?)"#,
        caseInsensitive: true
    )

    /// A document's gross monthly pay (the first amount within a short distance after a gross
    /// pay cue) and its weekly hours, when it states both or the pay alone.
    static func grossPay(in document: DocumentAnalysis) -> (cents: Int, evidence: Evidence, hours: Double?)? {
        for page in document.pageTexts {
            let text = PageText(page)
            for cue in text.matches(grossCue) {
                let cueEnd = text.evidence(cue.range).end
                guard let amount = document.amounts.first(where: {
                    $0.evidence.page == page.number && $0.evidence.start >= cueEnd && $0.evidence.start - cueEnd <= 40 && $0.cents > 0
                }) else { continue }
                return (amount.cents, amount.evidence, hours(in: document))
            }
        }
        return nil
    }

    static func hours(in document: DocumentAnalysis) -> Double? {
        for page in document.pageTexts {
            let text = PageText(page)
            for match in text.matches(weeklyHours) {
                let group = match.range(at: 1).location != NSNotFound ? match.range(at: 1) : match.range(at: 2)
                if let value = Double(text.string(group).replacingOccurrences(of: ",", with: ".")), (4...60).contains(value) {
                    return value
                }
            }
        }
        return nil
    }

    // MARK: Civil status

    /// The date a declaration was made: the date its head or signature gives, else its last
    /// date that is not a birth date.
    static func declarationDate(of document: DocumentAnalysis) -> FoundDate? {
        document.dates.first { $0.role == .letter }
            ?? document.dates.last { $0.role != .birth && $0.role != .expiry }
    }

    /// The date of the marriage a certificate records: its marriage date, else its first date
    /// that is not a birth date.
    static func marriageDate(of document: DocumentAnalysis) -> FoundDate? {
        document.dates.first { $0.role == .marriage } ?? document.dates.first { $0.role == nil || $0.role == .letter }
    }
}

extension NameComparison {
    /// Whether every word of `name` occurs in `text`, spelled the same or, when
    /// `allowingVariants`, with the same consonant skeleton (Olena / Elena, Yılmaz / Yilmaz).
    static func isNamed(_ name: String, in text: String, allowingVariants: Bool) -> Bool {
        guard allowingVariants else { return isNamed(name, in: text) }
        let words: [String] = folded(name).split(separator: " ").map { String($0) }.filter { $0.count >= 2 }
        guard !words.isEmpty else { return false }
        let haystack = Set(folded(text).split(separator: " ").map { String($0) })
        let skeletons = Set(haystack.filter { $0.count >= 2 }.map(skeleton))
        return words.allSatisfy { haystack.contains($0) || ($0.count >= 4 && skeletons.contains(skeleton($0))) }
    }
}
