import DossierCore
import Testing
@testable import Summaries

private func pages(_ texts: String...) -> [PageTranscript] {
    texts.enumerated().map { PageTranscript(number: $0.offset + 1, method: .textLayer, text: $0.element, confidence: nil) }
}

private func sentences(_ text: String) -> [String] {
    let characters = Array(text)
    return SentenceSplitter.split(characters).map { String(characters[$0]) }
}

@Suite("Sentences and summaries")
struct SummariesTests {
    @Test("Abbreviations, initials, numbers and dates do not end sentences")
    func splitter() {
        #expect(sentences("Dit geldt o.a. voor gezinsleden, bijv. kinderen. Zie art. 4:17 Awb, d.w.z. de dwangsom. Klaar!") == [
            "Dit geldt o.a. voor gezinsleden, bijv. kinderen.", "Zie art. 4:17 Awb, d.w.z. de dwangsom.", "Klaar!",
        ])
        #expect(sentences("Mr. E.J. de Vries schreef op 12.06.2026 aan dhr. A. Jansen. Het bedrag is € 3.150,00. Nr. 5 volgt.") == [
            "Mr. E.J. de Vries schreef op 12.06.2026 aan dhr. A. Jansen.", "Het bedrag is € 3.150,00.", "Nr. 5 volgt.",
        ])
        #expect(sentences("Documents, e.g. passports, i.e. travel papers, count. \"Yes,\" she said. (See below.) Then more?") == [
            "Documents, e.g. passports, i.e. travel papers, count.", "\"Yes,\" she said.", "(See below.)", "Then more?",
        ])
        #expect(sentences("Het eerste lid. De rest volgt") == ["Het eerste lid.", "De rest volgt"])
    }

    @Test("Hyphenation across lines is undone; citations point at the page text")
    func hyphenationAndCitations() throws {
        let page = "De IND werkt voor de maat-\nschappij en voor aanvragers die al lang wachten op een besluit.\nDat moet sneller."
        let source = SourceText(pages: pages(page))
        let first = try #require(source.sentences.first)
        #expect(first.text == "De IND werkt voor de maatschappij en voor aanvragers die al lang wachten op een besluit.")
        #expect(first.citation.page == 1 && first.citation.line == 1)
        let characters = Array(page)
        #expect(String(characters[first.citation.start..<first.citation.end]).hasSuffix("wachten op een besluit."))
        let second = try #require(source.sentences.last)
        #expect(second.citation.line == 3)
        #expect(String(characters[second.citation.start..<second.citation.end]) == "Dat moet sneller.")
    }

    @Test("Running headers, footers and page numbers go; headings and list items stand apart")
    func furnitureAndHeadings() {
        let body = "Dit is de lopende tekst van het rapport, met een volledige zin over de aanvragen van dit jaar."
        let source = SourceText(pages: pages(
            "Stand van de Uitvoering 2026\n\nInleiding\n\n\(body)\n\npagina 1 van 3",
            "Stand van de Uitvoering 2026\n\n\(body) Het aantal steeg.\n- eerste punt van de lijst\n- tweede punt\n\npagina 2 van 3",
            "Stand van de Uitvoering 2026\n\nSlot van het rapport, met nog een zin die ook lang genoeg is.\n\n3"
        ))
        let texts = source.sentences.map(\.text)
        #expect(!texts.contains { $0.contains("Stand van de Uitvoering") || $0.contains("pagina") })
        #expect(source.headings.contains("Inleiding"))
        #expect(texts.contains("- eerste punt van de lijst"))
        #expect(texts.contains("Het aantal steeg."))
    }

    @Test("A summary keeps document order, its length, and is the same every time")
    func summary() {
        let text = """
            De IND beslist jaarlijks op tienduizenden aanvragen van vluchtelingen, studenten en gezinsleden.
            Het aantal aanvragen dat te lang wacht is dit jaar gestegen tot ongeveer vijftigduizend.
            De koffieautomaat op de derde verdieping is vervangen.
            Om de achterstand in te lopen wil de IND documenten sneller laten herkennen en samenvatten.
            Machines doen daarbij alleen voorstellen; een medewerker beslist altijd over de aanvraag.
            Kortom: de IND vraagt steun om de wachttijden voor aanvragen te verkorten.
            """
        let summarizer = Summarizer()
        let three = summarizer.summarize(pages(text), length: .sentences(3))
        #expect(three.count == 3)
        #expect(three.map(\.citation.start) == three.map(\.citation.start).sorted())
        #expect(!three.contains { $0.text.contains("koffieautomaat") }, "an off-topic sentence is not central")
        #expect(summarizer.summarize(pages(text), length: .sentences(3)) == three)
        let short = summarizer.summarize(pages(text), length: .words(25))
        #expect(short.reduce(0) { $0 + $1.text.split(separator: " ").count } <= 25 || short.count == 1)
        #expect(summarizer.summarize(pages(""), length: .sentences(3)).isEmpty)
    }
}
