import DossierCore
import Testing
@testable import Analysis

private let today = CivilDate(year: 2026, month: 11, day: 23)!

private func document(_ file: String, _ pages: String...) -> DocumentTranscript {
    DocumentTranscript(
        file: file, sha256: FileDigest.sha256(of: Data(pages.joined(separator: "\u{0C}").utf8)),
        pages: pages.enumerated().map { PageTranscript(number: $0.offset + 1, method: .textLayer, text: $0.element, confidence: nil) }
    )
}

private func analyze(_ documents: [DocumentTranscript], procedure: String? = nil) throws -> CaseAnalysis {
    let rules = try ScreeningRules.bundled()
    let analyzer = DocumentAnalyzer(rules: rules, today: today)
    return CaseAnalyzer(rules: rules).analyze(documents.map(analyzer.analyze), checklist: try procedure.map(Checklist.named))
}

import Foundation

/// A passport page: printed fields and an MRZ that agrees with them (ICAO check digits).
private func passportText(surname: String = "HADDAD", given: String = "KARIM", nationality: String = "Eritrea",
                          code: String = "ERI", birth: String = "12 maart 1990", mrzBirth: String = "900312",
                          number: String = "XN1234567") -> String {
    let zone = td3(surname: surname, given: given, number: number, birth: mrzBirth, expiry: "310101", code: code, sex: "M")
    let (line1, line2) = (zone[0], zone[1])
    return """
        PASPOORT / PASSPORT
        Naam: \(surname)
        Voornamen: \(given)
        Nationaliteit: \(nationality)
        Geboortedatum: \(birth)
        Documentnummer: \(number)
        Geldig tot: 1 januari 2031

        \(line1)
        \(line2)
        """
}

