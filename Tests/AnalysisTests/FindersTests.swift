import DossierCore
import Testing
@testable import Analysis

private func page(_ text: String, _ number: Int = 1) -> [PageTranscript] {
    [PageTranscript(number: number, method: .textLayer, text: text, confidence: nil)]
}

@Suite("Finding identifiers, dates and amounts in text")
struct FindersTests {
    let identifiers = IdentifierFinder()

    @Test("Named numbers are found and checked; unnamed nine-digit numbers are left alone")
    func namedNumbers() throws {
        let text = """
            Naam: A. Jansen
            BSN: 1234.56.782
            Burgerservicenummer partner: 123456789
            Referentie 111222333
            V-nummer 1234567890
            KvK-nummer: 30123456
            IBAN NL91 ABNA 0417 1643 00 en BE71 0961 2345 6769; code GB00 fout
            """
        let found = identifiers.find(in: page(text))
        let bsns = found.filter { $0.kind == .bsn }
        #expect(bsns.map(\.value) == ["123456782", "123456789"])
        #expect(bsns.map(\.valid) == [true, false])
        #expect(bsns[1].failures == ["the 11-proof fails"])
        #expect(found.first { $0.kind == .vNumber }?.value == "1234567890")
        #expect(found.first { $0.kind == .vNumber }?.meaning.contains("no checksum") == true)
        #expect(found.first { $0.kind == .kvk }?.value == "30123456")
        let ibans = found.filter { $0.kind == .iban }
        #expect(ibans.map(\.value) == ["NL91ABNA0417164300", "BE71096123456769"])
        #expect(ibans.allSatisfy { $0.valid })
        #expect(!found.contains { $0.value == "111222333" })
        // Evidence quotes the page text exactly at its offsets.
        let bsn = try #require(bsns.first)
        let characters = Array(text)
        let quoted = String(characters[bsn.evidence.start..<bsn.evidence.end])
        #expect(quoted == bsn.evidence.quote)
        #expect(bsn.evidence.quote == "1234.56.782")
    }

    @Test("ECLI, postcodes and document numbers")
    func shapes() {
        let text = """
            Rechtbank Den Haag, ECLI:NL:RBDHA:2026:1234, en ECLI:XX:HR:2031:1.
            Herengracht 112, 1015 BS Amsterdam
            Postbus 17, 9560 AA Ter Apel
            Het jaar 2026 IN totaal
            Documentnummer verblijfsdocument: NB1234K57
            """
        let found = IdentifierFinder().find(in: page(text))
        let eclis = found.filter { $0.kind == .ecli }
        #expect(eclis.map(\.value) == ["ECLI:NL:RBDHA:2026:1234", "ECLI:XX:HR:2031:1"])
        #expect(eclis.map(\.valid) == [true, false])
        #expect(found.filter { $0.kind == .postcode }.map(\.value) == ["1015 BS", "9560 AA"])
        #expect(found.first { $0.kind == .residenceDocument }?.value == "NB1234K57")
    }

    @Test("An IBAN whose check digits the OCR read as letters is mended when the mended number passes, and left alone when it does not")
    func ibanCheckDigitsAsLetters() {
        let found = IdentifierFinder().find(in: page("overgemaakt naar rekening NLO3RABO9083560345.\nof naar NLO4RABO9083560345"))
        let ibans = found.filter { $0.kind == .iban }
        #expect(ibans.map(\.value) == ["NL03RABO9083560345"])
        #expect(ibans.first?.valid == true)
        #expect(ibans.first?.evidence.quote == "NLO3RABO9083560345")
        // OCR's other slips in an IBAN: a space after the country code, an O for a 0 in the
        // account number; mended only when the number then passes (NL77INGBO111066254 does not).
        let slips = IdentifierFinder().find(in: page("rekening NL 10INGB3534567999 en NL77INGBO111066253, niet NL77INGBO111066254; NLSSABNA0417164366"))
            .filter { $0.kind == .iban }
        #expect(slips.map(\.value) == ["NL10INGB3534567999", "NL77INGB0111066253", "NL77INGBO111066254", "NL55ABNA0417164366"])
        #expect(slips.map(\.valid) == [true, true, false, true])
    }

