public import Foundation

/// What a review item proposes.
public enum ReviewItemKind: String, Codable, Sendable, CaseIterable {
    /// The document's type, with the words that gave it away.
    case documentType = "document-type"
    /// The document's transcript (text layer or OCR).
    case transcript
    /// A screening flag: something a reviewer should look at, with its reason and evidence.
    case flag
    /// An extractive summary of a document (or an overview of a case), every sentence cited.
    case summary
}

/// Where a review item stands. Only a named reviewer moves it out of `proposed`.
public enum ReviewState: String, Codable, Sendable, CaseIterable {
    case proposed
    case approved
    case rejected
}

/// A machine output waiting for, or past, a reviewer's decision.
public struct ReviewItem: Codable, Sendable, Equatable, Identifiable {
    /// Stable id, assigned by the store.
    public let id: Int64
    /// The case the document belongs to.
    public let caseID: CaseID
    /// The document's SHA-256.
    public let documentSHA256: String
    /// The document's file name at intake.
    public let fileName: String
    /// What the item proposes.
    public let kind: ReviewItemKind
    /// The proposal in one line (`passport (confidence 0.82)`, `3 pages, 2 by OCR`).
    public let summary: String
    /// The machine's output as JSON text (the type and confidence, or the transcript).
    public let proposal: String
    /// Where the proposal comes from.
    public let evidence: [Evidence]
    /// Where it stands.
    public let state: ReviewState
    /// Who decided, when it was decided.
    public let reviewer: String?
    /// When it was decided.
    public let decidedAt: Date?
    /// Why it was rejected.
    public let reason: String?
    /// When the machine proposed it.
    public let createdAt: Date
    /// Where it stands in the queue (higher first): from deadlines, flag severity and age only.
    public let priority: Int

    /// Makes a review item (stores do this when reading their rows).
    public init(
        id: Int64, caseID: CaseID, documentSHA256: String, fileName: String, kind: ReviewItemKind,
        summary: String, proposal: String, evidence: [Evidence], state: ReviewState,
        reviewer: String?, decidedAt: Date?, reason: String?, createdAt: Date, priority: Int = 0
    ) {
        self.priority = priority
        self.id = id
        self.caseID = caseID
        self.documentSHA256 = documentSHA256
        self.fileName = fileName
        self.kind = kind
        self.summary = summary
        self.proposal = proposal
        self.evidence = evidence
        self.state = state
        self.reviewer = reviewer
        self.decidedAt = decidedAt
        self.reason = reason
        self.createdAt = createdAt
    }
}

/// A machine output before it has an id: what intake hands to the store.
public struct ProposedItem: Sendable, Equatable {
    /// What the item proposes.
    public let kind: ReviewItemKind
    /// One-line summary of the proposal.
    public let summary: String
    /// The proposal as JSON text.
    public let proposal: String
    /// Where it comes from.
    public let evidence: [Evidence]
    /// Queue priority (see ``ReviewItem/priority``).
    public let priority: Int

    /// Makes a proposal.
    public init(kind: ReviewItemKind, summary: String, proposal: String, evidence: [Evidence], priority: Int = 0) {
        self.priority = priority
        self.kind = kind
        self.summary = summary
        self.proposal = proposal
        self.evidence = evidence
    }
}
