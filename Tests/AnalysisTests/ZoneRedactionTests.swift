import DossierCore
import Foundation
import Testing
@testable import Analysis

private let dutchCardZone = [
    "I<NLDNRH4K7P216314159265<<<<<<",
    "8803023M3103016NLD<<<<<<<<<<<0",
    "DE<GRAAF<<PIETER<JAN<<<<<<<<<<",
]

/// A card's page as OCR gives it: printed fields, then the zone, each zone line one word whose
/// characters are placed 10 units apart from x = 100 on its own row.
private func cardPage(zone: [String], zoneWordsInLayout: Bool = true, characterBoxes: Bool = true) -> PageTranscript {
    let printed = ["KONINKRIJK DER NEDERLANDEN", "Persoonsnummer", "314159265"]
    let text = (printed + [""] + zone).joined(separator: "\n") + "\n"
    var lines: [LaidOutLine] = []
    for (row, line) in printed.enumerated() {
        var x = 100.0
        let words = line.split(separator: " ").map { word -> LaidOutWord in
            defer { x += Double(word.count) * 10 + 10 }
            return LaidOutWord(text: String(word), confidence: 90, box: PageBox(x: x, y: 20 + Double(row) * 30, width: Double(word.count) * 10, height: 20))
        }
        lines.append(LaidOutLine(box: PageBox(x: 100, y: 20 + Double(row) * 30, width: 400, height: 20), words: words))
    }
    if zoneWordsInLayout {
        for (row, line) in zone.enumerated() {
            let y = 200 + Double(row) * 30
            let characters = characterBoxes ? (0..<line.count).map { PageBox(x: 100 + Double($0) * 10, y: y, width: 8, height: 20) } : nil
            let box = PageBox(x: 100, y: y, width: Double(line.count) * 10, height: 20)
            lines.append(LaidOutLine(box: box, words: [LaidOutWord(text: line, confidence: 90, box: box, characters: characters)]))
        }
    }
    return PageTranscript(number: 1, method: .ocr, text: text, confidence: 90,
                          layout: PageLayout(unit: "px", width: 600, height: 400, blocks: [LaidOutBlock(box: PageBox(x: 0, y: 0, width: 600, height: 400), lines: lines)]))
}

private func proposals(_ page: PageTranscript) throws -> [RedactionFinding] {
    let document = DocumentTranscript(file: "identiteitskaart.png", sha256: "", pages: [page])
    let analysis = DocumentAnalyzer(rules: try ScreeningRules.bundled(), today: CivilDate(year: 2026, month: 11, day: 30)!).analyze(document)
    return RedactionFinder().find(in: [page], analysis: analysis, context: RedactionContext.of(case: [analysis]))
}

@Suite("Values inside a machine-readable zone")
struct ZoneRedactionTests {
    @Test("ICAO field positions of a Dutch card's zone, a passport's and a long document number's")
    func fieldPositions() {
        let card = MRZ.fieldPositions(dutchCardZone)
        #expect(card.contains(MRZ.FieldPosition(kind: .documentNumber, line: 0, range: 5..<15)))
        #expect(card.contains(MRZ.FieldPosition(kind: .optionalData, line: 0, range: 15..<30)))
        #expect(card.contains(MRZ.FieldPosition(kind: .birthDate, line: 1, range: 0..<7)))
        #expect(card.contains(MRZ.FieldPosition(kind: .surname, line: 2, range: 0..<8)))
        #expect(card.contains(MRZ.FieldPosition(kind: .givenNames, line: 2, range: 10..<20)))
        #expect(!card.contains { $0.kind == .optionalData && $0.line == 1 }, "a field of fillers only is left out")
        let passport = MRZ.fieldPositions(["P<NLDMEULENDIJK<<LOES<ALBERTINE<<<<<<<<<<<<<", "XA00000148NLD7110195F0604121123456782<<<<<02"])
        #expect(passport.contains(MRZ.FieldPosition(kind: .optionalData, line: 1, range: 28..<43)))
        #expect(passport.contains(MRZ.FieldPosition(kind: .surname, line: 0, range: 5..<15)))
        // A document number of more than nine characters runs on into the optional data.
        let long = MRZ.fieldPositions(["I<UTOD23145890<7349<<<<<<<<<<<", "3407127M9507122UTO<<<<<<<<<<<2", "STEVENSON<<PETER<JOHN<<<<<<<<<"])
        #expect(long.contains(MRZ.FieldPosition(kind: .documentNumber, line: 0, range: 5..<19)))
        #expect(MRZ.fieldPositions(["TOO SHORT"]).isEmpty)
    }

