import DossierCore
import Foundation
import Testing
@testable import Analysis

private let today = CivilDate(year: 2026, month: 11, day: 30)!

private func transcript(_ file: String, _ pages: [String]) -> DocumentTranscript {
    DocumentTranscript(
        file: file, sha256: FileDigest.sha256(of: Data((file + pages.joined(separator: "\u{0C}")).utf8)),
        pages: pages.enumerated().map { PageTranscript(number: $0.offset + 1, method: .textLayer, text: $0.element, confidence: nil) }
    )
}

/// The findings of every document of a case, each with the case's context.
private func findings(_ documents: [DocumentTranscript]) throws -> [String: [RedactionFinding]] {
    let analyzer = DocumentAnalyzer(rules: try ScreeningRules.bundled(), today: today)
    let analyses = documents.map(analyzer.analyze)
    let context = RedactionContext.of(case: analyses)
    var result: [String: [RedactionFinding]] = [:]
    for (document, analysis) in zip(documents, analyses) {
        result[document.file] = RedactionFinder().find(in: document.pages, analysis: analysis, context: context)
    }
    return result
}

/// The hidden strings by category.
private func hidden(_ findings: [RedactionFinding]) -> [RedactionCategory: [String]] {
    Dictionary(grouping: findings, by: \.category).mapValues { $0.map(\.evidence.quote) }
}


@Suite("Redaction proposals")
struct RedactionFinderTests {
    @Test("A Dutch letter: names after titles and labels, numbers, contact details, address and birth date")
    func dutchLetter() throws {
        let letter = transcript("brief.pdf", ["""
            Immigratie- en Naturalisatiedienst
            Postbus 17, 9560 AA Ter Apel

            Aan de heer R. Kumar
            Kastanjelaan 14b
            2612 HK Delft

            Datum: 3 november 2026
            V-nummer: 2876543210
            Behandelaar: mevrouw J. van der Meulen
            Telefoon 06-12345678, e-mail rohan.kumar@example.org

            Geachte heer Kumar,

            U bent geboren op 14 maart 1991 en uw burgerservicenummer is 123456782. Wij vragen u het bedrag
            over te maken op rekening NL91 ABNA 0417 1643 00 ten name van uw werkgever. Uw broer Samir
            verklaarde eerder dat hij bij u woont. Uw advocaat, mr. T. Brouwer, ontvangt een afschrift.
            """])
        let found = hidden(try findings([letter])["brief.pdf"]!)
        #expect(found[.name]?.contains("R. Kumar") == true)
        #expect(found[.name]?.contains("Kumar") == true)
        #expect(found[.name]?.contains("J. van der Meulen") == true)
        #expect(found[.name]?.contains("T. Brouwer") == true)
        #expect(found[.name]?.contains("Samir") == true)
        #expect(found[.vNumber] == ["2876543210"])
        #expect(found[.bsn] == ["123456782"])
        #expect(found[.iban] == ["NL91 ABNA 0417 1643 00"])
        #expect(found[.phone] == ["06-12345678"])
        #expect(found[.email] == ["rohan.kumar@example.org"])
        #expect(found[.birthDate] == ["14 maart 1991"])
        #expect(found[.address]?.contains("Kastanjelaan 14b") == true)
        #expect(found[.address]?.contains("2612 HK Delft") == true)
        #expect(found[.address]?.contains("Postbus 17") == true)
        // Not personal data: the letter's own date, the service's name, ordinary words.
        let all = try findings([letter])["brief.pdf"]!.map(\.evidence.quote)
        #expect(!all.contains { $0.contains("november") || $0.contains("Immigratie") || $0.contains("Geachte") })
    }

    @Test("English and French: salutations, field labels, spaced dates and a foreign address")
    func englishAndFrench() throws {
        let english = transcript("statement.pdf", ["""
            Dear Ms Tesfaye,
            Account holder: Tigist Tesfaye
            Date of birth: 02 07 1988
            Phone: +31 20 123 4567
            12 Harbour Road
            We have received your application.
            """])
        let french = transcript("acte.pdf", ["""
            ACTE DE NAISSANCE
            Nom : OKONKWO
            Prénoms : Chidi Emeka
            Né(e) le 1er mars 1990 à Lagos
            Père : Chukwu Okonkwo
            Domicile : 14 rue des Lilas, 75011 Paris
            """])
        let found = try findings([english, french])
        let statement = hidden(found["statement.pdf"]!)
        #expect(statement[.name]?.contains("Tesfaye") == true)
        #expect(statement[.name]?.contains("Tigist Tesfaye") == true)
        #expect(statement[.birthDate] == ["02 07 1988"])
        #expect(statement[.phone] == ["+31 20 123 4567"])
        #expect(statement[.address] == ["12 Harbour Road"])
        let act = hidden(found["acte.pdf"]!)
        #expect(act[.name]?.contains("OKONKWO") == true)
        #expect(act[.name]?.contains("Chidi Emeka") == true)
        #expect(act[.name]?.contains("Chukwu Okonkwo") == true)
        #expect(act[.birthDate] == ["1er mars 1990"])
        #expect(act[.address]?.first?.hasPrefix("14 rue des Lilas") == true)
    }

