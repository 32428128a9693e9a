import DossierCore
import Foundation
import Testing
import TestSupport
@testable import Extraction
@testable import Tesseract

private let pool = OCRWorkerPool(workers: 1, languages: "nld+eng")

/// The shipped passport scan turned, tilted or noised, written to a temporary PNG.
private func madeScan(_ name: String, _ change: (LeptonicaImage) throws -> LeptonicaImage) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-mrz-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try change(try LeptonicaImage(contentsOf: SampleFiles.passportPNG)).write(to: url)
    return url
}

private func zone(in url: URL) async throws -> MRZ? {
    let page = try #require(try await DocumentTranscriber(options: TranscriptionOptions(), pool: pool).transcribe(url).pages.first)
    let lines = page.text.split(separator: "\n").map { MRZRereader.compact(String($0)) }.filter { $0.contains("<<") }
    for start in lines.indices {
        for count in [2, 3] where start + count <= lines.count {
            if let zone = MRZ.parse(Array(lines[start..<start + count])) { return zone }
        }
    }
    return nil
}

@Suite("Finding machine-readable zones from their shape")
struct MRZLocatorTests {
    @Test("A passport scanned turned a quarter, upside down or a quarter the other way: the zone reads whole",
          arguments: [1, 2, 3])
    func turned(quarterTurns: Int) async throws {
        let url = try madeScan("turned-\(quarterTurns).png") { try $0.rotated(quarterTurnsClockwise: quarterTurns) }
        let found = try #require(try await zone(in: url))
        #expect(found.valid)
        #expect(found.documentNumber == "NX5R2K7C1")
        #expect(found.surname == "DE GROOT")
    }