    @Test("A visa whose zone fails a check: the document number and birth date its zone gives are hidden where the page prints them")
    func printedCopiesOfZoneValues() throws {
        // The name field is garbled (filler read as S and K) and the optional data fails its
        // check; the number's and the birth date's own check digits pass.
        let zone = ["VNUTOVISSER<<ANNA<<<<<<<<<<<<<<<SS<SSSSSK<<<", "4Q7R2T9X87UTO6612120F3107282B3XLC0Q0FD142955"]
        let digit = { (field: String) in MRZ.checkDigit(Substring(field)) }
        #expect(digit("4Q7R2T9X8") == 7 && digit("661212") == 0 && digit("310728") != 2, "the test's own zone: number and birth date pass, the expiry date fails")
        // No label names the birth date; the number stands on its own line.
        let text = "VISA\n4Q7R2T9X8\nF 12.12.1966\nIssued 12.12.2021\n\n" + zone.joined(separator: "\n") + "\n"
        let page = PageTranscript(number: 1, method: .ocr, text: text, confidence: 90)
        #expect(zone.allSatisfy { $0.count == 44 })
        let found = try proposals(page)
        let printed = found.filter { !$0.evidence.quote.contains("UTO") && !$0.evidence.quote.contains("<") }
        #expect(printed.contains { $0.category == .documentNumber && $0.evidence.quote == "4Q7R2T9X8" })
        #expect(printed.contains { $0.category == .birthDate && $0.evidence.quote == "12.12.1966" })
        #expect(!printed.contains { $0.evidence.quote == "12.12.2021" }, "another date of the page stays")
    }

    @Test("A card whose zone holds a personal number: the number printed on the card with its own separators is hidden too")
    func printedPersonalNumber() throws {
        // A TD1 zone whose optional data is the holder's personal number 8807121234.
        let zone = ["I<UTOK4R7P2Q8X4<<<<<<<<<<<<<<<", "8807124F3001019UTO8807121234<6", "JANSSEN<<MARIA<<<<<<<<<<<<<<<<"]
        #expect(zone.allSatisfy { $0.count == 30 })
        // The birth date and the number on one line, as a Czech card prints them.
        let text = "IDENTITY CARD\n12.07.1988 880712/1234\nCard 4417 2209 1\n\n" + zone.joined(separator: "\n") + "\n"
        let found = try proposals(PageTranscript(number: 1, method: .ocr, text: text, confidence: 90))
        #expect(found.contains { $0.category == .bsn && $0.evidence.quote == "880712/1234" })
        #expect(!found.contains { $0.evidence.quote.hasPrefix("4417") }, "another number of the page stays")
    }

    @Test("A Dutch card's BSN inside its zone is a mark of its own, within the zone's, and so are the number, birth date and names")
    func valuesInsideTheZone() throws {
        let page = cardPage(zone: dutchCardZone)
        let found = try proposals(page)
        let text = Array(page.text)
        func quotes(_ category: RedactionCategory) -> [String] { found.filter { $0.category == category }.map(\.evidence.quote) }
        #expect(quotes(.bsn).sorted() == ["314159265", "314159265"], "the printed number and the one in the zone: \(quotes(.bsn))")
        let zoneText = dutchCardZone.joined(separator: "\n")
        #expect(quotes(.mrz).joined(separator: "\n").contains(zoneText), "the whole zone still goes where zones go: \(quotes(.mrz))")
        #expect(quotes(.documentNumber).contains("NRH4K7P216"))
        #expect(quotes(.birthDate).contains("8803023"))
        #expect(quotes(.name).contains("DE<GRAAF") && quotes(.name).contains("PIETER<JAN"))
        // The zone's BSN stands exactly where the zone's first line holds it.
        let zoneStart = page.text.distance(from: page.text.startIndex, to: page.text.range(of: dutchCardZone[0])!.lowerBound)
        let inZone = try #require(found.first { $0.category == .bsn && $0.evidence.start > zoneStart })
        #expect(inZone.evidence.start == zoneStart + 15 && inZone.evidence.end == zoneStart + 24)
        #expect(String(text[inZone.evidence.start..<inZone.evidence.end]) == "314159265")

        // Planned, the BSN's mark covers its nine characters alone, from their own boxes.
        let set = RedactionPlanner.set(pages: [page], findings: found)
        let mark = try #require(set.marks.first { $0.category == .bsn && $0.start == inZone.evidence.start })
        #expect(mark.placed)
        #expect(mark.boxes == [PageBox(x: 250, y: 200, width: 88, height: 20)], "characters 15–23 of the line: \(mark.boxes)")
        // A lawyer's policy keeps zones and hides citizen numbers: both numbers go, the zone stays.
        let lawyer = set.marks(in: [.bsn, .iban, .kvk, .phone, .email, .address, .other])
        #expect(lawyer.filter { $0.category == .bsn }.count == 2)
        #expect(!lawyer.contains { $0.category == .mrz })
    }

