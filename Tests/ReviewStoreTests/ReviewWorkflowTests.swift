import DossierCore
import Foundation
import Review
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
    let clock: ManualClock
    let subject: StoreUnderTest
    var store: any ReviewStore { subject.store }
    let caseID = CaseID("ZAAK-9")!
    let ids: [Int64]

    static let summary = SummaryContent(scope: "document", type: "notice-of-default", sentences: [
        .init(text: "De aanvraag is ontvangen op 12 februari 2026.", page: 1, line: 2, span: [48, 93], score: 0.8, humanWritten: false),
        .init(text: "Ik verzoek u binnen twee weken te beslissen.", page: 1, line: 3, span: [94, 138], score: 0.7, humanWritten: false),
        .init(text: "Voor vragen kunt u bellen.", page: 1, line: 4, span: [139, 165], score: 0.1, humanWritten: false),
    ])

    init(_ kind: StoreKind) async throws {
        let clock = ManualClock()
        self.clock = clock
        subject = try await StoreUnderTest.make(kind, clock: { clock.read() })
        let store = subject.store
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
        guard case .stored(_, let ids) = try await store.submit(submission, by: TestAccounts.intake) else { throw ReviewStoreError.storage("not stored") }
        self.ids = ids
    }

}

@Suite("Review workflow and audit trail")
struct ReviewWorkflowTests {
    @Test("A claim keeps others out until it is released or runs out; next gives the most urgent free item", arguments: StoreKind.available)
    func claims(kind: StoreKind) async throws {
        let fixture = try await WorkflowFixture(kind)
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

    @Test("An edited summary keeps the original, marks rewritten sentences, and needs a second reviewer", arguments: StoreKind.available)
    func editAndFourEyes(kind: StoreKind) async throws {
        let fixture = try await WorkflowFixture(kind)
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
        #expect(try await store.approvedItems(in: fixture.caseID).first { $0.item.id == id }?.item.currentProposal == content.json)
        // Bad edits are refused with a reason.
        let transcript = try #require(try await store.item(fixture.ids[1]))
        #expect(throws: ReviewStoreError.self) { try ItemEditText.parse("summary: x\nproposal:\n{not json", for: transcript) }
        #expect(throws: ReviewStoreError.invalidEdit("line 1 has no [n] tag; every summary sentence must keep the tag of the sentence it comes from")) {
            try ItemEditText.parse("Een zin zonder bron.", for: item)
        }
        #expect(throws: ReviewStoreError.self) { try ItemEditText.parse("[7] Bestaat niet.", for: item) }
        #expect(throws: ReviewStoreError.self) { try ItemEditText.parse("[1] Twee keer.\n[1] Twee keer.", for: item) }
    }

