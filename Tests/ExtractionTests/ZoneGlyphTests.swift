import DossierCore
import DossierModels
import Foundation
import Testing
@testable import Extraction

/// The grey test line of `ZoneInkTests`: paper 240, a light rule (200) on row 1, seven pairs of
/// dark columns (x % 7 in 1…2) on rows 3–10 between x 5 and 49, a dark foot on row 10.
private func testLine() -> [UInt8] {
    let width = 60, height = 14
    var gray = [UInt8](repeating: 240, count: width * height)
    for x in 0..<width { gray[width + x] = 200 }
    for y in 3..<11 {
        for x in 5..<50 where x % 7 == 1 || x % 7 == 2 { gray[y * width + x] = UInt8(30 + (x * y) % 40) }
    }
    for x in 20..<27 { gray[10 * width + x] = 60 }
    return gray
}

@Suite("Zone cells cut as the glyph model's training cut them")
struct ZoneInkTests {
    // The expected values were printed by scripts/models/zone-glyphs's own functions
    // (ink_map, line_band, ink_columns, cell_centres, sample_cell, normalised) on this line.
    @Test("Ink, band, columns, pitch and a cell agree with the training script")
    func agreesWithTraining() {
        let ink = ZoneInk(gray: testLine(), width: 60, height: 14)
        #expect(abs(ink.values[5 * 60 + 8] - 1.0) < 1e-6)
        #expect(abs(ink.values[1 * 60 + 3] - 0.19704432785511017) < 1e-5)
        let band = ink.band()
        #expect(band.top == 3 && band.bottom == 11, "the rule on row 1 is not the line")
        let columns = ink.columns(top: band.top, bottom: band.bottom)
        #expect(columns.left == 8 && columns.right == 45)
        let (centres, pitch) = ZoneInk.centres(left: columns.left, right: columns.right, count: 7)
        #expect(abs(pitch - 5.522388059701492) < 1e-9)
        #expect(abs(centres[2] - 20.97761194029851) < 1e-9)
        let cell = ink.cell(centreX: centres[2] + 0.3, pitch: pitch, top: band.top, bottom: band.bottom)
        #expect(cell.count == ZoneInk.cellWidth * ZoneInk.cellHeight)
        #expect(abs(cell.reduce(0, +) - 59.572418212890625) < 1e-3)
        #expect(abs(cell[7 * 12 + 9] - 0.980392575263977) < 1e-5)
        #expect(abs(cell[0] - 0.015173772349953651) < 1e-5)
        #expect(abs(cell[15 * 12 + 11] - 0.06828197836875916) < 1e-5)
    }
}

@Suite("The OCR-B glyph model and the zone decoding")
struct ZoneGlyphModelTests {
    @Test("The shipped model loads, tells the 37 zone characters apart, and matches its sha256")
    func shippedModel() throws {
        let model = try #require(ZoneGlyphModel.shipped())
        #expect(String(model.classes) == "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<")
        let url = try #require(ModelFiles.url("zones/ocrb-glyphs.bin"))
        let recorded = try #require(ModelFiles.url("zones/ocrb-glyphs.sha256"))
        let line = try String(contentsOf: recorded, encoding: .utf8)
        #expect(line.split(separator: " ").first.map(String.init) == (try FileDigest.sha256(of: url)))
        let blank = model.probabilities([Float](repeating: 0, count: ZoneInk.cellWidth * ZoneInk.cellHeight))
        #expect(abs(blank.reduce(0, +) - 1) < 1e-4)
    }

    @Test("A model file cut short or of another kind is refused")
    func malformed() throws {
        let url = try #require(ModelFiles.url("zones/ocrb-glyphs.bin"))
        let bytes = [UInt8](try Data(contentsOf: url))
        #expect(bytes.withUnsafeBufferPointer { ZoneGlyphModel(bytes: $0) } != nil)
        #expect(Array(bytes.dropLast(4)).withUnsafeBufferPointer { ZoneGlyphModel(bytes: $0) } == nil)
        var other = bytes
        other[3] = UInt8(ascii: "9")
        #expect(other.withUnsafeBufferPointer { ZoneGlyphModel(bytes: $0) } == nil)
    }

