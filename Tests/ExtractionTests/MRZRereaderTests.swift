import DossierCore
import Foundation
import Testing
import TestSupport
@testable import Extraction

private let zonePool = OCRWorkerPool(workers: 1, languages: "nld+eng")

@Suite("Machine-readable zones in scans")
struct MRZRereaderTests {
    @Test("A scanned passport's zone comes out with every check digit right")
    func passportScan() async throws {
        let page = try #require(try await DocumentTranscriber(options: TranscriptionOptions(), pool: zonePool)
            .transcribe(SampleFiles.passportPNG).pages.first)
        let lines = page.text.split(separator: "\n").map(String.init).filter { $0.contains("<<") }
        let zone = try #require(MRZ.parse(lines.map(MRZRereader.compact)))
        #expect(zone.valid)
        #expect(zone.documentNumber == "NX5R2K7C1")
        #expect(zone.surname == "DE GROOT")
    }

    @Test("A card whose zone reads nearly right the first time keeps its three lines in order when read again")
    func cardZoneOrder() async throws {
        // Its first reading has the zone's middle line right: the line read again must not be
        // taken for the garbled one it replaces (the lines came out swapped and garbled).
        let page = try #require(try await DocumentTranscriber(options: TranscriptionOptions(), pool: zonePool)
            .transcribe(SampleFiles.dutchCardPNG).pages.first)
        let lines = page.text.split(separator: "\n").map(String.init).filter { $0.contains("<<") }
        #expect(lines == ["I<NLDNRH4K7P216314159265<<<<<<", "8803023M3103016NLD<<<<<<<<<<<0", "DE<GRAAF<<PIETER<JAN<<<<<<<<<<"])
        #expect(MRZ.parse(lines)?.valid == true)
    }

    @Test("Fillers read as K, L, E or £ become < again; names keep their own letters")
    func fillers() {
        #expect(MRZRereader.fillersMended("P<CANMARTIN<<SARAH<<<<<KLLEKKLKKEEEEKEE") == "P<CANMARTIN<<SARAH" + String(repeating: "<", count: 21))
        #expect(MRZRereader.fillersMended("P<SWEERIK<<ANNA") == "P<SWEERIK<<ANNA", "no filler run at the end")
        #expect(MRZRereader.fillersMended("I<NLDKEES<<ERIK<<<K<") == "I<NLDKEES<<ERIK<<<<<")
    }

    @Test("A zone read a character too long loses the slipped-in K, and fits its TD3 shape")
    func insertions() throws {
        let read = [
            "P<UTOERIKSSON<<ANNA<KMARIAK<<<<<<<<<<<<K<KKKKK",
            "L898902C36UTO7408122F1204159ZE184226BK<<<<<10",
        ]
        let zone = try #require(MRZRereader.fitted(read))
        #expect(zone.map(\.count) == [44, 44])
        let parsed = try #require(MRZ.parse(zone))
        #expect(parsed.valid)
        #expect(parsed.documentNumber == "L898902C3")
        #expect(MRZRereader.fitted(["TOO SHORT", "ALSO SHORT"]) == nil)
    }
}
