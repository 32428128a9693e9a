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
}
