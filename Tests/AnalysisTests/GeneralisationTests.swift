import DossierCore
import Foundation
import Testing
@testable import Analysis

// One test per kind of failure the independent evaluation set exposed (eval/independent),
// on documents written here, not taken from that set.

private let today = CivilDate(year: 2026, month: 11, day: 30)!

private func page(_ text: String, _ number: Int = 1) -> PageTranscript {
    PageTranscript(number: number, method: .textLayer, text: text, confidence: nil)
}

private func document(_ file: String, _ pages: String...) -> DocumentTranscript {
    DocumentTranscript(
        file: file, sha256: FileDigest.sha256(of: Data((file + pages.joined(separator: "\u{0C}")).utf8)),
        pages: pages.enumerated().map { page($0.element, $0.offset + 1) }
    )
}

private func analyzer() throws -> DocumentAnalyzer {
    DocumentAnalyzer(rules: try ScreeningRules.bundled(), today: today)
}

private func caseFlags(_ documents: [DocumentTranscript]) throws -> [ScreeningFlag] {
    let rules = try ScreeningRules.bundled()
    let analyzer = DocumentAnalyzer(rules: rules, today: today)
    return CaseAnalyzer(rules: rules).analyze(documents.map(analyzer.analyze)).caseFlags
}

/// An identity card zone (TD1).
private func td1(surname: String, given: String, number: String, birth: String, expiry: String, code: String = "UKR",
                 breakNumber: Bool = false) -> [String] {
    var numberDigit = digit(number)
    if breakNumber { numberDigit = String((Int(numberDigit)! + 5) % 10) }
    let line1 = String(("I<\(code)\(number)\(numberDigit)" + String(repeating: "<", count: 30)).prefix(30))
    var line2 = birth + digit(birth) + "F" + expiry + digit(expiry) + code + String(repeating: "<", count: 11)
    let l1 = Array(line1), l2 = Array(line2)
    line2 += digit(String(l1[5..<30]) + String(l2[0..<7]) + String(l2[8..<15]) + String(l2[18..<29]))
    let line3 = String(("\(surname)<<\(given)" + String(repeating: "<", count: 30)).prefix(30))
    return [line1, line2, line3]
}

@Suite("What the independent evaluation set exposed")
struct GeneralisationTests {
    // MARK: Types

    @Test("A report of a registration hearing, numbered questions and answers, is a hearing report")
    func registrationHearing() throws {
        let report = document("gehoor.pdf", """
            Rapport van aanmeldgehoor
            V-nummer 2345678901
            Gehoord door: A. Visser, tolk: B. Osman (Somalisch)
            1. Hoe heet u?
            Ik heet Hodan Warsame.
            2. Waar bent u geboren?
            In Kismayo, op 3 maart 1994.
            3. Hoe bent u naar Nederland gekomen?
            Met het vliegtuig naar Istanbul en daarna over land.
            4. Waarom heeft u Somalië verlaten?
            Mijn familie werd bedreigd door een gewapende groep.
            Het verslag is voorgelezen en de vreemdeling heeft het ondertekend.
            """)
        #expect(try analyzer().analyze(report).type.type == .hearingReport)
    }

    @Test("A sworn translation of a marriage act is a marriage certificate")
    func swornTranslation() throws {
        let translation = document("vertaling.pdf", """
            Beëdigde vertaling uit het Tigrinya
            Akte van huwelijk
            Op 14 februari 2019 zijn te Mekelle in het huwelijk getreden Dawit Haile, geboren 2 mei 1988,
            en Saba Tekle, geboren 9 juli 1991.
            De ondergetekende, beëdigd vertaler, verklaart dat deze vertaling getrouw en volledig is.
            """)
        #expect(try analyzer().analyze(translation).type.type == .marriageCertificate)
    }

    @Test("An English employment agreement, and a Dutch contract whose second page is missing, are contracts")
    func contracts() throws {
        let english = document("agreement.pdf", """
            Northfield Logistics B.V.
            EMPLOYMENT AGREEMENT
            The undersigned, Northfield Logistics B.V. (the Employer), and Grace Owusu (the Employee), agree as follows.
            1. The Employee starts on 1 March 2026 as a planner.
            2. The working week is 36 hours. The gross monthly salary is EUR 3,100.00.
            Page 1 of 2
            """, """
            3. Either party may end the agreement with one month's notice.
            Page 2 of 2
            """)
        #expect(try analyzer().analyze(english).type.type == .employmentContract)
        let incomplete = document("contract.pdf", """
            Bouwbedrijf De Hoek B.V.
            Arbeidsovereenkomst voor onbepaalde tijd
            Partijen: Bouwbedrijf De Hoek B.V. en Ayşe Kaya komen het volgende overeen.
            Artikel 1. Ayşe Kaya treedt in dienst als timmervrouw.
            Pagina 1 van 3
            """, """
            Artikel 6. Aldus overeengekomen en in tweevoud ondertekend.
            Pagina 3 van 3
            """)
        let analysis = try analyzer().analyze(incomplete)
        #expect(analysis.type.type == .employmentContract)
        #expect(analysis.flags.contains { $0.kind == "missing-page" })
    }

