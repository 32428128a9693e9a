public import DossierCore
public import Foundation
public import Review
internal import GRDB

/// The embedded review store: one SQLite database in WAL mode plus a folder of originals.
///
/// Layout of the store folder:
/// - `dossier.sqlite`: cases, documents, pages, review items (schema in ``SQLiteSchema``).
/// - `originals/ab/abcdef…`: every original, byte for byte, named by its SHA-256.
///
/// Every submission is one transaction. Originals are written (to a temporary name, then
/// renamed) before the transaction commits; an original without rows after a crash is harmless
/// and is reused by the next intake of the same bytes.
public final class SQLiteReviewStore: ReviewStore {
    /// The store folder.
    public let directory: URL
    private let database: DatabasePool
    let clock: @Sendable () -> Date

    /// Opens (creating if needed) the store in `directory` and migrates it to the current schema.
    public init(directory: URL, clock: @escaping @Sendable () -> Date = Date.init) throws(ReviewStoreError) {
        self.directory = directory
        self.clock = clock
        do {
            let originals = directory.appendingPathComponent("originals")
            try PrivateFiles.makeFolder(originals)
            // Copies that an intake killed mid-way left behind (their process is gone).
            for shard in (try? FileManager.default.contentsOfDirectory(atPath: originals.path)) ?? [] {
                ScratchName.clearAbandoned(in: originals.appendingPathComponent(shard), prefix: Self.incomingPrefix)
            }
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(30)
            let file = directory.appendingPathComponent("dossier.sqlite")
            // A new database starts as a 0600 file: SQLite gives its -wal and -shm files the same mode.
            try PrivateFiles.touch(file)
            database = try DatabasePool(path: file.path, configuration: configuration)
            try SQLiteSchema.migrator.migrate(database)
        } catch {
            throw .storage("cannot open the store at \(directory.path): \(Self.describe(error))")
        }
    }

    /// The schema version the database is at (the last applied migration).
    public func appliedMigrations() throws -> [String] {
        try database.read { db in try SQLiteSchema.migrator.appliedMigrations(db) }
    }

