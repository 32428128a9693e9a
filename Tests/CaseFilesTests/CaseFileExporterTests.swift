import CaseFiles
import DossierCore
import Foundation
import Review
import StoreSQLite
import Testing
import TestSupport

@Suite("Case-file export gate")
struct CaseFileExporterTests {
    let folder: TemporaryFolder
    let store: SQLiteReviewStore
    let caseID = CaseID("ZAAK-9")!

    init() async throws {
        folder = try TemporaryFolder("dossier-export")
        store = try SQLiteReviewStore(directory: folder.url.appendingPathComponent("store"))
        try await TestAccounts.add(to: store)
    }

    private func submit(_ url: URL) async throws -> [Int64] {
        let submission = DocumentSubmission(
            caseID: caseID, originalURL: url, sha256: try FileDigest.sha256(of: url),
            fileName: url.lastPathComponent, format: url.pathExtension,
            pages: [PageTranscript(number: 1, method: .ocr, text: "Loonstrook oktober 2026", confidence: 90)],
            proposals: [
                ProposedItem(kind: .documentType, summary: "payslip", proposal: "{}", evidence: []),
                ProposedItem(kind: .transcript, summary: "1 page", proposal: "{}", evidence: []),
            ]
        )
        guard case .stored(_, let ids) = try await store.submit(submission, by: TestAccounts.intake) else {
            throw ReviewStoreError.storage("expected the submission to be stored")
        }
        return ids
    }

    private func manifest(_ target: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: target.appendingPathComponent("manifest.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("An archive's original is written once; the manifest names each file that came out of it, with its position and name there")
    func archiveMembers() async throws {
        let zip = folder.url.appendingPathComponent("stukken.zip")
        try MadeArchive.write([.file("scans/loonstrook.png", try Data(contentsOf: SampleFiles.payslipPNG))], to: zip)
        let zipSHA = try FileDigest.sha256(of: zip)
        let listing = [PageTranscript(number: 1, method: .textFile, text: "ZIP archive with 1 file:\n1. scans/loonstrook.png\n", confidence: nil)]
        _ = try await store.submit(DocumentSubmission(caseID: caseID, originalURL: zip, sha256: zipSHA, fileName: "stukken.zip", format: "zip",
                                                      pages: listing, proposals: []), by: TestAccounts.intake)
        let member = DocumentSubmission(
            caseID: caseID, originalURL: SampleFiles.payslipPNG, sha256: try FileDigest.sha256(of: SampleFiles.payslipPNG),
            fileName: "loonstrook.png", format: "png", pages: [PageTranscript(number: 1, method: .ocr, text: "Loonstrook", confidence: 90)],
            proposals: [ProposedItem(kind: .documentType, summary: "payslip", proposal: "{}", evidence: [])],
            origin: DocumentOrigin(parentSHA256: zipSHA, position: 1, name: "scans/loonstrook.png")
        )
        guard case .stored(_, let ids) = try await store.submit(member, by: TestAccounts.intake) else { Issue.record("not stored"); return }
        _ = try await store.decide(ids[0], .approve(reviewer: "anna"))
        let target = folder.url.appendingPathComponent("dossier-archief")
        let report = try await CaseFileExporter(store: store, actor: TestAccounts.supervisor).export(caseID, to: target)
        #expect(report.originals == 2)
        let files = try #require(try manifest(target)["files"] as? [[String: Any]])
        #expect(files.map { $0["path"] as? String }.prefix(2) == ["originals/stukken.zip", "originals/loonstrook.png"])
        #expect(files[0]["member_of"] == nil)
        let memberOf = try #require(files[1]["member_of"] as? [String: Any])
        #expect(memberOf["container"] as? String == "originals/stukken.zip")
        #expect(memberOf["position"] as? Int == 1 && memberOf["name"] as? String == "scans/loonstrook.png")
        #expect(try Data(contentsOf: target.appendingPathComponent("originals/stukken.zip")) == Data(contentsOf: zip))
    }

    @Test("Only approved items and transcripts leave the store; the manifest names who approved them")
    func onlyApproved() async throws {
        let payslip = try await submit(SampleFiles.payslipPNG)
        let letter = try await submit(SampleFiles.letterPDF)
        _ = try await store.decide(payslip[0], .approve(reviewer: "anna"))
        _ = try await store.decide(payslip[1], .approve(reviewer: "anna"))
        _ = try await store.decide(letter[0], .reject(reviewer: "bram", reason: "verkeerd type"))

        let target = folder.url.appendingPathComponent("dossier-zaak-9")
        let report = try await CaseFileExporter(store: store, actor: TestAccounts.supervisor).export(caseID, to: target)
        #expect(report.originals == 2)
        #expect(report.approvedItems == 2)
        #expect(report.transcripts == 1)
        #expect(report.withheldItems == 2)

        let items = try FileManager.default.contentsOfDirectory(atPath: target.appendingPathComponent("items").path).sorted()
        #expect(items == ["\(payslip[0])-document-type.json", "\(payslip[1])-transcript.json"])
        let transcripts = try FileManager.default.contentsOfDirectory(atPath: target.appendingPathComponent("transcripts").path)
        #expect(transcripts == ["loonstrook-scan.png.txt"])

        let manifest = try manifest(target)
        let approvals = try #require(manifest["approvals"] as? [[String: Any]])
        #expect(approvals.count == 2)
        #expect(approvals.allSatisfy { $0["approved_by"] as? String == "anna" && $0["approved_at"] is String })
        let files = try #require(manifest["files"] as? [[String: Any]])
        for file in files {
            let path = try #require(file["path"] as? String)
            #expect(try FileDigest.sha256(of: target.appendingPathComponent(path)) == file["sha256"] as? String)
        }
        #expect(try Data(contentsOf: target.appendingPathComponent("originals/ingebrekestelling.pdf"))
            == (try Data(contentsOf: SampleFiles.letterPDF)))
        // No staging folder is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == ["dossier-zaak-9", "store"])
    }

    @Test("A case with nothing approved exports its originals and no items, and says so")
    func nothingApproved() async throws {
        _ = try await submit(SampleFiles.letterPDF)
        let target = folder.url.appendingPathComponent("leeg")
        let report = try await CaseFileExporter(store: store, actor: TestAccounts.supervisor).export(caseID, to: target)
        #expect(report.approvedItems == 0)
        #expect(report.withheldItems == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.appendingPathComponent("items").path).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.appendingPathComponent("transcripts").path).isEmpty)
        let note = try #require(try manifest(target)["note"] as? String)
        #expect(note.contains("No item"))
    }

    @Test("An existing target folder is never overwritten")
    func targetExists() async throws {
        _ = try await submit(SampleFiles.letterPDF)
        let target = folder.url.appendingPathComponent("bestaat")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        await #expect(throws: ExportError.targetExists(target.path)) {
            try await CaseFileExporter(store: store, actor: TestAccounts.supervisor).export(caseID, to: target)
        }
    }

