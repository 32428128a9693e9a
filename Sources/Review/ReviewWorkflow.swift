public import DossierCore
public import Foundation

/// Which edited items need a second person's approval ("four eyes").
public struct FourEyesPolicy: Codable, Sendable, Equatable {
    /// Kinds where any edit needs another person's approval.
    public var kinds: Set<ReviewItemKind>
    /// Summaries in which a reviewer rewrote a sentence need another person's approval.
    public var rewrittenSummaries: Bool

    /// The default: rewritten summaries only.
    public static let standard = FourEyesPolicy(kinds: [], rewrittenSummaries: true)

    public init(kinds: Set<ReviewItemKind>, rewrittenSummaries: Bool) {
        self.kinds = kinds
        self.rewrittenSummaries = rewrittenSummaries
    }

    /// Whether `item`, as it stands, needs someone other than its editor to approve it.
    public func needsSecondReviewer(_ item: ReviewItem) -> Bool {
        guard let edit = item.edit else { return false }
        if kinds.contains(item.kind) { return true }
        if rewrittenSummaries, item.kind == .summary, let content = SummaryContent(json: edit.proposal) {
            return content.sentences.contains { $0.humanWritten }
        }
        return false
    }
}

/// A reviewer's version of an item, ready to store.
public struct ReviewEditDraft: Sendable, Equatable {
    public let summary: String
    public let proposal: String
    public let evidence: [Evidence]
    public let diff: String

    public init(summary: String, proposal: String, evidence: [Evidence], diff: String) {
        self.summary = summary
        self.proposal = proposal
        self.evidence = evidence
        self.diff = diff
    }
}

/// What a reviewer does to an item.
public enum ReviewAction: Sendable, Equatable {
    /// Hold the item for `lease` seconds (renewing one's own claim is allowed).
    case claim(lease: TimeInterval)
    /// Give one's claim back.
    case release
    /// Store one's own version.
    case edit(ReviewEditDraft)
    case approve
    case reject(reason: String)

    /// The audit trail's name for the action.
    public var auditAction: AuditAction {
        switch self {
        case .claim: .claim
        case .release: .release
        case .edit: .edit
        case .approve: .approve
        case .reject: .reject
        }
    }
}

/// The rules every store applies, in one place: who may do what to an item in which state.
public enum ReviewWorkflow {
    /// Default claim: 30 minutes.
    public static let defaultLease: TimeInterval = 30 * 60

    /// The state `item` moves to when `actor` does `action` at `now`, or why they may not.
    public static func check(
        _ action: ReviewAction, on item: ReviewItem, by actor: String, at now: Date, policy: FourEyesPolicy
    ) throws(ReviewStoreError) -> ReviewState {
        guard !actor.trimmingCharacters(in: .whitespaces).isEmpty else { throw .missingReviewer }
        guard item.state.isOpen else { throw .alreadyDecided(id: item.id, state: item.state) }
        let heldByOther = item.claim.flatMap { claim in
            claim.until > now && claim.reviewer != actor ? claim : nil
        }
        if let claim = heldByOther, action != .release {
            throw .claimedByOther(id: item.id, reviewer: claim.reviewer, until: claim.until)
        }
        switch action {
        case .claim:
            return item.state
        case .release:
            guard let claim = item.claim, claim.until > now, claim.reviewer == actor else { throw .notClaimed(id: item.id) }
            return item.state
        case .edit:
            return .edited
        case .approve:
            if item.state == .edited, let edit = item.edit {
                if policy.needsSecondReviewer(item), edit.editor == actor {
                    throw .selfApproval(id: item.id, editor: edit.editor)
                }
                return .editedAndApproved
            }
            return .approved
        case .reject(let reason):
            guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .missingReason }
            return .rejected
        }
    }

    /// Whether `actor` could approve `item` now: what `review next` offers them.
    public static func canApprove(_ item: ReviewItem, by actor: String, at now: Date, policy: FourEyesPolicy) -> Bool {
        (try? check(.approve, on: item, by: actor, at: now, policy: policy)) != nil
    }
}