    public func submit(_ submission: DocumentSubmission, by actor: String) async throws(ReviewStoreError) -> SubmissionOutcome {
        // Checked before copying the original (cheap: no pages are read), and again inside the
        // transaction in case another intake stored the same bytes meanwhile.
        if let existing = try await read({ db in
            try Self.actingAccount(db, actor).require(.takeIn)
            return try Self.existingFileName(db, caseID: submission.caseID, sha256: submission.sha256)
        }) {
            return .duplicate(existingFileName: existing)
        }
        let byteCount = try storeOriginal(submission.originalURL, sha256: submission.sha256)
        if let rendition = submission.rendition { _ = try storeOriginal(rendition.url, sha256: rendition.sha256) }
        let now = clock()
        return try await write { db in
            try Self.actingAccount(db, actor).require(.takeIn)
            try db.execute(
                sql: "INSERT INTO cases (id, created_at) VALUES (?, ?) ON CONFLICT(id) DO NOTHING",
                arguments: [submission.caseID.rawValue, now]
            )
            if let name = try Self.existingFileName(db, caseID: submission.caseID, sha256: submission.sha256) {
                return .duplicate(existingFileName: name)
            }
            var parentID: Int64?
            if let origin = submission.origin {
                parentID = try Int64.fetchOne(db, sql: "SELECT id FROM documents WHERE case_id = ? AND sha256 = ?",
                                              arguments: [submission.caseID.rawValue, origin.parentSHA256])
                guard parentID != nil else { throw ReviewStoreError.storage("the message or archive it came from is not stored") }
            }
            try db.execute(
                sql: """
                INSERT INTO documents (case_id, sha256, file_name, format, byte_count, added_at,
                                       transcription_settings, parent_id, member_index, member_name, rendition_sha256)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                arguments: [submission.caseID.rawValue, submission.sha256, submission.fileName,
                            submission.format, byteCount, now, submission.transcriptionSettings,
                            parentID, submission.origin?.position, submission.origin?.name, submission.rendition?.sha256]
            )
            let documentID = db.lastInsertedRowID
            for page in submission.pages {
                try db.execute(
                    sql: """
                    INSERT INTO pages (document_id, number, method, text, confidence, corrections,
                                       decision, text_layer_score, layout, needs_language, script, language)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    arguments: [documentID, page.number, page.method.rawValue, page.text, page.confidence,
                                try page.corrections.map(Self.encodeJSON), page.decision?.rawValue,
                                page.textLayerScore, try page.layout.map(Self.encodeJSON), page.needsLanguage,
                                page.script, page.language]
                )
            }
            for page in submission.pages {
                try db.execute(sql: "INSERT INTO page_search (text, document_id, page) VALUES (?, ?, ?)",
                               arguments: [page.text, documentID, page.number])
            }
            try SQLiteAuditWriter.append(
                db, at: now, actor: actor, action: .intake, caseID: submission.caseID.rawValue,
                documentSHA256: submission.sha256, versions: submission.transcriptionSettings.isEmpty
                    ? "{}" : Self.jsonObject(["transcription": submission.transcriptionSettings])
            )
            let itemIDs = try Self.insert(submission.proposals, caseID: submission.caseID.rawValue, documentID: documentID, now: now, db: db)
            return .stored(documentID: documentID, itemIDs: itemIDs)
        }
    }

    private static func insert(
        _ proposals: [ProposedItem], caseID: String, documentID: Int64?, now: Date, db: Database, reproposedFrom: Int64? = nil,
        actor: String = AccountRules.machineActor
    ) throws -> [Int64] {
        var itemIDs: [Int64] = []
        for proposal in proposals {
            // An item about the whole case is stored without a document.
            try db.execute(
                sql: """
                INSERT INTO review_items (case_id, document_id, kind, summary, proposal, evidence, created_at, priority, versions,
                                          reproposed_from)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                arguments: [caseID, proposal.scope == .case ? nil : documentID, proposal.kind.rawValue, proposal.summary, proposal.proposal,
                            try encodeEvidence(proposal.evidence), now, proposal.priority, proposal.versions, reproposedFrom]
            )
            let id = db.lastInsertedRowID
            itemIDs.append(id)
            guard let item = try fetchItem(db, id) else { continue }
            try SQLiteAuditWriter.append(
                db, at: now, actor: actor, action: reproposedFrom == nil ? .propose : .repropose, caseID: item.caseID.rawValue,
                itemID: id, documentSHA256: item.documentSHA256, afterHash: item.contentHash, state: item.state.rawValue,
                versions: proposal.versions
            )
        }
        return itemIDs
    }

    private static func fetchItem(_ db: Database, _ id: Int64) throws -> ReviewItem? {
        try Row.fetchOne(db, sql: itemSelect + " WHERE i.id = ?", arguments: [id]).map(decodeItem)
    }

    static func jsonObject(_ fields: [String: String]) -> String {
        (try? encodeJSON(fields)) ?? "{}"
    }

    public func propose(_ proposals: [ProposedItem], document sha256: String, in caseID: CaseID, by actor: String) async throws(ReviewStoreError) -> [Int64] {
        let now = clock()
        return try await write { db in
            try Self.actingAccount(db, actor).require(.takeIn)
            guard let documentID = try Int64.fetchOne(
                db, sql: "SELECT id FROM documents WHERE case_id = ? AND sha256 = ?", arguments: [caseID.rawValue, sha256]
            ) else { throw ReviewStoreError.noSuchDocument(caseID: caseID) }
            // A proposal the case already has (on any document, in any state) is not made twice.
            let fresh = try proposals.filter { proposal in
                try !Bool.fetchOne(db, sql: """
                    SELECT EXISTS (SELECT 1 FROM review_items i WHERE i.case_id = ? AND i.kind = ? AND i.summary = ?)
                    """, arguments: [caseID.rawValue, proposal.kind.rawValue, proposal.summary])!
            }
            return try Self.insert(fresh, caseID: caseID.rawValue, documentID: documentID, now: now, db: db)
        }
    }

    public func item(_ id: Int64) async throws(ReviewStoreError) -> ReviewItem? {
        try await read { db in try Self.fetchItem(db, id) }
    }

    public func items(_ filter: ReviewItemFilter) async throws(ReviewStoreError) -> [ReviewItem] {
        let (whereClause, arguments) = Self.clauses(filter, now: clock())
        var sql = Self.itemSelect + whereClause + (filter.queueOrder ? " ORDER BY i.priority DESC, i.id" : " ORDER BY i.id")
        if let limit = filter.limit { sql += " LIMIT \(max(0, limit))" }
        let query = sql
        return try await read { db in try Row.fetchAll(db, sql: query, arguments: arguments).map(Self.decodeItem) }
    }

    public func countItems(_ filter: ReviewItemFilter) async throws(ReviewStoreError) -> Int {
        let (whereClause, arguments) = Self.clauses(filter, now: clock())
        return try await read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM review_items i" + whereClause,
                             arguments: arguments) ?? 0
        }
    }

    public func caseIDs() async throws(ReviewStoreError) -> [CaseID] {
        try await read { db in try String.fetchAll(db, sql: "SELECT id FROM cases ORDER BY id").compactMap(CaseID.init) }
    }

    public func stateCounts(in caseID: CaseID?) async throws(ReviewStoreError) -> [ReviewState: Int] {
        try await read { db in
            var counts: [ReviewState: Int] = [:]
            let sql = "SELECT i.state, count(*) AS n FROM review_items i"
                + (caseID == nil ? "" : " WHERE i.case_id = ?") + " GROUP BY i.state"
            for row in try Row.fetchAll(db, sql: sql, arguments: caseID.map { [$0.rawValue] } ?? []) {
                if let state = ReviewState(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            return counts
        }
    }

    /// The WHERE clause of a filter, with its arguments.
    private static func clauses(_ filter: ReviewItemFilter, now: Date) -> (String, StatementArguments) {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if let caseID = filter.caseID {
            clauses.append("i.case_id = ?")
            arguments += [caseID.rawValue]
        }
        if let state = filter.state {
            clauses.append("i.state = ?")
            arguments += [state.rawValue]
        }
        if filter.openOnly { clauses.append("i.state IN ('proposed', 'edited')") }
        if let kind = filter.kind {
            clauses.append("i.kind = ?")
            arguments += [kind.rawValue]
        }
        if let prefix = filter.summaryPrefix {
            clauses.append("substr(i.summary, 1, ?) = ?")
            arguments += [prefix.count, prefix]
        }
        if let claimed = filter.claimed {
            clauses.append(claimed ? "(i.claimed_until > ?)" : "(i.claimed_until IS NULL OR i.claimed_until <= ?)")
            arguments += [now]
        }
        return (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND "), arguments)
    }

    public func act(_ id: Int64, _ action: ReviewAction, by actor: String) async throws(ReviewStoreError) -> ReviewItem {
        let now = clock()
        return try await write { db in
            let account = try Self.actingAccount(db, actor)
            guard let item = try Self.fetchItem(db, id) else { throw ReviewStoreError.noSuchItem(id) }
            let change = try ReviewWorkflow.change(action, on: item, by: account, at: now, policy: try Self.policy(db))
            return try Self.apply(change, to: item, db: db)
        }
    }

    public func claimNext(by actor: String, in caseID: CaseID?, lease: TimeInterval) async throws(ReviewStoreError) -> ReviewItem? {
        let now = clock()
        return try await write { db in
            let account = try Self.actingAccount(db, actor)
            try account.require(.claim)
            let policy = try Self.policy(db)
            var sql = Self.itemSelect + """
                 WHERE i.state IN ('proposed', 'edited')
                   AND (i.claimed_until IS NULL OR i.claimed_until <= ? OR i.claimed_by = ?)
                """
            var arguments: StatementArguments = [now, actor]
            if let caseID {
                sql += " AND i.case_id = ?"
                arguments += [caseID.rawValue]
            }
            sql += " ORDER BY i.priority DESC, i.id"
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try cursor.next() {
                let item = try Self.decodeItem(row)
                guard let change = try ReviewWorkflow.nextClaim(on: item, by: account, lease: lease, at: now, policy: policy) else { continue }
                return try Self.apply(change, to: item, db: db)
            }
            return nil
        }
    }

    public func repropose(_ id: Int64, by actor: String) async throws(ReviewStoreError) -> ReviewItem {
        let now = clock()
        return try await write { db in
            let account = try Self.actingAccount(db, actor)
            guard let item = try Self.fetchItem(db, id),
                  let row = try Row.fetchOne(db, sql: "SELECT document_id FROM review_items WHERE id = ?", arguments: [id])
            else { throw ReviewStoreError.noSuchItem(id) }
            let proposal = try ReviewWorkflow.repropose(item, by: account)
            let ids = try Self.insert([proposal], caseID: item.caseID.rawValue, documentID: row["document_id"], now: now, db: db,
                                      reproposedFrom: id, actor: actor)
            guard let newID = ids.first, let created = try Self.fetchItem(db, newID) else { throw ReviewStoreError.noSuchItem(id) }
            return created
        }
    }

    public func markFiled(_ ids: [Int64], by actor: String) async throws(ReviewStoreError) {
        try await record(ids, by: actor, ReviewWorkflow.file)
    }

    public func markCopied(_ ids: [Int64], by actor: String) async throws(ReviewStoreError) {
        try await record(ids, by: actor, ReviewWorkflow.redactedCopy)
    }

    /// What an export did with approved items (filed them, copied them), item by item in one
    /// transaction, as the workflow's `change` for each says.
    private func record(
        _ ids: [Int64], by actor: String,
        _ change: @escaping @Sendable (ReviewItem, Account, Date) throws(ReviewStoreError) -> ItemChange
    ) async throws(ReviewStoreError) {
        let now = clock()
        try await write { db in
            let account = try Self.actingAccount(db, actor)
            for id in ids {
                guard let item = try Self.fetchItem(db, id) else { throw ReviewStoreError.noSuchItem(id) }
                _ = try Self.apply(try change(item, account, now), to: item, db: db)
            }
        }
    }

    /// Writes what the workflow decided: the edit row, the item's row and the audit event.
    private static func apply(_ change: ItemChange, to item: ReviewItem, db: Database) throws -> ReviewItem {
        if change.changesRow {
            var editID: Int64?
            if let draft = change.edit {
                try db.execute(
                    sql: """
                    INSERT INTO item_edits (item_id, editor, edited_at, summary, proposal, evidence, diff)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                    arguments: [item.id, change.actor, change.at, draft.summary, draft.proposal, try encodeEvidence(draft.evidence), draft.diff]
                )
                editID = db.lastInsertedRowID
            }
            try db.execute(
                sql: """
                UPDATE review_items SET state = ?, claimed_by = ?, claimed_until = ?, edit_id = coalesce(?, edit_id),
                       reviewer = coalesce(?, reviewer), decided_at = coalesce(?, decided_at), reason = coalesce(?, reason)
                WHERE id = ?
                """,
                arguments: [change.state.rawValue, change.claim?.reviewer, change.claim?.until, editID, change.decision?.reviewer,
                            change.decision?.at, change.decision?.reason, item.id]
            )
        }
        guard let after = try fetchItem(db, item.id) else { throw ReviewStoreError.noSuchItem(item.id) }
        try SQLiteAuditWriter.append(
            db, at: change.at, actor: change.actor, action: change.action, caseID: item.caseID.rawValue, itemID: item.id,
            documentSHA256: item.documentSHA256, beforeHash: item.contentHash, afterHash: after.contentHash,
            state: after.state.rawValue, versions: item.versions
        )
        return after
    }

    public func fourEyesPolicy() async throws(ReviewStoreError) -> FourEyesPolicy {
        try await read { db in try Self.policy(db) }
    }

    public func setFourEyesPolicy(_ policy: FourEyesPolicy, by actor: String) async throws(ReviewStoreError) {
        let now = clock()
        try await write { db in
            try Self.actingAccount(db, actor).require(.setPolicy)
            let json = try Self.encodeJSON(policy)
            try db.execute(
                sql: "INSERT INTO settings (key, value) VALUES ('four-eyes', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: [json]
            )
            try SQLiteAuditWriter.append(db, at: now, actor: actor, action: .policy, caseID: "-", versions: json)
        }
    }

    static func policy(_ db: Database) throws -> FourEyesPolicy {
        guard let json = try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'four-eyes'") else { return .standard }
        return (try? JSONDecoder().decode(FourEyesPolicy.self, from: Data(json.utf8))) ?? .standard
    }

    public func auditEvents(caseID: CaseID?) async throws(ReviewStoreError) -> [AuditEvent] {
        try await read { db in try SQLiteAuditWriter.events(db, caseID: caseID?.rawValue) }
    }

    public func verifyAudit() async throws(ReviewStoreError) -> AuditVerification {
        try await read { db in
            AuditChain.verify(try SQLiteAuditWriter.events(db, caseID: nil), head: try SQLiteAuditWriter.head(db))
        }
    }

    public func search(_ query: String, in caseID: CaseID?, limit: Int) async throws(ReviewStoreError) -> [SearchHit] {
        guard let match = SearchQuery.ftsMatch(query) else { return [] }
        return try await read { db in
            var sql = """
                SELECT d.case_id, d.sha256, d.file_name, s.page,
                       snippet(page_search, 0, '[', ']', '…', 14) AS snippet
                FROM page_search s JOIN documents d ON d.id = s.document_id
                WHERE page_search MATCH ?
                """
            var arguments: StatementArguments = [match]
            if let caseID {
                sql += " AND d.case_id = ?"
                arguments += [caseID.rawValue]
            }
            sql += " ORDER BY rank, d.id, s.page LIMIT ?"
            arguments += [max(1, limit)]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row in
                CaseID(row["case_id"] as String).map {
                    SearchHit(caseID: $0, documentSHA256: row["sha256"], fileName: row["file_name"], page: row["page"],
                              snippet: (row["snippet"] as String).split(whereSeparator: \.isNewline).joined(separator: " "))
                }
            }
        }
    }

    public func documents(in caseID: CaseID) async throws(ReviewStoreError) -> [StoredDocument] {
        try await read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM documents WHERE case_id = ? ORDER BY id", arguments: [caseID.rawValue]
            )
            return try rows.map { try Self.decodeDocument($0, db: db) }
        }
    }

    public func document(sha256: String, in caseID: CaseID) async throws(ReviewStoreError) -> StoredDocument? {
        try await read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM documents WHERE case_id = ? AND sha256 = ?",
                arguments: [caseID.rawValue, sha256]
            ).map { try Self.decodeDocument($0, db: db) }
        }
    }

    public func reusableTranscript(sha256: String, settings: String) async throws(ReviewStoreError) -> [PageTranscript]? {
        guard !settings.isEmpty else { return nil }
        return try await read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM documents WHERE sha256 = ? AND transcription_settings = ? ORDER BY id LIMIT 1",
                arguments: [sha256, settings]
            ).map { try Self.decodeDocument($0, db: db).pages }
        }
    }

    public func originalURL(sha256: String) async throws(ReviewStoreError) -> URL {
        let url = originalLocation(sha256)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw .storage("the original \(sha256.prefix(12))… is missing from the store")
        }
        return url
    }

    // MARK: - Originals

    private func originalLocation(_ sha256: String) -> URL {
        directory.appendingPathComponent("originals")
            .appendingPathComponent(String(sha256.prefix(2)))
            .appendingPathComponent(sha256)
    }

    /// Copies the original into the store under its hash, checking the copy's hash.
    /// Scratch copies of originals on their way into the store.
    private static let incomingPrefix = ".incoming"

    private func storeOriginal(_ source: URL, sha256: String) throws(ReviewStoreError) -> Int64 {
        let target = originalLocation(sha256)
        let manager = FileManager.default
        do {
            if manager.fileExists(atPath: target.path) {
                if try FileDigest.sha256(of: target) == sha256 {
                    return Int64(try manager.attributesOfItem(atPath: target.path)[.size] as? Int ?? 0)
                }
                try manager.removeItem(at: target)
            }
            try PrivateFiles.makeFolder(target.deletingLastPathComponent())
            let temporary = target.deletingLastPathComponent().appendingPathComponent(ScratchName.make(Self.incomingPrefix))
            defer { try? manager.removeItem(at: temporary) }
            // A symbolic link is copied as the file it points to, never as a link.
            try manager.copyItem(at: source.resolvingSymlinksInPath(), to: temporary)
            // The file may have changed since it was hashed: the copy must be what was hashed.
            guard try FileDigest.sha256(of: temporary) == sha256 else {
                throw ReviewStoreError.storage("the file changed while it was being taken in")
            }
            try PrivateFiles.restrict(temporary, mode: 0o400)
            try Self.syncFile(temporary)
            if rename(temporary.path, target.path) != 0 {
                throw ReviewStoreError.storage("cannot place the original in the store (errno \(errno))")
            }
            return Int64(try manager.attributesOfItem(atPath: target.path)[.size] as? Int ?? 0)
        } catch let error as ReviewStoreError {
            throw error
        } catch {
            throw .storage("cannot copy the original into the store: \(Self.describe(error))")
        }
    }

    private static func syncFile(_ url: URL) throws {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        try handle.synchronize()
    }

    // MARK: - Reading rows

    /// The file name under which `sha256` is already stored in `caseID`, if it is.
    private static func existingFileName(_ db: Database, caseID: CaseID, sha256: String) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT file_name FROM documents WHERE case_id = ? AND sha256 = ?",
            arguments: [caseID.rawValue, sha256]
        )
    }

    /// Items with their document (none for items about the whole case) and reviewer's version.
    static let itemSelect = """
        SELECT i.*, d.sha256, d.file_name, e.editor AS edit_editor, e.edited_at AS edit_at,
               e.summary AS edit_summary, e.proposal AS edit_proposal, e.evidence AS edit_evidence, e.diff AS edit_diff
        FROM review_items i
        LEFT JOIN documents d ON d.id = i.document_id
        LEFT JOIN item_edits e ON e.id = i.edit_id
        """

    /// The same for the schema of v4 and v5 (items had no case id of their own), for the v4
    /// migration's record of earlier history.
    static let v4ItemSelect = """
        SELECT i.*, d.case_id, d.sha256, d.file_name, e.editor AS edit_editor, e.edited_at AS edit_at,
               e.summary AS edit_summary, e.proposal AS edit_proposal, e.evidence AS edit_evidence, e.diff AS edit_diff
        FROM review_items i
        JOIN documents d ON d.id = i.document_id
        LEFT JOIN item_edits e ON e.id = i.edit_id
        """

    static func decodeItem(_ row: Row) throws -> ReviewItem {
        guard let caseID = CaseID(row["case_id"] as String),
              let kind = ReviewItemKind(rawValue: row["kind"]),
              let state = ReviewState(rawValue: row["state"])
        else { throw ReviewStoreError.storage("a review item row holds values this version does not know") }
        let evidenceJSON: String = row["evidence"]
        let evidence = try JSONDecoder().decode([Evidence].self, from: Data(evidenceJSON.utf8))
        var edit: ReviewEdit?
        if let editor: String = row["edit_editor"] {
            let editEvidence: String = row["edit_evidence"]
            edit = ReviewEdit(
                editor: editor, editedAt: row["edit_at"], summary: row["edit_summary"], proposal: row["edit_proposal"],
                evidence: try JSONDecoder().decode([Evidence].self, from: Data(editEvidence.utf8)), diff: row["edit_diff"]
            )
        }
        var claim: ReviewClaim?
        if let reviewer: String = row["claimed_by"], let until: Date = row["claimed_until"] {
            claim = ReviewClaim(reviewer: reviewer, until: until)
        }
        return ReviewItem(
            id: row["id"], caseID: caseID, documentSHA256: row["sha256"], fileName: row["file_name"],
            kind: kind, summary: row["summary"], proposal: row["proposal"], evidence: evidence, state: state,
            reviewer: row["reviewer"], decidedAt: row["decided_at"], reason: row["reason"], createdAt: row["created_at"],
            priority: row["priority"], claim: claim, edit: edit, reproposedFrom: row["reproposed_from"],
            versions: row["versions"]
        )
    }

    private static func decodeDocument(_ row: Row, db: Database) throws -> StoredDocument {
        guard let caseID = CaseID(row["case_id"] as String) else {
            throw ReviewStoreError.storage("a document row holds an invalid case id")
        }
        let id: Int64 = row["id"]
        let pages = try Row.fetchAll(
            db, sql: """
                SELECT number, method, text, confidence, corrections, decision, text_layer_score, layout,
                       needs_language, script, language
                FROM pages WHERE document_id = ? ORDER BY number
                """,
            arguments: [id]
        ).map { page in
            let corrections: String? = page["corrections"]
            let layout: String? = page["layout"]
            return PageTranscript(
                number: page["number"], method: TranscriptionMethod(rawValue: page["method"]) ?? .ocr,
                text: page["text"], confidence: page["confidence"],
                corrections: try corrections.map { try JSONDecoder().decode(PageCorrections.self, from: Data($0.utf8)) },
                decision: (page["decision"] as String?).flatMap(PageDecision.init(rawValue:)),
                textLayerScore: page["text_layer_score"],
                layout: try layout.map { try JSONDecoder().decode(PageLayout.self, from: Data($0.utf8)) },
                needsLanguage: page["needs_language"], script: page["script"], language: page["language"]
            )
        }
        var origin: DocumentOrigin?
        if let parentID = row["parent_id"] as Int64?,
           let parent = try Row.fetchOne(db, sql: "SELECT sha256, file_name FROM documents WHERE id = ?", arguments: [parentID]) {
            origin = DocumentOrigin(parentSHA256: parent["sha256"], parentFileName: parent["file_name"],
                                    position: row["member_index"] ?? 1, name: row["member_name"] ?? "")
        }
        return StoredDocument(
            id: id, caseID: caseID, sha256: row["sha256"], fileName: row["file_name"], format: row["format"],
            byteCount: row["byte_count"], addedAt: row["added_at"], pages: pages, origin: origin,
            renditionSHA256: row["rendition_sha256"]
        )
    }

    static func encodeEvidence(_ evidence: [Evidence]) throws -> String {
        try encodeJSON(evidence)
    }

    static func encodeJSON(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    // MARK: - Transactions

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(ReviewStoreError) -> T {
        do {
            return try await database.read(body)
        } catch {
            throw Self.map(error)
        }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(ReviewStoreError) -> T {
        do {
            return try await database.write(body)
        } catch {
            throw Self.map(error)
        }
    }

    private static func map(_ error: any Error) -> ReviewStoreError {
        if let error = error as? ReviewStoreError { return error }
        return .storage(describe(error))
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return "SQLite error \(error.resultCode.rawValue): \(error.message ?? "unknown")"
        }
        return String(describing: type(of: error))
    }
}
