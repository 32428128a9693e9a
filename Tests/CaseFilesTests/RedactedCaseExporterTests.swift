import CaseFiles
import DossierCore
import Foundation
import Review
import StoreSQLite
import Testing
import TestSupport

@Suite("Redacted export")
struct RedactedCaseExporterTests {
    let folder: TemporaryFolder
    let store: SQLiteReviewStore
    let caseID = CaseID("ZAAK-R2")!

    init() async throws {
        folder = try TemporaryFolder("dossier-redacted-export")
        store = try SQLiteReviewStore(directory: folder.url.appendingPathComponent("store"))
        try await TestAccounts.add(to: store)
    }

    /// Stores `url` with `pages` and a redaction set of `marks`, checked by anna and approved by bram.
    private func stored(_ url: URL, format: String, pages: [PageTranscript], marks: [RedactionMark], sizes: [RedactionPage]) async throws {
        let set = RedactionSet(marks: marks, pages: sizes)
        let submission = DocumentSubmission(
            caseID: caseID, originalURL: url, sha256: try FileDigest.sha256(of: url), fileName: url.lastPathComponent, format: format,
            pages: pages,
            proposals: [ProposedItem(kind: .redaction, summary: RedactionEditing.summary(set, file: url.lastPathComponent),
                                     proposal: set.json, evidence: RedactionEditing.evidence(set, pages: pages))]
        )
        guard case .stored(_, let ids) = try await store.submit(submission, by: TestAccounts.intake) else { throw ReviewStoreError.storage("not stored") }
        let item = try #require(try await store.item(ids[0]))
        _ = try await store.act(item.id, .edit(try RedactionEditing.confirmation(item)), by: "anna")
        _ = try await store.act(item.id, .approve, by: "bram")
    }