    @Test("A passport's zone and number go everywhere in the case: names, birth date and number in other documents")
    func caseContextFromPassport() throws {
        let number = "XN7214365"
        let birth = "910314", expiry = "320101"
        let zone = td3(surname: "MENSAH", given: "KWAME<KOFI", number: number, birth: birth, expiry: expiry, sex: "M")
        let (line1, line2) = (zone[0], zone[1])
        let passport = transcript("paspoort.png", ["""
            REPUBLIC OF GHANA
            PASSPORT
            Surname
            MENSAH
            Given names
            KWAME KOFI
            Passport No.
            \(number)
            \(line1)
            \(line2)
            """])
        let payslip = transcript("loonstrook.pdf", ["""
            Loonstrook november 2026
            Werknemer Mensah, geboortedatum niet vermeld
            Uitbetaald aan K. K. Mensah op 28-11-2026; kopie paspoort \(number) in dossier.
            Controle: de werknemer is op 14-03-1991 geboren.
            Kwame werkt 38 uur per week.
            """])
        let found = try findings([passport, payslip])
        let card = hidden(found["paspoort.png"]!)
        #expect(card[.mrz]?.count == 1)
        #expect(card[.mrz]?.first?.contains("MENSAH<<KWAME") == true)
        #expect(card[.name]?.contains("MENSAH") == true)
        #expect(card[.name]?.contains("KWAME KOFI") == true)
        // The printed number, and the number with its check digit inside the zone.
        #expect(card[.documentNumber] == [number, number + "2"])
        let slip = hidden(found["loonstrook.pdf"]!)
        #expect(slip[.documentNumber] == [number])
        #expect(slip[.birthDate] == ["14-03-1991"])
        #expect(slip[.name]?.contains("K. K. Mensah") == true)
        #expect(slip[.name]?.contains("Kwame") == true)
        #expect(slip[.name]?.contains("Mensah") == true)
        // The pay date is not a birth date.
        #expect(slip[.birthDate]?.contains("28-11-2026") != true)
    }

    @Test("Numbers by shape alone: an unnamed BSN that passes the 11-proof, not one that fails; an amount is no phone")
    func numbersByShape() throws {
        let page = transcript("lijst.pdf", ["""
            Overzicht
            111222333 staat in het register.
            123456789 is geen geldig nummer.
            Totaal € 1.234.567,00 over 2026, factuur 2026-0012.
            """])
        let found = hidden(try findings([page])["lijst.pdf"]!)
        #expect(found[.bsn] == ["111222333"])
        #expect(found[.phone] == nil)
        #expect(found[.name] == nil)
    }

    @Test("Table cells read as 'label name', a parent after 'fils de' and 'et de', a card's date under its label")
    func tablesParentsAndCards() throws {
        let extract = transcript("uittreksel.pdf", ["""
            Achternaam Wanjiru
            Vader Otieno Wanjiru
            Moeder Achieng
            Geboorteplaats Kisumu (Kenia)
            Fils/fille de Baraka Wanjiru, et de Achieng, son épouse.
            """])
        let card = transcript("kaart.png", ["""
            Surname / Nom
            WANJIRU

            Date of birth / Né(e) le

            05 09 1990
            """])
        let found = try findings([extract, card])
        let names = hidden(found["uittreksel.pdf"]!)[.name] ?? []
        #expect(names.contains("Wanjiru"))
        #expect(names.contains("Otieno Wanjiru"))
        #expect(names.contains("Achieng"))
        #expect(names.contains("Baraka Wanjiru"))
        #expect(!names.contains { $0.contains("Kisumu") || $0.contains("Geboorteplaats") })
        #expect(hidden(found["kaart.png"]!)[.birthDate] == ["05 09 1990"])
        #expect(hidden(found["kaart.png"]!)[.name] == ["WANJIRU"])
    }

    @Test("A zone line the OCR garbled beside a readable one is hidden with it")
    func damagedZoneLine() throws {
        let card = transcript("kaart.jpg", ["""
            IDENTITY CARD
            I<UTO D23 1456 7< <<<< <<Z<<<<<<<<
            7408122F1204159UTO<<<<<<<<<<<6
            ERIKSSON<<ANNA<MARIA<<<<<<<<<<
            """])
        let found = hidden(try findings([card])["kaart.jpg"]!)
        #expect(found[.mrz]?.count == 3, "\(found)")
        #expect(found[.mrz]?.contains { $0.hasPrefix("I<UTO") } == true)
    }

