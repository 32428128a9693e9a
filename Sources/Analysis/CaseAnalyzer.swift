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
        // A declaration that someone is unmarried next to a marriage certificate naming them.
        for declaration in documents where declaration.holder.civilStatus == "unmarried" {
            guard let name = declaration.holder.name else { continue }
            for certificate in documents where certificate.type.type == .marriageCertificate && certificate.sha256 != declaration.sha256 {
                let text = certificate.pageTexts.map(\.text).joined(separator: "\n")
                guard NameComparison.isNamed(name, in: text) else { continue }
                var evidence: [FlagEvidence] = []
                if let said = declaration.holder.civilStatusEvidence { evidence.append(FlagEvidence(document: declaration.file, evidence: said)) }
                if let opening = Self.opening(of: certificate) { evidence.append(opening) }
                facts.append(Fact(kind: .contradiction, fields: [
                    "subject": .text("civil status of \(name)"),
                    "values": .list(["unmarried (\(declaration.file))", "married (\(certificate.file))"]), "soft": .flag(false),
                ], evidence: evidence))
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
