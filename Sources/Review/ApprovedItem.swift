public import DossierCore
public import Foundation

/// A review item a named reviewer approved: the only thing a case file may take in.
///
/// Only a store makes it (``ReviewStore/approvedItems(in:)``), from a row it holds that a named
/// reviewer approved (as proposed or in a reviewer's version; filed items were approved before
/// they were filed) and that records who approved it and when: no caller can turn a proposal,
/// or a ``ReviewItem`` it made up, into one, so code that writes case files cannot be handed one. What goes
/// into the case file is the version that was approved: the reviewer's, if there is one.
public struct ApprovedItem: Sendable, Equatable {
    /// The approved item.
    public let item: ReviewItem
    /// Who approved it.
    public let reviewer: String
    /// When.
    public let approvedAt: Date

    /// `nil` unless `item` is approved by a named reviewer at a known time. Internal: only the
    /// store reading below makes them.
    init?(_ item: ReviewItem) {
        guard item.state.isApproved,
              let reviewer = item.reviewer, !reviewer.trimmingCharacters(in: .whitespaces).isEmpty,
              let approvedAt = item.decidedAt
        else { return nil }
        self.item = item
        self.reviewer = reviewer
        self.approvedAt = approvedAt
    }
}

extension ReviewDecision {
    /// The decision as a workflow action by its reviewer.
    public var action: (actor: String, action: ReviewAction) {
        switch self {
        case .approve(let reviewer): (reviewer, .approve)
        case .reject(let reviewer, let reason): (reviewer, .reject(reason: reason))
        }
    }
}

extension ReviewStore {
    /// The approved items of a case as this store holds them now: the only way to an ``ApprovedItem``.
    public func approvedItems(in caseID: CaseID) async throws(ReviewStoreError) -> [ApprovedItem] {
        try await items(ReviewItemFilter(caseID: caseID)).compactMap(ApprovedItem.init)
    }
}