    @Test("A phone photo of an identity card upside down, tilted and in perspective: the zone reads whole, fillers and all")
    func cardPhoto() async throws {
        let page = try #require(try await DocumentTranscriber(options: TranscriptionOptions(), pool: pool)
            .transcribe(SampleFiles.cardPhotoJPEG).pages.first)
        let lines = page.text.split(separator: "\n").map { MRZRereader.compact(String($0)) }
        #expect(lines.contains("I<UTOSPEC202618<<<<<<<<<<<<<<<"))
        #expect(lines.contains("9307159F3307146UTO<<<<<<<<<<<4"))
        #expect(lines.contains("VAN<DER<BERG<<MARIJKE<ANNA<<<<"))
        // The zone's turn is the card's: the page was read again the right way up.
        #expect(page.corrections?.rotation == 180)
    }

    @Test("A card scanned small (zone characters 9 pixels high) and askew: the zone reads whole, fillers and all, sure of itself")
    func smallCard() async throws {
        let page = try #require(try await DocumentTranscriber(options: TranscriptionOptions(), pool: pool)
            .transcribe(SampleFiles.smallCardJPEG).pages.first)
        let lines = page.text.split(separator: "\n").map { MRZRereader.compact(String($0)) }
        // The zone engine alone reads the first line's fillers as KKSSKS.
        #expect(lines.contains("I<UTOSPEC202618<<<<<<<<<<<<<<<"))
        #expect(lines.contains("9307159F3307146UTO<<<<<<<<<<<4"))
        #expect(lines.contains("VAN<DER<BERG<<MARIJKE<ANNA<<<<"))
        let zoneWords = page.layout?.blocks.flatMap(\.lines).flatMap(\.words).filter { $0.text.hasPrefix("I<UTO") } ?? []
        #expect(zoneWords.count == 1)
        #expect((zoneWords.first?.confidence ?? 0) > 90, "the glyph reading's own confidence")
    }

    @Test("A passport scanned tilted 2.8° with grain: the zone reads whole")
    func tilted() async throws {
        let url = try madeScan("tilted.png") { try $0.grayscale().rotated(byDegrees: 2.8).withGaussianNoise(sigma: 12) }
        let found = try #require(try await zone(in: url))
        #expect(found.valid)
        #expect(found.documentNumber == "NX5R2K7C1")
    }

    @Test("Glyph shapes decide fillers: look-alikes read on filler glyphs become <, other letters stay")
    func fillersFromGlyphs() throws {
        let truth = "P<NGAYILMAZ<<OLENA" + String(repeating: "<", count: 26)
        let shapes = truth.map { $0 == "<" }
        // The engine read K and E for fillers and lost seven of them.
        #expect(ZoneGlyphs.laid("P<NGAYILMAZ<<OLENAK<K<<<<<<KKKKEEEEEK", over: shapes) == truth)
        // A Y whose left edge is a point like a filler's stays a Y.
        var yShapes = shapes
        yShapes[5] = true
        #expect(ZoneGlyphs.laid(truth, over: yShapes) == truth)
        // A letter position with no character read for it cannot be mended.
        #expect(ZoneGlyphs.laid("P<NGA", over: shapes) == nil)
    }

    @Test("Letters-only fields take letters, digits-only fields digits; document numbers stay as read")
    func typedFields() {
        let read = ["P<1RNABEBE<<TAR1Q<<<<<<<<<<<<<<<<<<<<<<<<<<<", "GO058559871RNO101228F2504144<<<<<<<<<<<<<<04"]
        let typed = MRZ.typed(read)
        #expect(typed[0] == "P<IRNABEBE<<TARIQ<<<<<<<<<<<<<<<<<<<<<<<<<<<")
        #expect(typed[1] == "GO058559871RN0101228F2504144<<<<<<<<<<<<<<04".replacingOccurrences(of: "1RN", with: "IRN"))
        #expect(MRZ.typed(["too short"]) == ["too short"])
    }

    @Test("An identity card's zone read as opening with L opens with I; a passport's first letter is left alone")
    func cardDocumentCode() throws {
        let card = ["L<NLDSPECI20212<<<<<<<<<<<<<<<", "6503101F3108022NLD<<<<<<<<<<<8", "DE<BRUIJN<<WILLEKE<LISELOTTE<<"]
        let typed = MRZ.typed(card)
        #expect(typed[0].hasPrefix("I<NLD"))
        let zone = try #require(MRZ.parse(typed))
        #expect(zone.documentCode.hasPrefix("I"))
        let passport = ["L<IRNABEBE<<TARIQ<<<<<<<<<<<<<<<<<<<<<<<<<<<", "GO058559871RN0101228F2504144<<<<<<<<<<<<<<04"]
        #expect(MRZ.typed(passport)[0].hasPrefix("L<"))
    }

    @Test("A zone whose checks pass but whose name field holds filler look-alikes is suspect")
    func suspectNames() {
        let line2 = "UE55672919IRN8309215M2406086<<<<<<<<<<<<<<06"
        #expect(MRZLocator.nameSuspect(["P<IRNABEBE<<OLENAK<X<<K<<<<<<KKKKKKKKKKKKKKK", line2]))
        #expect(!MRZLocator.nameSuspect(["P<IRNABEBE<<OLENA<<<<<<<<<<<<<<<<<<<<<<<<<<<", line2]))
        #expect(!MRZLocator.nameSuspect(["P<IRNABEBE<<OLENA<MARIA<<<<<<<<<<<<<<<<<<<<<", line2]))
    }

    @Test("Two or three bars of one length stacked at a steady pitch are a candidate; a paragraph is not")
    func stacks() {
        func bar(_ top: Int, length: Int = 1300) -> PixelBox { PixelBox(left: 100, top: top, right: 100 + length, bottom: top + 30) }
        #expect(MRZLocator.stacks([bar(1000), bar(1055)], vertical: false).count == 1)
        #expect(MRZLocator.stacks([bar(1000), bar(1055), bar(1110)], vertical: false).first?.count == 3)
        #expect(MRZLocator.stacks((0..<6).map { bar(200 + $0 * 50) }, vertical: false).isEmpty, "six lines are a paragraph")
        #expect(MRZLocator.stacks([bar(1000), bar(1055, length: 600)], vertical: false).isEmpty, "lengths differ")
    }
}

@Suite("The zone search skips what the page reading read as prose")
struct MRZProseTests {
    private func line(_ text: String, top: Int, confidence: Double = 90) -> OCRLine {
        let box = PixelBox(left: 100, top: top, right: 1900, bottom: top + 40)
        return OCRLine(box: box, words: text.split(separator: " ").map { OCRWord(text: String($0), confidence: confidence, box: box) })
    }

