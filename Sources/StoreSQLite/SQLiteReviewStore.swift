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
    private let clock: @Sendable () -> Date

    /// Opens (creating if needed) the store in `directory` and migrates it to the current schema.
    public init(directory: URL, clock: @escaping @Sendable () -> Date = Date.init) throws(ReviewStoreError) {
        self.directory = directory
        self.clock = clock
        do {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent("originals"), withIntermediateDirectories: true
            )
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(30)
            database = try DatabasePool(path: directory.appendingPathComponent("dossier.sqlite").path, configuration: configuration)
            try SQLiteSchema.migrator.migrate(database)
        } catch {
            throw .storage("cannot open the store at \(directory.path): \(Self.describe(error))")
        }
    }

    /// The schema version the database is at (the last applied migration).
    public func appliedMigrations() throws -> [String] {
        try database.read { db in try SQLiteSchema.migrator.appliedMigrations(db) }
    }

    public func submit(_ submission: DocumentSubmission) async throws(ReviewStoreError) -> SubmissionOutcome {
        // Checked before copying the original (cheap: no pages are read), and again inside the
        // transaction in case another intake stored the same bytes meanwhile.
        if let existing = try await read({ db in
            try Self.existingFileName(db, caseID: submission.caseID, sha256: submission.sha256)
        }) {
            return .duplicate(existingFileName: existing)
        }
        let byteCount = try storeOriginal(submission.originalURL, sha256: submission.sha256)
        let now = clock()
        return try await write { db in
            try db.execute(
                sql: "INSERT INTO cases (id, created_at) VALUES (?, ?) ON CONFLICT(id) DO NOTHING",
                arguments: [submission.caseID.rawValue, now]
            )
            if let name = try Self.existingFileName(db, caseID: submission.caseID, sha256: submission.sha256) {
                return .duplicate(existingFileName: name)
            }
            try db.execute(
                sql: """
                INSERT INTO documents (case_id, sha256, file_name, format, byte_count, added_at,
                                       transcription_settings)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                arguments: [submission.caseID.rawValue, submission.sha256, submission.fileName,
                            submission.format, byteCount, now, submission.transcriptionSettings]
            )
            let documentID = db.lastInsertedRowID
            for page in submission.pages {
                try db.execute(
                    sql: """
                    INSERT INTO pages (document_id, number, method, text, confidence, corrections,
                                       decision, text_layer_score, layout, needs_language)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    arguments: [documentID, page.number, page.method.rawValue, page.text, page.confidence,
                                try page.corrections.map(Self.encodeJSON), page.decision?.rawValue,
                                page.textLayerScore, try page.layout.map(Self.encodeJSON), page.needsLanguage]
                )
            }
            let itemIDs = try Self.insert(submission.proposals, documentID: documentID, now: now, db: db)
            return .stored(documentID: documentID, itemIDs: itemIDs)
        }
    }

    private static func insert(_ proposals: [ProposedItem], documentID: Int64, now: Date, db: Database) throws -> [Int64] {
        var itemIDs: [Int64] = []
        for proposal in proposals {
            try db.execute(
                sql: """
                INSERT INTO review_items (document_id, kind, summary, proposal, evidence, created_at, priority)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                arguments: [documentID, proposal.kind.rawValue, proposal.summary, proposal.proposal,
                            try encodeEvidence(proposal.evidence), now, proposal.priority]
            )
            itemIDs.append(db.lastInsertedRowID)
        }
        return itemIDs
    }

    public func propose(_ proposals: [ProposedItem], document sha256: String, in caseID: CaseID) async throws(ReviewStoreError) -> [Int64] {
        let now = clock()
        return try await write { db in
            guard let documentID = try Int64.fetchOne(
                db, sql: "SELECT id FROM documents WHERE case_id = ? AND sha256 = ?", arguments: [caseID.rawValue, sha256]
            ) else { throw ReviewStoreError.noSuchDocument(caseID: caseID) }
            // A proposal the case already has (on any document, in any state) is not made twice.
            let fresh = try proposals.filter { proposal in
                try !Bool.fetchOne(db, sql: """
                    SELECT EXISTS (SELECT 1 FROM review_items i JOIN documents d ON d.id = i.document_id
                                   WHERE d.case_id = ? AND i.kind = ? AND i.summary = ?)
                    """, arguments: [caseID.rawValue, proposal.kind.rawValue, proposal.summary])!
            }
            return try Self.insert(fresh, documentID: documentID, now: now, db: db)
        }
    }

    public func item(_ id: Int64) async throws(ReviewStoreError) -> ReviewItem? {
        try await read { db in
            try Row.fetchOne(db, sql: Self.itemSelect + " WHERE i.id = ?", arguments: [id]).map(Self.decodeItem)
        }
    }

    public func items(_ filter: ReviewItemFilter) async throws(ReviewStoreError) -> [ReviewItem] {
        try await read { db in
            var clauses: [String] = []
            var arguments: StatementArguments = []
            if let caseID = filter.caseID {
                clauses.append("d.case_id = ?")
                arguments += [caseID.rawValue]
            }
            if let state = filter.state {
                clauses.append("i.state = ?")
                arguments += [state.rawValue]
            }
            let whereClause = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
            return try Row.fetchAll(db, sql: Self.itemSelect + whereClause + " ORDER BY i.id", arguments: arguments)
                .map(Self.decodeItem)
        }
    }

    public func decide(_ id: Int64, _ decision: ReviewDecision) async throws(ReviewStoreError) -> ReviewItem {
        let decision = try decision.validated()
        let now = clock()
        return try await write { db in
            let (state, reviewer, reason): (ReviewState, String, String?) = switch decision {
            case .approve(let reviewer): (.approved, reviewer, nil)
            case .reject(let reviewer, let reason): (.rejected, reviewer, reason)
            }
            try db.execute(
                sql: """
                UPDATE review_items SET state = ?, reviewer = ?, decided_at = ?, reason = ?
                WHERE id = ? AND state = 'proposed'
                """,
                arguments: [state.rawValue, reviewer, now, reason, id]
            )
            guard let row = try Row.fetchOne(db, sql: Self.itemSelect + " WHERE i.id = ?", arguments: [id]) else {
                throw ReviewStoreError.noSuchItem(id)
            }
            let item = try Self.decodeItem(row)
            if db.changesCount == 0 { throw ReviewStoreError.alreadyDecided(id: id, state: item.state) }
            return item
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
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temporary = target.deletingLastPathComponent()
                .appendingPathComponent(".incoming-\(UUID().uuidString)")
            defer { try? manager.removeItem(at: temporary) }
            try manager.copyItem(at: source, to: temporary)
            // The file may have changed since it was hashed: the copy must be what was hashed.
            guard try FileDigest.sha256(of: temporary) == sha256 else {
                throw ReviewStoreError.storage("the file changed while it was being taken in")
            }
            try manager.setAttributes([.posixPermissions: 0o444], ofItemAtPath: temporary.path)
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

    private static let itemSelect = """
        SELECT i.*, d.case_id, d.sha256, d.file_name FROM review_items i
        JOIN documents d ON d.id = i.document_id
        """

    private static func decodeItem(_ row: Row) throws -> ReviewItem {
        guard let caseID = CaseID(row["case_id"] as String),
              let kind = ReviewItemKind(rawValue: row["kind"]),
              let state = ReviewState(rawValue: row["state"])
        else { throw ReviewStoreError.storage("a review item row holds values this version does not know") }
        let evidenceJSON: String = row["evidence"]
        let evidence = try JSONDecoder().decode([Evidence].self, from: Data(evidenceJSON.utf8))
        return ReviewItem(
            id: row["id"], caseID: caseID, documentSHA256: row["sha256"], fileName: row["file_name"],
            kind: kind, summary: row["summary"], proposal: row["proposal"], evidence: evidence, state: state,
            reviewer: row["reviewer"], decidedAt: row["decided_at"], reason: row["reason"], createdAt: row["created_at"],
            priority: row["priority"]
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
                       needs_language
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
                needsLanguage: page["needs_language"]
            )
        }
        return StoredDocument(
            id: id, caseID: caseID, sha256: row["sha256"], fileName: row["file_name"], format: row["format"],
            byteCount: row["byte_count"], addedAt: row["added_at"], pages: pages
        )
    }

    private static func encodeEvidence(_ evidence: [Evidence]) throws -> String {
        try encodeJSON(evidence)
    }

    private static func encodeJSON(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    // MARK: - Transactions

    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(ReviewStoreError) -> T {
        do {
            return try await database.read(body)
        } catch {
            throw Self.map(error)
        }
    }

    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(ReviewStoreError) -> T {
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
