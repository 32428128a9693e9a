internal import Foundation
internal import DossierCore

/// The screening of a whole case: each document's analysis and the flags that only the
/// documents together can raise.
public struct CaseAnalysis: Codable, Sendable {
    public let documents: [DocumentAnalysis]
    /// The checklist the case was held against, if any.
    public let procedure: String?
    public let caseFlags: [ScreeningFlag]
}

/// Screens the documents of one case together: the same document twice, documents that
/// contradict each other on who someone is, annexes a letter lists that are not there, and
/// documents a procedure's checklist asks for that are missing.
public struct CaseAnalyzer: Sendable {
    let rules: ScreeningRules

    /// Word-shingle overlap from which two documents count as the same document scanned again.
    static let nearDuplicateSimilarity = 0.75

    public init(rules: ScreeningRules) {
        self.rules = rules
    }

    public func analyze(_ documents: [DocumentAnalysis], checklist: Checklist? = nil) -> CaseAnalysis {
        var facts: [Fact] = []
        facts += duplicates(documents)
        facts += contradictions(documents)
        facts += missingAnnexes(documents)
        if let checklist {
            let types = documents.map(\.type.type)
            for requirement in checklist.unmet(by: types) {
                facts.append(Fact(kind: .missingDocument, fields: [
                    "procedure": .text(checklist.title), "requirement": .text(requirement.label),
                    "types": .list(requirement.anyOf.map(\.rawValue)),
                ], evidence: []))
            }
        }
        return CaseAnalysis(
            documents: documents, procedure: checklist?.procedure,
            caseFlags: DocumentAnalyzer.ordered(rules.flags(for: facts))
        )
    }

    // MARK: Duplicates

    func duplicates(_ documents: [DocumentAnalysis]) -> [Fact] {
        var facts: [Fact] = []
        let shingles = documents.map { Self.shingles($0.pageTexts.map(\.text).joined(separator: " ")) }
        for later in documents.indices {
            for earlier in 0..<later {
                let a = documents[earlier], b = documents[later]
                let evidence = [Self.opening(of: b), Self.opening(of: a)].compactMap { $0 }
                if a.sha256 == b.sha256 {
                    facts.append(Fact(kind: .duplicate, fields: [
                        "other": .text(a.file), "similarity": .number(100), "exact": .flag(true),
                    ], evidence: evidence))
                    break
                }
                let similarity = Self.jaccard(shingles[earlier], shingles[later])
                if similarity >= Self.nearDuplicateSimilarity {
                    facts.append(Fact(kind: .duplicate, fields: [
                        "other": .text(a.file), "similarity": .number((similarity * 100).rounded()), "exact": .flag(false),
                    ], evidence: evidence))
                    break
                }
            }
        }
        return facts
    }

    /// Three-word shingles of folded text: robust to layout, and an OCR slip costs only the
    /// three shingles it stands in.
    static func shingles(_ text: String) -> Set<String> {
        let words: [String] = NameComparison.folded(text).split(separator: " ").filter { $0.count > 1 }.map { String($0) }
        guard words.count >= 3 else { return Set(words) }
        var shingles = Set<String>()
        for start in 0...(words.count - 3) { shingles.insert(words[start..<start + 3].joined(separator: " ")) }
        return shingles
    }

