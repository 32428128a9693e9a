public import DossierCore
public import Foundation

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
    /// `pdf`, `png`, `jpeg`, `tiff`.
    public let format: String
    /// Size of the original in bytes.
    public let byteCount: Int64
    /// When it was taken in.
    public let addedAt: Date
    /// Every page's transcript.
    public let pages: [PageTranscript]

    /// Makes a stored document (stores do this when reading their rows).
    public init(
        id: Int64, caseID: CaseID, sha256: String, fileName: String, format: String,
        byteCount: Int64, addedAt: Date, pages: [PageTranscript]
    ) {
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
    /// `pdf`, `png`, `jpeg`, `tiff`.
    public let format: String
    /// Every page's transcript.
    public let pages: [PageTranscript]
    /// The machine's proposals about this document; each becomes a review item.
    public let proposals: [ProposedItem]
    /// The settings the transcript was made with (see `TranscriptionOptions.fingerprint`).
    public let transcriptionSettings: String

    /// Makes a submission.
    public init(
        caseID: CaseID, originalURL: URL, sha256: String, fileName: String, format: String,
        pages: [PageTranscript], proposals: [ProposedItem], transcriptionSettings: String = ""
    ) {
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

    /// Makes a filter; `nil` fields match everything.
    public init(caseID: CaseID? = nil, state: ReviewState? = nil) {
        self.caseID = caseID
        self.state = state
    }
}

/// A reviewer's decision on one item.
public enum ReviewDecision: Sendable, Equatable {
    /// The reviewer accepts the proposal as it is.
    case approve(reviewer: String)
    /// The reviewer rejects it, and says why.
    case reject(reviewer: String, reason: String)
}

/// Why the store refused something. Messages name items and files, never document text.
public enum ReviewStoreError: Error, Equatable, Sendable {
    /// No item with that id.
    case noSuchItem(Int64)
    /// The item was already decided; decisions are final here.
    case alreadyDecided(id: Int64, state: ReviewState)
    /// A reviewer name is required.
    case missingReviewer
    /// A rejection needs a reason.
    case missingReason
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
        case .missingReviewer: "a reviewer name is needed (--reviewer or $USER)"
        case .missingReason: "a rejection needs a reason (--reason)"
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
    /// Stores a document with its transcript and proposals, unless its bytes are already in the case.
    func submit(_ submission: DocumentSubmission) async throws(ReviewStoreError) -> SubmissionOutcome
    /// Adds proposals about a stored document (flags that only the whole case raises), skipping
    /// any the case already has; returns the new items' ids.
    func propose(_ proposals: [ProposedItem], document sha256: String, in caseID: CaseID) async throws(ReviewStoreError) -> [Int64]
    /// The item with `id`, if any.
    func item(_ id: Int64) async throws(ReviewStoreError) -> ReviewItem?
    /// Items matching `filter`, oldest first.
    func items(_ filter: ReviewItemFilter) async throws(ReviewStoreError) -> [ReviewItem]
    /// Records a decision on a proposed item and returns the item as it now stands.
    func decide(_ id: Int64, _ decision: ReviewDecision) async throws(ReviewStoreError) -> ReviewItem
    /// The documents of a case, with their transcripts, oldest first.
    func documents(in caseID: CaseID) async throws(ReviewStoreError) -> [StoredDocument]
    /// The document with `sha256` in `caseID`, if any.
    func document(sha256: String, in caseID: CaseID) async throws(ReviewStoreError) -> StoredDocument?
    /// The pages of any stored document with these bytes transcribed with these settings, in
    /// whatever case: the same content is never OCR'd twice.
    func reusableTranscript(sha256: String, settings: String) async throws(ReviewStoreError) -> [PageTranscript]?
    /// A readable location of the stored original with `sha256`.
    func originalURL(sha256: String) async throws(ReviewStoreError) -> URL
}
