public import DossierCore
public import Foundation
internal import Logging
internal import PostgresNIO
public import Review

/// The review store on a PostgreSQL server, for a team sharing one queue and intake running
/// on several machines.
///
/// Everything lives in the database, originals too (`originals.bytes`), so any machine that
/// reaches the server sees the same store. Each operation is one transaction. Claims take the
/// most urgent free item with `FOR UPDATE SKIP LOCKED`, so reviewers never wait on each other
/// and never get the same item; audit events are numbered under a lock on the trail's head
/// row. The rules (claims, four-eyes) are ``ReviewWorkflow``'s, as for SQLite.
public final class PostgresReviewStore: ReviewStore {
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    let clock: @Sendable () -> Date
    private let logger = Logger(label: "dossier.store.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    /// Where originals are written when a caller needs them as files.
    private let cache: URL
    /// The location without its password, for messages.
    public let displayLocation: String

    /// Connects to the server at `url` (`postgres://user[:password]@host[:port]/database`,
    /// `?host=/socket/folder` for a Unix socket, `?sslmode=require` for TLS) and brings the
    /// schema up to date.
    public convenience init(url: String, clock: @escaping @Sendable () -> Date = Date.init) async throws(ReviewStoreError) {
        try await self.init(url: url, clock: clock, migratingUpTo: nil)
    }

    /// Connects and applies the migrations up to and including `last` (all when `nil`): tests
    /// make a store of an earlier version this way, to see it upgraded.
    init(url: String, clock: @escaping @Sendable () -> Date, migratingUpTo last: String?) async throws(ReviewStoreError) {
        let location = try PostgresLocation(url)
        displayLocation = location.display
        client = PostgresClient(configuration: location.configuration)
        let client = self.client
        runner = Task { await client.run() }
        self.clock = clock
        cache = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-originals-\(getuid())")
        do {
            try await migrate(upTo: last)
        } catch {
            runner.cancel()
            throw Self.map(error, location: location.display)
        }
    }

    deinit { runner.cancel() }

    /// The migrations applied, in order.
    public func appliedMigrations() async throws(ReviewStoreError) -> [String] {
        try await transaction { connection in
            try await Self.rows(connection, "SELECT name FROM schema_migrations ORDER BY name").map { try $0.decode(String.self) }
        }
    }

    private func migrate(upTo last: String?) async throws {
        try await client.withTransaction(logger: logger) { connection in
            // One process migrates at a time; the others wait and then find nothing to do.
            try await connection.query("SELECT pg_advisory_xact_lock(726153)", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL)",
                logger: logger
            )
            var applied = Set<String>()
            for try await name in try await connection.query("SELECT name FROM schema_migrations", logger: logger).decode(String.self) {
                applied.insert(name)
            }
            let wanted = last.flatMap { name in PostgresSchema.migrations.firstIndex { $0.name == name } }
                .map { Array(PostgresSchema.migrations[...$0]) } ?? PostgresSchema.migrations
            for migration in wanted where !applied.contains(migration.name) {
                for statement in PostgresSchema.statements(migration.sql) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO schema_migrations (name, applied_at) VALUES (\(migration.name), now())", logger: logger)
            }
        }
    }

    // MARK: - Documents

