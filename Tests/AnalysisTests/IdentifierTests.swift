import DossierCore
import Testing
@testable import Analysis

@Suite("Identifiers and their checks")
struct IdentifierTests {
    @Test("BSN 11-proof", arguments: [
        ("111222333", true), ("123456782", true), ("1112.22.333", true),
        ("111222334", false), ("12345678", false), ("000000000", false), ("11122233a", false),
    ])
    func bsn(text: String, valid: Bool) {
        let check = BSN.check(text)
        #expect(check.valid == valid)
        #expect(check.failures.isEmpty == valid)
    }

    @Test("IBAN length and mod 97", arguments: [
        ("NL91ABNA0417164300", true), ("NL91 ABNA 0417 1643 00", true), ("nl91abna0417164300", true),
        ("GB82WEST12345698765432", true), ("DE89370400440532013000", true),
        ("NL91ABNA0417164301", false), ("NL91ABNA041716430", false), ("XX91ABNA0417164300", false),
        ("NL91-ABNA-0417.1643.00", true),
    ])
    func iban(text: String, valid: Bool) {
        #expect(IBAN.check(text).valid == valid)
    }

    @Test("An account part of the wrong form fails even when mod 97 holds")
    func bbanForm() {
        // Digits and a letter swapped into the Dutch bank code's and account's places.
        let check = IBAN.check("NL56 3003 0A17 1643 00")
        #expect(!check.valid)
        #expect(check.failures.contains { $0.contains("form") })
    }

    @Test("A visa's MRZ has no composite check digit to fail")
    func visa() throws {
        let mrz = try #require(MRZ.parse([
            "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L8988901C4XXX4009078F96121096ZE184226B<<<<<<",
        ]))
        #expect(mrz.valid, "failed: \(mrz.failedChecks)")
        #expect(mrz.checkDigits.map(\.field) == ["document number", "birth date", "expiry date"])
    }

    @Test("A wrong IBAN says which check failed")
    func ibanReason() {
        let check = IBAN.check("NL91ABNA041716430")
        #expect(check.failures.contains { $0.contains("18 characters") })
    }

    @Test("The ICAO 9303 passport specimen (TD3) parses with every check digit passing")
    func td3() throws {
        let mrz = try #require(MRZ.parse([
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
        ]))
        #expect(mrz.format == .td3)
        #expect(mrz.surname == "ERIKSSON")
        #expect(mrz.givenNames == "ANNA MARIA")
        #expect(mrz.documentNumber == "L898902C3")
        #expect(mrz.nationality == "UTO")
        #expect(mrz.birthDate == "740812")
        #expect(mrz.expiryDate == "120415")
        #expect(mrz.sex == "F")
        #expect(mrz.valid, "failed: \(mrz.failedChecks)")
        #expect(mrz.checkDigits.count == 5)
    }

    @Test("The ICAO 9303 ID-card specimens (TD1, TD2) parse with every check digit passing")
    func td1AndTd2() throws {
        let td1 = try #require(MRZ.parse([
            "I<UTOD231458907<<<<<<<<<<<<<<<",
            "7408122F1204159UTO<<<<<<<<<<<6",
            "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
        ]))
        #expect(td1.format == .td1)
        #expect(td1.documentNumber == "D23145890")
        #expect(td1.valid, "failed: \(td1.failedChecks)")
        let td2 = try #require(MRZ.parse([
            "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
            "D231458907UTO7408122F1204159<<<<<<<6",
        ]))
        #expect(td2.format == .td2)
        #expect(td2.valid, "failed: \(td2.failedChecks)")
    }

    @Test("A changed birth date fails its own check digit and the composite, and says so")
    func tampered() throws {
        let mrz = try #require(MRZ.parse([
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408132F1204159ZE184226B<<<<<10",
        ]))
        #expect(!mrz.valid)
        #expect(mrz.failedChecks == ["birth date", "composite"])
    }

    @Test("Typical OCR confusions in numeric fields are tolerated")
    func ocrConfusions() throws {
        let mrz = try #require(MRZ.parse([
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO74O8122F12O4159ZE184226B<<<<<1O",
        ]))
        #expect(mrz.birthDate == "740812")
        #expect(mrz.valid, "failed: \(mrz.failedChecks)")
    }

    @Test("Lines of the wrong shape are not an MRZ")
    func notMRZ() {
        #expect(MRZ.parse(["P<UTOERIKSSON", "L898902C36"]) == nil)
    }
}
