import DossierCore
import Foundation
import Review
@testable import StorePostgres
import Testing
import TestSupport

/// The ids of a stored submission; a duplicate fails the test instead of passing it silently.
func storedIDs(_ outcome: SubmissionOutcome, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Int64] {
    guard case .stored(_, let ids) = outcome else {
        Issue.record("expected the submission to be stored, got \(outcome)", sourceLocation: sourceLocation)
        throw ReviewStoreError.storage("not stored")
    }
    return ids
}

@Suite("Store contract (every store)")
struct StoreContractTests {
    let caseID = CaseID("ZAAK-1")!

    @Test("A submission round-trips: document, pages, items in state proposed", arguments: StoreKind.available)
    func roundTrip(kind: StoreKind) async throws {
        let subject = try await StoreUnderTest.make(kind)
        defer { withExtendedLifetime(subject) {} }
        let store = subject.store
        let itemIDs = try storedIDs(try await store.submit(try letterSubmission(), by: TestAccounts.intake))
        #expect(itemIDs.count == 2)
        let documents = try await store.documents(in: caseID)
        #expect(documents.count == 1)
        #expect(documents[0].pages.map(\.number) == [1, 2])
        #expect(documents[0].pages[1].confidence == 91.5)
        #expect(documents[0].pages[0].method == .textLayer)
        #expect(documents[0].pages[0].corrections == nil)
        #expect(documents[0].pages[1].corrections == PageCorrections(rotation: 180, skew: -1.25, dpi: 300, upscaledFrom: 150))
        #expect(documents[0].pages[1].script == "Latin" && documents[0].pages[1].language == "nld")
        #expect(documents[0].pages[0].script == nil && documents[0].pages[0].language == nil)
        #expect(documents[0].pages[1].decision == .junkTextLayer)
        #expect(documents[0].pages[1].textLayerScore == 0.12)
        let items = try await store.items(ReviewItemFilter(caseID: caseID))
        #expect(items.map(\.id) == itemIDs)
        #expect(items.allSatisfy { $0.state == .proposed && $0.reviewer == nil })
        #expect(items[0].evidence == [Evidence(page: 1, start: 0, end: 17, quote: "Ingebrekestelling")])
        let intake = try #require(try await store.auditEvents(caseID: caseID).first)
        #expect(intake.action == .intake && intake.actor == TestAccounts.intake, "the intake names the account that took the file in")
    }

    @Test("A text file is stored as text: its format, its pages as the file's own text, searchable", arguments: StoreKind.available)
    func textDocument(kind: StoreKind) async throws {
        let subject = try await StoreUnderTest.make(kind)
        defer { withExtendedLifetime(subject) {} }
        let store = subject.store
        let url = SampleFiles.hearingCorrectionsHTML
        let submission = DocumentSubmission(
            caseID: caseID, originalURL: url, sha256: try FileDigest.sha256(of: url), fileName: url.lastPathComponent, format: "html",
            pages: [PageTranscript(number: 1, method: .textFile, text: "Correcties op het rapport van het nader gehoor", confidence: nil, decision: .htmlText)],
            proposals: [], transcriptionSettings: "t"
        )
        _ = try await store.submit(submission, by: TestAccounts.intake)
        let document = try #require(try await store.documents(in: caseID).first)
        #expect(document.format == "html")
        #expect(document.pages.first?.method == .textFile && document.pages.first?.decision == .htmlText)
        #expect(try await store.search("nader gehoor", in: caseID, limit: 5).map(\.page) == [1])
    }