    @Test("An account number the OCR damaged (letters for check digits, a space in the digits) is hidden all the same")
    func damagedIBAN() throws {
        let slip = transcript("loonstrook.png", ["""
            Het nettobedrag wordt overgemaakt naar rekening NLO4RABO031234 5678.
            Vorige maand naar NLSSABNA0123456789, en daarvoor naar DE89 3704 0044 0532 0130 00.
            Referentie NL2026 en kenmerk AB12 CDEF zijn geen rekeningen. Ook naar NL91ABNA04171 64300.
            """])
        let found = hidden(try findings([slip])["loonstrook.png"]!)
        #expect(found[.iban] == ["NLO4RABO031234 5678", "NLSSABNA0123456789", "DE89 3704 0044 0532 0130 00", "NL91ABNA04171 64300"])
    }

    @Test("Every word after a blank word of the OCR still gets its box")
    func boxesAfterBlankWord() throws {
        func word(_ text: String, _ x: Double, _ y: Double) -> LaidOutWord {
            LaidOutWord(text: text, confidence: 90, box: PageBox(x: x, y: y, width: 40, height: 10))
        }
        let words = [word("De", 10, 10), word("werknemer", 60, 10), word(" ", 110, 10), word("Olena", 10, 40), word("Pagina", 10, 70), word("3", 60, 70)]
        let line = { (words: [LaidOutWord]) in LaidOutLine(box: PageBox(x: 10, y: words[0].box.y, width: 100, height: 10), words: words) }
        let page = PageTranscript(
            number: 1, method: .ocr, text: "De werknemer\n\nOlena\n\nPagina 3\n", confidence: 90,
            layout: PageLayout(unit: "px", width: 600, height: 800, blocks: [
                LaidOutBlock(box: PageBox(x: 10, y: 10, width: 100, height: 80), lines: [line(Array(words[0..<3])), line([words[3]]), line(Array(words[4...]))]),
            ])
        )
        let set = RedactionPlanner.set(pages: [page], findings: [
            RedactionFinding(category: .name, evidence: Evidence(page: 1, start: 14, end: 19, quote: "Olena"), reason: "test"),
        ])
        #expect(set.marks.first?.boxes == [PageBox(x: 10, y: 40, width: 40, height: 10)])
        #expect(WordBoxes(page: page).covers(start: 14, end: 19, in: page.text))
    }

    @Test("OCR's broken forms: a split BSN, zone pieces, a document number inside a run, a form's value column, a date with a stray space")
    func brokenForms() throws {
        let number = "QT4418206"
        let birth = "850412", expiry = "310101"
        let madeZone = td3(surname: "LINDQVIST", given: "SAGA", number: number, birth: birth, expiry: expiry, code: "UTO")
        let (line1, line2) = (madeZone[0], madeZone[1])
        let passport = transcript("paspoort.png", ["""
            Passport No.

            \(number)

            Surname
            LINDQVIST
            Given names
            SAGA

            WX1234567

            \(String(line2.prefix(24)))

            310101<<<<<<<cecccog

            \(line1)
            \(line2)
            """])
        let slip = transcript("loonstrook.png", ["Burgerservicenummer 12345678 2\nNetto € 2.100,00"])
        let extract = transcript("uittreksel.tiff", ["""
            Uittreksel uit het register van geboorten

            Achternaam
            Voornamen
            Geslacht

            Lindqvist

            Saga

            Ingrid
            """])
        let card = transcript("kaart.png", ["Date of birth\n\n12. 04.1985\n"])
        let found = try findings([passport, slip, extract, card])
        let zone = hidden(found["paspoort.png"]!)
        #expect(zone[.documentNumber]?.contains(String(line2.prefix(24))) == true, "\(zone)")
        #expect(zone[.mrz]?.contains("310101<<<<<<<cecccog") == true, "\(zone)")
        #expect(zone[.documentNumber]?.contains("WX1234567") == true, "a code far from its label on a page with a zone: \(zone)")
        #expect(hidden(found["loonstrook.png"]!)[.bsn] == ["12345678 2"])
        let names = hidden(found["uittreksel.tiff"]!)[.name] ?? []
        #expect(names.contains("Lindqvist") && names.contains("Saga") && names.contains("Ingrid"), "\(names)")
        #expect(!names.contains { ["Voornamen", "Geslacht", "Uittreksel"].contains($0) })
        #expect(hidden(found["kaart.png"]!)[.birthDate] == ["12. 04.1985"])
    }

    @Test("An organisation after a name label is not a person; a listed name that is also a word needs more")
    func organisationsAndOrdinaryWords() throws {
        let page = transcript("contract.pdf", ["""
            Naam: Groenteveiling Westland B.V.
            De werknemer ontvangt een vergoeding voor het gebruik van de eigen auto.
            Mark de datum in uw agenda. Rotterdam is de plaats van tewerkstelling.
            """])
        let found = hidden(try findings([page])["contract.pdf"]!)
        #expect(found[.name] == nil)
    }
}
