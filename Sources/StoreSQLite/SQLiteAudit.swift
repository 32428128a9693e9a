internal import DossierCore
internal import Foundation
internal import GRDB
internal import Review

/// Appends to and reads the audit trail inside the caller's transaction: an event is written
/// with the change it records, or not at all.
enum SQLiteAuditWriter {
    /// Appends the next event after the recorded head and moves the head to it.
    @discardableResult
    static func append(
        _ db: Database, at date: Date, actor: String, action: AuditAction, caseID: String, itemID: Int64? = nil,
        documentSHA256: String? = nil, beforeHash: String? = nil, afterHash: String? = nil, state: String? = nil,
        versions: String = "{}"
    ) throws -> AuditEvent {
        let head = try head(db)
        let event = AuditEvent.next(
            sequence: (head?.sequence ?? 0) + 1, at: date, actor: actor, action: action, caseID: caseID, itemID: itemID,
            documentSHA256: documentSHA256, beforeHash: beforeHash, afterHash: afterHash, state: state,
            versions: versions, previousHash: head?.hash ?? AuditChain.genesis
        )
        try db.execute(
            sql: """
            INSERT INTO audit_events (sequence, at, actor, action, case_id, item_id, document_sha256, before_hash,
                                      after_hash, state, versions, previous_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            arguments: [event.sequence, event.at, event.actor, event.actionName, event.caseID, event.itemID,
                        event.documentSHA256, event.beforeHash, event.afterHash, event.state, event.versions,
                        event.previousHash, event.hash]
        )
        try db.execute(
            sql: "INSERT INTO audit_head (id, sequence, hash) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash",
            arguments: [event.sequence, event.hash]
        )
        return event
    }

    static func head(_ db: Database) throws -> AuditHead? {
        try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit_head WHERE id = 1").map {
            AuditHead(sequence: $0["sequence"], hash: $0["hash"])
        }
    }

    /// Events as stored, in sequence order.
    static func events(_ db: Database, caseID: String?) throws -> [AuditEvent] {
        let sql = "SELECT * FROM audit_events" + (caseID == nil ? "" : " WHERE case_id = ?") + " ORDER BY sequence"
        let arguments: StatementArguments = caseID.map { [$0] } ?? []
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            AuditEvent(
                sequence: row["sequence"], at: row["at"], actor: row["actor"],
                actionName: row["action"], caseID: row["case_id"], itemID: row["item_id"],
                documentSHA256: row["document_sha256"], beforeHash: row["before_hash"], afterHash: row["after_hash"],
                state: row["state"], versions: row["versions"], previousHash: row["previous_hash"], hash: row["hash"]
            )
        }
    }

    /// For a store upgraded from before the trail: one event per stored document and item (and
    /// per decision already taken), marked as recorded at the upgrade.
    static func recordExistingHistory(_ db: Database) throws {
        let note = #"{"recorded":"at upgrade to the audit trail"}"#
        let documents = try Row.fetchAll(db, sql: "SELECT id, case_id, sha256, added_at FROM documents ORDER BY id")
        for document in documents {
            try append(db, at: document["added_at"], actor: "dossier", action: .intake, caseID: document["case_id"],
                       documentSHA256: document["sha256"], versions: note)
            let items = try Row.fetchAll(db, sql: SQLiteReviewStore.v4ItemSelect + " WHERE i.document_id = ? ORDER BY i.id",
                                         arguments: [document["id"] as Int64]).map(SQLiteReviewStore.decodeItem)
            for item in items {
                let proposed = ReviewItem.contentHash(kind: item.kind, summary: item.summary, proposal: item.proposal,
                                                      evidence: item.evidence, state: .proposed)
                try append(db, at: item.createdAt, actor: "dossier", action: .propose, caseID: item.caseID.rawValue,
                           itemID: item.id, documentSHA256: item.documentSHA256, afterHash: proposed,
                           state: ReviewState.proposed.rawValue, versions: note)
                if let reviewer = item.reviewer, let decidedAt = item.decidedAt, !item.state.isOpen {
                    try append(db, at: decidedAt, actor: reviewer, action: item.state == .rejected ? .reject : .approve,
                               caseID: item.caseID.rawValue, itemID: item.id, documentSHA256: item.documentSHA256,
                               beforeHash: proposed, afterHash: item.contentHash, state: item.state.rawValue, versions: note)
                }
            }
        }
    }
}