    public func submit(_ submission: DocumentSubmission, by actor: String) async throws(ReviewStoreError) -> SubmissionOutcome {
        let bytes: Data
        do { bytes = try Data(contentsOf: submission.originalURL) } catch {
            throw .storage("cannot read the original for the store")
        }
        guard FileDigest.sha256(of: bytes) == submission.sha256 else {
            throw .storage("the file changed while it was being taken in")
        }
        var renditionBytes: Data?
        if let rendition = submission.rendition {
            do { renditionBytes = try Data(contentsOf: rendition.url) } catch { throw .storage("cannot read the rendition for the store") }
            guard FileDigest.sha256(of: renditionBytes!) == rendition.sha256 else { throw .storage("the rendition changed while it was being stored") }
        }
        let now = clock()
        return try await transaction { connection in
            try await Self.actingAccount(connection, actor).require(.takeIn)
            let caseID = submission.caseID.rawValue
            try await Self.run(connection, "INSERT INTO cases (id, created_at) VALUES (\(caseID), \(now)) ON CONFLICT (id) DO NOTHING")
            // Two intake workers with the same file: the unique key lets one in, the other
            // finds it here (or fails on the key and its transaction rolls back).
            try await Self.run(connection, "SELECT pg_advisory_xact_lock(hashtext(\(caseID + "/" + submission.sha256)))")
            if let existing = try await Self.rows(
                connection, "SELECT file_name FROM documents WHERE case_id = \(caseID) AND sha256 = \(submission.sha256)"
            ).first {
                return .duplicate(existingFileName: try existing.decode(String.self))
            }
            try await Self.run(connection, "INSERT INTO originals (sha256, bytes) VALUES (\(submission.sha256), \(ByteBuffer(data: bytes))) ON CONFLICT (sha256) DO NOTHING")
            if let rendition = submission.rendition, let renditionBytes {
                try await Self.run(connection, "INSERT INTO originals (sha256, bytes) VALUES (\(rendition.sha256), \(ByteBuffer(data: renditionBytes))) ON CONFLICT (sha256) DO NOTHING")
            }
            var parentID: Int64?
            if let origin = submission.origin {
                parentID = try await Self.rows(
                    connection, "SELECT id FROM documents WHERE case_id = \(caseID) AND sha256 = \(origin.parentSHA256)"
                ).first?.decode(Int64.self)
                guard parentID != nil else { throw ReviewStoreError.storage("the message or archive it came from is not stored") }
            }
            let position = submission.origin.map { Int32(clamping: $0.position) }
            let inserted = try await Self.rows(connection, """
                INSERT INTO documents (case_id, sha256, file_name, format, byte_count, added_at, transcription_settings,
                                       parent_id, member_index, member_name, rendition_sha256)
                VALUES (\(caseID), \(submission.sha256), \(submission.fileName), \(submission.format), \(Int64(bytes.count)),
                        \(now), \(submission.transcriptionSettings), \(parentID), \(position), \(submission.origin?.name),
                        \(submission.rendition?.sha256))
                RETURNING id
                """)
            guard let documentID = try inserted.first?.decode(Int64.self) else { throw ReviewStoreError.storage("no document id") }
            for page in submission.pages {
                let corrections = try page.corrections.map(Self.encodeJSON)
                let layout = try page.layout.map(Self.encodeJSON)
                try await Self.run(connection, """
                    INSERT INTO pages (document_id, number, method, text, confidence, corrections, decision, text_layer_score,
                                       layout, needs_language, script, language)
                    VALUES (\(documentID), \(page.number), \(page.method.rawValue), \(page.text), \(page.confidence), \(corrections),
                            \(page.decision?.rawValue), \(page.textLayerScore), \(layout), \(page.needsLanguage),
                            \(page.script), \(page.language))
                    """)
            }
            try await self.appendEvent(
                connection, at: now, actor: actor, action: .intake, caseID: caseID, documentSHA256: submission.sha256,
                versions: submission.transcriptionSettings.isEmpty ? "{}" : try Self.encodeJSON(["transcription": submission.transcriptionSettings])
            )
            let ids = try await self.insert(submission.proposals, caseID: caseID, documentID: documentID, now: now, connection: connection)
            return .stored(documentID: documentID, itemIDs: ids)
        }
    }

    private func insert(
        _ proposals: [ProposedItem], caseID: String, documentID: Int64?, now: Date, connection: PostgresConnection,
        reproposedFrom: Int64? = nil, actor: String = AccountRules.machineActor
    ) async throws -> [Int64] {
        var ids: [Int64] = []
        for proposal in proposals {
            let evidence = try Self.encodeJSON(proposal.evidence)
            // An item about the whole case is stored without a document.
            let document = proposal.scope == .case ? nil : documentID
            let rows = try await Self.rows(connection, """
                INSERT INTO review_items (case_id, document_id, kind, summary, proposal, evidence, created_at, priority, versions, reproposed_from)
                VALUES (\(caseID), \(document), \(proposal.kind.rawValue), \(proposal.summary), \(proposal.proposal), \(evidence), \(now),
                        \(proposal.priority), \(proposal.versions), \(reproposedFrom))
                RETURNING id
                """)
            guard let id = try rows.first?.decode(Int64.self), let item = try await Self.fetchItem(connection, id) else { continue }
            ids.append(id)
            try await appendEvent(
                connection, at: now, actor: actor, action: reproposedFrom == nil ? .propose : .repropose, caseID: item.caseID.rawValue,
                itemID: id, documentSHA256: item.documentSHA256, afterHash: item.contentHash, state: item.state.rawValue,
                versions: proposal.versions
            )
        }
        return ids
    }