    @Test("Four-eyes is a policy: off for rewritten summaries, on for any edit of a kind", arguments: StoreKind.available)
    func policy(kind: StoreKind) async throws {
        let fixture = try await WorkflowFixture(kind)
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

    @Test("A redaction set takes two people: one confirms or changes it, another approves; marks are removed and added by text and area",
          arguments: StoreKind.available)
    func redactionFourEyes(kind: StoreKind) async throws {
        let fixture = try await WorkflowFixture(kind)
        let store = fixture.store
        let words = ["Ingebrekestelling", "wegens", "niet", "tijdig", "beslissen.", "Cliënt", "wacht."]
        var x = 72.0
        let laidOut = words.map { word -> LaidOutWord in
            defer { x += Double(word.count) * 6 + 4 }
            return LaidOutWord(text: word, confidence: 100, box: PageBox(x: x, y: 100, width: Double(word.count) * 6, height: 10))
        }
        let page = PageTranscript(
            number: 1, method: .textLayer, text: words.joined(separator: " "), confidence: nil,
            layout: PageLayout(unit: "pt", width: 595, height: 842, blocks: [
                LaidOutBlock(box: PageBox(x: 72, y: 100, width: 300, height: 10), lines: [LaidOutLine(box: PageBox(x: 72, y: 100, width: 300, height: 10), words: laidOut)]),
            ])
        )
        let set = RedactionSet(
            marks: [RedactionMark(category: .name, page: 1, start: 48, end: 54, boxes: [laidOut[5].box], reason: "test", source: .machine)],
            pages: [RedactionPage(number: 1, unit: "pt", width: 595, height: 842)]
        )
        let ids = try await store.propose(
            [ProposedItem(kind: .redaction, summary: RedactionEditing.summary(set, file: "brief.pdf"), proposal: set.json,
                          evidence: RedactionEditing.evidence(set, pages: [page]))],
            document: try FileDigest.sha256(of: SampleFiles.letterPDF), in: fixture.caseID, by: TestAccounts.intake
        )
        let id = try #require(ids.first)
        // Nobody approves a set nobody checked.
        await #expect(throws: ReviewStoreError.unconfirmedRedaction(id: id)) { try await store.act(id, .approve, by: "anna") }
        let item = try #require(try await store.item(id))
        #expect(item.kind == .redaction)
        var changes = RedactionChanges()
        changes.remove = [1]
        changes.addText = [("tijdig", nil, .other)]
        changes.addArea = [(1, 10, 20, 30, 5, .other)]
        let draft = try RedactionEditing.draft(item, pages: [page], changes: changes)
        let edited = try #require(RedactionSet(json: draft.proposal))
        #expect(edited.marks.count == 2)
        #expect(edited.marks.contains { $0.start == 30 && $0.end == 36 && $0.boxes == [laidOut[3].box] && $0.source == .reviewer })
        #expect(edited.marks.contains { $0.start == nil && $0.boxes == [PageBox(x: 59.5, y: 168.4, width: 178.5, height: 42.1)] })
        #expect(draft.diff.contains("- p1 name \"Cliënt\""))
        #expect(throws: ReviewStoreError.self) {
            var missing = RedactionChanges()
            missing.addText = [("Kumar", nil, .name)]
            return try RedactionEditing.draft(item, pages: [page], changes: missing)
        }
        _ = try await store.act(id, .edit(draft), by: "anna")
        await #expect(throws: ReviewStoreError.selfApproval(id: id, editor: "anna")) { try await store.act(id, .approve, by: "anna") }
        #expect(try await store.act(id, .approve, by: "bram").state == .editedAndApproved)
        // A redacted copy written from it is recorded; the item stays as it is.
        try await store.markCopied([id], by: "lead")
        #expect(try await store.item(id)?.state == .editedAndApproved)
        #expect(try await store.auditEvents(caseID: fixture.caseID).contains { $0.action == .redactedCopy && $0.itemID == id && $0.actor == "lead" })
        await #expect(throws: ReviewStoreError.self) { try await store.markCopied([fixture.ids[0]], by: "lead") }
        // A confirmation without changes counts as the first look as well.
        let second = try await store.propose(
            [ProposedItem(kind: .redaction, summary: "Nothing to hide found in bijlage.pdf: confirm, or add what must go",
                          proposal: RedactionSet(marks: [], pages: set.pages).json, evidence: [])],
            document: try FileDigest.sha256(of: SampleFiles.letterPDF), in: fixture.caseID, by: TestAccounts.intake
        )
        let secondID = try #require(second.first)
        let empty = try #require(try await store.item(secondID))
        _ = try await store.act(empty.id, .edit(try RedactionEditing.confirmation(empty)), by: "bram")
        #expect(try await store.act(empty.id, .approve, by: "anna").state == .editedAndApproved)
        // A policy stored before redaction sets existed gets them; a supervisor can still turn them off.
        let old = try JSONDecoder().decode(FourEyesPolicy.self, from: Data(#"{"kinds":["summary"],"rewrittenSummaries":true}"#.utf8))
        #expect(old.kinds == [.summary, .redaction])
        try await store.setFourEyesPolicy(FourEyesPolicy(kinds: [], rewrittenSummaries: true), by: "lead")
        #expect(try await store.fourEyesPolicy().kinds.isEmpty)
    }

    @Test("Rejected items can be proposed again; decided items stay decided; export files them", arguments: StoreKind.available)
    func rejectReproposeFile(kind: StoreKind) async throws {
        let fixture = try await WorkflowFixture(kind)
        let store = fixture.store
        await #expect(throws: ReviewStoreError.missingReason) { try await store.act(fixture.ids[0], .reject(reason: " "), by: "anna") }
        _ = try await store.act(fixture.ids[0], .reject(reason: "het is een paspoort"), by: "anna")
        await #expect(throws: ReviewStoreError.notRejected(id: fixture.ids[1], state: .proposed)) { try await store.repropose(fixture.ids[1], by: "anna") }
        let again = try await store.repropose(fixture.ids[0], by: "bram")
        #expect(again.state == .proposed && again.reproposedFrom == fixture.ids[0] && again.proposal == #"{"type":"notice-of-default"}"#)
        await #expect(throws: ReviewStoreError.alreadyDecided(id: fixture.ids[0], state: .rejected)) { try await store.act(fixture.ids[0], .approve, by: "bram") }
        _ = try await store.act(fixture.ids[1], .approve, by: "bram")
        await #expect(throws: ReviewStoreError.notAllowed(account: "bram", role: .reviewer, operation: .export)) {
            try await store.markFiled([fixture.ids[1]], by: "bram")
        }
        try await store.markFiled([fixture.ids[1]], by: "lead")
        #expect(try await store.item(fixture.ids[1])?.state == .filed)
        await #expect(throws: ReviewStoreError.notApproved(id: again.id, state: .proposed)) { try await store.markFiled([again.id], by: "lead") }
        let actions = try await store.auditEvents(caseID: fixture.caseID).map(\.action)
        #expect(actions == [.intake, .propose, .propose, .propose, .reject, .repropose, .approve, .export])
    }

    @Test("Every event records actor, item, content hashes before and after, versions, and the chain", arguments: StoreKind.available)
    func auditContents(kind: StoreKind) async throws {
        let fixture = try await WorkflowFixture(kind)
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
        // The trail cannot be changed through the database either.
        await #expect(throws: (any Error).self) { try await fixture.subject.raw.execute("UPDATE audit_events SET actor = 'x' WHERE sequence = 1") }
        await #expect(throws: (any Error).self) { try await fixture.subject.raw.execute("DELETE FROM audit_events WHERE sequence = 1") }
    }

    @Test("Any single-byte change, deletion or reordering of the audit table is detected", arguments: StoreKind.available)
    func tampering(kind: StoreKind) async throws {
        let fixture = try await WorkflowFixture(kind)
        let store = fixture.store
        let raw = fixture.subject.raw
        _ = try await store.claimNext(by: "anna", in: nil, lease: 60)
        _ = try await store.act(fixture.ids[0], .approve, by: "anna")
        _ = try await store.act(fixture.ids[1], .reject(reason: "onleesbaar"), by: "bram")
        guard case .intact(let count, let head) = try await store.verifyAudit() else { Issue.record("not intact to begin with"); return }
        // The tamperer removes the guards first, as anyone holding the database could.
        for statement in raw.dropGuards { try await raw.execute(statement) }
        let columns = ["sequence", "at", "actor", "action", "case_id", "item_id", "document_sha256", "before_hash", "after_hash",
                       "state", "versions", "previous_hash", "hash"]
        var changes = 0
        for sequence in 1...count {
            for column in columns {
                guard let original = try await raw.texts("SELECT CAST(\(column) AS TEXT) FROM audit_events WHERE sequence = \(sequence)").first,
                      let text = original else { continue }
                // Every byte of the stored value, one at a time, turned into another digit.
                let bytes = Array(text.utf8)
                for index in bytes.indices {
                    var changed = bytes
                    changed[index] = changed[index] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
                    let value = String(decoding: changed, as: UTF8.self)
                    // A changed sequence number must not collide with another event's.
                    let target = column == "sequence" ? String(Int(value).map { $0 == sequence ? 0 : $0 + 100_000 } ?? 0) : value
                    try await raw.execute("UPDATE audit_events SET \(column) = \(RawDatabase.literal(target)) WHERE sequence = \(sequence)")
                    if case .intact = try await store.verifyAudit() { Issue.record("byte \(index) of \(column) in event \(sequence) changed unnoticed") }
                    changes += 1
                    let now = column == "sequence" ? target : String(sequence)
                    try await raw.execute("UPDATE audit_events SET \(column) = \(RawDatabase.literal(original)) WHERE sequence = \(now)")
                }
            }
        }
        #expect(changes > 1000)
        #expect(try await store.verifyAudit() == .intact(events: count, head: head))
        // Each deletion, the last one included.
        for sequence in 1...count {
            let saved = try await columns.asyncMap { column in
                try await raw.texts("SELECT CAST(\(column) AS TEXT) FROM audit_events WHERE sequence = \(sequence)").first ?? nil
            }
            try await raw.execute("DELETE FROM audit_events WHERE sequence = \(sequence)")
            if case .broken(let first, _) = try await store.verifyAudit() {
                #expect(first == Int64(sequence), "the first bad event is the one removed")
            } else {
                Issue.record("deleting event \(sequence) went unnoticed")
            }
            try await raw.execute("INSERT INTO audit_events (\(columns.joined(separator: ", "))) VALUES (\(saved.map(RawDatabase.literal).joined(separator: ", ")))")
        }
        // Each swap of two neighbours.
        let swap = { (sequence: Int) in
            try await raw.execute("UPDATE audit_events SET sequence = -1 WHERE sequence = \(sequence)")
            try await raw.execute("UPDATE audit_events SET sequence = \(sequence) WHERE sequence = \(sequence + 1)")
            try await raw.execute("UPDATE audit_events SET sequence = \(sequence + 1) WHERE sequence = -1")
        }
        for sequence in 1..<count {
            try await swap(sequence)
            if case .broken(let first, _) = try await store.verifyAudit() {
                #expect(first == Int64(sequence))
            } else {
                Issue.record("swapping \(sequence) and \(sequence + 1) went unnoticed")
            }
            try await swap(sequence)
        }
        #expect(try await store.verifyAudit() == .intact(events: count, head: head))
    }

    @Test("Search finds words without their diacritics, within a case, with a snippet", arguments: StoreKind.available)
    func search(kind: StoreKind) async throws {
        let fixture = try await WorkflowFixture(kind)
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

    @Test("Four reviewers on four connections claim 200 items: none twice, none lost", arguments: StoreKind.available)
    func concurrentClaims(kind: StoreKind) async throws {
        let subject = try await StoreUnderTest.make(kind)
        let store = subject.store
        for number in 0..<20 {
            let file = subject.folder.url.appendingPathComponent("d\(number).txt")
            try Data("document \(number)".utf8).write(to: file)
            _ = try await store.submit(DocumentSubmission(
                caseID: CaseID("ZAAK-C")!, originalURL: file, sha256: try FileDigest.sha256(of: file), fileName: file.lastPathComponent,
                format: "pdf", pages: [], proposals: (0..<10).map {
                    ProposedItem(kind: .flag, summary: "item \(number)-\($0)", proposal: "{}", evidence: [], priority: ($0 * 13) % 7)
                }
            ), by: TestAccounts.intake)
        }
        let reopen = subject.reopen
        let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for reviewer in ["anna", "bram", "carla", "dirk"] {
                group.addTask {
                    // Each reviewer has a connection of their own, as separate processes would.
                    let own = try await reopen()
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

extension Array where Element: Sendable {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
