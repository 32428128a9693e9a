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

    init() async throws {
        folder = try TemporaryFolder("dossier-store")
        store = try SQLiteReviewStore(directory: folder.url.appendingPathComponent("store"))
        try await TestAccounts.add(to: store)
    }

    func submission(_ url: URL = SampleFiles.letterPDF, caseID: CaseID? = nil) throws -> DocumentSubmission {
        try letterSubmission(url, caseID: caseID ?? self.caseID)
    }

    var databasePath: String { folder.url.appendingPathComponent("store/dossier.sqlite").path }
}

@Suite("SQLite review store")
struct SQLiteReviewStoreTests {
    @Test("The schema itself refuses to change a decided item or approve without a reviewer")
    func schemaInvariants() async throws {
        let fixture = try await StoreFixture()
        guard case .stored(_, let ids) = try await fixture.store.submit(try fixture.submission(), by: TestAccounts.intake) else {
            Issue.record("not stored")
            return
        }
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
        try await TestAccounts.add(to: store)
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
        // The history before the upgrade is in the audit trail under the names it had then.
        let events = try await store.auditEvents(caseID: CaseID("ZAAK-1")!)
        #expect(events.map(\.action) == [.intake, .propose, .propose, .approve, .approve])
        #expect(events.map(\.actor) == ["dossier", "dossier", "dossier", "anna", "bram"])
        guard case .intact = try await store.verifyAudit() else { Issue.record("the trail does not verify"); return }
        #expect(throws: DatabaseError.self) {
            try upgraded.write { try $0.execute(sql: "INSERT INTO review_items (document_id, kind, summary, proposal, created_at) VALUES (1, 'opinion', 's', '{}', '2026-11-03')") }
        }
    }

    @Test("The store's folders are 0700 and its database and originals private, whatever the umask")
    func privateFiles() async throws {
        let previous = umask(0o022)
        defer { umask(previous) }
        let fixture = try await StoreFixture()
        _ = try await fixture.store.submit(try fixture.submission(), by: TestAccounts.intake)
        let root = fixture.folder.url.appendingPathComponent("store")
        #expect(PrivateFiles.exposed(under: root) == [], "nothing in the store is open to others")
        let modes = try FileManager.default.subpathsOfDirectory(atPath: root.path).map { path in
            (path, try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(path).path)[.posixPermissions] as? Int ?? -1)
        }
        #expect(modes.contains { $0.0 == "dossier.sqlite" && $0.1 == 0o600 })
        #expect(modes.contains { $0.0.hasPrefix("originals/") && $0.0.split(separator: "/").count == 3 && $0.1 == 0o400 })
        #expect(modes.filter { $0.0.hasPrefix("originals") && $0.0.split(separator: "/").count < 3 }.allSatisfy { $0.1 == 0o700 })
        // A file someone made readable is noticed.
        chmod(root.appendingPathComponent("dossier.sqlite").path, 0o644)
        #expect(PrivateFiles.exposed(under: root) == ["dossier.sqlite"])
    }

    @Test("A store from before text formats upgrades with every document, page and search entry kept, and still refuses unknown formats")
    func upgradeToTextFormats() async throws {
        let folder = try TemporaryFolder("dossier-upgrade")
        let storeFolder = folder.url.appendingPathComponent("store")
        try FileManager.default.createDirectory(at: storeFolder, withIntermediateDirectories: true)
        let path = storeFolder.appendingPathComponent("dossier.sqlite").path
        do {
            let old = try DatabaseQueue(path: path)
            try SQLiteSchema.migrator.migrate(old, upTo: "v6: items about the whole case")
            let sha = String(repeating: "c", count: 64)
            try await old.write { db in
                try db.execute(sql: "INSERT INTO cases (id, created_at) VALUES ('ZAAK-1', CURRENT_TIMESTAMP)")
                try db.execute(sql: """
                    INSERT INTO documents (case_id, sha256, file_name, format, byte_count, added_at, transcription_settings)
                    VALUES ('ZAAK-1', ?, 'brief.pdf', 'pdf', 10, CURRENT_TIMESTAMP, 's')
                    """, arguments: [sha])
                try db.execute(sql: """
                    INSERT INTO pages (document_id, number, method, text, confidence, decision) VALUES (1, 1, 'ocr', 'dwangsom wegens niet tijdig beslissen', 88, 'no-text-layer')
                    """)
                try db.execute(sql: "INSERT INTO page_search (text, document_id, page) VALUES ('dwangsom wegens niet tijdig beslissen', 1, 1)")
            }
        }
        let store = try SQLiteReviewStore(directory: storeFolder)
        let documents = try await store.documents(in: CaseID("ZAAK-1")!)
        #expect(documents.map(\.fileName) == ["brief.pdf"])
        #expect(documents.first?.pages.first?.confidence == 88 && documents.first?.pages.first?.decision == .noTextLayer)
        #expect(try await store.search("dwangsom", in: nil, limit: 5).count == 1)
        let queue = try DatabaseQueue(path: path)
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(sql: "INSERT INTO documents (case_id, sha256, file_name, format, byte_count, added_at) VALUES ('ZAAK-1', ?, 'x', 'exe', 1, CURRENT_TIMESTAMP)",
                               arguments: [String(repeating: "d", count: 64)])
            }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "INSERT INTO pages (document_id, number, method, text) VALUES (1, 2, 'guess', '')") }
        }
        #expect(throws: DatabaseError.self, "a member names its parent and its position together") {
            try queue.write { db in try db.execute(sql: "UPDATE documents SET member_index = 1 WHERE id = 1") }
        }
        let check = try await queue.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }
        #expect(check.isEmpty)
    }

    @Test("The store runs in WAL mode with its migrations applied, and reopens")
    func walAndMigrations() async throws {
        let fixture = try await StoreFixture()
        #expect(try fixture.store.appliedMigrations() == [
            "v1: cases, documents, pages, review items", "v2: how each page was read",
            "v3: flags and summaries as review items, queue priority",
            "v4: review workflow, edits, audit trail, search", "v5: accounts, sessions, real actors",
            "v6: items about the whole case", "v7: text, mail, Office and archive formats; members of a container",
            "v8: redaction sets as review items", "v9: each page's script and language",
        ])
        let queue = try DatabaseQueue(path: fixture.databasePath)
        let journalMode = try await queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(journalMode == "wal")
        _ = try await fixture.store.submit(try fixture.submission(), by: TestAccounts.intake)
        let reopened = try SQLiteReviewStore(directory: fixture.folder.url.appendingPathComponent("store"))
        #expect(try await reopened.documents(in: fixture.caseID).count == 1)
    }


    @Test("Upgrading to items about the whole case keeps every row and guard; case flags and the overview lose their document")
    func upgradeToCaseScope() async throws {
        let folder = try TemporaryFolder("dossier-store")
        let directory = folder.url.appendingPathComponent("store")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: directory.appendingPathComponent("dossier.sqlite").path)
        try SQLiteSchema.migrator.migrate(queue, upTo: "v5: accounts, sessions, real actors")
        try await queue.write { db in
            try db.execute(sql: """
                INSERT INTO cases (id, created_at) VALUES ('ZAAK-1', '2026-11-01 10:00:00');
                INSERT INTO documents (case_id, sha256, file_name, format, byte_count, added_at)
                    VALUES ('ZAAK-1', '\(String(repeating: "a", count: 64))', 'brief.pdf', 'pdf', 10, '2026-11-01 10:00:00');
                INSERT INTO review_items (document_id, kind, summary, proposal, created_at)
                    VALUES (1, 'document-type', 'passport', '{"type":"passport"}', '2026-11-01 10:00:00');
                INSERT INTO review_items (document_id, kind, summary, proposal, created_at)
                    VALUES (1, 'flag', 'high contradiction', '{"flag":{"kind":"contradiction"},"scope":"case"}', '2026-11-01 10:00:00');
                INSERT INTO review_items (document_id, kind, summary, proposal, created_at)
                    VALUES (1, 'summary', 'Case ZAAK-1: 1 document.', '{"lines":"x","scope":"case"}', '2026-11-01 10:00:00');
                INSERT INTO review_items (document_id, kind, summary, proposal, state, reviewer, decided_at, reason, created_at)
                    VALUES (1, 'flag', 'low missing', '{"scope":"case"}', 'rejected', 'anna', '2026-11-02', 'niet nodig', '2026-11-01 10:00:00');
                INSERT INTO review_items (document_id, kind, summary, proposal, created_at)
                    VALUES (1, 'flag', 'low document flag', '{"scope":"document"}', '2026-11-01 10:00:00');
                """)
        }
        try queue.close()
        let store = try SQLiteReviewStore(directory: directory)
        let items = try await store.items(ReviewItemFilter())
        #expect(items.map(\.scope) == [.document, .case, .case, .case, .document])
        #expect(items.allSatisfy { $0.caseID.rawValue == "ZAAK-1" })
        #expect(items[1].documentSHA256 == nil && items[1].fileName == nil && items[0].fileName == "brief.pdf")
        #expect(items[3].state == .rejected && items[3].reason == "niet nodig")
        let upgraded = try DatabaseQueue(path: directory.appendingPathComponent("dossier.sqlite").path)
        for statement in ["DELETE FROM review_items WHERE id = 1", "UPDATE review_items SET summary = 'x' WHERE id = 2",
                          "UPDATE review_items SET case_id = 'ANDERS' WHERE id = 2", "UPDATE review_items SET state = 'proposed' WHERE id = 4",
                          "INSERT INTO review_items (case_id, kind, summary, proposal, created_at) VALUES ('ZAAK-1', 'transcript', 't', '{}', '2026-11-03')",
                          "UPDATE review_items SET state = 'approved', reviewer = 'mallory', decided_at = created_at WHERE id = 2"] {
            #expect(throws: DatabaseError.self, "\(statement)") { try upgraded.write { try $0.execute(sql: statement) } }
        }
        try await TestAccounts.add(to: store)
        #expect(try await store.act(2, .approve, by: "anna").state == .approved, "a case-level item is decided like any other")
        #expect(try await store.repropose(4, by: "anna").scope == .case, "proposed again, it stays about the case")
    }
}