    @Test("A card's TD1 zone says identity card even with one check digit failing; a passport's says passport")
    func zoneDecidesType() throws {
        let broken = td1(surname: "KOVAL", given: "IRYNA", number: "AB1234567", birth: "910203", expiry: "300101", breakNumber: true)
        let card = document("kaart.png", "ПОСВІДЧЕННЯ ОСОБИ / IDENTITY CARD\n\n" + broken.joined(separator: "\n"))
        let analysis = try analyzer().analyze(card)
        #expect(analysis.type.type == .idCard)
        #expect(analysis.flags.contains { $0.kind == "mrz-check-digit" })
        let zone = td3(surname: "MENSAH", given: "ABENA", number: "G12345678", birth: "850417", expiry: "290101")
        #expect(try analyzer().analyze(document("pas.png", zone.joined(separator: "\n"))).type.type == .passport)
    }

    // MARK: Identifiers and flags

    @Test("A passport whose expiry only the zone gives raises the expired-document flag, cited by the zone")
    func zoneExpiry() throws {
        let zone = td3(surname: "MENSAH", given: "ABENA", number: "G12345678", birth: "850417", expiry: "250930")
        let passport = document("paspoort.jpg", "REPUBLIC OF GHANA\nPASSPORT\nMENSAH ABENA\n\n" + zone.joined(separator: "\n"))
        let analysis = try analyzer().analyze(passport)
        let flag = try #require(analysis.flags.first { $0.kind == "expired-document" })
        #expect(flag.reason.contains("2025-09-30"))
        #expect(flag.evidence.first?.quote.contains("P<GHAMENSAH") == true)
        // A zone in date raises nothing.
        let valid = td3(surname: "MENSAH", given: "ABENA", number: "G12345678", birth: "850417", expiry: "310930")
        #expect(!(try analyzer().analyze(document("p2.jpg", valid.joined(separator: "\n")))).flags.contains { $0.kind == "expired-document" })
    }

    @Test("An IBAN run together with the number after it is read as the IBAN; zone lines hold no IBAN")
    func runTogetherIBAN() throws {
        let statement = document("afschrift.pdf", "Rekeningoverzicht\nRekening/volgnummer NL91ABNA0417164300012\nSaldo € 120,00")
        let analysis = try analyzer().analyze(statement)
        let iban = try #require(analysis.identifiers.first { $0.kind == .iban })
        #expect(iban.value == "NL91ABNA0417164300")
        #expect(iban.valid)
        #expect(iban.evidence.quote == "NL91ABNA0417164300")
        #expect(!analysis.flags.contains { $0.kind == "invalid-iban" })
        // A zone line too garbled to parse is not an account number.
        let garbled = document("pas.png", "P<NORHANSEN<<KARI<<<<<<<<<<<<<<<<<<\nNO12345678<8NOR8001014F3001012<<<<<<<<<<")
        #expect(!(try analyzer().analyze(garbled)).identifiers.contains { $0.kind == .iban })
    }

    @Test("A passport with bilingual labels is not sent for translation")
    func bilingualLabels() throws {
        let zone = td3(surname: "DIOP", given: "AWA", number: "A01234567", birth: "900101", expiry: "320101", code: "SEN")
        let passport = document("passeport.png", """
            RÉPUBLIQUE DU SÉNÉGAL / REPUBLIC OF SENEGAL
            PASSEPORT / PASSPORT
            Nom / Surname DIOP
            Prénoms / Given names AWA
            Date de naissance / Date of birth 01 JAN 1990
            Lieu de naissance / Place of birth THIÈS
            Autorité / Authority DAF DAKAR
            """ + "\n\n" + zone.joined(separator: "\n"))
        let analysis = try analyzer().analyze(passport)
        #expect(analysis.type.type == .passport)
        #expect(!analysis.flags.contains { $0.kind == "translation-needed" })
    }

    // MARK: Contradictions

    @Test("Names in Cyrillic, Greek, Ethiopic and Arabic script match the zone's Latin spelling as variants, not contradictions")
    func namesAcrossScripts() {
        for (printed, zone) in [("Коваленко", "KOVALENKO"), ("Олена", "OLENA"), ("Юрій", "IURII"), ("Щербина", "SHCHERBYNA"),
                                ("Γεώργιος", "GEORGIOS"), ("ዳዊት", "DAWIT"), ("ተስፋይ", "TESFAY"), ("محمد", "MOHAMMED")] {
            #expect(NameComparison.relation(printed, zone) == .variant, "\(printed) / \(zone)")
        }
        #expect(NameComparison.relation("Коваленко", "PETRENKO") == .different)
        #expect(NameComparison.relation("ዳዊት", "YONAS") == .different)
        #expect(NameComparison.relation("Коваленко", "Коваленко") == .same)
        // A Latin name is found in a page written in Cyrillic.
        #expect(NameComparison.isNamed("OLENA KOVALENKO", in: "Довідка видана Олена Коваленко для подання за місцем вимоги"))
    }

