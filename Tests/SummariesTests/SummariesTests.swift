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

    @Test("Dutch and English inflections fold onto one stem; short words stay as they are")
    func stems() {
        let dutch = LightStemmer(language: "nld")
        #expect(dutch.stem("aanvragen") == dutch.stem("aanvraag"))
        #expect(dutch.stem("documenten") == "document")
        #expect(dutch.stem("bedrijven") == "bedrijf")
        #expect(dutch.stem("mogelijkheden") == "mogelijkheid")
        #expect(dutch.stem("besluiten") == dutch.stem("besluit"))
        #expect(dutch.stem("zaken") == dutch.stem("zaak"))
        #expect(dutch.stem("wet") == "wet")
        let english = LightStemmer(language: "eng")
        #expect(english.stem("documents") == "document")
        #expect(english.stem("applications") == english.stem("application"))
        #expect(english.stem("stopped") == "stop")
        #expect(english.stem("processing") == english.stem("processed"))
        #expect(english.stem("status") == "status")
    }

    @Test("The ranking explains the summary: its first picks are the summary, every sentence has scores")
    func ranking() throws {
        var lines: [String] = []
        for topic in ["verblijfsvergunning", "naturalisatie", "gezinshereniging", "arbeidsmigratie"] {
            lines.append("De aanvraag voor \(topic) wordt door de IND zorgvuldig beoordeeld binnen de wettelijke termijn.")
            lines.append("Bij \(topic) moet de aanvrager alle documenten volledig en leesbaar aanleveren.")
        }
        lines.append("Het weer was die dag bijzonder zonnig aan de kust.")
        let text = lines.joined(separator: "\n")
        let summarizer = Summarizer()
        let ranking = summarizer.rank(pages(text))
        #expect(ranking.count == lines.count)
        #expect(Set(ranking.map(\.pick)) == Set(1...lines.count), "every sentence gets its own pick number")
        #expect(ranking.allSatisfy { (0...1).contains($0.centrality) && (0...1).contains($0.position) })
        let summary = summarizer.summarize(pages(text), length: .sentences(3))
        let firstPicks = ranking.filter { $0.pick <= 3 }.map(\.text)
        #expect(summary.map(\.text) == firstPicks)
        let weather = try #require(ranking.first { $0.text.contains("weer") })
        #expect(weather.pick > 4, "an off-topic sentence comes late")
    }

    @Test("A word budget is filled with the sentences that fit, never more")
    func wordBudget() {
        let long = "Deze zin is erg lang omdat zij heel veel woorden bevat over de aanvraag van de vergunning en het verblijf en de documenten van de aanvrager."
        let text = """
            De aanvraag voor een verblijfsvergunning is op tijd ontvangen door de IND.
            \(long)
            De aanvraag van de vergunning is compleet met alle documenten.
            De vergunning geldt voor verblijf bij de partner.
            """
        let summary = Summarizer().summarize(pages(text), length: .words(24))
        let words = summary.reduce(0) { $0 + $1.text.split(separator: " ").count }
        #expect(words <= 24)
        #expect(summary.count >= 2, "short sentences fill the budget a long one would overflow")
        #expect(!summary.contains { $0.text == long })
    }
}
