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
    ("ukr", "Я пишу вам, щоб повідомити, що рішення щодо моєї заяви на дозвіл на проживання затримується."),
    ("ell", "Σας γράφω για να σας ενημερώσω ότι η απόφαση για την αίτησή μου για άδεια διαμονής καθυστερεί."),
    ("fas", "برای شما می‌نویسم تا اطلاع دهم که تصمیم درباره درخواست من برای اجازه اقامت به تأخیر افتاده است."),
    ("urd", "میں آپ کو یہ بتانے کے لیے لکھ رہا ہوں کہ میری رہائشی اجازت کی درخواست پر فیصلہ بہت دیر سے ہو رہا ہے۔"),
    ("pus", "زه تاسو ته لیکم چې زما د اوسېدو د اجازې د غوښتنلیک په اړه پرېکړه ځنډېدلې ده."),
    ("amh", "የመኖሪያ ፈቃድ ማመልከቻዬን በተመለከተ የሚሰጠው ውሳኔ መዘግየቱን ለማሳወቅ እጽፍልዎታለሁ። አሁንም ምንም መልስ አላገኘሁም። "
        + "እባክዎ አስቸኳይ ውሳኔ ይስጡ። አመሰግናለሁ።"),
    ("tir", "ብዛዕባ ናይ መንበሪ ፍቓድ ሕቶይ ዝወሃብ ውሳነ ከም ዝደንጎየ ንምሕባር እጽሕፈልኩም ኣለኹ። ክሳብ ሕጂ ዝኾነ መልሲ ኣይረኸብኩን። "
        + "በጃኹም ቀልጢፍኩም ውሳነ ሃቡ። ኣመስግን።"),
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

    @Test func ethiopicTextWithoutTellingSpellingGetsNoGuess() {
        // Neither ኣ nor አ nor the ቐ series: Amharic or Tigrinya, nothing says which.
        #expect(LanguageIdentifier.bundled.identify("ሰላም ለዓለም ዝበለጸ ሕብረተሰብ ምህናጽ ይከኣል") == nil)
        #expect(EthiopicSpelling.language(of: "ኣብ ኣስመራ ቐጺሉ ኣሎ") == "tir")
        #expect(EthiopicSpelling.language(of: "አቶ አበበ አሁን አዲስ አበባ ነው") == "amh")
        #expect(EthiopicSpelling.language(of: "ሰላም") == nil)
    }

    @Test func dominantScript() throws {
        #expect(WritingScript.dominant(in: "Geachte heer, hierbij bevestigen wij de ontvangst.")?.script == "Latin")
        let persian = try #require(WritingScript.dominant(in: "اینجانب گواهی می‌دهم که خانم مریم در این خانه زندگی می‌کند (NL-1234)"))
        #expect(persian.script == "Arabic")
        #expect(persian.share > 0.8)
        #expect(WritingScript.dominant(in: "ናይ መንበሪ ምስክር ወረቐት ኣቶ ዳዊት ተስፋይ")?.script == "Ethiopic")
        #expect(WritingScript.dominant(in: "Настоящим подтверждаю, что мой сын")?.script == "Cyrillic")
        #expect(WritingScript.dominant(in: "12 3") == nil)
    }

    @Test func bundledProfilesCoverTheRequiredLanguages() {
        for code in ["nld", "eng", "fra", "deu", "tur", "ara", "fas", "urd", "pus", "rus", "ukr", "ell", "amh"] {
            #expect(LanguageIdentifier.bundled.languages.contains(code))
        }
    }
}