@Suite("Screening documents and cases")
struct ScreeningTests {
    @Test("The shipped rules load; a rule reading a protected attribute is refused with the reason")
    func fairnessGuard() throws {
        let rules = try ScreeningRules.bundled()
        #expect(rules.rules.count >= 15)
        let refused = """
            version: 1
            rules:
              - id: nationality-check
                flag: extra-scrutiny
                severity: high
                for_each: identifier
                when:
                  - {field: nationality, is: SYR}
                reason: "no"
            """
        #expect(throws: ScreeningRulesError.protectedAttribute(rule: "nationality-check", term: "nationality")) {
            try ScreeningRules(yaml: refused)
        }
        let byValue = refused.replacingOccurrences(of: "{field: nationality, is: SYR}", with: "{field: kind, in: [bsn, religion]}")
        #expect(throws: ScreeningRulesError.protectedAttribute(rule: "nationality-check", term: "religion")) {
            try ScreeningRules(yaml: byValue)
        }
        let unknown = refused.replacingOccurrences(of: "{field: nationality, is: SYR}", with: "{field: holder_age, below: 18}")
        #expect(throws: ScreeningRulesError.unknownField(rule: "nationality-check", field: "holder_age", kind: .identifier)) {
            try ScreeningRules(yaml: unknown)
        }
        for kind in FactKind.allCases {
            for field in kind.fields { #expect(ScreeningRules.protectedTerm(in: field) == nil, "\(kind).\(field)") }
        }
        let error = ScreeningRulesError.protectedAttribute(rule: "r", term: "religion")
        #expect(error.description.contains("never uses"))
    }

    @Test("A notice of default's two-week term is computed from its date, with the rule it applied")
    func deadline() throws {
        let letter = document("ingebrekestelling.txt", """
            Amsterdam, 11 december 2026
            Ingebrekestelling wegens niet tijdig beslissen
            Namens mijn cliënt stel ik u in gebreke. Neemt u binnen twee weken een besluit.
            """)
        let analysis = try analyze([letter]).documents[0]
        #expect(analysis.type.type == .noticeOfDefault)
        let deadline = try #require(analysis.deadlines.first)
        #expect(deadline.term.date.description == "2026-12-28")
        #expect(deadline.term.rule.contains("Christmas Day"))
        let flag = try #require(analysis.flags.first { $0.kind == "deadline" })
        #expect(flag.severity == .medium)
        #expect(flag.details["deadline"] == "2026-12-28")
        #expect(flag.evidence.first?.quote == "11 december 2026")
        #expect(analysis.deadlines.count == 1, "the 'binnen twee weken' phrase gives the same day, counted once")
    }

    @Test("A report sets no terms; a ruling's history is no deadline, its appeal term is")
    func noFalseDeadlines() throws {
        let report = document("rapport.txt", """
            Stand van de uitvoering
            Als iemand een asielvergunning krijgt, kan hij binnen drie maanden een aanvraag indienen.
            Het pact treedt op 12 juni 2026 in werking; aanvragen van vóór die dag wachten langer.
            """)
        let reportAnalysis = try analyze([report]).documents[0]
        #expect(reportAnalysis.type.type != .courtRuling && reportAnalysis.type.type != .decision)
        #expect(reportAnalysis.deadlines.isEmpty)
        let ruling = document("uitspraak.txt", """
            RECHTBANK DEN HAAG
            Uitspraak van 2 november 2026 in de zaak tussen eiser en de staatssecretaris van Justitie en Veiligheid (verweerder).
            Procesverloop
            Verweerder heeft eiser bij brief van 3 maart 2025 verzocht om vóór 17 maart 2025 aanvullende stukken in te dienen.
            Beslissing
            De rechtbank verklaart het beroep gegrond en vernietigt het bestreden besluit.
            Rechtsmiddel
            Tegen deze uitspraak kan binnen vier weken na de dag van verzending hoger beroep worden ingesteld.
            """)
        let rulingAnalysis = try analyze([ruling]).documents[0]
        #expect(rulingAnalysis.type.type == .courtRuling)
        #expect(!rulingAnalysis.deadlines.contains { $0.term.nominalDate.description == "2025-03-17" }, "history, before the ruling's date")
        #expect(rulingAnalysis.deadlines.contains { $0.term.date.description == "2026-11-30" }, "the four weeks to appeal")
    }

    @Test("An MRZ that does not add up, an expired document and an invalid BSN are flagged")
    func identifierFlags() throws {
        let good = passportText()
        let broken = good.replacingOccurrences(of: "XN12345678", with: "XN12345679")
        #expect(broken != good)
        let stale = good.replacingOccurrences(of: "Geldig tot: 1 januari 2031", with: "Geldig tot: 1 januari 2025")
        let analysis = try analyze([document("paspoort.txt", broken), document("oud.txt", stale),
                                    document("brief.txt", "Uw BSN: 123456789\nMet vriendelijke groet")])
        let kinds = analysis.documents.map { Set($0.flags.map(\.kind)) }
        #expect(kinds[0].contains("mrz-check-digit"))
        #expect(kinds[1].contains("expired-document"))
        #expect(!kinds[1].contains("mrz-check-digit"))
        #expect(kinds[2].contains("invalid-bsn"))
        #expect(analysis.documents[1].type.type == .passport)
    }

    @Test("Contradictions: printed data against the MRZ, an unmarried declaration against a marriage certificate; a transliteration is softer")
    func contradictions() throws {
        let passport = passportText(birth: "13 maart 1990")
        let declaration = """
            Verklaring burgerlijke staat
            Ondergetekende, Karim Haddad, geboren op 12 maart 1990 te Asmara,
            verklaart naar waarheid dat hij ongehuwd is en niet eerder gehuwd is geweest.
            Naam: Haddad
            Voornamen: Karim
            """
        let marriage = """
            Huwelijksakte
            Op 4 mei 2020 zijn in de gemeente Utrecht in het huwelijk getreden:
            Karim Haddad, geboren op 12 maart 1990 te Asmara, en Lina Osman.
            """
        let variant = """
            Geboorteakte
            Naam van het kind: Kariem Hadad
            Geboren op: 12 maart 1990 te Asmara
            """
        let analysis = try analyze([document("paspoort.txt", passport), document("verklaring.txt", declaration),
                                    document("huwelijk.txt", marriage), document("geboorte.txt", variant)])
        let flags = analysis.caseFlags
        let contradictions = flags.filter { $0.kind == "contradiction" }
        let ownZone = analysis.documents[0].flags.filter { $0.kind == "contradiction" }
        #expect(ownZone.contains { $0.reason.contains("date of birth (printed against the machine-readable zone)") })
        #expect(ownZone.first?.evidence.map(\.quote).first == "13 maart 1990")
        #expect(contradictions.contains { $0.reason.contains("civil status of") })
        #expect(flags.contains { $0.kind == "name-variant" && $0.reason.contains("Kariem Hadad") })
        #expect(!contradictions.contains { $0.reason.contains("Kariem") }, "a transliteration is not a contradiction")
        #expect(contradictions.allSatisfy { $0.severity == .high && !$0.evidence.isEmpty })
    }

    @Test("The same file twice is a duplicate; a re-scan with small differences a near-duplicate")
    func duplicates() throws {
        let text = """
            Arbeidsovereenkomst. De werkgever Bakkerij Van Dijk en de werknemer A. Jansen komen overeen dat de
            werknemer met ingang van 1 maart 2026 in dienst treedt als productiemedewerker. De arbeidsduur bedraagt
            achtendertig uur per week. Het bruto maandsalaris bedraagt 3.150 euro exclusief vakantietoeslag. Er geldt
            een proeftijd van een maand. Op de overeenkomst is de cao voor het bakkersbedrijf van toepassing.
            """
        // The same page read again by OCR: two words misread.
        let rescan = text.replacingOccurrences(of: "werknemer met", with: "werknerner met")
            .replacingOccurrences(of: "proeftijd", with: "proeftiid")
        let analysis = try analyze([document("a.txt", text), document("b.txt", text), document("c.txt", rescan)])
        #expect(analysis.caseFlags.filter { $0.kind == "duplicate" }.count == 1)
        #expect(analysis.caseFlags.contains { $0.kind == "near-duplicate" })
    }

    @Test("'Pagina 3 van 3' without page 2 in the file, and a checklist's missing documents")
    func missingPagesAndDocuments() throws {
        let contract = document("contract.txt", "Arbeidsovereenkomst\nDe werknemer treedt in dienst.\npagina 1 van 3",
                                "Salaris en vakantie.\npagina 3 van 3")
        let analysis = try analyze([contract], procedure: "labour")
        let gap = try #require(analysis.documents[0].flags.first { $0.kind == "missing-page" })
        #expect(gap.reason.contains("Page 2 of 3"))
        let missing = analysis.caseFlags.filter { $0.kind == "missing-document" }.map(\.reason)
        #expect(missing.count == 2)
        #expect(missing.contains { $0.contains("passport or identity card") })
        #expect(throws: Checklist.LoadError.self) { try Checklist.named("holiday") }
    }

    @Test("Metamorphic: another nationality or religion changes no flag and no priority, only the values")
    func protectedAttributesChangeNothing() throws {
        func casefile(_ nationality: String, _ code: String, _ religion: String) -> [DocumentTranscript] {
            [
                document("paspoort.txt", passportText(nationality: nationality, code: code)),
                document("gehoor.txt", """
                    Rapport van nader gehoor
                    Datum gehoor: 2 november 2026
                    Vraag: Wat is uw geloof? Antwoord: Ik ben \(religion).
                    Vraag: Wat is uw nationaliteit? Antwoord: \(nationality).
                    U kunt uiterlijk 27 november 2026 correcties indienen.
                    """),
                document("verklaring.txt", """
                    Verklaring burgerlijke staat
                    Naam: Haddad
                    Voornamen: Karim
                    Nationaliteit: \(nationality)
                    Geboren op 12 maart 1990. Betrokkene is ongehuwd.
                    BSN: 123456789
                    """),
            ]
        }
        func signature(_ analysis: CaseAnalysis) -> [String] {
            (analysis.documents.flatMap(\.flags) + analysis.caseFlags).map { "\($0.kind) \($0.severity) \($0.rule) \($0.evidence.map { "\($0.document):\($0.page)" })" }
        }
        func priorities(_ analysis: CaseAnalysis) -> [Int] {
            analysis.documents.map { document in
                ReviewPriority.score(
                    severities: document.flags.map(\.severity),
                    deadlineDaysLeft: document.deadlines.map { today.days(until: $0.term.date) }, ageDays: 3
                )
            }
        }
        let base = try analyze(casefile("Eritrea", "ERI", "christen"))
        #expect(!signature(base).isEmpty)
        for (nationality, code, religion) in [("Syrië", "SYR", "moslim"), ("Nederlandse", "NLD", "niet gelovig"), ("Iran", "IRN", "bahai")] {
            let changed = try analyze(casefile(nationality, code, religion))
            #expect(signature(changed) == signature(base), "\(nationality), \(religion)")
            #expect(priorities(changed) == priorities(base))
            #expect(changed.documents[0].holder.nationality == code, "the extracted value does change")
        }
    }

    @Test("Queue priority: passed deadlines and severe flags first, age slowly")
    func priority() {
        let passed = ReviewPriority.score(severities: [.low], deadlineDaysLeft: [-2], ageDays: 1)
        let soon = ReviewPriority.score(severities: [.low], deadlineDaysLeft: [3], ageDays: 1)
        let calm = ReviewPriority.score(severities: [.info], deadlineDaysLeft: [], ageDays: 30)
        #expect(passed > soon && soon > calm)
    }

    @Test("Pages in other languages ask for a sworn translation naming language and pages; an unreadable page is an item for a person")
    func translationAndUnreadablePages() throws {
        let analyzer = DocumentAnalyzer(rules: try ScreeningRules.bundled(), today: today)
        // Page 1 read in Persian, page 2 in Dutch, page 3 Ethiopic without a told language, page 4
        // read so poorly it is not transcribed.
        let statement = DocumentTranscript(file: "verklaring.png", sha256: FileDigest.sha256(of: Data("v".utf8)), pages: [
            PageTranscript(number: 1, method: .ocr, text: "اینجانب علی رضایی گواهی می‌کنم که برادرم رضا با من زندگی کرده است",
                           confidence: 89, script: "Arabic", language: "fas"),
            PageTranscript(number: 2, method: .ocr, text: "Vertaling volgt. Deze verklaring is ondertekend in aanwezigheid van de notaris.",
                           confidence: 93, script: "Latin", language: "nld"),
            PageTranscript(number: 3, method: .ocr, text: "ሰላም ለዓለም ዝበለጸ ሕብረተሰብ ምህናጽ ይከኣል", confidence: 80, script: "Ethiopic"),
            PageTranscript(number: 4, method: .ocr, text: "Spy ppb OS bop 1,5 JN", confidence: 31, script: "Latin"),
        ])
        let flags = analyzer.analyze(statement).flags
        let translation = try #require(flags.first { $0.kind == "translation-needed" })
        #expect(translation.reason.contains("Persian on page 1"))
        #expect(translation.reason.contains("Ethiopic script on page 3"))
        #expect(!translation.reason.contains("page 2"))
        #expect(translation.evidence.first?.page == 1)
        let unreadable = flags.filter { $0.kind == "unreadable-page" }
        #expect(unreadable.count == 1)
        #expect(unreadable.first?.reason.contains("Page 4 (Latin script)") == true)
        #expect(unreadable.first?.reason.contains("confidence 31") == true)
        // A Dutch document asks for nothing.
        let dutch = document("brief.pdf", "Geachte heer, hierbij bevestigen wij de ontvangst van uw aanvraag voor een verblijfsvergunning.")
        #expect(!analyzer.analyze(dutch).flags.contains { $0.kind == "translation-needed" || $0.kind == "unreadable-page" })
    }
}
