public import DossierCore
public import Foundation

/// A review item a named reviewer approved: the only thing a case file may take in.
///
/// It can be made only from a ``ReviewItem`` whose state is `approved` and that records who
/// approved it and when, so code that writes case files cannot be handed a proposal.
public struct ApprovedItem: Sendable, Equatable {
    /// The approved item.
    public let item: ReviewItem
    /// Who approved it.
    public let reviewer: String
    /// When.
    public let approvedAt: Date

    /// `nil` unless `item` is approved by a named reviewer at a known time.
    public init?(_ item: ReviewItem) {
        guard item.state == .approved,
              let reviewer = item.reviewer, !reviewer.trimmingCharacters(in: .whitespaces).isEmpty,
              let approvedAt = item.decidedAt
        else { return nil }
        self.item = item
        self.reviewer = reviewer
        self.approvedAt = approvedAt
    }
}

extension ReviewDecision {
    /// Checks the decision is complete before a store records it.
    public func validated() throws(ReviewStoreError) -> ReviewDecision {
        switch self {
        case .approve(let reviewer):
            guard !reviewer.trimmingCharacters(in: .whitespaces).isEmpty else { throw .missingReviewer }
        case .reject(let reviewer, let reason):
            guard !reviewer.trimmingCharacters(in: .whitespaces).isEmpty else { throw .missingReviewer }
            guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .missingReason }
        }
        return self
    }
}