    @Test("A zone read with spaces and a zone line too damaged to parse still give the BSN its own mark")
    func damagedZones() throws {
        let first = dutchCardZone[0]
        let spaced: [String] = [String(first.prefix(5)) + " " + String(first.dropFirst(5)), dutchCardZone[1], dutchCardZone[2]]
        let found = try proposals(cardPage(zone: spaced, characterBoxes: false))
        let inZone = found.filter { $0.category == .bsn && $0.reason.contains("zone") }
        #expect(inZone.map(\.evidence.quote) == ["314159265"])
        // A first line a character short: no zone shape, the 11-proof alone finds the number (with
        // the digits it runs into, as it cannot tell where the number starts).
        let damaged = ["I<NLDNRH4K7P216314159265<<<<<", dutchCardZone[1], dutchCardZone[2]]
        let broken = try proposals(cardPage(zone: damaged, characterBoxes: false)).filter { $0.category == .bsn && $0.reason.contains("zone") }
        #expect(broken.count == 1)
        #expect(broken.first?.evidence.quote.contains("314159265") == true)
    }

    @Test("A zone line the layout does not place: its marks are proposed as not placed; a word box without character boxes covers the whole line")
    func placement() throws {
        let unplaced = cardPage(zone: dutchCardZone, zoneWordsInLayout: false)
        let set = RedactionPlanner.set(pages: [unplaced], findings: try proposals(unplaced))
        let zoneMarks = set.marks.filter { $0.category == .mrz }
        #expect(!zoneMarks.isEmpty && zoneMarks.allSatisfy { !$0.placed })
        #expect(set.marks.filter { $0.placed }.allSatisfy { !$0.boxes.isEmpty })
        #expect(set.unplacedMarks.count == set.marks.filter { !$0.placed }.count)
        #expect(RedactionSet(json: set.json) == set, "placement survives the store")

        // Without character boxes, the BSN inside a zone line is covered by the whole line's box.
        let whole = cardPage(zone: dutchCardZone, characterBoxes: false)
        let planned = RedactionPlanner.set(pages: [whole], findings: try proposals(whole))
        let bsn = try #require(planned.marks.first { $0.category == .bsn && $0.reason.contains("zone") })
        #expect(bsn.placed && bsn.boxes == [PageBox(x: 100, y: 200, width: 300, height: 20)])
    }

    @Test("A zone line found out of reading order is still placed; a short word is never looked for elsewhere")
    func outOfOrder() {
        let zoneLine = dutchCardZone[0]
        // The text has the zone first; the layout lists it after the card's other words.
        let text = zoneLine + "\n\nNaam de Graaf\n"
        let box = PageBox(x: 0, y: 0, width: 10, height: 10)
        let layout = PageLayout(unit: "px", width: 100, height: 100, blocks: [LaidOutBlock(box: box, lines: [
            LaidOutLine(box: box, words: ["Naam", "de", "Graaf"].map { LaidOutWord(text: $0, confidence: 90, box: box) }),
            LaidOutLine(box: box, words: [LaidOutWord(text: zoneLine, confidence: 90, box: PageBox(x: 1, y: 80, width: 90, height: 8))]),
            LaidOutLine(box: box, words: [LaidOutWord(text: "I<N", confidence: 90, box: box)]),
        ])])
        let page = PageTranscript(number: 1, method: .ocr, text: text, confidence: 90, layout: layout)
        let words = WordBoxes(page: page)
        #expect(words.covers(start: 0, end: zoneLine.count, in: text))
        #expect(words.boxes(start: 0, end: 5) == [PageBox(x: 1, y: 80, width: 90, height: 8)])
        #expect(words.covers(start: zoneLine.count + 2, end: zoneLine.count + 6, in: text))
    }
}