    @Test("A mark without a place on the image refuses its document alone; a text document's copy replaces its spans; nothing unapproved is written")
    func refusalsAndText() async throws {
        // A PDF whose mark has a span but no boxes: refused, with the reason.
        let pdf = folder.url.appendingPathComponent("brief.pdf")
        try MadePDF.make(pages: [["Aan de heer R. Kumar"]]).write(to: pdf)
        let pdfPage = PageTranscript(number: 1, method: .textLayer, text: "Aan de heer R. Kumar", confidence: nil)
        try await stored(pdf, format: "pdf", pages: [pdfPage],
                         marks: [RedactionMark(category: .name, page: 1, start: 12, end: 20, boxes: [], reason: "test", source: .machine)],
                         sizes: [RedactionPage(number: 1, unit: "pt", width: 595, height: 842)])
        // A plain-text statement: its copy is text with the span replaced.
        let text = folder.url.appendingPathComponent("verklaring.txt")
        try Data("Verklaring van de heer Samir Haddad, BSN 111222333.".utf8).write(to: text)
        let textPage = PageTranscript(number: 1, method: .textFile, text: "Verklaring van de heer Samir Haddad, BSN 111222333.", confidence: nil)
        try await stored(text, format: "text", pages: [textPage], marks: [
            RedactionMark(category: .name, page: 1, start: 23, end: 35, boxes: [], reason: "test", source: .machine),
            RedactionMark(category: .bsn, page: 1, start: 41, end: 50, boxes: [], reason: "test", source: .machine),
        ], sizes: [RedactionPage(number: 1, unit: "text", width: 0, height: 0)])
        // A document without an approved set.
        let other = folder.url.appendingPathComponent("bijlage.pdf")
        try MadePDF.make(pages: [["Bijlage"]]).write(to: other)
        _ = try await store.submit(DocumentSubmission(
            caseID: caseID, originalURL: other, sha256: try FileDigest.sha256(of: other), fileName: "bijlage.pdf", format: "pdf",
            pages: [PageTranscript(number: 1, method: .textLayer, text: "Bijlage", confidence: nil)], proposals: []
        ), by: TestAccounts.intake)

        let target = folder.url.appendingPathComponent("kopie")
        let report = try await RedactedCaseExporter(store: store, actor: TestAccounts.supervisor).export(
            caseID, to: target, for: RedactionRecipient(name: "all", title: "alles", categories: Set(RedactionCategory.allCases))
        )
        #expect(report.documents == 1)
        #expect(report.withheld == 1)
        #expect(report.failed.count == 1)
        #expect(report.failed.first?.reason.contains("redaction 1 on page 1 has no place on the page image") == true)
        let files = try FileManager.default.contentsOfDirectory(atPath: target.path).sorted()
        #expect(files == ["02-document.txt", "manifest.json"])
        let copy = try String(contentsOf: target.appendingPathComponent("02-document.txt"), encoding: .utf8)
        #expect(copy == "Verklaring van de heer [afgeschermd: name], BSN [afgeschermd: bsn].")
        let attributes = try FileManager.default.attributesOfItem(atPath: target.appendingPathComponent("02-document.txt").path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let manifest = try String(contentsOf: target.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(!manifest.contains("Haddad") && !manifest.contains("111222333") && !manifest.contains("verklaring.txt"))
    }

    @Test("A passport photo whose zone line has no word boxes: the set is approved only once that mark is placed, and then its copy is written")
    func unplacedZoneLine() async throws {
        let photo = SampleFiles.passportPNG
        let zone = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
        let text = "PASSPORT\n\n" + zone.joined(separator: "\n") + "\n"
        // The layout places the heading only: the zone's lines were added by a second reading.
        let heading = PageBox(x: 40, y: 30, width: 200, height: 30)
        let layout = PageLayout(unit: "px", width: 1653, height: 2339, blocks: [
            LaidOutBlock(box: heading, lines: [LaidOutLine(box: heading, words: [LaidOutWord(text: "PASSPORT", confidence: 90, box: heading)])]),
        ])
        let page = PageTranscript(number: 1, method: .ocr, text: text, confidence: 90, layout: layout)
        let words = WordBoxes(page: page)
        let start = 10, end = text.count - 1
        let boxes = words.boxes(start: start, end: end)
        let mark = RedactionMark(category: .mrz, page: 1, start: start, end: end, boxes: boxes, reason: "a machine-readable zone",
                                 source: .machine, placed: RedactionMark.isPlaced(boxes: boxes, start: start, end: end, on: page, words: words))
        #expect(!mark.placed)
        let set = RedactionSet(marks: [mark], pages: [RedactionPage(number: 1, unit: "px", width: 1653, height: 2339)])
        #expect(RedactionEditing.summary(set, file: "paspoort.png").contains("1 without a place on the page image"))
        #expect(RedactionEditing.lines(set, pages: [page]).first?.contains("NOT PLACED") == true)
        let submission = DocumentSubmission(
            caseID: caseID, originalURL: photo, sha256: try FileDigest.sha256(of: photo), fileName: "paspoort.png", format: "png",
            pages: [page],
            proposals: [ProposedItem(kind: .redaction, summary: RedactionEditing.summary(set, file: "paspoort.png"),
                                     proposal: set.json, evidence: RedactionEditing.evidence(set, pages: [page]))]
        )
        guard case .stored(_, let ids) = try await store.submit(submission, by: TestAccounts.intake) else { throw ReviewStoreError.storage("not stored") }
        var item = try #require(try await store.item(ids[0]))
        // Confirmed unchanged by anna, the set still cannot be approved: the mark has no place.
        item = try await store.act(item.id, .edit(try RedactionEditing.confirmation(item)), by: "anna")
        await #expect(throws: ReviewStoreError.unplacedRedactions(id: item.id, marks: [1])) {
            _ = try await store.act(item.id, .approve, by: "bram")
        }
        #expect(ReviewStoreError.unplacedRedactions(id: item.id, marks: [1]).localizedDescription.contains("--place"))
        // Anna draws its area (the lower fifth of the page); bram approves; the copy is written.
        var changes = RedactionChanges()
        changes.place = [(mark: 1, x: 0, y: 78, width: 100, height: 22)]
        item = try await store.act(item.id, .edit(try RedactionEditing.draft(item, pages: [page], changes: changes)), by: "anna")
        let placed = try RedactionEditing.set(of: item)
        #expect(placed.unplacedMarks.isEmpty)
        #expect(placed.marks[0].boxes == [PageBox(x: 0, y: 78.0 / 100 * 2339, width: 100.0 / 100 * 1653, height: 22.0 / 100 * 2339)])
        _ = try await store.act(item.id, .approve, by: "bram")

        let target = folder.url.appendingPathComponent("kopie-paspoort")
        let report = try await RedactedCaseExporter(store: store, actor: TestAccounts.supervisor).export(
            caseID, to: target, for: RedactionRecipient(name: "all", title: "alles", categories: Set(RedactionCategory.allCases))
        )
        #expect(report.failed.isEmpty, "\(report.failed)")
        #expect(report.documents == 1)
        #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("01-document.pdf").path))
    }
}
