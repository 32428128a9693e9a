import DossierCore
import Foundation
import GRDB
import Review
@testable import StoreSQLite
import Testing
import TestSupport

/// A fresh store in a fresh folder for each test.
struct StoreFixture {
    let folder: TemporaryFolder
    let store: SQLiteReviewStore
    let caseID = CaseID("ZAAK-1")!

    init() throws {
        folder = try TemporaryFolder("dossier-store")
        store = try SQLiteReviewStore(directory: folder.url.appendingPathComponent("store"))
    }

    func submission(_ url: URL = SampleFiles.letterPDF, caseID: CaseID? = nil) throws -> DocumentSubmission {
        DocumentSubmission(
            caseID: caseID ?? self.caseID, originalURL: url, sha256: try FileDigest.sha256(of: url),
            fileName: url.lastPathComponent, format: "pdf",
            pages: [
                PageTranscript(number: 1, method: .textLayer, text: "Ingebrekestelling wegens niet tijdig beslissen", confidence: nil),
                PageTranscript(number: 2, method: .ocr, text: "Hoogachtend,", confidence: 91.5,
                               corrections: PageCorrections(rotation: 180, skew: -1.25, dpi: 300, upscaledFrom: 150),
                               decision: .junkTextLayer, textLayerScore: 0.12),
            ],
            proposals: [
                ProposedItem(kind: .documentType, summary: "notice-of-default (confidence 0.80)",
                             proposal: #"{"type":"notice-of-default"}"#,
                             evidence: [Evidence(page: 1, start: 0, end: 17, quote: "Ingebrekestelling")]),
                ProposedItem(kind: .transcript, summary: "2 pages", proposal: "{}", evidence: []),
            ]
        )
    }

    var databasePath: String { folder.url.appendingPathComponent("store/dossier.sqlite").path }
}

@Suite("SQLite review store")
struct SQLiteReviewStoreTests {
    @Test("A submission round-trips: document, pages, items in state proposed")
    func roundTrip() async throws {
        let fixture = try StoreFixture()
        let outcome = try await fixture.store.submit(try fixture.submission())
        guard case .stored(_, let itemIDs) = outcome else { Issue.record("not stored"); return }
        #expect(itemIDs.count == 2)

        let documents = try await fixture.store.documents(in: fixture.caseID)
        #expect(documents.count == 1)
        #expect(documents[0].pages.map(\.number) == [1, 2])
        #expect(documents[0].pages[1].confidence == 91.5)
        #expect(documents[0].pages[0].method == .textLayer)
        #expect(documents[0].pages[0].corrections == nil)
        #expect(documents[0].pages[1].corrections == PageCorrections(rotation: 180, skew: -1.25, dpi: 300, upscaledFrom: 150))
        #expect(documents[0].pages[1].decision == .junkTextLayer)
        #expect(documents[0].pages[1].textLayerScore == 0.12)

        let items = try await fixture.store.items(ReviewItemFilter(caseID: fixture.caseID))
        #expect(items.map(\.id) == itemIDs)
        #expect(items.allSatisfy { $0.state == .proposed && $0.reviewer == nil })
        #expect(items[0].evidence == [Evidence(page: 1, start: 0, end: 17, quote: "Ingebrekestelling")])
    }

    @Test("The original is kept byte for byte under its hash")
    func originalKept() async throws {
        let fixture = try StoreFixture()
        _ = try await fixture.store.submit(try fixture.submission())
        let sha = try FileDigest.sha256(of: SampleFiles.letterPDF)
        let stored = try await fixture.store.originalURL(sha256: sha)
        #expect(try Data(contentsOf: stored) == (try Data(contentsOf: SampleFiles.letterPDF)))
    }

    @Test("The same bytes twice in a case add nothing; another case may hold them too")
    func dedupe() async throws {
        let fixture = try StoreFixture()
        _ = try await fixture.store.submit(try fixture.submission())
        let again = try await fixture.store.submit(try fixture.submission())
        #expect(again == .duplicate(existingFileName: "ingebrekestelling.pdf"))
        #expect(try await fixture.store.items(ReviewItemFilter()).count == 2)
        let other = try await fixture.store.submit(try fixture.submission(caseID: CaseID("ZAAK-2")!))
        guard case .stored = other else { Issue.record("second case refused"); return }
        #expect(try await fixture.store.items(ReviewItemFilter()).count == 4)
    }