    public func propose(_ proposals: [ProposedItem], document sha256: String, in caseID: CaseID, by actor: String) async throws(ReviewStoreError) -> [Int64] {
        let now = clock()
        return try await transaction { connection in
            try await Self.actingAccount(connection, actor).require(.takeIn)
            guard let documentID = try await Self.rows(
                connection, "SELECT id FROM documents WHERE case_id = \(caseID.rawValue) AND sha256 = \(sha256)"
            ).first?.decode(Int64.self) else { throw ReviewStoreError.noSuchDocument(caseID: caseID) }
            try await Self.run(connection, "SELECT pg_advisory_xact_lock(hashtext(\("propose/" + caseID.rawValue)))")
            var fresh: [ProposedItem] = []
            for proposal in proposals {
                let exists = try await Self.rows(connection, """
                    SELECT 1 FROM review_items i
                    WHERE i.case_id = \(caseID.rawValue) AND i.kind = \(proposal.kind.rawValue) AND i.summary = \(proposal.summary) LIMIT 1
                    """)
                if exists.isEmpty { fresh.append(proposal) }
            }
            return try await self.insert(fresh, caseID: caseID.rawValue, documentID: documentID, now: now, connection: connection)
        }
    }

    public func documents(in caseID: CaseID) async throws(ReviewStoreError) -> [StoredDocument] {
        try await transaction { connection in
            var documents: [StoredDocument] = []
            for row in try await Self.rows(connection, "SELECT * FROM documents WHERE case_id = \(caseID.rawValue) ORDER BY id") {
                documents.append(try await Self.decodeDocument(row.makeRandomAccess(), connection: connection))
            }
            return documents
        }
    }

    public func document(sha256: String, in caseID: CaseID) async throws(ReviewStoreError) -> StoredDocument? {
        try await transaction { connection in
            guard let row = try await Self.rows(
                connection, "SELECT * FROM documents WHERE case_id = \(caseID.rawValue) AND sha256 = \(sha256)"
            ).first else { return nil }
            return try await Self.decodeDocument(row.makeRandomAccess(), connection: connection)
        }
    }

    public func reusableTranscript(sha256: String, settings: String) async throws(ReviewStoreError) -> [PageTranscript]? {
        guard !settings.isEmpty else { return nil }
        return try await transaction { connection in
            guard let row = try await Self.rows(connection, """
                SELECT * FROM documents WHERE sha256 = \(sha256) AND transcription_settings = \(settings) ORDER BY id LIMIT 1
                """).first else { return nil }
            return try await Self.decodeDocument(row.makeRandomAccess(), connection: connection).pages
        }
    }

    public func originalURL(sha256: String) async throws(ReviewStoreError) -> URL {
        let target = cache.appendingPathComponent(sha256)
        if let existing = try? FileDigest.sha256(of: target), existing == sha256 { return target }
        let bytes: Data? = try await transaction { connection in
            try await Self.rows(connection, "SELECT bytes FROM originals WHERE sha256 = \(sha256)").first
                .map { Data(buffer: try $0.decode(ByteBuffer.self)) }
        }
        guard let bytes, FileDigest.sha256(of: bytes) == sha256 else {
            throw .storage("the original \(sha256.prefix(12))… is missing from the store")
        }
        do {
            try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let temporary = cache.appendingPathComponent(".incoming-\(UUID().uuidString)")
            guard FileManager.default.createFile(atPath: temporary.path, contents: bytes, attributes: [.posixPermissions: 0o400]) else {
                throw ReviewStoreError.storage("cannot write a copy of the original")
            }
            if rename(temporary.path, target.path) != 0 { throw ReviewStoreError.storage("cannot place a copy of the original") }
        } catch let error as ReviewStoreError {
            throw error
        } catch {
            throw .storage("cannot write a copy of the original")
        }
        return target
    }

    // MARK: - Items and the workflow

    public func item(_ id: Int64) async throws(ReviewStoreError) -> ReviewItem? {
        try await transaction { connection in try await Self.fetchItem(connection, id) }
    }

