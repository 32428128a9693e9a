public import DossierCore
public import Foundation

/// Where a document came from when it was a member of another document: an attachment of an
/// e-mail, a file in a ZIP archive.
public struct DocumentOrigin: Sendable, Equatable, Codable {
    /// SHA-256 of the message or archive it came out of (in the same case).
    public let parentSHA256: String
    /// The message's or archive's file name, when read from the store.
    public let parentFileName: String?
    /// Its position among the container's members, from 1.
    public let position: Int
    /// Its name inside the container, as the container gives it (an attachment's file name, a
    /// path in the archive); only ever shown, never used as a path.
    public let name: String

    /// Makes an origin.
    public init(parentSHA256: String, parentFileName: String? = nil, position: Int, name: String) {
        self.parentSHA256 = parentSHA256
        self.parentFileName = parentFileName
        self.position = position
        self.name = name
    }
}

/// A document as the store keeps it: identity, origin and transcript.
public struct StoredDocument: Sendable, Equatable, Codable {
    /// Store-wide id.
    public let id: Int64
    /// The case it belongs to.
    public let caseID: CaseID
    /// SHA-256 of the original's bytes.
    public let sha256: String
    /// File name at intake (last path component only).
    public let fileName: String
    /// The format sniffed from its bytes: `pdf`, `png`, `jpeg`, `tiff`, `webp`, `heic`, `text`, `html`, `zip`…
    public let format: String
    /// Size of the original in bytes.
    public let byteCount: Int64
    /// When it was taken in.
    public let addedAt: Date
    /// Every page's transcript.
    public let pages: [PageTranscript]
    /// The message or archive it came out of, if it was a member of one.
    public let origin: DocumentOrigin?
    /// SHA-256 of the PDF an Office document was read through (kept in the store beside the
    /// original; its page images are the rendition's).
    public let renditionSHA256: String?

    /// Makes a stored document (stores do this when reading their rows).
    public init(
        id: Int64, caseID: CaseID, sha256: String, fileName: String, format: String,
        byteCount: Int64, addedAt: Date, pages: [PageTranscript], origin: DocumentOrigin? = nil, renditionSHA256: String? = nil
    ) {
        self.origin = origin
        self.renditionSHA256 = renditionSHA256
        self.id = id
        self.caseID = caseID
        self.sha256 = sha256
        self.fileName = fileName
        self.format = format
        self.byteCount = byteCount
        self.addedAt = addedAt
        self.pages = pages
    }
}

/// What intake hands the store for one file: the original, its transcript and the proposals.
public struct DocumentSubmission: Sendable {
    /// The case it belongs to.
    public let caseID: CaseID
    /// Where the original is now; the store copies it byte for byte.
    public let originalURL: URL
    /// SHA-256 of the original.
    public let sha256: String
    /// Last path component of the original.
    public let fileName: String
    /// The format sniffed from its bytes: `pdf`, `png`, `jpeg`, `tiff`, `webp`, `heic`, `text`, `html`, `zip`…
    public let format: String
    /// Every page's transcript.
    public let pages: [PageTranscript]
    /// The machine's proposals about this document; each becomes a review item.
    public let proposals: [ProposedItem]
    /// The settings the transcript was made with (see `TranscriptionOptions.fingerprint`).
    public let transcriptionSettings: String
    /// The message or archive it came out of (stored before it, in the same case), if any.
    public let origin: DocumentOrigin?
    /// The PDF an Office document was read through, and its SHA-256: stored beside the original.
    public let rendition: (url: URL, sha256: String)?

    /// Makes a submission.
    public init(
        caseID: CaseID, originalURL: URL, sha256: String, fileName: String, format: String,
        pages: [PageTranscript], proposals: [ProposedItem], transcriptionSettings: String = "", origin: DocumentOrigin? = nil,
        rendition: (url: URL, sha256: String)? = nil
    ) {
        self.origin = origin
        self.rendition = rendition
        self.transcriptionSettings = transcriptionSettings
        self.caseID = caseID
        self.originalURL = originalURL
        self.sha256 = sha256
        self.fileName = fileName
        self.format = format
        self.pages = pages
        self.proposals = proposals
    }
}

