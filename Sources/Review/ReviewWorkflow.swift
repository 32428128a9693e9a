public import DossierCore
public import Foundation

/// Which items need a second person's approval ("four eyes").
///
/// For most kinds, an item a reviewer edited must be approved by someone else. A redaction set
/// in `kinds` always takes two people: one confirms or changes it (an edit, even an unchanged
/// one), another approves it; nobody approves a set nobody checked.
public struct FourEyesPolicy: Codable, Sendable, Equatable {
    /// Kinds where any edit needs another person's approval.
    public var kinds: Set<ReviewItemKind>
    /// Summaries in which a reviewer rewrote a sentence need another person's approval.
    public var rewrittenSummaries: Bool

    /// The default: redaction sets and rewritten summaries.
    public static let standard = FourEyesPolicy(kinds: [.redaction], rewrittenSummaries: true)

    public init(kinds: Set<ReviewItemKind>, rewrittenSummaries: Bool) {
        self.kinds = kinds
        self.rewrittenSummaries = rewrittenSummaries
    }

    enum CodingKeys: String, CodingKey { case kinds, rewrittenSummaries, version }

    /// A policy stored before redaction sets existed (no `version`) gets them added: four-eyes
    /// on redactions is the default a supervisor turns off, not one they had to know to turn on.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kinds = try container.decode(Set<ReviewItemKind>.self, forKey: .kinds)
        rewrittenSummaries = try container.decode(Bool.self, forKey: .rewrittenSummaries)
        if try container.decodeIfPresent(Int.self, forKey: .version) == nil { kinds.insert(.redaction) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kinds.sorted { $0.rawValue < $1.rawValue }, forKey: .kinds)
        try container.encode(rewrittenSummaries, forKey: .rewrittenSummaries)
        try container.encode(2, forKey: .version)
    }

    /// Whether `item` may not be approved before another reviewer confirmed or changed it.
    public func needsConfirmation(_ item: ReviewItem) -> Bool {
        item.kind == .redaction && kinds.contains(.redaction) && item.edit == nil
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

/// What one workflow step does to an item, decided by ``ReviewWorkflow`` and written by a store
/// (one UPDATE, an edit row when there is one, and the audit event) in one transaction.
public struct ItemChange: Sendable, Equatable {
    /// A decision as the row records it.
    public struct Decision: Sendable, Equatable {
        public let reviewer: String
        public let at: Date
        public let reason: String?
    }

    public let itemID: Int64
    /// Who does it: an active account's name.
    public let actor: String
    public let at: Date
    /// The audit trail's name for it.
    public let action: AuditAction
    /// The item's state afterwards.
    public let state: ReviewState
    /// Who holds the item afterwards (`nil`: nobody).
    public let claim: ReviewClaim?
    /// A reviewer's version to store and point the item at.
    public let edit: ReviewEditDraft?
    /// The decision to record (approve, reject).
    public let decision: Decision?
    /// `false` when the row stays as it is and only the event is recorded (filing an item
    /// already filed by an export that was interrupted).
    public let changesRow: Bool
}

/// The rules every store applies, in one place: who may do what to an item in which state.
/// Stores only turn the ``ItemChange`` it returns into their SQL.
public enum ReviewWorkflow {
    /// Default claim: 30 minutes.
    public static let defaultLease: TimeInterval = 30 * 60

    /// What happens when `actor` does `action` to `item` at `now`, or why they may not.
    public static func change(
        _ action: ReviewAction, on item: ReviewItem, by actor: Account, at now: Date, policy: FourEyesPolicy
    ) throws(ReviewStoreError) -> ItemChange {
        try actor.require(action.operation)
        guard item.state.isOpen else { throw .alreadyDecided(id: item.id, state: item.state) }
        let liveClaim = item.claim.flatMap { $0.until > now ? $0 : nil }
        if let claim = liveClaim, claim.reviewer != actor.name, action != .release {
            throw .claimedByOther(id: item.id, reviewer: claim.reviewer, until: claim.until)
        }
        func made(_ state: ReviewState, claim: ReviewClaim?, edit: ReviewEditDraft? = nil, decision: ItemChange.Decision? = nil) -> ItemChange {
            ItemChange(itemID: item.id, actor: actor.name, at: now, action: action.auditAction, state: state, claim: claim,
                       edit: edit, decision: decision, changesRow: true)
        }
        switch action {
        case .claim(let lease):
            return made(item.state, claim: ReviewClaim(reviewer: actor.name, until: now.addingTimeInterval(max(1, lease))))
        case .release:
            guard let claim = liveClaim, claim.reviewer == actor.name else { throw .notClaimed(id: item.id) }
            return made(item.state, claim: nil)
        case .edit(let draft):
            return made(.edited, claim: item.claim, edit: draft)
        case .approve:
            if policy.needsConfirmation(item) { throw .unconfirmedRedaction(id: item.id) }
            if item.kind == .redaction, let set = RedactionSet(json: item.currentProposal), !set.unplacedMarks.isEmpty {
                throw .unplacedRedactions(id: item.id, marks: set.unplacedMarks)
            }
            var state = ReviewState.approved
            if item.state == .edited, let edit = item.edit {
                if policy.needsSecondReviewer(item), edit.editor == actor.name {
                    throw .selfApproval(id: item.id, editor: edit.editor)
                }
                state = .editedAndApproved
            }
            return made(state, claim: nil, decision: .init(reviewer: actor.name, at: now, reason: nil))
        case .reject(let reason):
            guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .missingReason }
            return made(.rejected, claim: nil, decision: .init(reviewer: actor.name, at: now, reason: reason))
        }
    }

    /// The claim `review next` takes on `item` for `actor`, or `nil` when they could not approve it
    /// (four-eyes, someone else's claim, a decided item).
    public static func nextClaim(
        on item: ReviewItem, by actor: Account, lease: TimeInterval, at now: Date, policy: FourEyesPolicy
    ) throws(ReviewStoreError) -> ItemChange? {
        try actor.require(.claim)
        guard (try? change(.approve, on: item, by: actor, at: now, policy: policy)) != nil else { return nil }
        return try change(.claim(lease: lease), on: item, by: actor, at: now, policy: policy)
    }

    /// Filing an approved item into a case file (export).
    public static func file(_ item: ReviewItem, by actor: Account, at now: Date) throws(ReviewStoreError) -> ItemChange {
        try actor.require(.export)
        guard item.state.isApproved else { throw .notApproved(id: item.id, state: item.state) }
        return ItemChange(itemID: item.id, actor: actor.name, at: now, action: .export, state: .filed, claim: nil, edit: nil,
                          decision: nil, changesRow: item.state != .filed)
    }

    /// Writing a redacted copy from an approved redaction set: recorded, the item unchanged.
    public static func redactedCopy(_ item: ReviewItem, by actor: Account, at now: Date) throws(ReviewStoreError) -> ItemChange {
        try actor.require(.export)
        guard item.kind == .redaction, item.state.isApproved else { throw .notApproved(id: item.id, state: item.state) }
        return ItemChange(itemID: item.id, actor: actor.name, at: now, action: .redactedCopy, state: item.state, claim: nil, edit: nil,
                          decision: nil, changesRow: false)
    }

    /// The new proposal that proposes a rejected `item` again.
    public static func repropose(_ item: ReviewItem, by actor: Account) throws(ReviewStoreError) -> ProposedItem {
        try actor.require(.repropose)
        guard item.state == .rejected else { throw .notRejected(id: item.id, state: item.state) }
        return ProposedItem(kind: item.kind, summary: item.summary, proposal: item.proposal, evidence: item.evidence,
                            priority: item.priority, versions: item.versions, scope: item.scope)
    }
}

extension ReviewAction {
    /// The operation the role table must allow for this action.
    public var operation: Operation {
        switch self {
        case .claim, .release: .claim
        case .edit: .edit
        case .approve, .reject: .decide
        }
    }
}