    public func items(_ filter: ReviewItemFilter) async throws(ReviewStoreError) -> [ReviewItem] {
        var (sql, binds) = Self.clauses(filter, now: clock())
        sql = Self.itemSelect + sql + (filter.queueOrder ? " ORDER BY i.priority DESC, i.id" : " ORDER BY i.id")
        if let limit = filter.limit { sql += " LIMIT \(max(0, limit))" }
        let query = PostgresQuery(unsafeSQL: sql, binds: binds)
        return try await transaction { connection in
            try await Self.rows(connection, query).map { try Self.decodeItem($0.makeRandomAccess()) }
        }
    }

    public func countItems(_ filter: ReviewItemFilter) async throws(ReviewStoreError) -> Int {
        let (sql, binds) = Self.clauses(filter, now: clock())
        let query = PostgresQuery(unsafeSQL: "SELECT count(*) FROM review_items i" + sql, binds: binds)
        return try await transaction { connection in
            Int(try await Self.rows(connection, query).first?.decode(Int64.self) ?? 0)
        }
    }

    public func caseIDs() async throws(ReviewStoreError) -> [CaseID] {
        try await transaction { connection in
            try await Self.rows(connection, "SELECT id FROM cases ORDER BY id").compactMap { CaseID(try $0.decode(String.self)) }
        }
    }

    public func stateCounts(in caseID: CaseID?) async throws(ReviewStoreError) -> [ReviewState: Int] {
        try await transaction { connection in
            var binds = PostgresBindings()
            var sql = "SELECT i.state, count(*) FROM review_items i"
            if let caseID {
                binds.append(caseID.rawValue)
                sql += " WHERE i.case_id = $1"
            }
            var counts: [ReviewState: Int] = [:]
            for row in try await Self.rows(connection, PostgresQuery(unsafeSQL: sql + " GROUP BY i.state", binds: binds)) {
                let (state, count) = try row.decode((String, Int64).self)
                if let state = ReviewState(rawValue: state) { counts[state] = Int(count) }
            }
            return counts
        }
    }

    /// The WHERE clause of a filter (always present), with its bindings.
    private static func clauses(_ filter: ReviewItemFilter, now: Date) -> (String, PostgresBindings) {
        var sql = " WHERE true"
        var binds = PostgresBindings()
        if let caseID = filter.caseID {
            binds.append(caseID.rawValue)
            sql += " AND i.case_id = $\(binds.count)"
        }
        if let state = filter.state {
            binds.append(state.rawValue)
            sql += " AND i.state = $\(binds.count)"
        }
        if filter.openOnly { sql += " AND i.state IN ('proposed', 'edited')" }
        if let kind = filter.kind {
            binds.append(kind.rawValue)
            sql += " AND i.kind = $\(binds.count)"
        }
        if let prefix = filter.summaryPrefix {
            binds.append(prefix)
            sql += " AND left(i.summary, char_length($\(binds.count))) = $\(binds.count)"
        }
        if let claimed = filter.claimed {
            binds.append(now)
            sql += claimed ? " AND i.claimed_until > $\(binds.count)" : " AND (i.claimed_until IS NULL OR i.claimed_until <= $\(binds.count))"
        }
        return (sql, binds)
    }

    public func act(_ id: Int64, _ action: ReviewAction, by actor: String) async throws(ReviewStoreError) -> ReviewItem {
        let now = clock()
        return try await transaction { connection in
            let account = try await Self.actingAccount(connection, actor)
            try await Self.run(connection, "SELECT id FROM review_items WHERE id = \(id) FOR UPDATE")
            guard let item = try await Self.fetchItem(connection, id) else { throw ReviewStoreError.noSuchItem(id) }
            let change = try ReviewWorkflow.change(action, on: item, by: account, at: now, policy: try await Self.policy(connection))
            return try await self.apply(change, to: item, connection: connection)
        }
    }