    private var passportOfAbena: DocumentTranscript {
        let zone = td3(surname: "MENSAH", given: "ABENA", number: "G12345678", birth: "850417", expiry: "310101")
        return document("paspoort.png", "PASSPORT\nSurname MENSAH\nGiven names ABENA\n\n" + zone.joined(separator: "\n"))
    }

    @Test("Unmarried, declared after a marriage act naming the same person: a contradiction citing both sides")
    func unmarriedAfterMarriage() throws {
        let marriage = document("huwelijk.pdf", """
            Certificate of Marriage
            Married on 6 June 2020 at Kumasi: Abena Mensah and Kojo Asante.
            """)
        let later = document("verklaring.pdf", """
            Verklaring van ongehuwde staat
            Hierbij wordt verklaard dat Abena Mensah, geboren op 17 april 1985, ongehuwd is.
            Accra, 3 maart 2022
            """)
        let flags = try caseFlags([passportOfAbena, marriage, later])
        let flag = try #require(flags.first { $0.kind == "contradiction" && $0.reason.contains("civil status") })
        #expect(Set(flag.evidence.map(\.document)) == ["verklaring.pdf", "huwelijk.pdf"])
        #expect(flag.evidence.contains { $0.quote == "3 maart 2022" })
        #expect(flag.evidence.contains { $0.quote == "6 June 2020" })
        // Declared unmarried before the marriage: nothing against it.
        let earlier = document("verklaring.pdf", """
            Verklaring van ongehuwde staat
            Hierbij wordt verklaard dat Abena Mensah, geboren op 17 april 1985, ongehuwd is.
            Accra, 3 maart 2019
            """)
        #expect(!(try caseFlags([passportOfAbena, marriage, earlier])).contains { $0.reason.contains("civil status") })
    }

    @Test("A French birth act giving another day than the passport: a contradiction; the same day in another format is not")
    func birthDateAnyFormat() throws {
        func act(_ date: String) -> DocumentTranscript {
            document("acte.pdf", """
                ACTE DE NAISSANCE
                Le \(date), est née à Kumasi : Abena Mensah, de sexe féminin.
                """)
        }
        let flags = try caseFlags([passportOfAbena, act("19-04-1985")])
        let flag = try #require(flags.first { $0.kind == "contradiction" && $0.reason.contains("date of birth") })
        #expect(flag.reason.contains("1985-04-17") && flag.reason.contains("1985-04-19"))
        #expect(Set(flag.evidence.map(\.document)) == ["paspoort.png", "acte.pdf"])
        #expect(!(try caseFlags([passportOfAbena, act("17-04-1985")])).contains { $0.reason.contains("date of birth") })
    }

    @Test("A register extract whose name and birth date stand rows apart still speaks for its one person")
    func extractRows() throws {
        let extract = document("uittreksel.pdf", """
            Uittreksel uit het register van geboorten
            Achternaam Mensah
            Voornamen Abena
            Geslacht vrouw
            Geboortedatum 21 april 1985
            Geboorteplaats Kumasi
            """)
        let flags = try caseFlags([passportOfAbena, extract])
        #expect(flags.contains { $0.kind == "contradiction" && $0.reason.contains("1985-04-21") })
    }

    @Test("A contract's gross monthly salary against a payslip's for the same hours; equal pay raises nothing")
    func salary() throws {
        func contract(_ amount: String) -> DocumentTranscript {
            document("contract.pdf", """
                Arbeidsovereenkomst
                Werknemer Abena Mensah, geboren op 17 april 1985.
                De arbeidsduur bedraagt 36 uur per week. Het bruto maandsalaris bedraagt \(amount).
                """)
        }
        let payslip = document("loonstrook.png", """
            Salarisspecificatie oktober 2026
            Medewerker Abena Mensah
            Uren per week 36
            Bruto salaris € 2.950,00
            Netto uit te betalen € 2.310,12
            """)
        let flags = try caseFlags([passportOfAbena, contract("€ 3.200,00"), payslip])
        let flag = try #require(flags.first { $0.kind == "contradiction" && $0.reason.contains("salary") })
        #expect(flag.reason.contains("3200.00") && flag.reason.contains("2950.00"))
        #expect(Set(flag.evidence.map(\.document)) == ["contract.pdf", "loonstrook.png"])
        #expect(!(try caseFlags([passportOfAbena, contract("€ 2.950,00"), payslip])).contains { $0.reason.contains("salary") })
    }

    @Test("Name variants across documents (Olena/Elena, Yılmaz/Yilmaz) are variants, never contradictions")
    func variantsAreNotContradictions() throws {
        let zone = td1(surname: "YILMAZ", given: "OLENA", number: "AB1234567", birth: "910203", expiry: "300101")
        let card = document("kaart.png", zone.joined(separator: "\n"))
        let act = document("geboorteakte.pdf", """
            Uittreksel uit het register van geboorten
            Naam van het kind: Elena Yılmaz
            Geboren op 3 februari 1991 te Izmir
            """)
        let flags = try caseFlags([card, act])
        #expect(!flags.contains { $0.kind == "contradiction" })
        #expect(flags.contains { $0.kind == "name-variant" })
    }
}