/// What happened to a submission.
public enum SubmissionOutcome: Sendable, Equatable {
    /// Stored, with the ids of its new review items.
    case stored(documentID: Int64, itemIDs: [Int64])
    /// The same bytes are already in this case; nothing was added.
    case duplicate(existingFileName: String)
}

/// Which review items to list.
public struct ReviewItemFilter: Sendable {
    /// Only this case.
    public var caseID: CaseID?
    /// Only this state.
    public var state: ReviewState?
    /// Only items someone holds a claim on now (`true`) or nobody does (`false`).
    public var claimed: Bool?
    /// Only this kind.
    public var kind: ReviewItemKind?
    /// Only items still waiting for a decision (proposed or edited).
    public var openOnly: Bool
    /// Only items whose summary begins with this (a flag's severity: `critical `).
    public var summaryPrefix: String?
    /// In queue order (highest priority first, then oldest) instead of oldest first.
    public var queueOrder: Bool
    /// At most this many.
    public var limit: Int?

    /// Makes a filter; `nil` fields match everything.
    public init(
        caseID: CaseID? = nil, state: ReviewState? = nil, claimed: Bool? = nil, kind: ReviewItemKind? = nil, openOnly: Bool = false,
        summaryPrefix: String? = nil, queueOrder: Bool = false, limit: Int? = nil
    ) {
        self.caseID = caseID
        self.state = state
        self.claimed = claimed
        self.kind = kind
        self.openOnly = openOnly
        self.summaryPrefix = summaryPrefix
        self.queueOrder = queueOrder
        self.limit = limit
    }
}

/// A reviewer's decision on one item.
public enum ReviewDecision: Sendable, Equatable {
    /// The reviewer accepts the proposal as it is.
    case approve(reviewer: String)
    /// The reviewer rejects it, and says why.
    case reject(reviewer: String, reason: String)
}

/// A page that matches a search.
public struct SearchHit: Sendable, Equatable, Codable {
    public let caseID: CaseID
    public let documentSHA256: String
    public let fileName: String
    public let page: Int
    /// A few words around the matches, the matches in [brackets].
    public let snippet: String

    enum CodingKeys: String, CodingKey {
        case caseID = "case", documentSHA256 = "document_sha256", fileName = "document", page, snippet
    }

    public init(caseID: CaseID, documentSHA256: String, fileName: String, page: Int, snippet: String) {
        self.caseID = caseID
        self.documentSHA256 = documentSHA256
        self.fileName = fileName
        self.page = page
        self.snippet = snippet
    }
}

extension ReviewStore {
    /// Records an approval or rejection (see ``act(_:_:by:)``).
    public func decide(_ id: Int64, _ decision: ReviewDecision) async throws(ReviewStoreError) -> ReviewItem {
        let (actor, action) = decision.action
        return try await act(id, action, by: actor)
    }
}

/// Why the store refused something. Messages name items and files, never document text.
public enum ReviewStoreError: Error, Equatable, Sendable {
    /// No item with that id.
    case noSuchItem(Int64)
    /// The item was already decided; decisions are final here.
    case alreadyDecided(id: Int64, state: ReviewState)
    /// The command needs a logged-in account.
    case notSignedIn(reason: String)
    /// Unknown name, wrong password, disabled or locked account: one answer for all.
    case loginRefused
    /// The account's role does not allow this.
    case notAllowed(account: String, role: AccountRole, operation: Operation)
    /// The account is disabled.
    case accountDisabled(name: String)
    /// No account with that name.
    case noSuchAccount(String)
    /// A name, password or account change that cannot be used.
    case invalidAccount(String)
    /// Only approved items go into a case file.
    case notApproved(id: Int64, state: ReviewState)
    /// A rejection needs a reason.
    case missingReason
    /// Another reviewer holds the item.
    case claimedByOther(id: Int64, reviewer: String, until: Date)
    /// The reviewer has no claim on the item to give back.
    case notClaimed(id: Int64)
    /// The reviewer who edited the item may not approve it: four-eyes applies.
    case selfApproval(id: Int64, editor: String)
    /// A redaction set needs two people: one confirms or changes it, another approves it.
    case unconfirmedRedaction(id: Int64)
    /// A redaction set holds marks that have no place on the page image: they could not be
    /// blacked out, so the set cannot be approved until each is drawn or removed.
    case unplacedRedactions(id: Int64, marks: [Int])
    /// Only rejected items can be proposed again.
    case notRejected(id: Int64, state: ReviewState)
    /// The reviewer's version cannot be used.
    case invalidEdit(String)
    /// The audit trail does not verify.
    case auditBroken(sequence: Int64, reason: String)
    /// No such document in the case.
    case noSuchDocument(caseID: CaseID)
    /// The store could not be opened or written.
    case storage(String)
}

