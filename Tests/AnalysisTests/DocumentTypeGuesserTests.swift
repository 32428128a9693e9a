import DossierCore
import Testing
@testable import Analysis

@Suite("First guess of the document type")
struct DocumentTypeGuesserTests {
    let guesser = DocumentTypeGuesser()

    private func pages(_ texts: String...) -> [PageTranscript] {
        texts.enumerated().map { PageTranscript(number: $0.offset + 1, method: .ocr, text: $0.element, confidence: 90) }
    }

    @Test("A notice of default is recognised, with evidence spans that quote the page")
    func noticeOfDefault() throws {
        let text = "Amsterdam, 3 november 2026\nIngebrekestelling wegens niet tijdig beslissen\nIk stel u in gebreke."
        let guess = guesser.guess(pages(text))
        #expect(guess.type == .noticeOfDefault)
        #expect(guess.confidence > 0.5)
        #expect(!guess.evidence.isEmpty)
        for evidence in guess.evidence {
            let characters = Array(text)
            #expect(String(characters[evidence.start..<evidence.end]) == evidence.quote)
            #expect(evidence.page == 1)
        }
    }

    @Test("Typical documents get their type", arguments: [
        ("LOONSTROOK oktober 2026\nBrutoloon 2.850,00\nNettoloon 2.528,85", DocumentType.payslip),
        ("Arbeidsovereenkomst voor bepaalde tijd\nDe werkgever en de werknemer", .employmentContract),
        ("Uittreksel uit de geboorteakte\nis geboren te Utrecht", .birthCertificate),
        ("Rapport van nader gehoor\nDe tolk vertaalt.", .hearingReport),
        ("RECHTBANK DEN HAAG\nUitspraak van de enkelvoudige kamer\nECLI:NL:RBDHA:2026:1234", .courtRuling),
        ("Bank statement\nOpening balance", .bankStatement),
    ])
    func typical(text: String, expected: DocumentType) {
        #expect(guesser.guess(pages(text)).type == expected)
    }

    @Test("Text without cues is unknown, not guessed")
    func unknown() {
        let guess = guesser.guess(pages("Het weer was mooi en we gingen naar het strand."))
        #expect(guess.type == .unknown)
        #expect(guess.confidence == 0)
    }

    @Test("OCR case and accents do not hide a cue")
    func caseAndAccents() {
        #expect(guesser.guess(pages("HUWELIJKSAKTE\nAkte van huwelijk")).type == .marriageCertificate)
    }

    @Test("A cue inside another word does not count")
    func insideWord() {
        // "oorloonstrook" is not the word loonstrook at a word start.
        #expect(guesser.guess(pages("voorloonstrookjes")).type == .unknown)
    }

    @Test("Same input, same guess")
    func deterministic() {
        let input = pages("Loonstrook\nArbeidsovereenkomst\nNettoloon")
        #expect(guesser.guess(input) == guesser.guess(input))
    }
}