    static func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        return Double(a.intersection(b).count) / Double(a.union(b).count)
    }

    /// The first line of a document as evidence of which document is meant.
    static func opening(of document: DocumentAnalysis) -> FlagEvidence? {
        guard let page = document.pageTexts.first(where: { !$0.text.isEmpty }) else { return nil }
        let line: String = page.text.split(separator: "\n").first.map { String($0) } ?? ""
        let found = page.text.range(of: line)?.lowerBound ?? page.text.startIndex
        let start = page.text.distance(from: page.text.startIndex, to: found)
        return FlagEvidence(document: document.file, evidence: Evidence(page: page.number, start: start, end: start + line.count, quote: line))
    }

    // MARK: Contradictions

    func contradictions(_ documents: [DocumentAnalysis]) -> [Fact] {
        var facts: [Fact] = []
        // (A document's own MRZ against its printed data is flagged on the document itself.)
        // Documents about the same person (same or variant name) against each other.
        let holders = documents.compactMap { document -> (DocumentAnalysis, String)? in
            document.holder.name.map { (document, $0) }
        }
        for later in holders.indices {
            for earlier in 0..<later {
                let (a, nameA) = holders[earlier], (b, nameB) = holders[later]
                let relation = NameComparison.relation(nameA, nameB)
                guard relation != .different else { continue }
                func evidence(_ first: Evidence?, _ second: Evidence?) -> [FlagEvidence] {
                    [first.map { FlagEvidence(document: a.file, evidence: $0) }, second.map { FlagEvidence(document: b.file, evidence: $0) }]
                        .compactMap { $0 }
                }
                if relation == .variant {
                    facts.append(Fact(kind: .contradiction, fields: [
                        "subject": .text("name"), "values": .list(["\(nameA) (\(a.file))", "\(nameB) (\(b.file))"]), "soft": .flag(true),
                    ], evidence: evidence(a.holder.nameEvidence, b.holder.nameEvidence)))
                }
                if let birthA = a.holder.birth, let birthB = b.holder.birth, birthA != birthB {
                    facts.append(Fact(kind: .contradiction, fields: [
                        "subject": .text("date of birth of \(nameA)"),
                        "values": .list(["\(birthA) (\(a.file))", "\(birthB) (\(b.file))"]), "soft": .flag(false),
                    ], evidence: evidence(a.holder.birthEvidence, b.holder.birthEvidence)))
                }
                if let nationalityA = a.holder.nationality, let nationalityB = b.holder.nationality,
                   (Nationality.code(nationalityA) ?? nationalityA.lowercased()) != (Nationality.code(nationalityB) ?? nationalityB.lowercased()) {
                    facts.append(Fact(kind: .contradiction, fields: [
                        "subject": .text("nationality of \(nameA)"),
                        "values": .list(["\(nationalityA) (\(a.file))", "\(nationalityB) (\(b.file))"]), "soft": .flag(false),
                    ], evidence: evidence(a.holder.nationalityEvidence, b.holder.nationalityEvidence)))
                }
            }
        }
        let statements = PersonStatements(documents)
        facts += civilStatusContradictions(documents, statements: statements)
        facts += birthDateContradictions(documents, statements: statements, already: facts)
        facts += salaryContradictions(documents, statements: statements)
        return facts
    }

    /// A declaration that someone is unmarried, made after a marriage certificate says they
    /// married: cited by the declaration's statement and date and the certificate's date. A
    /// declaration made before the marriage says nothing against it; one whose date or the
    /// marriage's cannot be read is flagged, since a reviewer must then compare them.
    func civilStatusContradictions(_ documents: [DocumentAnalysis], statements: PersonStatements) -> [Fact] {
        var facts: [Fact] = []
        for declaration in documents where declaration.holder.civilStatus == "unmarried" {
            for certificate in documents where certificate.type.type == .marriageCertificate && certificate.sha256 != declaration.sha256 {
                let person = statements.people.first { statements.names($0, in: declaration) && statements.names($0, in: certificate) }
                    ?? declaration.holder.name.flatMap { name in statements.names(name, in: certificate) ? name : nil }
                guard let person else { continue }
                let declared = PersonStatements.declarationDate(of: declaration)
                let married = PersonStatements.marriageDate(of: certificate)
                if let declared, let married, declared.date <= married.date { continue }
                var evidence: [FlagEvidence] = []
                if let said = declaration.holder.civilStatusEvidence { evidence.append(FlagEvidence(document: declaration.file, evidence: said)) }
                if let declared { evidence.append(FlagEvidence(document: declaration.file, evidence: declared.evidence)) }
                if let married { evidence.append(FlagEvidence(document: certificate.file, evidence: married.evidence)) }
                else if let opening = Self.opening(of: certificate) { evidence.append(opening) }
                let when = declared.map { " on \($0.date)" } ?? ""
                let since = married.map { " on \($0.date)" } ?? ""
                facts.append(Fact(kind: .contradiction, fields: [
                    "subject": .text("civil status of \(person)"),
                    "values": .list(["unmarried\(when) (\(declaration.file))", "married\(since) (\(certificate.file))"]),
                    "soft": .flag(false),
                ], evidence: evidence))
            }
        }
        return facts
    }

    /// A person's birth date as a document gives it against the date their identity document
    /// (else the first document) gives, whatever format each writes it in; one flag per
    /// document that disagrees, both sides cited. Pairs the holder comparison already raised
    /// are skipped.
    func birthDateContradictions(_ documents: [DocumentAnalysis], statements: PersonStatements, already: [Fact]) -> [Fact] {
        let said = statements.birthDates(in: documents)
        var facts: [Fact] = []
        for person in statements.people {
            let about = said.filter { $0.0.person == person }
            let isZone = { (statement: PersonStatements.Statement) in
                statement.document.identifiers.contains { $0.kind == .mrz && $0.evidence == statement.evidence }
            }
            guard let reference = about.first(where: { isZone($0.0) }) ?? about.first else { continue }
            var flagged = Set<String>()
            for (statement, date) in about where date != reference.1 && statement.document.sha256 != reference.0.document.sha256 {
                guard flagged.insert(statement.document.sha256).inserted else { continue }
                let a = reference.0.document.file, b = statement.document.file
                let raised = already.contains { fact in
                    fact.evidence.contains { $0.document == a } && fact.evidence.contains { $0.document == b }
                        && (fact.fields["subject"]?.spelled.contains("date of birth") ?? false)
                }
                if raised { continue }
                facts.append(Fact(kind: .contradiction, fields: [
                    "subject": .text("date of birth of \(person)"),
                    "values": .list(["\(reference.1) (\(a))", "\(date) (\(b))"]), "soft": .flag(false),
                ], evidence: [FlagEvidence(document: a, evidence: reference.0.evidence),
                              FlagEvidence(document: b, evidence: statement.evidence)]))
            }
        }
        return facts
    }

    /// A contract's gross monthly salary against a payslip's for the same person: compared as
    /// they stand when both give the same weekly hours (or neither does), per hour when the
    /// hours differ. Differences under 1% are rounding, not contradictions.
    func salaryContradictions(_ documents: [DocumentAnalysis], statements: PersonStatements) -> [Fact] {
        var facts: [Fact] = []
        for contract in documents where contract.type.type == .employmentContract {
            guard let agreed = PersonStatements.grossPay(in: contract) else { continue }
            for slip in documents where slip.type.type == .payslip && slip.sha256 != contract.sha256 {
                guard let paid = PersonStatements.grossPay(in: slip),
                      let person = statements.people.first(where: { statements.names($0, in: contract) && statements.names($0, in: slip) })
                else { continue }
                var a = Double(agreed.cents), b = Double(paid.cents)
                var basis = "gross monthly salary"
                if let h1 = agreed.hours, let h2 = paid.hours, h1 != h2 {
                    a /= h1
                    b /= h2
                    basis = "gross salary per weekly hour"
                }
                guard abs(a - b) / max(a, b) > 0.01 else { continue }
                func euros(_ cents: Int) -> String { String(format: "EUR %.2f", Double(cents) / 100) }
                func hours(_ h: Double?) -> String { h.map { String(format: " for %g hours a week", $0) } ?? "" }
                facts.append(Fact(kind: .contradiction, fields: [
                    "subject": .text("\(basis) of \(person)"),
                    "values": .list(["\(euros(agreed.cents))\(hours(agreed.hours)) (\(contract.file))",
                                     "\(euros(paid.cents))\(hours(paid.hours)) (\(slip.file))"]),
                    "soft": .flag(false),
                ], evidence: [FlagEvidence(document: contract.file, evidence: agreed.evidence),
                              FlagEvidence(document: slip.file, evidence: paid.evidence)]))
            }
        }
        return facts
    }

    // MARK: Annexes

    /// Annex names → the document types that would be them.
    static let annexTypes: [(String, [DocumentType])] = [
        ("paspoort", [.passport]), ("passport", [.passport]), ("identiteitskaart", [.idCard]), ("id-kaart", [.idCard]),
        ("identity card", [.idCard]), ("geboorteakte", [.birthCertificate]), ("birth certificate", [.birthCertificate]),
        ("huwelijksakte", [.marriageCertificate]), ("marriage certificate", [.marriageCertificate]),
        ("loonstro", [.payslip]), ("salarisstro", [.payslip]), ("payslip", [.payslip]),
        ("arbeidsovereenkomst", [.employmentContract]), ("arbeidscontract", [.employmentContract]),
        ("employment contract", [.employmentContract]), ("bankafschrift", [.bankStatement]),
        ("rekeningafschrift", [.bankStatement]), ("bank statement", [.bankStatement]), ("besluit", [.decision]),
        ("beschikking", [.decision]), ("uitspraak", [.courtRuling]), ("vonnis", [.courtRuling]),
        ("rapport", [.hearingReport]), ("ingebrekestelling", [.noticeOfDefault]),
        ("verklaring burgerlijke staat", [.civilStatusDeclaration]),
    ]

    static let annexLine = pattern(#"^[ \t]*(?:bijlagen?|annex(?:es)?|enclosures?|attachments?|pièces? jointes?)[ \t]*:[ \t]*(.+)$"#, caseInsensitive: true)

    func missingAnnexes(_ documents: [DocumentAnalysis]) -> [Fact] {
        var facts: [Fact] = []
        for document in documents {
            for page in document.pageTexts {
                let text = PageText(page)
                for match in text.matches(Self.annexLine) {
                    let list = text.string(match.range(at: 1))
                    let names = list.replacingOccurrences(of: " en ", with: ",").replacingOccurrences(of: " and ", with: ",")
                        .replacingOccurrences(of: ";", with: ",").split(separator: ",")
                        .map { $0.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "."))) }
                        .filter { !$0.isEmpty }
                    for name in names where !isPresent(annex: name, besides: document, in: documents) {
                        facts.append(Fact(kind: .missingAnnex, fields: ["annex": .text(name)],
                                          evidence: [FlagEvidence(document: document.file, evidence: text.evidence(match.range))]))
                    }
                }
            }
        }
        return facts
    }

    /// Whether another document of the case is the annex: of the type its name says, or
    /// opening with its main word.
    func isPresent(annex name: String, besides owner: DocumentAnalysis, in documents: [DocumentAnalysis]) -> Bool {
        let folded = NameComparison.folded(name)
        let others = documents.filter { $0.sha256 != owner.sha256 }
        let types = Self.annexTypes.filter { folded.contains($0.0) }.flatMap(\.1)
        if !types.isEmpty { return others.contains { types.contains($0.type.type) } }
        guard let word = folded.split(separator: " ").max(by: { $0.count < $1.count }), word.count >= 4 else { return true }
        return others.contains { other in
            NameComparison.folded(String(other.pageTexts.first?.text.prefix(400) ?? "")).contains(word)
        }
    }
}