extension ReviewStoreError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .noSuchItem(let id): "there is no review item \(id)"
        case .alreadyDecided(let id, let state): "item \(id) is already \(state.rawValue)"
        case .notSignedIn(let reason): "not logged in: \(reason) (dossier login NAME)"
        case .loginRefused:
            "login refused: unknown name or wrong password, or the account is disabled or locked for a while after repeated failures"
        case .notAllowed(let account, let role, let operation):
            "\(account) is a\(role == .intake ? "n" : "") \(role.rawValue) and may not \(operation.rawValue)"
        case .accountDisabled(let name): "account \(name) is disabled"
        case .noSuchAccount(let name): "there is no account \(PrintableName.of(name))"
        case .invalidAccount(let reason): reason
        case .notApproved(let id, let state): "item \(id) is \(state.rawValue); only approved items go into a case file"
        case .missingReason: "a rejection needs a reason"
        case .claimedByOther(let id, let reviewer, let until):
            "item \(id) is claimed by \(reviewer) until \(AuditClock.text(until)); wait, or ask them to release it"
        case .notClaimed(let id): "you hold no claim on item \(id)"
        case .unplacedRedactions(let id, let marks):
            "item \(id) has redaction\(marks.count == 1 ? "" : "s") \(marks.map(String.init).joined(separator: ", ")) without a place on the page image; "
                + "draw \(marks.count == 1 ? "its area" : "their areas") (review redact \(id) --place N:PAGE-AREA) or remove \(marks.count == 1 ? "it" : "them") before approving"
        case .selfApproval(let id, let editor):
            "item \(id) was edited by \(editor); four-eyes applies, so another reviewer must approve it"
        case .unconfirmedRedaction(let id):
            "item \(id) is a redaction set; four-eyes applies, so one reviewer confirms or changes it (dossier review redact \(id)) and another approves it"
        case .notRejected(let id, let state): "item \(id) is \(state.rawValue); only rejected items can be proposed again"
        case .invalidEdit(let reason): "the edit cannot be used: \(reason)"
        case .auditBroken(let sequence, let reason): "the audit trail does not verify at event \(sequence): \(reason)"
        case .noSuchDocument(let caseID): "that document is not in case \(caseID)"
        case .storage(let reason): "the review store failed: \(reason)"
        }
    }
}