    /// Probabilities that read `lines`, each position sure of its character (0.9) except where
    /// `doubts` gives a second reading and how likely the first is.
    private func probabilities(_ lines: [String], classes: [Character], doubts: [Int: [Int: (Character, Float)]] = [:]) -> [[[Float]]] {
        lines.enumerated().map { number, line in
            line.enumerated().map { index, character in
                var p = [Float](repeating: 0.1 / Float(classes.count - 1), count: classes.count)
                let first = classes.firstIndex(of: character)!
                if let (second, share) = doubts[number]?[index] {
                    p = [Float](repeating: 0.001, count: classes.count)
                    p[first] = share
                    p[classes.firstIndex(of: second)!] = 0.99 - share
                } else {
                    p[first] = 0.9
                }
                return p
            }
        }
    }

    @Test("Each field takes what it allows, and a failing check digit is mended by its likeliest change")
    func decodes() throws {
        let reader = ZoneGlyphReader(model: try #require(ZoneGlyphModel.shipped()))
        let classes = reader.model.classes
        // The ICAO specimen passport zone (9303 part 4), read with an O for a 0 in the birth date
        // (the date's kind wants digits) and a document number whose 8 was read as B at 0.6.
        let truth = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
        var read = truth
        read[1] = "L89B902C36UTO74O8122F1204159ZE184226B<<<<<10"
        let doubts: [Int: [Int: (Character, Float)]] = [1: [3: ("B", 0.6), 15: ("O", 0.8)]]
        var p = probabilities(read, classes: classes, doubts: doubts)
        // Position 15 is sure of O, with 0 second: the date's kind picks the digit.
        p[1][15][classes.firstIndex(of: "0")!] = 0.19
        // Position 3 is the mend: B (0.6) against 8 (0.39); the check digit 6 passes only with 8.
        p[1][3][classes.firstIndex(of: "8")!] = 0.39
        let decoded = try #require(reader.decode(p))
        #expect(decoded.lines == truth)
        #expect(MRZ.parse(decoded.lines)?.valid == true)
        #expect(decoded.confidence > 0.5 && decoded.confidence < 1)
    }

    @Test("A check digit that fails on a zone read surely keeps failing, for a person to see")
    func noUnlikelyMend() throws {
        let reader = ZoneGlyphReader(model: try #require(ZoneGlyphModel.shipped()))
        let truth = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
        var read = truth
        read[1] = "L898902C35UTO7408122F1204159ZE184226B<<<<<10"
        // Every position read at 0.9, every other character at 0.0028: a change costs 5.8, more
        // than a mend may (a misprinted or forged check digit must not be read into passing).
        let p = probabilities(read, classes: reader.model.classes)
        let decoded = try #require(reader.decode(p))
        #expect(decoded.lines[1].dropFirst(9).first == "5")
        #expect(MRZ.parse(decoded.lines)?.valid == false)
    }

    @Test("A nationality that names no state becomes the likeliest code that does; the code list comes with the model")
    func codes() throws {
        let reader = try #require(ZoneGlyphReader.shipped())
        #expect(reader.codes.contains("NLD") && reader.codes.contains("D<<") && reader.codes.contains("UTO"))
        #expect(!reader.codes.contains("HLD"))
        let classes = reader.model.classes
        let truth = ["P<NLDDE<BRUIJN<<WILLEKE<LISELOTTE<<<<<<<<<<<", "SPECI20142NLD6503101F2403096999999990<<<<<84"]
        var read = truth
        read[1] = "SPECI20142HLD6503101F2403096999999990<<<<<84"
        var p = probabilities(read, classes: classes, doubts: [1: [10: ("H", 0.6)]])
        p[1][10][classes.firstIndex(of: "N")!] = 0.39
        let decoded = try #require(reader.decode(p))
        #expect(decoded.lines == truth)
        // Without the list the code stays as read (nothing else checks it).
        let withoutCodes = ZoneGlyphReader(model: reader.model)
        #expect(try #require(withoutCodes.decode(p)).lines[1].contains("HLD"))
    }
}
