import Testing
@testable import Language

/// Sentences written for these tests, one short letter-like passage per language.
private let passages: [(code: String, text: String)] = [
    ("nld", "Hierbij stel ik u in gebreke omdat u niet op tijd hebt beslist op mijn aanvraag voor een verblijfsvergunning."),
    ("eng", "I am writing to tell you that the decision on my application for a residence permit is overdue."),
    ("fra", "Je vous écris pour vous informer que la décision concernant ma demande de titre de séjour est en retard."),
    ("deu", "Hiermit teile ich Ihnen mit, dass die Entscheidung über meinen Antrag auf eine Aufenthaltserlaubnis überfällig ist."),
    ("tur", "Oturma izni başvurum hakkındaki kararın gecikmiş olduğunu size bildirmek için yazıyorum."),
    ("ara", "أكتب إليكم لأبلغكم بأن القرار بشأن طلبي للحصول على تصريح الإقامة قد تأخر كثيرا."),
    ("spa", "Le escribo para informarle de que la decisión sobre mi solicitud de permiso de residencia está retrasada."),
    ("pol", "Piszę, aby poinformować, że decyzja w sprawie mojego wniosku o zezwolenie na pobyt jest opóźniona."),
    ("rus", "Я пишу вам, чтобы сообщить, что решение по моему заявлению на вид на жительство задерживается."),
]

@Suite struct LanguageIdentifierTests {
    @Test(arguments: passages.map(\.code))
    func identifiesEachPassage(code: String) throws {
        let text = try #require(passages.first { $0.code == code }).text
        let guess = try #require(LanguageIdentifier.bundled.identify(text))
        #expect(guess.code == code)
        #expect(guess.confidence > 0.9)
    }

    @Test func survivesOCRNoise() throws {
        // The Dutch passage as a poor OCR pass might read it: letters swapped, spaces lost.
        let noisy = "Hierbij stel ik u in gebreke orndat u niet op tijd hebt beslist op rnijn aanvraag voor een verbIijfsvergunning."
        #expect(LanguageIdentifier.bundled.identify(noisy)?.code == "nld")
    }

    @Test func tooLittleTextGivesNoGuess() {
        #expect(LanguageIdentifier.bundled.identify("NL 12") == nil)
        #expect(LanguageIdentifier.bundled.identify("") == nil)
        #expect(LanguageIdentifier.bundled.identify("1234 5678 9012 3456 ---") == nil)
    }

    @Test func decomposedAccentsCountAsComposed() throws {
        let composed = "la décision concernant ma demande de titre de séjour est arrivée très en retard"
        let decomposed = composed.decomposedStringWithCanonicalMapping
        let a = try #require(LanguageIdentifier.bundled.identify(composed))
        let b = try #require(LanguageIdentifier.bundled.identify(decomposed))
        #expect(a == b)
    }

    @Test func trigramsPadWordsWithSpaces() {
        var grams: [String] = []
        LanguageIdentifier.forEachTrigram(in: "Ik, u!") { key in
            let scalars = [key >> 42, (key >> 21) & 0x1F_FFFF, key & 0x1F_FFFF].compactMap { Unicode.Scalar(UInt32($0)) }
            grams.append(String(String.UnicodeScalarView(scalars)))
            return true
        }
        #expect(grams == [" ik", "ik ", " u "])
    }

    @Test func bundledProfilesCoverTheRequiredLanguages() {
        for code in ["nld", "eng", "fra", "deu", "tur", "ara"] {
            #expect(LanguageIdentifier.bundled.languages.contains(code))
        }
    }
}