    @Test("An unknown case is an error, not an empty case file")
    func unknownCase() async throws {
        let other = CaseID("ONBEKEND")!
        await #expect(throws: ExportError.unknownCase(other)) {
            try await CaseFileExporter(store: store, actor: TestAccounts.supervisor).export(other, to: folder.url.appendingPathComponent("x"))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("x").path))
    }

    @Test("Only the store makes ApprovedItems, and only from rows a named reviewer approved")
    func gateByType() async throws {
        let payslip = try await submit(SampleFiles.payslipPNG)
        let letter = try await submit(SampleFiles.letterPDF)
        #expect(try await store.approvedItems(in: caseID).isEmpty, "proposals are not approved items")
        _ = try await store.decide(payslip[0], .approve(reviewer: "anna"))
        _ = try await store.decide(letter[0], .reject(reviewer: "bram", reason: "verkeerd type"))
        let draft = ReviewEditDraft(summary: "anders", proposal: "{}", evidence: [], diff: "")
        _ = try await store.act(letter[1], .edit(draft), by: "anna")
        let approved = try await store.approvedItems(in: caseID)
        #expect(approved.map(\.item.id) == [payslip[0]])
        #expect(approved.first?.reviewer == "anna" && approved.first?.approvedAt != nil)
        _ = try await store.decide(letter[1], .approve(reviewer: "bram"))
        #expect(try await store.approvedItems(in: caseID).map(\.item.id) == [payslip[0], letter[1]])
        #expect(try await store.approvedItems(in: CaseID("ANDERE")!).isEmpty)
    }
}