/// Where documents, transcripts and review items live.
///
/// Narrow on purpose: an embedded SQLite store implements it today, a PostgreSQL one later.
/// Each `submit` is one transaction: a document is stored with all its pages and items, or not
/// at all.
public protocol ReviewStore: Sendable {
    /// Stores a document with its transcript and proposals, unless its bytes are already in the
    /// case; `actor` is the account taking it in.
    func submit(_ submission: DocumentSubmission, by actor: String) async throws(ReviewStoreError) -> SubmissionOutcome
    /// Adds proposals about a stored document (flags that only the whole case raises), skipping
    /// any the case already has; returns the new items' ids.
    func propose(_ proposals: [ProposedItem], document sha256: String, in caseID: CaseID, by actor: String) async throws(ReviewStoreError) -> [Int64]
    /// The item with `id`, if any.
    func item(_ id: Int64) async throws(ReviewStoreError) -> ReviewItem?
    /// Items matching `filter`, oldest first (or in queue order).
    func items(_ filter: ReviewItemFilter) async throws(ReviewStoreError) -> [ReviewItem]
    /// How many items match `filter` (its order and limit aside).
    func countItems(_ filter: ReviewItemFilter) async throws(ReviewStoreError) -> Int
    /// Every case's id, sorted.
    func caseIDs() async throws(ReviewStoreError) -> [CaseID]
    /// How many items of each state, in one case or all.
    func stateCounts(in caseID: CaseID?) async throws(ReviewStoreError) -> [ReviewState: Int]
    /// Lets `actor` do `action` to item `id` under the workflow's rules (``ReviewWorkflow``),
    /// records it in the audit trail in the same transaction, and returns the item as it now stands.
    func act(_ id: Int64, _ action: ReviewAction, by actor: String) async throws(ReviewStoreError) -> ReviewItem
    /// Claims the most urgent open item `actor` could approve (highest priority, then oldest),
    /// optionally within one case; `nil` when there is none. Two reviewers never get the same item.
    func claimNext(by actor: String, in caseID: CaseID?, lease: TimeInterval) async throws(ReviewStoreError) -> ReviewItem?
    /// Proposes a rejected item again, as a new item with the same content; returns it.
    func repropose(_ id: Int64, by actor: String) async throws(ReviewStoreError) -> ReviewItem
    /// Marks approved items as filed into a case file (one `export` event each).
    func markFiled(_ ids: [Int64], by actor: String) async throws(ReviewStoreError)
    /// Records that redacted copies were written from these approved redaction sets (one
    /// `redacted-copy` event each; the items stay as they are).
    func markCopied(_ ids: [Int64], by actor: String) async throws(ReviewStoreError)
    /// Which edited items need a second reviewer.
    func fourEyesPolicy() async throws(ReviewStoreError) -> FourEyesPolicy
    func setFourEyesPolicy(_ policy: FourEyesPolicy, by actor: String) async throws(ReviewStoreError)
    /// The audit trail, oldest first; only the events of one case when `caseID` is given.
    func auditEvents(caseID: CaseID?) async throws(ReviewStoreError) -> [AuditEvent]
    /// Checks the whole audit trail.
    func verifyAudit() async throws(ReviewStoreError) -> AuditVerification
    /// Pages whose text matches `query` (words, diacritics ignored), best first.
    func search(_ query: String, in caseID: CaseID?, limit: Int) async throws(ReviewStoreError) -> [SearchHit]
    /// The documents of a case, with their transcripts, oldest first.
    func documents(in caseID: CaseID) async throws(ReviewStoreError) -> [StoredDocument]
    /// The document with `sha256` in `caseID`, if any.
    func document(sha256: String, in caseID: CaseID) async throws(ReviewStoreError) -> StoredDocument?
    /// The pages of any stored document with these bytes transcribed with these settings, in
    /// whatever case: the same content is never OCR'd twice.
    func reusableTranscript(sha256: String, settings: String) async throws(ReviewStoreError) -> [PageTranscript]?
    /// A readable location of the stored original with `sha256`.
    func originalURL(sha256: String) async throws(ReviewStoreError) -> URL

    // MARK: Accounts and sessions (``AccountService`` decides; the store records)

    /// This store's id, made when the store was created: sessions are kept per store.
    func storeID() async throws(ReviewStoreError) -> String
    /// Every account, by name.
    func accounts() async throws(ReviewStoreError) -> [Account]
    /// What a login is checked against, if the account exists.
    func credentials(named name: String) async throws(ReviewStoreError) -> AccountCredentials?
    /// Makes the change with its audit event; `actor` is an active supervisor, or `nil` only for
    /// the first account of an empty store.
    func changeAccount(_ change: AccountChange, by actor: String?) async throws(ReviewStoreError) -> Account
    /// Records a login: a new session, or a failure (and a lock).
    func recordLogin(_ record: LoginRecord) async throws(ReviewStoreError)
    /// The session with this token hash, unless it was ended (it may have expired).
    func session(tokenHash: String) async throws(ReviewStoreError) -> SessionRecord?
    /// Ends a session (logout); nothing happens for an unknown or ended one.
    func endSession(tokenHash: String) async throws(ReviewStoreError)
}