    public func claimNext(by actor: String, in caseID: CaseID?, lease: TimeInterval) async throws(ReviewStoreError) -> ReviewItem? {
        let now = clock()
        return try await transaction { connection in
            let account = try await Self.actingAccount(connection, actor)
            try account.require(.claim)
            let policy = try await Self.policy(connection)
            var passedOver: [Int64] = []
            while true {
                // The most urgent free item nobody else is locking right now; items this
                // reviewer may not approve (four-eyes) are passed over.
                var binds = PostgresBindings()
                binds.append(now)
                binds.append(actor)
                var sql = """
                    SELECT i.id FROM review_items i
                    WHERE i.state IN ('proposed', 'edited')
                      AND (i.claimed_until IS NULL OR i.claimed_until <= $1 OR i.claimed_by = $2)
                    """
                if let caseID {
                    binds.append(caseID.rawValue)
                    sql += " AND i.case_id = $\(binds.count)"
                }
                if !passedOver.isEmpty {
                    binds.append(passedOver)
                    sql += " AND i.id <> ALL($\(binds.count))"
                }
                sql += " ORDER BY i.priority DESC, i.id LIMIT 1 FOR UPDATE OF i SKIP LOCKED"
                guard let id = try await Self.rows(connection, PostgresQuery(unsafeSQL: sql, binds: binds)).first?.decode(Int64.self),
                      let item = try await Self.fetchItem(connection, id)
                else { return nil }
                guard let change = try ReviewWorkflow.nextClaim(on: item, by: account, lease: lease, at: now, policy: policy) else {
                    passedOver.append(id)
                    continue
                }
                return try await self.apply(change, to: item, connection: connection)
            }
        }
    }