    private func reading(_ lines: [OCRLine], confidence: Double = 90) -> OCRResult {
        OCRResult(text: "", confidence: confidence, blocks: [OCRBlock(box: PixelBox(left: 0, top: 0, right: 2000, bottom: 2000), lines: lines)])
    }

    @Test("Running text is prose; a zone line, a line of capitals and a short label are not")
    func proseLines() {
        let prose = line("De aanvrager heeft op tijd bezwaar gemaakt tegen het besluit", top: 100)
        let lines = [
            prose,
            line("P<NLDDE<BRUIJN<<WILLEKE<LISELOTTE<<<<<<<<<<<", top: 200),
            line("NEDERLANDSE PASPOORT KONINKRIJK DER NEDERLANDEN", top: 300),
            line("Naam", top: 400),
            line("de aanvrager heeft op tijd bezwaar gemaakt", top: 500, confidence: 40),
        ]
        #expect(MRZLocator.proseLines(in: reading(lines)) == [prose.box])
    }

    @Test("Only a well-read page of nearly all prose is spared the tilted search")
    func wellReadProse() {
        let letter = (0..<10).map { line("Wij hebben uw aanvraag om een verblijfsvergunning ontvangen", top: 100 + 50 * $0) }
        let withZone = letter + [line("P<NLDDE<BRUIJN<<WILLEKE<<<<<<<<<<<<<<<<<<<<", top: 700),
                                 line("NXF1234567NLD8001012F3001012123456782<<<<<16", top: 750)]
        func spared(_ lines: [OCRLine], confidence: Double = 90) -> Bool {
            let reading = reading(lines, confidence: confidence)
            return MRZLocator.isWellReadProse(reading, proseLines: MRZLocator.proseLines(in: reading).count)
        }
        #expect(spared(letter))
        #expect(!spared(withZone))
        #expect(!spared(letter, confidence: 60))
    }

    @Test("A stack on prose lines is skipped, also found at a tilt; a stack elsewhere is not")
    func liesOnProse() throws {
        // A white page with one dark patch where the reading found two prose lines, in a corner far
        // from the centre, so that a turn moves it well away.
        let width = 2000, height = 2000
        var pixels = [UInt8](repeating: 255, count: width * height)
        for y in 100..<190 { for x in 100..<400 { pixels[y * width + x] = 0 } }
        let page = try LeptonicaImage(grayPixels: pixels, width: width, height: height, resolution: 300)
        let prose = [PixelBox(left: 100, top: 100, right: 400, bottom: 140), PixelBox(left: 100, top: 150, right: 400, bottom: 190)]
        let onProse = PixelBox(left: 100, top: 95, right: 400, bottom: 195)
        #expect(MRZLocator.liesOnProse(onProse, tilt: 0, image: page, prose: prose))
        #expect(!MRZLocator.liesOnProse(PixelBox(left: 100, top: 1500, right: 400, bottom: 1600), tilt: 0, image: page, prose: prose))

        // Turned 5°, the patch lies elsewhere: found there, its box is taken back onto the page as read.
        let turned = try page.rotated(byDegrees: 5)
        var sumX = 0, sumY = 0, count = 0
        let values = try turned.grayValues(in: PixelBox(left: 0, top: 0, right: width, bottom: height))
        for (index, value) in values.enumerated() where value < 128 {
            sumX += index % width
            sumY += index / width
            count += 1
        }
        let centreX = sumX / max(1, count), centreY = sumY / max(1, count)
        let found = PixelBox(left: centreX - 150, top: centreY - 50, right: centreX + 150, bottom: centreY + 50)
        #expect(MRZLocator.liesOnProse(found, tilt: 5, image: turned, prose: prose))
        #expect(!MRZLocator.liesOnProse(found, tilt: -5, image: turned, prose: prose), "turned back the wrong way it misses")
    }

    /// A visa's zone whose second line holds no filler: the page reading reads it right but
    /// cannot tell it from text, and garbles the first line's fillers.
    private static func visaZone() -> [String] {
        let number = "X7K4Q2M9R", birth = "880412", expiry = "310930", optional = "QX7734210HB5TZ"
        let digit = { (field: String) in String(MRZ.checkDigit(Substring(field))) }
        let upper = number + digit(number) + birth + digit(birth) + expiry + digit(expiry) + optional + digit(optional)
        let second = number + digit(number) + "UTO" + birth + digit(birth) + "F" + expiry + digit(expiry) + optional
            + digit(optional) + digit(upper)
        return ["VNUTOVERMEULEN<<SANNE<<<<<<<<<<<<<<<<<<<<<<<", second]
    }

