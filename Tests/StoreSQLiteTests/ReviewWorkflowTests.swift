import DossierCore
import Foundation
import GRDB
import Review
@testable import StoreSQLite
import Testing
import TestSupport

/// A clock the test moves by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now = Date(timeIntervalSince1970: 1_795_000_000)

    func read() -> Date { lock.withLock { now } }
    func advance(_ seconds: TimeInterval) { lock.withLock { now = now.addingTimeInterval(seconds) } }
}

/// A store with one letter: a type proposal (priority 10), a transcript (0) and a summary (50).
struct WorkflowFixture {
    let folder: TemporaryFolder
    let clock = ManualClock()
    let store: SQLiteReviewStore
    let caseID = CaseID("ZAAK-9")!
    let ids: [Int64]

    static let summary = SummaryContent(scope: "document", type: "notice-of-default", sentences: [
        .init(text: "De aanvraag is ontvangen op 12 februari 2026.", page: 1, line: 2, span: [48, 93], score: 0.8, humanWritten: false),
        .init(text: "Ik verzoek u binnen twee weken te beslissen.", page: 1, line: 3, span: [94, 138], score: 0.7, humanWritten: false),
        .init(text: "Voor vragen kunt u bellen.", page: 1, line: 4, span: [139, 165], score: 0.1, humanWritten: false),
    ])

    init() async throws {
        folder = try TemporaryFolder("dossier-workflow")
        let clock = self.clock
        store = try SQLiteReviewStore(directory: folder.url.appendingPathComponent("store"), clock: { clock.read() })
        let url = SampleFiles.letterPDF
        let submission = DocumentSubmission(
            caseID: caseID, originalURL: url, sha256: try FileDigest.sha256(of: url), fileName: "brief.pdf", format: "pdf",
            pages: [PageTranscript(number: 1, method: .textLayer, text: "Ingebrekestelling wegens niet tijdig beslissen. Cliënt wacht.", confidence: nil)],
            proposals: [
                ProposedItem(kind: .documentType, summary: "notice-of-default (confidence 0.80)", proposal: #"{"type":"notice-of-default"}"#,
                             evidence: [Evidence(page: 1, start: 0, end: 17, quote: "Ingebrekestelling")], priority: 10,
                             versions: #"{"program":"test"}"#),
                ProposedItem(kind: .transcript, summary: "1 page", proposal: "{}", evidence: []),
                ProposedItem(kind: .summary, summary: Self.summary.oneLine, proposal: Self.summary.json, evidence: Self.summary.evidence,
                             priority: 50),
            ]
        )
        guard case .stored(_, let ids) = try await store.submit(submission) else { throw ReviewStoreError.storage("not stored") }
        self.ids = ids
    }

    var databasePath: String { folder.url.appendingPathComponent("store/dossier.sqlite").path }
}

@Suite("Review workflow and audit trail")
struct ReviewWorkflowTests {
    @Test("A claim keeps others out until it is released or runs out; next gives the most urgent free item")
    func claims() async throws {
        let fixture = try await WorkflowFixture()
        let store = fixture.store
        let first = try #require(try await store.claimNext(by: "anna", in: nil, lease: 600))
        #expect(first.id == fixture.ids[2], "the summary has the highest priority")
        #expect(first.claim?.reviewer == "anna")
        let second = try #require(try await store.claimNext(by: "bram", in: fixture.caseID, lease: 600))
        #expect(second.id == fixture.ids[0], "bram gets the next item, never anna's")
        await #expect(throws: ReviewStoreError.claimedByOther(id: first.id, reviewer: "anna", until: fixture.clock.read().addingTimeInterval(600))) {
            try await store.act(first.id, .approve, by: "bram")
        }
        await #expect(throws: ReviewStoreError.notClaimed(id: first.id)) { try await store.act(first.id, .release, by: "bram") }
        #expect(try await store.items(ReviewItemFilter(claimed: true)).count == 2)
        // The lease runs out: the item is free again.
        fixture.clock.advance(601)
        #expect(try await store.items(ReviewItemFilter(claimed: true)).isEmpty)
        let taken = try await store.act(first.id, .claim(lease: 60), by: "bram")
        #expect(taken.claim?.reviewer == "bram")
        _ = try await store.act(first.id, .release, by: "bram")
        #expect(try await store.item(first.id)?.claim == nil)
        #expect(try await store.claimNext(by: "carla", in: CaseID("OTHER")!, lease: 60) == nil)
    }