    public func repropose(_ id: Int64, by actor: String) async throws(ReviewStoreError) -> ReviewItem {
        let now = clock()
        return try await transaction { connection in
            let account = try await Self.actingAccount(connection, actor)
            guard let row = try await Self.rows(connection, "SELECT document_id FROM review_items WHERE id = \(id) FOR UPDATE").first,
                  let item = try await Self.fetchItem(connection, id)
            else { throw ReviewStoreError.noSuchItem(id) }
            let proposal = try ReviewWorkflow.repropose(item, by: account)
            let ids = try await self.insert([proposal], caseID: item.caseID.rawValue, documentID: try row.decode(Int64?.self), now: now,
                                            connection: connection,
                                            reproposedFrom: id, actor: actor)
            guard let newID = ids.first, let created = try await Self.fetchItem(connection, newID) else { throw ReviewStoreError.noSuchItem(id) }
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
        try await transaction { connection in
            let account = try await Self.actingAccount(connection, actor)
            for id in ids {
                try await Self.run(connection, "SELECT id FROM review_items WHERE id = \(id) FOR UPDATE")
                guard let item = try await Self.fetchItem(connection, id) else { throw ReviewStoreError.noSuchItem(id) }
                _ = try await self.apply(try change(item, account, now), to: item, connection: connection)
            }
        }
    }

    /// Writes what the workflow decided: the edit row, the item's row and the audit event.
    private func apply(_ change: ItemChange, to item: ReviewItem, connection: PostgresConnection) async throws -> ReviewItem {
        if change.changesRow {
            var editID: Int64?
            if let draft = change.edit {
                let evidence = try Self.encodeJSON(draft.evidence)
                editID = try await Self.rows(connection, """
                    INSERT INTO item_edits (item_id, editor, edited_at, summary, proposal, evidence, diff)
                    VALUES (\(item.id), \(change.actor), \(change.at), \(draft.summary), \(draft.proposal), \(evidence), \(draft.diff))
                    RETURNING id
                    """).first?.decode(Int64.self)
            }
            try await Self.run(connection, """
                UPDATE review_items SET state = \(change.state.rawValue), claimed_by = \(change.claim?.reviewer),
                       claimed_until = \(change.claim?.until), edit_id = coalesce(\(editID), edit_id),
                       reviewer = coalesce(\(change.decision?.reviewer), reviewer), decided_at = coalesce(\(change.decision?.at), decided_at),
                       reason = coalesce(\(change.decision?.reason), reason)
                WHERE id = \(item.id)
                """)
        }
        guard let after = try await Self.fetchItem(connection, item.id) else { throw ReviewStoreError.noSuchItem(item.id) }
        try await appendEvent(
            connection, at: change.at, actor: change.actor, action: change.action, caseID: item.caseID.rawValue, itemID: item.id,
            documentSHA256: item.documentSHA256, beforeHash: item.contentHash, afterHash: after.contentHash,
            state: after.state.rawValue, versions: item.versions
        )
        return after
    }

    public func fourEyesPolicy() async throws(ReviewStoreError) -> FourEyesPolicy {
        try await transaction { connection in try await Self.policy(connection) }
    }

    public func setFourEyesPolicy(_ policy: FourEyesPolicy, by actor: String) async throws(ReviewStoreError) {
        let now = clock()
        try await transaction { connection in
            try await Self.actingAccount(connection, actor).require(.setPolicy)
            let json = try Self.encodeJSON(policy)
            try await Self.run(connection, "INSERT INTO settings (key, value) VALUES ('four-eyes', \(json)) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            try await self.appendEvent(connection, at: now, actor: actor, action: .policy, caseID: "-", versions: json)
        }
    }

    private static func policy(_ connection: PostgresConnection) async throws -> FourEyesPolicy {
        guard let json = try await rows(connection, "SELECT value FROM settings WHERE key = 'four-eyes'").first?.decode(String.self) else {
            return .standard
        }
        return (try? JSONDecoder().decode(FourEyesPolicy.self, from: Data(json.utf8))) ?? .standard
    }

    // MARK: - Audit trail and search

    func appendEvent(
        _ connection: PostgresConnection, at date: Date, actor: String, action: AuditAction, caseID: String, itemID: Int64? = nil,
        documentSHA256: String? = nil, beforeHash: String? = nil, afterHash: String? = nil, state: String? = nil,
        versions: String = "{}"
    ) async throws {
        guard let head = try await Self.rows(connection, "SELECT sequence, hash FROM audit_head WHERE id = 1 FOR UPDATE").first else {
            throw ReviewStoreError.storage("the audit trail's head row is missing")
        }
        let (sequence, hash) = try head.decode((Int64, String).self)
        let event = AuditEvent.next(
            sequence: sequence + 1, at: date, actor: actor, action: action, caseID: caseID, itemID: itemID,
            documentSHA256: documentSHA256, beforeHash: beforeHash, afterHash: afterHash, state: state, versions: versions,
            previousHash: hash
        )
        try await Self.run(connection, """
            INSERT INTO audit_events (sequence, at, actor, action, case_id, item_id, document_sha256, before_hash, after_hash,
                                      state, versions, previous_hash, hash)
            VALUES (\(event.sequence), \(event.at), \(event.actor), \(event.actionName), \(event.caseID), \(event.itemID),
                    \(event.documentSHA256), \(event.beforeHash), \(event.afterHash), \(event.state), \(event.versions),
                    \(event.previousHash), \(event.hash))
            """)
        try await Self.run(connection, "UPDATE audit_head SET sequence = \(event.sequence), hash = \(event.hash) WHERE id = 1")
    }

    public func auditEvents(caseID: CaseID?) async throws(ReviewStoreError) -> [AuditEvent] {
        try await transaction { connection in try await Self.events(connection, caseID: caseID?.rawValue) }
    }

    private static func events(_ connection: PostgresConnection, caseID: String?) async throws -> [AuditEvent] {
        let query: PostgresQuery = caseID.map { "SELECT * FROM audit_events WHERE case_id = \($0) ORDER BY sequence" }
            ?? "SELECT * FROM audit_events ORDER BY sequence"
        return try await rows(connection, query).map { row in
            let cells = row.makeRandomAccess()
            return AuditEvent(
                sequence: try cells["sequence"].decode(Int64.self), at: try cells["at"].decode(String.self),
                actor: try cells["actor"].decode(String.self), actionName: try cells["action"].decode(String.self),
                caseID: try cells["case_id"].decode(String.self), itemID: try cells["item_id"].decode(Int64?.self),
                documentSHA256: try cells["document_sha256"].decode(String?.self), beforeHash: try cells["before_hash"].decode(String?.self),
                afterHash: try cells["after_hash"].decode(String?.self), state: try cells["state"].decode(String?.self),
                versions: try cells["versions"].decode(String.self), previousHash: try cells["previous_hash"].decode(String.self),
                hash: try cells["hash"].decode(String.self)
            )
        }
    }

    public func verifyAudit() async throws(ReviewStoreError) -> AuditVerification {
        try await transaction { connection in
            // A snapshot of events and head together.
            try await Self.run(connection, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            let events = try await Self.events(connection, caseID: nil)
            let head = try await Self.rows(connection, "SELECT sequence, hash FROM audit_head WHERE id = 1").first
                .map { row in let (sequence, hash) = try row.decode((Int64, String).self); return AuditHead(sequence: sequence, hash: hash) }
            return AuditChain.verify(events, head: head ?? AuditHead(sequence: -1, hash: "missing"))
        }
    }

    public func search(_ query: String, in caseID: CaseID?, limit: Int) async throws(ReviewStoreError) -> [SearchHit] {
        guard let tsquery = SearchQuery.tsQuery(query) else { return [] }
        return try await transaction { connection in
            var binds = PostgresBindings()
            binds.append(tsquery)
            var sql = """
                SELECT d.case_id, d.sha256, d.file_name, p.number,
                       ts_headline('dossier_search', p.text, to_tsquery('dossier_search', $1),
                                   'StartSel=[, StopSel=], MaxWords=18, MinWords=8, ShortWord=2, FragmentDelimiter=" … ", MaxFragments=1') AS snippet
                FROM pages p JOIN documents d ON d.id = p.document_id
                WHERE p.search @@ to_tsquery('dossier_search', $1)
                """
            if let caseID {
                binds.append(caseID.rawValue)
                sql += " AND d.case_id = $\(binds.count)"
            }
            binds.append(Int64(max(1, limit)))
            sql += " ORDER BY ts_rank(p.search, to_tsquery('dossier_search', $1)) DESC, d.id, p.number LIMIT $\(binds.count)"
            return try await Self.rows(connection, PostgresQuery(unsafeSQL: sql, binds: binds)).compactMap { row in
                let (caseText, sha256, fileName, page, snippet) = try row.decode((String, String, String, Int, String).self)
                return CaseID(caseText).map {
                    SearchHit(caseID: $0, documentSHA256: sha256, fileName: fileName, page: page,
                              snippet: "…" + snippet.split(whereSeparator: \.isNewline).joined(separator: " ") + "…")
                }
            }
        }
    }

    // MARK: - Rows

    /// Items with their document (none for items about the whole case) and reviewer's version.
    static let itemSelect = """
        SELECT i.*, d.sha256, d.file_name, e.editor AS edit_editor, e.edited_at AS edit_at,
               e.summary AS edit_summary, e.proposal AS edit_proposal, e.evidence AS edit_evidence, e.diff AS edit_diff
        FROM review_items i
        LEFT JOIN documents d ON d.id = i.document_id
        LEFT JOIN item_edits e ON e.id = i.edit_id
        """

    private static func fetchItem(_ connection: PostgresConnection, _ id: Int64) async throws -> ReviewItem? {
        var binds = PostgresBindings()
        binds.append(id)
        return try await rows(connection, PostgresQuery(unsafeSQL: itemSelect + " WHERE i.id = $1", binds: binds))
            .first.map { try decodeItem($0.makeRandomAccess()) }
    }

    private static func decodeItem(_ row: PostgresRandomAccessRow) throws -> ReviewItem {
        guard let caseID = CaseID(try row["case_id"].decode(String.self)),
              let kind = ReviewItemKind(rawValue: try row["kind"].decode(String.self)),
              let state = ReviewState(rawValue: try row["state"].decode(String.self))
        else { throw ReviewStoreError.storage("a review item row holds values this version does not know") }
        var edit: ReviewEdit?
        if let editor = try row["edit_editor"].decode(String?.self) {
            edit = ReviewEdit(
                editor: editor, editedAt: try row["edit_at"].decode(Date.self), summary: try row["edit_summary"].decode(String.self),
                proposal: try row["edit_proposal"].decode(String.self),
                evidence: try decodeEvidence(try row["edit_evidence"].decode(String.self)), diff: try row["edit_diff"].decode(String.self)
            )
        }
        var claim: ReviewClaim?
        if let reviewer = try row["claimed_by"].decode(String?.self), let until = try row["claimed_until"].decode(Date?.self) {
            claim = ReviewClaim(reviewer: reviewer, until: until)
        }
        return ReviewItem(
            id: try row["id"].decode(Int64.self), caseID: caseID, documentSHA256: try row["sha256"].decode(String?.self),
            fileName: try row["file_name"].decode(String?.self), kind: kind, summary: try row["summary"].decode(String.self),
            proposal: try row["proposal"].decode(String.self), evidence: try decodeEvidence(try row["evidence"].decode(String.self)),
            state: state, reviewer: try row["reviewer"].decode(String?.self), decidedAt: try row["decided_at"].decode(Date?.self),
            reason: try row["reason"].decode(String?.self), createdAt: try row["created_at"].decode(Date.self),
            priority: Int(try row["priority"].decode(Int32.self)), claim: claim, edit: edit,
            reproposedFrom: try row["reproposed_from"].decode(Int64?.self), versions: try row["versions"].decode(String.self)
        )
    }

    private static func decodeDocument(_ row: PostgresRandomAccessRow, connection: PostgresConnection) async throws -> StoredDocument {
        guard let caseID = CaseID(try row["case_id"].decode(String.self)) else {
            throw ReviewStoreError.storage("a document row holds an invalid case id")
        }
        let id = try row["id"].decode(Int64.self)
        var pages: [PageTranscript] = []
        for page in try await rows(connection, """
            SELECT number, method, text, confidence, corrections, decision, text_layer_score, layout, needs_language,
                   script, language
            FROM pages WHERE document_id = \(id) ORDER BY number
            """) {
            let cells = page.makeRandomAccess()
            let corrections = try cells["corrections"].decode(String?.self)
            let layout = try cells["layout"].decode(String?.self)
            pages.append(PageTranscript(
                number: Int(try cells["number"].decode(Int32.self)),
                method: TranscriptionMethod(rawValue: try cells["method"].decode(String.self)) ?? .ocr,
                text: try cells["text"].decode(String.self), confidence: try cells["confidence"].decode(Double?.self),
                corrections: try corrections.map { try JSONDecoder().decode(PageCorrections.self, from: Data($0.utf8)) },
                decision: try cells["decision"].decode(String?.self).flatMap(PageDecision.init(rawValue:)),
                textLayerScore: try cells["text_layer_score"].decode(Double?.self),
                layout: try layout.map { try JSONDecoder().decode(PageLayout.self, from: Data($0.utf8)) },
                needsLanguage: try cells["needs_language"].decode(String?.self),
                script: try cells["script"].decode(String?.self), language: try cells["language"].decode(String?.self)
            ))
        }
        var origin: DocumentOrigin?
        if let parentID = try row["parent_id"].decode(Int64?.self),
           let parent = try await rows(connection, "SELECT sha256, file_name FROM documents WHERE id = \(parentID)").first {
            let cells = parent.makeRandomAccess()
            origin = DocumentOrigin(
                parentSHA256: try cells["sha256"].decode(String.self), parentFileName: try cells["file_name"].decode(String.self),
                position: Int(try row["member_index"].decode(Int32?.self) ?? 1), name: try row["member_name"].decode(String?.self) ?? ""
            )
        }
        return StoredDocument(
            id: id, caseID: caseID, sha256: try row["sha256"].decode(String.self), fileName: try row["file_name"].decode(String.self),
            format: try row["format"].decode(String.self), byteCount: try row["byte_count"].decode(Int64.self),
            addedAt: try row["added_at"].decode(Date.self), pages: pages, origin: origin,
            renditionSHA256: try row["rendition_sha256"].decode(String?.self)
        )
    }

    private static func decodeEvidence(_ json: String) throws -> [Evidence] {
        try JSONDecoder().decode([Evidence].self, from: Data(json.utf8))
    }

    static func encodeJSON(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    // MARK: - Transactions

    static func rows(_ connection: PostgresConnection, _ query: PostgresQuery) async throws -> [PostgresRow] {
        var rows: [PostgresRow] = []
        for try await row in try await connection.query(query, logger: Logger(label: "dossier.store.postgres", factory: { _ in SwiftLogNoOpLogHandler() })) {
            rows.append(row)
        }
        return rows
    }

    static func run(_ connection: PostgresConnection, _ query: PostgresQuery) async throws {
        _ = try await rows(connection, query)
    }

    /// Runs `body` in one transaction; a serialization failure or deadlock is retried.
    func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws(ReviewStoreError) -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
            } catch {
                if attempt < 5, Self.isRetryable(error) { continue }
                throw Self.map(error, location: displayLocation)
            }
        }
    }

    private static func isRetryable(_ error: any Error) -> Bool {
        let sqlState = (error as? PostgresTransactionError).flatMap { ($0.closureError ?? $0.commitError) as? PSQLError }?.serverInfo?[.sqlState]
            ?? (error as? PSQLError)?.serverInfo?[.sqlState]
        return sqlState == "40001" || sqlState == "40P01" || sqlState == "23505"
    }

    private static func map(_ error: any Error, location: String) -> ReviewStoreError {
        if let error = error as? ReviewStoreError { return error }
        if let error = error as? PostgresTransactionError {
            if let inner = error.closureError ?? error.commitError ?? error.beginError { return map(inner, location: location) }
        }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                return .storage("PostgreSQL \(error.serverInfo?[.sqlState] ?? ""): \(message)")
            }
            return .storage("cannot reach PostgreSQL at \(location) (\(error.code.description))")
        }
        return .storage("PostgreSQL at \(location): \(String(describing: type(of: error)))")
    }
}