    private static func reading(_ rows: [(String, Int)]) -> OCRResult {
        let lines = rows.map { text, top in
            let box = PixelBox(left: 20, top: top, right: 900, bottom: top + 40)
            return OCRLine(box: box, words: [OCRWord(text: text, confidence: 80, box: box)])
        }
        return OCRResult(text: rows.map(\.0).joined(separator: "\n") + "\n", confidence: 80,
                         blocks: [OCRBlock(box: PixelBox(left: 0, top: 0, right: 1000, bottom: 700), lines: lines)])
    }

    private static func zoneRows(_ result: OCRResult) -> (text: [String], layout: [String]) {
        let isZoneLike = { (line: String) in line.count == 44 }
        return (result.text.split(separator: "\n").map { MRZRereader.compact(String($0)) }.filter(isZoneLike),
                result.blocks.flatMap(\.lines).map { MRZRereader.compact($0.words.map(\.text).joined()) }.filter(isZoneLike))
    }

    @Test("Ordinary lines of a zone line's length are never typed as a zone, even when a check digit passes by chance")
    func typedLeavesOrdinaryLines() throws {
        // Three lines of 30 characters without spaces, as a TD1 zone has, in two languages.
        let lines = ["über den faulen Hund. Le renard brun", "«rapide» saute par-dessus le chien",
                     "paresseux. La volpe marrone rapida"]
        #expect(lines.allSatisfy { MRZRereader.compact($0).count == 30 })
        let read = Self.reading([(lines[0], 100), (lines[1], 150), (lines[2], 200)])
        #expect(MRZLocator.typed(read) == read)
        // Capitals without fillers and without passing checks are a heading, not a zone.
        let headingLines = ["KONINKRIJK DER NEDERLANDEN PAS 123", "POORT EN IDENTITEITSKAART NL 20245",
                            "MINISTERIE VAN BINNENLANDSE ZAKEN"]
        #expect(headingLines.allSatisfy { MRZRereader.compact($0).count == 30 })
        let heading = Self.reading([(headingLines[0], 100), (headingLines[1], 150), (headingLines[2], 200)])
        #expect(MRZLocator.typed(heading) == heading)
    }

    @Test("A zone found by its shape replaces the page reading's copy of a line without fillers; text and layout agree")
    func mergedTakesTheLineWithoutFillers() throws {
        let zoneLines = Self.visaZone()
        let read = Self.reading([("THIS IS A SAMPLE VISA", 100), ("VNUTOVERMEULENK<SANNE<<<<<K< KKK KKK KKK KKK KK", 500),
                                 (zoneLines[1], 550)])
        let zone = MRZLocator.Zone(lines: zoneLines, box: PixelBox(left: 10, top: 490, right: 910, bottom: 600),
                                   quarterTurns: 0, passing: 5, checks: 5, confidence: 90)
        let merged = MRZLocator.typed(MRZLocator.merged(zone, into: read))
        let rows = Self.zoneRows(merged)
        #expect(rows.text == zoneLines)
        #expect(rows.layout == zoneLines)
    }

    @Test("A stray copy of a zone's second line above the zone is not typed as its first line")
    func typedPicksTheZone() throws {
        let zoneLines = Self.visaZone()
        let read = Self.reading([(zoneLines[1], 300), (zoneLines[0], 500), (zoneLines[1], 550)])
        let typed = MRZLocator.typed(read)
        let rows = Self.zoneRows(typed)
        #expect(rows.text == [zoneLines[1]] + zoneLines)
        #expect(rows.layout == rows.text)
        // A zone read with a letter for a digit is typed where it stands, in text and layout alike.
        var misread = Array(zoneLines[1])
        misread[15] = "O"  // the 0 of the birth date 880412
        let again = Self.zoneRows(MRZLocator.typed(Self.reading([(zoneLines[1], 300), (zoneLines[0], 500), (String(misread), 550)])))
        #expect(again.text == [zoneLines[1]] + zoneLines)
        #expect(again.layout == again.text)
    }
}