    @Test("An MRZ read by OCR is found, with spaces inside, and its check digits judged")
    func mrz() throws {
        let good = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
        let text = "PASPOORT\n" + good.replacingOccurrences(of: "<<<<<<<<<<", with: "<<<<< <<<<<") + "\n"
        let found = try #require(IdentifierFinder().find(in: page(text)).first { $0.kind == .mrz })
        #expect(found.valid)
        #expect(found.value == "L898902C3")
        #expect(found.mrz?.surname == "ERIKSSON")
        let broken = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C46UTO7408122F1204159ZE184226B<<<<<10"
        let bad = try #require(IdentifierFinder().find(in: page(broken)).first { $0.kind == .mrz })
        #expect(!bad.valid)
        #expect(bad.failures.contains { $0.contains("document number") })
    }

    @Test("Dates in Dutch, English and French forms become ISO dates with their roles")
    func dates() {
        let text = """
            Amsterdam, 3 november 2026
            Geboren op 14-03-1988 te Utrecht.
            Date of birth: June 12, 1990
            Geldig tot 01.02.2031
            Uw aanvraag is ontvangen op 12 februari 2026.
            Née le 2 avril 1979 à Lyon. Fait à Lyon, le 1er octobre 2026.
            U moet uiterlijk 20 december 2026 reageren. Zonder rol: 2026-06-12 en 31-04-2026.
            De heer A. Jansen, geboren op 4 mei 1991, is sinds 1 februari 2025 bij ons in dienst.
            """
        let found = DateFinder().find(in: page(text))
        let pairs = found.map { "\($0.role?.rawValue ?? "-") \($0.date)" }
        // A cue before another date belongs to that date: the start of employment is no birth date.
        #expect(pairs == [
            "letter 2026-11-03", "birth 1988-03-14", "birth 1990-06-12", "expiry 2031-02-01",
            "received 2026-02-12", "birth 1979-04-02", "letter 2026-10-01", "deadline 2026-12-20",
            "- 2026-06-12", "birth 1991-05-04", "- 2025-02-01",
        ])
    }

    @Test("'vóór' names a last day only in a sentence that asks its reader something; 'uiterlijk' always does")
    func lastDays() {
        let text = """
            Dit betreft de mensen die vóór 12 juni 2026 een asielaanvraag hebben ingediend.
            Wij verzoeken u de stukken vóór 4 januari 2027 te sturen. Stuur het formulier vóór 8 januari 2027 terug.
            De wet moet uiterlijk 1 juli 2027 in werking treden.
            """
        let pairs = DateFinder().find(in: page(text)).map { "\($0.role?.rawValue ?? "-") \($0.date)" }
        #expect(pairs == ["- 2026-06-12", "deadline 2027-01-04", "deadline 2027-01-08", "deadline 2027-07-01"])
    }

    @Test("Euro amounts in Dutch and English notation")
    func money() {
        let text = "Brutoloon € 3.150,00; netto EUR 2.528,85; inhouding € -136,80; boete € 1.234,-; salary 3,150 euros; 250 euro."
        let amounts = MoneyFinder().find(in: page(text)).map(\.amount)
        #expect(amounts == ["3150.00", "2528.85", "-136.80", "1234.00", "3150.00", "250.00"])
    }

    @Test("Terms end on a working day, as the Algemene termijnenwet says")
    func terms() throws {
        let letter = try #require(CivilDate(year: 2026, month: 11, day: 3))
        let plain = LegalTerm.end(from: letter, weeks: 2)
        #expect(plain.date.description == "2026-11-17")
        #expect(plain.rule == "3 November 2026 + 2 weeks = 17 November 2026")
        // Two weeks from Friday 11 December end on Christmas Day: moved past the weekend.
        let christmas = LegalTerm.end(from: try #require(CivilDate(year: 2026, month: 12, day: 11)), weeks: 2)
        #expect(christmas.date.description == "2026-12-28")
        #expect(christmas.rule.contains("Christmas Day"))
        #expect(christmas.rule.contains("art. 1"))
        // Ascension Day 2026 is 14 May; Easter Monday 6 April; King's Day 2025 on 26 April.
        #expect(DutchHolidays.holiday(on: try #require(CivilDate(year: 2026, month: 5, day: 14))) == "Ascension Day")
        #expect(DutchHolidays.holiday(on: try #require(CivilDate(year: 2026, month: 4, day: 6))) == "Easter Monday")
        #expect(DutchHolidays.holiday(on: try #require(CivilDate(year: 2025, month: 4, day: 26))) == "King's Day")
        #expect(DutchHolidays.holiday(on: try #require(CivilDate(year: 2026, month: 4, day: 3))) == nil, "Good Friday is no Atw holiday")
        // A named last day on a Saturday moves to Monday.
        let named = LegalTerm.named(try #require(CivilDate(year: 2026, month: 12, day: 19)))
        #expect(named.date.description == "2026-12-21")
        // Art. 2: three days from Thursday 24 December hold only one working day (the 28th
        // is past the end), so the term runs on to hold two.
        let short = LegalTerm.end(from: try #require(CivilDate(year: 2026, month: 12, day: 24)), days: 3)
        #expect(short.date.description == "2026-12-29")
    }

    @Test("Civil dates: weekday, arithmetic, impossible days")
    func civilDates() throws {
        let date = try #require(CivilDate(year: 2026, month: 11, day: 23))
        #expect(date.weekday == 1)
        #expect(date.adding(days: 40).description == "2027-01-02")
        #expect(CivilDate(year: 2026, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
        #expect(try #require(CivilDate(year: 2026, month: 1, day: 31)).adding(months: 1).description == "2026-02-28")
    }

    @Test("Dates in Persian digits and in the Solar Hijri, Hijri and Ethiopian calendars are converted, the original kept beside")
    func otherCalendars() throws {
        let finder = DateFinder()
        // 15 Shahrivar 1368 is 6 September 1989; the quote keeps the Persian digits.
        let persian = finder.find(in: page("اینجانب علی رضایی متولد ۱۳۶۸/۰۶/۱۵ در شهر هرات هستم و در این خانه زندگی می‌کنم."))
        let birth = try #require(persian.first)
        #expect(birth.date == CivilDate(year: 1989, month: 9, day: 6))
        #expect(birth.calendar == "solar-hijri")
        #expect(birth.asWritten == "1368-06-15")
        #expect(birth.evidence.quote == "۱۳۶۸/۰۶/۱۵")
        // 1 Ramadan 1445 is 11 March 2024, in Eastern Arabic digits.
        let arabic = finder.find(in: page("حررت هذه الشهادة بتاريخ ١٤٤٥/٠٩/٠١ هـ بناء على طلب صاحبها لتقديمها إلى الجهات المختصة."))
        #expect(arabic.first?.date == CivilDate(year: 2024, month: 3, day: 11))
        #expect(arabic.first?.calendar == "hijri")
        // An Ethiopian year marked ዓ.ም: 1 Meskerem 2015 is 11 September 2022.
        let ethiopian = finder.find(in: page("ይህ ደብዳቤ 01/01/2015 ዓ.ም ተሰጥቷል።"))
        #expect(ethiopian.first?.date == CivilDate(year: 2022, month: 9, day: 11))
        #expect(ethiopian.first?.calendar == "ethiopian")
        #expect(ethiopian.first?.asWritten == "2015-01-01")
        // Gregorian dates stay as they are, on a Dutch page and on a Tigrinya (Eritrean) one.
        let dutch = finder.find(in: page("Amsterdam, 12-06-2026"))
        #expect(dutch.first?.date == CivilDate(year: 2026, month: 6, day: 12))
        #expect(dutch.first?.calendar == nil)
        let tigrinya = [PageTranscript(number: 1, method: .ocr, text: "ኣቶ ዳዊት ካብ 12/05/2015 ኣብ ኣስመራ ተቐሚጡ ኣሎ።", confidence: 90,
                                       script: "Ethiopic", language: "tir")]
        #expect(finder.find(in: tigrinya).first?.date == CivilDate(year: 2015, month: 5, day: 12))
        // A day no calendar has is no date.
        #expect(finder.find(in: page("تاریخ ۱۴۰۱/۱۴/۴۰ ثبت شد")).isEmpty)
    }

    @Test("Month names of other scripts and calendars: the name says the calendar, a Tigrinya name the year's mark")
    func monthNames() throws {
        let finder = DateFinder()
        func first(_ text: String, language: String? = nil) -> (String, String?, String?) {
            let pages = [PageTranscript(number: 1, method: .ocr, text: text, confidence: 90, language: language)]
            guard let date = finder.find(in: pages).first else { return ("none", nil, nil) }
            return (date.date.description, date.calendar, date.asWritten)
        }
        // Persian (Iran) and Dari (Afghanistan) names of the same Solar Hijri month, and "مهرماه".
        #expect(first("تاریخ تولد: ۱۵ شهریور ۱۳۶۸") == ("1989-09-06", "solar-hijri", "1368-06-15"))
        #expect(first("تاریخ تولد: ۱۵ سنبله ۱۳۶۸") == ("1989-09-06", "solar-hijri", "1368-06-15"))
        #expect(first("صادر شده در ۱ مهرماه ۱۴۰۱") == ("2022-09-23", "solar-hijri", "1401-07-01"))
        // A Hijri month, and a Gregorian month by its Levantine Arabic name.
        #expect(first("بتاريخ ١ رمضان ١٤٤٥ هـ") == ("2024-03-11", "hijri", "1445-09-01"))
        #expect(first("دمشق في ١٢ كانون الثاني ٢٠٢٣") == ("2023-01-12", nil, nil))
        // An Amharic letter's date, and a Tigrinya one from Eritrea (Gregorian) or marked ዓ.ም (Ethiopian).
        #expect(first("መስከረም 1 ቀን 2015 ዓ.ም") == ("2022-09-11", "ethiopian", "2015-01-01"))
        #expect(first("ኣስመራ 12 ጥሪ 2023", language: "tir") == ("2023-01-12", nil, nil))
        #expect(first("12 ጥሪ 2015 ዓ.ም", language: "tir") == ("2023-01-20", "ethiopian", "2015-05-12"))
        // Day and year in Ethiopic numerals: ፩ and ፳፻፲፭ (20 × 100 + 15).
        #expect(first("መስከረም ፩ ቀን ፳፻፲፭ ዓ.ም") == ("2022-09-11", "ethiopian", "2015-01-01"))
        #expect(first("፲፪ ጥሪ ፳፻፲፭ ዓ.ም", language: "tir") == ("2023-01-20", "ethiopian", "2015-05-12"))
        #expect(EthiopicNumber.value("፲፱፻፹፯") == 1987)
        #expect(EthiopicNumber.value("፻") == 100)
        #expect(EthiopicNumber.value("፪፼፫፻") == 20300)
        #expect(EthiopicNumber.value("፻፼") == 1_000_000)
        #expect(EthiopicNumber.value("፲፪a") == nil)
        // Russian in the genitive, Ukrainian, Turkish.
        #expect(first("Дата выдачи 12 марта 2023 г.") == ("2023-03-12", nil, nil))
        #expect(first("Видано 5 травня 2021 р.") == ("2021-05-05", nil, nil))
        #expect(first("Düzenlenme tarihi: 3 Ağustos 2020") == ("2020-08-03", nil, nil))
    }
}