    @Test("A member of an archive names the archive, its position and its name there; one whose archive is not stored is refused", arguments: StoreKind.available)
    func memberOrigin(kind: StoreKind) async throws {
        let subject = try await StoreUnderTest.make(kind)
        defer { withExtendedLifetime(subject) {} }
        let store = subject.store
        let folder = try TemporaryFolder()
        let zip = folder.url.appendingPathComponent("stukken.zip")
        try MadeArchive.write([.file("brief.pdf", try Data(contentsOf: SampleFiles.letterPDF))], to: zip)
        let listing = [PageTranscript(number: 1, method: .textFile, text: "ZIP archive with 1 file:\n1. brief.pdf\n", confidence: nil, decision: .plainText)]
        let zipSHA = try FileDigest.sha256(of: zip)
        let orphan = DocumentOrigin(parentSHA256: String(repeating: "e", count: 64), position: 1, name: "brief.pdf")
        await #expect(throws: ReviewStoreError.self) {
            _ = try await store.submit(DocumentSubmission(caseID: caseID, originalURL: SampleFiles.letterPDF, sha256: try FileDigest.sha256(of: SampleFiles.letterPDF),
                                                          fileName: "brief.pdf", format: "pdf", pages: [], proposals: [], origin: orphan), by: TestAccounts.intake)
        }
        #expect(try await store.documents(in: caseID).isEmpty, "nothing of the refused member was stored")
        _ = try await store.submit(DocumentSubmission(caseID: caseID, originalURL: zip, sha256: zipSHA, fileName: "stukken.zip", format: "zip",
                                                      pages: listing, proposals: []), by: TestAccounts.intake)
        let origin = DocumentOrigin(parentSHA256: zipSHA, position: 1, name: "map/brief.pdf")
        _ = try await store.submit(DocumentSubmission(caseID: caseID, originalURL: SampleFiles.letterPDF, sha256: try FileDigest.sha256(of: SampleFiles.letterPDF),
                                                      fileName: "brief.pdf", format: "pdf", pages: [], proposals: [], origin: origin), by: TestAccounts.intake)
        let documents = try await store.documents(in: caseID)
        #expect(documents.map(\.fileName) == ["stukken.zip", "brief.pdf"])
        #expect(documents[0].origin == nil)
        #expect(documents[1].origin == DocumentOrigin(parentSHA256: zipSHA, parentFileName: "stukken.zip", position: 1, name: "map/brief.pdf"))
    }

    @Test("The original is kept byte for byte under its hash", arguments: StoreKind.available)
    func originalKept(kind: StoreKind) async throws {
        let subject = try await StoreUnderTest.make(kind)
        defer { withExtendedLifetime(subject) {} }
        let store = subject.store
        _ = try storedIDs(try await store.submit(try letterSubmission(), by: TestAccounts.intake))
        let stored = try await store.originalURL(sha256: try FileDigest.sha256(of: SampleFiles.letterPDF))
        #expect(try Data(contentsOf: stored) == (try Data(contentsOf: SampleFiles.letterPDF)))
    }

    @Test("The same bytes twice in a case add nothing; another case may hold them too", arguments: StoreKind.available)
    func dedupe(kind: StoreKind) async throws {
        let subject = try await StoreUnderTest.make(kind)
        defer { withExtendedLifetime(subject) {} }
        let store = subject.store
        _ = try storedIDs(try await store.submit(try letterSubmission(), by: TestAccounts.intake))
        let again = try await store.submit(try letterSubmission(), by: TestAccounts.intake)
        #expect(again == .duplicate(existingFileName: "ingebrekestelling.pdf"))
        #expect(try await store.items(ReviewItemFilter()).count == 2)
        _ = try storedIDs(try await store.submit(try letterSubmission(caseID: CaseID("ZAAK-2")!), by: TestAccounts.intake))
        #expect(try await store.items(ReviewItemFilter()).count == 4)
    }

    @Test("Approve and reject record which account decided and why; decisions are final", arguments: StoreKind.available)
    func decisions(kind: StoreKind) async throws {
        let subject = try await StoreUnderTest.make(kind)
        defer { withExtendedLifetime(subject) {} }
        let store = subject.store
        let ids = try storedIDs(try await store.submit(try letterSubmission(), by: TestAccounts.intake))
        let approved = try await store.decide(ids[0], .approve(reviewer: "anna"))
        #expect(approved.state == .approved && approved.reviewer == "anna" && approved.decidedAt != nil)
        let rejected = try await store.decide(ids[1], .reject(reviewer: "bram", reason: "pagina ontbreekt"))
        #expect(rejected.state == .rejected && rejected.reason == "pagina ontbreekt")
        await #expect(throws: ReviewStoreError.alreadyDecided(id: ids[0], state: .approved)) {
            try await store.decide(ids[0], .reject(reviewer: "bram", reason: "toch niet"))
        }
        await #expect(throws: ReviewStoreError.noSuchItem(999)) { try await store.decide(999, .approve(reviewer: "anna")) }
        #expect(try await store.items(ReviewItemFilter(state: .approved)).map(\.id) == [ids[0]])
        #expect(try await store.items(ReviewItemFilter(state: .rejected)).map(\.id) == [ids[1]])
    }

    @Test("A decision by no account, a disabled one or the wrong role, or a rejection without a reason, is refused", arguments: StoreKind.available)
    func refusedDecisions(kind: StoreKind) async throws {
        let subject = try await StoreUnderTest.make(kind)
        defer { withExtendedLifetime(subject) {} }
        let store = subject.store
        let ids = try storedIDs(try await store.submit(try letterSubmission(), by: TestAccounts.intake))
        await #expect(throws: ReviewStoreError.noSuchAccount("  ")) { try await store.decide(ids[0], .approve(reviewer: "  ")) }
        await #expect(throws: ReviewStoreError.noSuchAccount("mallory")) { try await store.decide(ids[0], .approve(reviewer: "mallory")) }
        await #expect(throws: ReviewStoreError.notAllowed(account: "inga", role: .intake, operation: .decide)) {
            try await store.decide(ids[0], .approve(reviewer: "inga"))
        }
        await #expect(throws: ReviewStoreError.missingReason) { try await store.decide(ids[0], .reject(reviewer: "anna", reason: " ")) }
        let lead = try #require(try await store.accounts().first { $0.name == TestAccounts.supervisor })
        try await AccountService(store: store, hashCost: 4).disable("carla", by: lead)
        await #expect(throws: ReviewStoreError.accountDisabled(name: "carla")) { try await store.decide(ids[0], .approve(reviewer: "carla")) }
        await #expect(throws: ReviewStoreError.notAllowed(account: "anna", role: .reviewer, operation: .takeIn)) {
            try await store.submit(try letterSubmission(caseID: CaseID("ZAAK-3")!), by: "anna")
        }
        await #expect(throws: ReviewStoreError.notAllowed(account: "anna", role: .reviewer, operation: .setPolicy)) {
            try await store.setFourEyesPolicy(FourEyesPolicy(kinds: [], rewrittenSummaries: false), by: "anna")
        }
        #expect(try await store.item(ids[0])?.state == .proposed)
        #expect(try await store.fourEyesPolicy() == .standard)
    }

    @Test("A failure inside a submission leaves nothing half stored", arguments: StoreKind.available)
    func atomicSubmission(kind: StoreKind) async throws {
        let subject = try await StoreUnderTest.make(kind)
        defer { withExtendedLifetime(subject) {} }
        let store = subject.store
        let good = try letterSubmission()
        // Two pages with the same number violate the primary key after the document row is written.
        let bad = DocumentSubmission(
            caseID: good.caseID, originalURL: good.originalURL, sha256: good.sha256, fileName: good.fileName, format: good.format,
            pages: [good.pages[0], good.pages[0]], proposals: good.proposals
        )
        await #expect(throws: ReviewStoreError.self) { try await store.submit(bad, by: TestAccounts.intake) }
        #expect(try await store.documents(in: caseID).isEmpty)
        #expect(try await store.items(ReviewItemFilter()).isEmpty)
        #expect(try await store.auditEvents(caseID: caseID).isEmpty)
        // And the same file can then be stored properly.
        _ = try storedIDs(try await store.submit(good, by: TestAccounts.intake))
    }

    @Test("An original that changes after hashing is refused", arguments: StoreKind.available)
    func changedOriginal(kind: StoreKind) async throws {
        let subject = try await StoreUnderTest.make(kind)
        defer { withExtendedLifetime(subject) {} }
        let file = try subject.folder.write("brief.pdf", Data("%PDF-1.4 een".utf8))
        let submission = try letterSubmission(file)
        try Data("%PDF-1.4 twee".utf8).write(to: file)
        await #expect(throws: ReviewStoreError.self) { try await subject.store.submit(submission, by: TestAccounts.intake) }
        #expect(try await subject.store.documents(in: caseID).isEmpty)
    }

    @Test("The schema refuses events, decisions, claims and edits that name no active account", arguments: StoreKind.available)
    func schemaNamesRealActors(kind: StoreKind) async throws {
        let subject = try await StoreUnderTest.make(kind)
        defer { withExtendedLifetime(subject) {} }
        let store = subject.store
        let raw = subject.raw
        let ids = try storedIDs(try await store.submit(try letterSubmission(), by: TestAccounts.intake))
        let lead = try #require(try await store.accounts().first { $0.name == TestAccounts.supervisor })
        try await AccountService(store: store, hashCost: 4).disable("carla", by: lead)
        let head = try await raw.texts("SELECT hash FROM audit_head").first ?? nil
        let event = { (actor: String, action: String) in
            "INSERT INTO audit_events (sequence, at, actor, action, case_id, versions, previous_hash, hash) VALUES (9999, 'x', '\(actor)', '\(action)', '-', '{}', '\(head ?? "")', 'h')"
        }
        // A client that skips every check still cannot write these.
        for (actor, action) in [("mallory", "approve"), ("carla", "approve"), ("dossier", "approve"), ("dossier", "intake")] {
            await #expect(throws: (any Error).self, "event by \(actor) (\(action))") { try await raw.execute(event(actor, action)) }
        }
        let decisions = [
            "UPDATE review_items SET state = 'approved', reviewer = 'mallory', decided_at = created_at WHERE id = \(ids[0])",
            "UPDATE review_items SET state = 'approved', reviewer = 'carla', decided_at = created_at WHERE id = \(ids[0])",
            "UPDATE review_items SET state = 'approved', reviewer = 'inga', decided_at = created_at WHERE id = \(ids[0])",
            "UPDATE review_items SET claimed_by = 'mallory', claimed_until = created_at WHERE id = \(ids[0])",
            "INSERT INTO item_edits (item_id, editor, edited_at, summary, proposal, evidence, diff) VALUES (\(ids[0]), 'mallory', '2026-01-01', 's', '{}', '[]', '')",
            "INSERT INTO accounts (name, role, password_hash, created_at) VALUES ('second', 'supervisor', '$2b$04$abcdefghijklmnopqrstuv0123456789012345678901234567890', '2026-01-01')",
            "INSERT INTO accounts (name, role, password_hash, created_by, created_at) VALUES ('third', 'supervisor', '$2b$04$abcdefghijklmnopqrstuv0123456789012345678901234567890', 'anna', '2026-01-01')",
            "DELETE FROM accounts WHERE name = 'anna'",
        ]
        for statement in decisions {
            await #expect(throws: (any Error).self, "\(statement)") { try await raw.execute(statement) }
        }
        #expect(try await store.item(ids[0])?.state == .proposed)
        #expect(try await store.accounts().map(\.name).sorted() == ["anna", "bram", "carla", "dirk", "inga", "lead"])
        // A genuine reviewer through the database is let in: the guard is about who, not how.
        try await raw.execute("UPDATE review_items SET state = 'approved', reviewer = 'anna', decided_at = created_at WHERE id = \(ids[0])")
    }

    @Test("Queue filters: kind, open only, summary prefix, queue order, limit, counts per state and case ids", arguments: StoreKind.available)
    func queueFilters(kind: StoreKind) async throws {
        let subject = try await StoreUnderTest.make(kind)
        defer { withExtendedLifetime(subject) {} }
        let store = subject.store
        let ids = try storedIDs(try await store.submit(try letterSubmission(), by: TestAccounts.intake))
        let flags = (0..<5).map { ProposedItem(kind: .flag, summary: ($0 % 2 == 0 ? "critical" : "low") + " flag \($0)", proposal: "{}", evidence: [], priority: $0) }
        let flagIDs = try await store.propose(flags, document: try FileDigest.sha256(of: SampleFiles.letterPDF), in: caseID, by: TestAccounts.intake)
        _ = try await store.decide(flagIDs[4], .approve(reviewer: "anna"))
        let queue = try await store.items(ReviewItemFilter(caseID: caseID, openOnly: true, queueOrder: true, limit: 3))
        #expect(queue.map(\.id) == [flagIDs[3], flagIDs[2], flagIDs[1]], "highest priority first, decided items left out, at most 3")
        let critical = ReviewItemFilter(kind: .flag, openOnly: true, summaryPrefix: "critical ")
        #expect(try await store.items(critical).map(\.id) == [flagIDs[0], flagIDs[2]])
        #expect(try await store.countItems(critical) == 2)
        #expect(try await store.countItems(ReviewItemFilter(kind: .documentType)) == 1)
        #expect(try await store.stateCounts(in: caseID) == [.proposed: ids.count + 4, .approved: 1])
        #expect(try await store.stateCounts(in: CaseID("ANDERS")!) == [:])
        #expect(try await store.caseIDs() == [caseID])
    }

    @Test("PostgreSQL: a store from before case-level items upgrades with every row and guard kept",
          .enabled(if: StoreKind.adminURL != nil, "PostgreSQL not tested: DOSSIER_TEST_POSTGRES names no server"))
    func postgresUpgradeToCaseScope() async throws {
        let url = try await PostgresTestServer.freshDatabase()
        let old = try await PostgresReviewStore(url: url, clock: Date.init, migratingUpTo: "v2: accounts, sessions, real actors")
        try await TestAccounts.add(to: old)
        #expect(try await old.appliedMigrations().count == 2)
        let raw = RawDatabase(kind: .postgres, sqlitePath: nil, postgresURL: url)
        // Rows as v2 kept them: every item with its document, no case id of its own.
        let sha = String(repeating: "b", count: 64)
        for statement in [
            "INSERT INTO cases (id, created_at) VALUES ('ZAAK-1', now())",
            "INSERT INTO originals (sha256, bytes) VALUES ('\(sha)', '\\x00')",
            "INSERT INTO documents (case_id, sha256, file_name, format, byte_count, added_at) VALUES ('ZAAK-1', '\(sha)', 'brief.pdf', 'pdf', 1, now())",
            "INSERT INTO review_items (document_id, kind, summary, proposal, created_at, state, reviewer, decided_at, reason) VALUES (1, 'flag', 'high contradiction', '{\"flag\":{},\"scope\":\"case\"}', now(), 'rejected', 'anna', now(), 'geen tegenspraak')",
            "INSERT INTO review_items (document_id, kind, summary, proposal, created_at) VALUES (1, 'flag', 'low document flag', '{\"flag\":{},\"scope\":\"document\"}', now())",
        ] { try await raw.execute(statement) }
        let ids: [Int64] = [1, 2]
        let upgraded = try await PostgresReviewStore(url: url)
        let items = try await upgraded.items(ReviewItemFilter(caseID: caseID))
        #expect(items.map(\.scope) == [.case, .document])
        #expect(items[0].state == .rejected && items[0].reason == "geen tegenspraak" && items[0].documentSHA256 == nil)
        await #expect(throws: (any Error).self) { try await raw.execute("UPDATE review_items SET summary = 'x' WHERE id = \(ids[1])") }
        await #expect(throws: (any Error).self) { try await raw.execute("UPDATE review_items SET state = 'proposed', reviewer = NULL, decided_at = NULL WHERE id = \(ids[0])") }
        await #expect(throws: (any Error).self) { try await raw.execute("UPDATE review_items SET case_id = 'ANDERS' WHERE id = \(ids[1])") }
        await #expect(throws: (any Error).self) { try await raw.execute("DELETE FROM review_items WHERE id = \(ids[1])") }
        #expect(try await upgraded.repropose(ids[0], by: "bram").scope == .case)
        guard case .intact = try await upgraded.verifyAudit() else { Issue.record("the trail does not verify"); return }
    }
}
