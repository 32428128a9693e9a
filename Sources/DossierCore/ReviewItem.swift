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
    /// What a redacted copy of a document hides: its ``RedactionSet``.
    case redaction
}

/// What a review item is about: one document, or the case as a whole (the overview,
/// contradictions between documents, missing documents).
public enum ItemScope: String, Codable, Sendable, CaseIterable {
    case document
    case `case`
}

/// Where a review item stands. Only a named reviewer moves it out of `proposed`.
///
/// proposed → (claimed by one reviewer for a while) → approved | edited → edited-and-approved |
/// rejected; approved items become filed when they go into a case file. A claim is a lease on
/// the item (``ReviewClaim``), not a state of its own: when it runs out the item is free again.
public enum ReviewState: String, Codable, Sendable, CaseIterable {
    /// Waiting for a reviewer.
    case proposed
    /// A reviewer changed it; it waits for approval (by another person where four-eyes applies).
    case edited
    /// Approved as the machine proposed it.
    case approved
    /// Approved in the version a reviewer wrote.
    case editedAndApproved = "edited-and-approved"
    /// Rejected, with a reason; it can be proposed again as a new item.
    case rejected
    /// Approved and written into a case file.
    case filed

    /// Still waiting for a decision.
    public var isOpen: Bool { self == .proposed || self == .edited }
    /// A reviewer approved it (whether or not it has been filed since).
    public var isApproved: Bool { self == .approved || self == .editedAndApproved || self == .filed }
}

/// A reviewer's hold on an item while working on it: nobody else can decide it until `until`.
public struct ReviewClaim: Codable, Sendable, Equatable {
    public let reviewer: String
    public let until: Date

    public init(reviewer: String, until: Date) {
        self.reviewer = reviewer
        self.until = until
    }
}

/// A reviewer's version of an item, kept beside the machine's original.
public struct ReviewEdit: Codable, Sendable, Equatable {
    public let editor: String
    public let editedAt: Date
    /// The one-line summary of the reviewer's version.
    public let summary: String
    /// The reviewer's version as JSON text (same shape as the original proposal).
    public let proposal: String
    /// The evidence the reviewer's version cites.
    public let evidence: [Evidence]
    /// Line diff from the original's text to the reviewer's (`-` removed, `+` added lines).
    public let diff: String

    public init(editor: String, editedAt: Date, summary: String, proposal: String, evidence: [Evidence], diff: String) {
        self.editor = editor
        self.editedAt = editedAt
        self.summary = summary
        self.proposal = proposal
        self.evidence = evidence
        self.diff = diff
    }
}

/// A machine output waiting for, or past, a reviewer's decision.
public struct ReviewItem: Codable, Sendable, Equatable, Identifiable {
    /// Stable id, assigned by the store.
    public let id: Int64
    /// The case it belongs to.
    public let caseID: CaseID
    /// The document's SHA-256; `nil` for an item about the case as a whole.
    public let documentSHA256: String?
    /// The document's file name at intake; `nil` for an item about the case as a whole.
    public let fileName: String?

    /// Whether it is about one document or the whole case.
    public var scope: ItemScope { documentSHA256 == nil ? .case : .document }
    /// The file name as people read it, or `case` for a case-level item.
    public var subject: String { fileName.map(PrintableName.of) ?? "(case)" }
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
    /// Who holds it now, until when; `nil` when nobody does (or the lease ran out).
    public let claim: ReviewClaim?
    /// The reviewer's version, when one was written.
    public let edit: ReviewEdit?
    /// The rejected item this one proposes again.
    public let reproposedFrom: Int64?
    /// The versions of the models, rules and program that produced the proposal (JSON object).
    public let versions: String

    /// The summary that counts: the reviewer's version if there is one.
    public var currentSummary: String { edit?.summary ?? summary }
    /// The proposal that counts: the reviewer's version if there is one.
    public var currentProposal: String { edit?.proposal ?? proposal }
    /// The evidence that counts.
    public var currentEvidence: [Evidence] { edit?.evidence ?? evidence }

    /// Makes a review item (stores do this when reading their rows).
    public init(
        id: Int64, caseID: CaseID, documentSHA256: String?, fileName: String?, kind: ReviewItemKind,
        summary: String, proposal: String, evidence: [Evidence], state: ReviewState,
        reviewer: String?, decidedAt: Date?, reason: String?, createdAt: Date, priority: Int = 0,
        claim: ReviewClaim? = nil, edit: ReviewEdit? = nil, reproposedFrom: Int64? = nil, versions: String = "{}"
    ) {
        self.priority = priority
        self.claim = claim
        self.edit = edit
        self.reproposedFrom = reproposedFrom
        self.versions = versions
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
    /// About its document, or about the case as a whole (then it is stored without a document).
    public let scope: ItemScope
    /// Queue priority (see ``ReviewItem/priority``).
    public let priority: Int
    /// The versions of the models, rules and program that produced it (JSON object).
    public let versions: String

    /// Makes a proposal.
    public init(
        kind: ReviewItemKind, summary: String, proposal: String, evidence: [Evidence], priority: Int = 0, versions: String = "{}",
        scope: ItemScope = .document
    ) {
        self.scope = scope
        self.priority = priority
        self.versions = versions
        self.kind = kind
        self.summary = summary
        self.proposal = proposal
        self.evidence = evidence
    }

    /// The same proposal, recording the versions that produced it.
    public func with(versions: String) -> ProposedItem {
        ProposedItem(kind: kind, summary: summary, proposal: proposal, evidence: evidence, priority: priority, versions: versions, scope: scope)
    }
}