    @Test("Approve and reject record who and why; decisions are final")
    func decisions() async throws {
        let fixture = try StoreFixture()
        guard case .stored(_, let ids) = try await fixture.store.submit(try fixture.submission()) else { return }
        let approved = try await fixture.store.decide(ids[0], .approve(reviewer: "anna"))
        #expect(approved.state == .approved)
        #expect(approved.reviewer == "anna")
        #expect(approved.decidedAt != nil)
        let rejected = try await fixture.store.decide(ids[1], .reject(reviewer: "bram", reason: "pagina ontbreekt"))
        #expect(rejected.state == .rejected)
        #expect(rejected.reason == "pagina ontbreekt")

        await #expect(throws: ReviewStoreError.alreadyDecided(id: ids[0], state: .approved)) {
            try await fixture.store.decide(ids[0], .reject(reviewer: "bram", reason: "toch niet"))
        }
        await #expect(throws: ReviewStoreError.noSuchItem(999)) {
            try await fixture.store.decide(999, .approve(reviewer: "anna"))
        }
        #expect(try await fixture.store.items(ReviewItemFilter(state: .approved)).map(\.id) == [ids[0]])
        #expect(try await fixture.store.items(ReviewItemFilter(state: .rejected)).map(\.id) == [ids[1]])
    }

    @Test("A decision without a reviewer, or a rejection without a reason, is refused")
    func incompleteDecisions() async throws {
        let fixture = try StoreFixture()
        guard case .stored(_, let ids) = try await fixture.store.submit(try fixture.submission()) else { return }
        await #expect(throws: ReviewStoreError.missingReviewer) {
            try await fixture.store.decide(ids[0], .approve(reviewer: "  "))
        }
        await #expect(throws: ReviewStoreError.missingReason) {
            try await fixture.store.decide(ids[0], .reject(reviewer: "anna", reason: " "))
        }
        #expect(try await fixture.store.item(ids[0])?.state == .proposed)
    }

    @Test("The schema itself refuses to change a decided item or approve without a reviewer")
    func schemaInvariants() async throws {
        let fixture = try StoreFixture()
        guard case .stored(_, let ids) = try await fixture.store.submit(try fixture.submission()) else { return }
        _ = try await fixture.store.decide(ids[0], .approve(reviewer: "anna"))
        let queue = try DatabaseQueue(path: fixture.databasePath)
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "UPDATE review_items SET state = 'proposed', reviewer = NULL, decided_at = NULL WHERE id = ?", arguments: [ids[0]]) }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "UPDATE review_items SET state = 'approved' WHERE id = ?", arguments: [ids[1]]) }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "DELETE FROM review_items WHERE id = ?", arguments: [ids[1]]) }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "UPDATE review_items SET state = 'filed' WHERE id = ?", arguments: [ids[1]]) }
        }
    }

    @Test("A failure inside a submission leaves nothing half stored")
    func atomicSubmission() async throws {
        let fixture = try StoreFixture()
        var submission = try fixture.submission()
        // Two pages with the same number violate the primary key after the document row is written.
        submission = DocumentSubmission(
            caseID: submission.caseID, originalURL: submission.originalURL, sha256: submission.sha256,
            fileName: submission.fileName, format: submission.format,
            pages: [submission.pages[0], submission.pages[0]], proposals: submission.proposals
        )
        await #expect(throws: ReviewStoreError.self) { try await fixture.store.submit(submission) }
        #expect(try await fixture.store.documents(in: fixture.caseID).isEmpty)
        #expect(try await fixture.store.items(ReviewItemFilter()).isEmpty)
        // And the same file can then be stored properly.
        guard case .stored = try await fixture.store.submit(try fixture.submission()) else {
            Issue.record("could not store after a failed attempt"); return
        }
    }

    @Test("A store made before flags existed upgrades: every item kept, decisions still final, deletes still refused")
    func upgradeFromV2() async throws {
        let folder = try TemporaryFolder("dossier-store")
        let directory = folder.url.appendingPathComponent("store")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: directory.appendingPathComponent("dossier.sqlite").path)
        try SQLiteSchema.migrator.migrate(queue, upTo: "v2: how each page was read")
        try await queue.write { db in
            try db.execute(sql: """
                INSERT INTO cases (id, created_at) VALUES ('ZAAK-1', '2026-11-01 10:00:00');
                INSERT INTO documents (case_id, sha256, file_name, format, byte_count, added_at)
                    VALUES ('ZAAK-1', '\(String(repeating: "a", count: 64))', 'brief.pdf', 'pdf', 10, '2026-11-01 10:00:00');
                INSERT INTO review_items (document_id, kind, summary, proposal, created_at)
                    VALUES (1, 'transcript', 'one page', '{}', '2026-11-01 10:00:00');
                INSERT INTO review_items (document_id, kind, summary, proposal, state, reviewer, decided_at, created_at)
                    VALUES (1, 'document-type', 'decision', '{}', 'approved', 'anna', '2026-11-02 10:00:00', '2026-11-01 10:00:00');
                """)
        }
        try queue.close()
        let store = try SQLiteReviewStore(directory: directory)
        let items = try await store.items(ReviewItemFilter())
        #expect(items.map(\.summary) == ["one page", "decision"])
        #expect(items.map(\.state) == [.proposed, .approved])
        #expect(items.allSatisfy { $0.priority == 0 })
        let upgraded = try DatabaseQueue(path: directory.appendingPathComponent("dossier.sqlite").path)
        #expect(throws: DatabaseError.self) { try upgraded.write { try $0.execute(sql: "DELETE FROM review_items WHERE id = 1") } }
        #expect(throws: DatabaseError.self) {
            try upgraded.write { try $0.execute(sql: "UPDATE review_items SET summary = 'x' WHERE id = 2") }
        }
        // The machine's proposal is fixed now; an open item can still be claimed and decided.
        #expect(throws: DatabaseError.self) {
            try upgraded.write { try $0.execute(sql: "UPDATE review_items SET summary = 'still open' WHERE id = 1") }
        }
        let approved = try await store.act(1, .approve, by: "bram")
        #expect(approved.state == .approved)
        // The history before the upgrade is in the audit trail: intake, two proposals, the
        // earlier approval, and the new one; the chain verifies.
        let events = try await store.auditEvents(caseID: nil)
        #expect(events.map(\.action) == [.intake, .propose, .propose, .approve, .approve])
        #expect(try await store.verifyAudit() == .intact(events: 5, head: events.last?.hash ?? ""))
        #expect(throws: DatabaseError.self) {
            try upgraded.write { try $0.execute(sql: "INSERT INTO review_items (document_id, kind, summary, proposal, created_at) VALUES (1, 'opinion', 's', '{}', '2026-11-03')") }
        }
    }

    @Test("The store runs in WAL mode with its migrations applied, and reopens")
    func walAndMigrations() async throws {
        let fixture = try StoreFixture()
        #expect(try fixture.store.appliedMigrations() == [
            "v1: cases, documents, pages, review items", "v2: how each page was read",
            "v3: flags and summaries as review items, queue priority",
            "v4: review workflow, edits, audit trail, search",
        ])
        let queue = try DatabaseQueue(path: fixture.databasePath)
        let journalMode = try await queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(journalMode == "wal")
        _ = try await fixture.store.submit(try fixture.submission())
        let reopened = try SQLiteReviewStore(directory: fixture.folder.url.appendingPathComponent("store"))
        #expect(try await reopened.documents(in: fixture.caseID).count == 1)
    }

    @Test("An original that changes after hashing is refused")
    func changedOriginal() async throws {
        let fixture = try StoreFixture()
        let file = try fixture.folder.write("brief.pdf", Data("%PDF-1.4 een".utf8))
        let submission = try fixture.submission(file)
        try Data("%PDF-1.4 twee".utf8).write(to: file)
        await #expect(throws: ReviewStoreError.self) { try await fixture.store.submit(submission) }
        #expect(try await fixture.store.documents(in: fixture.caseID).isEmpty)
    }
}