    @Test("An edited summary keeps the original, marks rewritten sentences, and needs a second reviewer")
    func editAndFourEyes() async throws {
        let fixture = try await WorkflowFixture()
        let store = fixture.store
        let id = fixture.ids[2]
        let item = try #require(try await store.item(id))
        let text = ItemEditText.render(item)
        #expect(text.contains("[1] (p1 l2) De aanvraag is ontvangen op 12 februari 2026."))
        // Drop sentence 3, put 2 first and rewrite it, keep 1.
        let edited = "[2] Ik verzoek u binnen twee weken een besluit te nemen.\n[1] (p1 l2) De aanvraag is ontvangen op 12 februari 2026.\n"
        let draft = try ItemEditText.parse(edited, for: item)
        let after = try await store.act(id, .edit(draft), by: "anna")
        #expect(after.state == .edited)
        #expect(after.proposal == WorkflowFixture.summary.json, "the machine's version is kept")
        let content = try #require(SummaryContent(json: after.currentProposal))
        #expect(content.sentences.map(\.text) == ["Ik verzoek u binnen twee weken een besluit te nemen.", "De aanvraag is ontvangen op 12 februari 2026."])
        #expect(content.sentences.map(\.humanWritten) == [true, false])
        #expect(content.sentences[0].span == [94, 138], "a rewritten sentence keeps its citation")
        #expect(after.edit?.diff.contains("- (p1 l4) Voor vragen kunt u bellen.") == true)
        #expect(after.edit?.diff.contains("+ (p1 l3) Ik verzoek u binnen twee weken een besluit te nemen.") == true)
        await #expect(throws: ReviewStoreError.selfApproval(id: id, editor: "anna")) { try await store.act(id, .approve, by: "anna") }
        #expect(try await store.claimNext(by: "anna", in: nil, lease: 60)?.id != id, "next does not offer anna what she may not approve")
        let approved = try await store.act(id, .approve, by: "bram")
        #expect(approved.state == .editedAndApproved)
        #expect(approved.currentSummary.hasPrefix("Ik verzoek u"))
        // Only an approved version can go into a case file, and it is the reviewer's.
        #expect(ApprovedItem(approved)?.item.currentProposal == content.json)
        // Bad edits are refused with a reason.
        let transcript = try #require(try await store.item(fixture.ids[1]))
        #expect(throws: ReviewStoreError.self) { try ItemEditText.parse("summary: x\nproposal:\n{not json", for: transcript) }
        #expect(throws: ReviewStoreError.invalidEdit("line 1 has no [n] tag; every summary sentence must keep the tag of the sentence it comes from")) {
            try ItemEditText.parse("Een zin zonder bron.", for: item)
        }
        #expect(throws: ReviewStoreError.self) { try ItemEditText.parse("[7] Bestaat niet.", for: item) }
        #expect(throws: ReviewStoreError.self) { try ItemEditText.parse("[1] Twee keer.\n[1] Twee keer.", for: item) }
    }

    @Test("Four-eyes is a policy: off for rewritten summaries, on for any edit of a kind")
    func policy() async throws {
        let fixture = try await WorkflowFixture()
        let store = fixture.store
        #expect(try await store.fourEyesPolicy() == .standard)
        try await store.setFourEyesPolicy(FourEyesPolicy(kinds: [.documentType], rewrittenSummaries: false), by: "lead")
        let typeItem = try #require(try await store.item(fixture.ids[0]))
        let draft = try ItemEditText.parse("summary: passport (reviewer)\nproposal:\n{\"type\": \"passport\"}", for: typeItem)
        _ = try await store.act(typeItem.id, .edit(draft), by: "anna")
        await #expect(throws: ReviewStoreError.selfApproval(id: typeItem.id, editor: "anna")) { try await store.act(typeItem.id, .approve, by: "anna") }
        let summary = try #require(try await store.item(fixture.ids[2]))
        _ = try await store.act(summary.id, .edit(try ItemEditText.parse("[1] Anders gezegd.", for: summary)), by: "anna")
        #expect(try await store.act(summary.id, .approve, by: "anna").state == .editedAndApproved)
        #expect(try await store.auditEvents(caseID: nil).contains { $0.action == .policy && $0.actor == "lead" })
    }

    @Test("Rejected items can be proposed again; decided items stay decided; export files them")
    func rejectReproposeFile() async throws {
        let fixture = try await WorkflowFixture()
        let store = fixture.store
        await #expect(throws: ReviewStoreError.missingReason) { try await store.act(fixture.ids[0], .reject(reason: " "), by: "anna") }
        _ = try await store.act(fixture.ids[0], .reject(reason: "het is een paspoort"), by: "anna")
        await #expect(throws: ReviewStoreError.notRejected(id: fixture.ids[1], state: .proposed)) { try await store.repropose(fixture.ids[1], by: "anna") }
        let again = try await store.repropose(fixture.ids[0], by: "bram")
        #expect(again.state == .proposed && again.reproposedFrom == fixture.ids[0] && again.proposal == #"{"type":"notice-of-default"}"#)
        await #expect(throws: ReviewStoreError.alreadyDecided(id: fixture.ids[0], state: .rejected)) { try await store.act(fixture.ids[0], .approve, by: "bram") }
        _ = try await store.act(fixture.ids[1], .approve, by: "bram")
        try await store.markFiled([fixture.ids[1]], by: "bram")
        #expect(try await store.item(fixture.ids[1])?.state == .filed)
        await #expect(throws: ReviewStoreError.self) { try await store.markFiled([again.id], by: "bram") }
        let actions = try await store.auditEvents(caseID: fixture.caseID).map(\.action)
        #expect(actions == [.intake, .propose, .propose, .propose, .reject, .repropose, .approve, .export])
    }

    @Test("Every event records actor, item, content hashes before and after, versions, and the chain")
    func auditContents() async throws {
        let fixture = try await WorkflowFixture()
        let store = fixture.store
        _ = try await store.act(fixture.ids[0], .approve, by: "anna")
        let events = try await store.auditEvents(caseID: nil)
        let approve = try #require(events.last)
        #expect(approve.actor == "anna" && approve.action == .approve && approve.itemID == fixture.ids[0])
        #expect(approve.versions == #"{"program":"test"}"#)
        let propose = try #require(events.first { $0.action == .propose && $0.itemID == fixture.ids[0] })
        #expect(approve.beforeHash == propose.afterHash, "the approval starts from what was proposed")
        #expect(approve.afterHash != approve.beforeHash)
        #expect(zip(events, events.dropFirst()).allSatisfy { $1.previousHash == $0.hash })
        #expect(try await store.verifyAudit() == .intact(events: events.count, head: approve.hash))
        // The trail cannot be changed through SQLite either.
        let queue = try DatabaseQueue(path: fixture.databasePath)
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "UPDATE audit_events SET actor = 'x' WHERE sequence = 1") } }
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM audit_events WHERE sequence = 1") } }
    }

    @Test("Any single-byte change, deletion or reordering of the audit table is detected")
    func tampering() async throws {
        let fixture = try await WorkflowFixture()
        let store = fixture.store
        _ = try await store.claimNext(by: "anna", in: nil, lease: 60)
        _ = try await store.act(fixture.ids[0], .approve, by: "anna")
        _ = try await store.act(fixture.ids[1], .reject(reason: "onleesbaar"), by: "bram")
        guard case .intact(let count, _) = try await store.verifyAudit() else { Issue.record("not intact to begin with"); return }
        let queue = try DatabaseQueue(path: fixture.databasePath)
        // The tamperer removes the guards first, as anyone with the file could.
        try await queue.write { db in
            try db.execute(sql: "DROP TRIGGER audit_events_are_append_only; DROP TRIGGER audit_events_are_never_deleted")
        }
        let columns = ["at", "actor", "action", "case_id", "item_id", "document_sha256", "before_hash", "after_hash",
                       "state", "versions", "previous_hash", "hash"]
        var changes = 0
        for sequence in 1...Int64(count) {
            for column in columns {
                let original = try await queue.read { try DatabaseValue.fetchOne($0, sql: "SELECT \(column) FROM audit_events WHERE sequence = ?", arguments: [sequence]) }
                guard let original, !original.isNull else { continue }
                // Every byte of the stored text, one at a time, flipped to another character.
                let text = String.fromDatabaseValue(original) ?? Int64.fromDatabaseValue(original).map(String.init) ?? ""
                let bytes = Array(text.utf8)
                for index in bytes.indices {
                    var changed = bytes
                    changed[index] = changed[index] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
                    let value = String(decoding: changed, as: UTF8.self)
                    try await queue.write { try $0.execute(sql: "UPDATE audit_events SET \(column) = ? WHERE sequence = ?", arguments: [value, sequence]) }
                    let result = try await store.verifyAudit()
                    if case .intact = result { Issue.record("byte \(index) of \(column) in event \(sequence) changed unnoticed") }
                    changes += 1
                    try await queue.write { try $0.execute(sql: "UPDATE audit_events SET \(column) = ? WHERE sequence = ?", arguments: [original, sequence]) }
                }
            }
            // The sequence number itself.
            try await queue.write { try $0.execute(sql: "UPDATE audit_events SET sequence = ? WHERE sequence = ?", arguments: [sequence + 1000, sequence]) }
            if case .intact = try await store.verifyAudit() { Issue.record("renumbered event \(sequence) unnoticed") }
            try await queue.write { try $0.execute(sql: "UPDATE audit_events SET sequence = ? WHERE sequence = ?", arguments: [sequence, sequence + 1000]) }
        }
        #expect(changes > 1000)
        #expect(try await store.verifyAudit() == .intact(events: count, head: try await store.auditEvents(caseID: nil).last?.hash ?? ""))
        // Each deletion, the last one included.
        for sequence in 1...Int64(count) {
            // Removed and put back inside one connection's closures: rows stay on their thread.
            let saved: [DatabaseValue] = try await queue.read { db in
                let row = try Row.fetchOne(db, sql: "SELECT * FROM audit_events WHERE sequence = ?", arguments: [sequence])
                return row.map { row in row.columnNames.map { row[$0] as DatabaseValue } } ?? []
            }
            let names = try await queue.read { db in try Row.fetchOne(db, sql: "SELECT * FROM audit_events LIMIT 1").map { Array($0.columnNames) } ?? [] }
            try await queue.write { try $0.execute(sql: "DELETE FROM audit_events WHERE sequence = ?", arguments: [sequence]) }
            let result = try await store.verifyAudit()
            guard case .broken(let first, _) = result else { Issue.record("deleting event \(sequence) went unnoticed"); continue }
            #expect(first == sequence, "the first bad event is the one removed")
            try await queue.write { db in
                try db.execute(sql: "INSERT INTO audit_events (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))",
                               arguments: StatementArguments(saved))
            }
        }
        // Each swap of two neighbours.
        for sequence in 1..<Int64(count) {
            try await queue.write { db in
                try db.execute(sql: "UPDATE audit_events SET sequence = -1 WHERE sequence = ?", arguments: [sequence])
                try db.execute(sql: "UPDATE audit_events SET sequence = ? WHERE sequence = ?", arguments: [sequence, sequence + 1])
                try db.execute(sql: "UPDATE audit_events SET sequence = ? WHERE sequence = -1", arguments: [sequence + 1])
            }
            guard case .broken(let first, _) = try await store.verifyAudit() else { Issue.record("swapping \(sequence) unnoticed"); continue }
            #expect(first == sequence)
            try await queue.write { db in
                try db.execute(sql: "UPDATE audit_events SET sequence = -1 WHERE sequence = ?", arguments: [sequence])
                try db.execute(sql: "UPDATE audit_events SET sequence = ? WHERE sequence = ?", arguments: [sequence, sequence + 1])
                try db.execute(sql: "UPDATE audit_events SET sequence = ? WHERE sequence = -1", arguments: [sequence + 1])
            }
        }
        guard case .intact = try await store.verifyAudit() else { Issue.record("restored trail does not verify"); return }
    }

    @Test("Search finds words without their diacritics, within a case, with a snippet")
    func search() async throws {
        let fixture = try await WorkflowFixture()
        let hits = try await fixture.store.search("client ingebrekestelling", in: fixture.caseID, limit: 10)
        #expect(hits.count == 1)
        #expect(hits.first?.page == 1 && hits.first?.fileName == "brief.pdf")
        #expect(hits.first?.snippet.contains("[Cliënt]") == true)
        #expect(try await fixture.store.search("\"tijdig beslissen\"", in: nil, limit: 10).count == 1)
        #expect(try await fixture.store.search("beslis*", in: nil, limit: 10).count == 1)
        #expect(try await fixture.store.search("paspoort", in: nil, limit: 10).isEmpty)
        #expect(try await fixture.store.search("client", in: CaseID("ANDERS")!, limit: 10).isEmpty)
        #expect(try await fixture.store.search("\" ; DROP", in: nil, limit: 10).isEmpty, "query syntax never reaches SQLite raw")
    }

    @Test("Four reviewers on four connections claim 200 items: none twice, none lost")
    func concurrentClaims() async throws {
        let folder = try TemporaryFolder("dossier-claims")
        let directory = folder.url.appendingPathComponent("store")
        let store = try SQLiteReviewStore(directory: directory)
        for number in 0..<20 {
            let file = folder.url.appendingPathComponent("d\(number).txt")
            try Data("document \(number)".utf8).write(to: file)
            _ = try await store.submit(DocumentSubmission(
                caseID: CaseID("ZAAK-C")!, originalURL: file, sha256: try FileDigest.sha256(of: file), fileName: file.lastPathComponent,
                format: "pdf", pages: [], proposals: (0..<10).map {
                    ProposedItem(kind: .flag, summary: "item \(number)-\($0)", proposal: "{}", evidence: [], priority: ($0 * 13) % 7)
                }
            ))
        }
        let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for reviewer in ["anna", "bram", "carla", "dirk"] {
                group.addTask {
                    // Each reviewer has a connection of their own, as separate processes would.
                    let own = try SQLiteReviewStore(directory: directory)
                    var ids: [Int64] = []
                    while let item = try await own.claimNext(by: reviewer, in: nil, lease: 300) {
                        _ = try await own.act(item.id, .approve, by: reviewer)
                        ids.append(item.id)
                    }
                    return ids
                }
            }
            var all: [Int64] = []
            for try await ids in group { all += ids }
            return all
        }
        #expect(claimed.count == 200)
        #expect(Set(claimed).count == 200, "no item claimed twice")
        #expect(try await store.items(ReviewItemFilter(state: .approved)).count == 200, "none lost")
        guard case .intact = try await store.verifyAudit() else { Issue.record("the trail does not verify"); return }
    }
}
