public import DossierCore
public import Foundation

/// What an audit event records.
public enum AuditAction: String, Codable, Sendable, CaseIterable {
    /// A document was taken into a case.
    case intake
    /// The machine proposed an item.
    case propose
    /// A reviewer claimed an item (or renewed the claim).
    case claim
    /// A reviewer gave a claim back.
    case release
    /// A reviewer wrote their own version of an item.
    case edit
    case approve
    case reject
    /// A rejected item was proposed again as a new item.
    case repropose
    /// An approved item went into a case file.
    case export
    /// A redacted copy was written from an approved redaction set (the item stays as it is).
    case redactedCopy = "redacted-copy"
    /// The four-eyes policy was changed.
    case policy
    /// An account logged in (a session began).
    case login
    /// A login was refused (recorded for existing accounts only).
    case loginFailed = "login-failed"
    /// A session was ended.
    case logout
    /// A supervisor added an account (or the first account was made).
    case accountAdd = "account-add"
    case accountDisable = "account-disable"
    /// An account's role changed.
    case accountRole = "account-role"
    /// An account's password was changed or reset.
    case accountPassword = "account-password"
}

/// One event of the append-only audit trail.
///
/// Each event carries the SHA-256 of the event before it, so the events form a chain: changing,
/// removing or reordering any of them breaks every hash after it. The hash covers every field
/// but itself, in a fixed text form (``canonicalText``).
public struct AuditEvent: Codable, Sendable, Equatable {
    /// 1, 2, 3… without gaps.
    public let sequence: Int64
    /// When, as ISO 8601 UTC with milliseconds (kept as text so the hash never depends on a
    /// floating-point round trip).
    public let at: String
    /// Who: a reviewer's name, or `dossier` for the machine.
    public let actor: String
    /// The action as stored (``action`` reads it).
    public let actionName: String
    public let caseID: String
    public let itemID: Int64?
    public let documentSHA256: String?
    /// SHA-256 of the item's content before and after the event (``ReviewItem/contentHash``).
    public let beforeHash: String?
    public let afterHash: String?
    /// The item's state after the event.
    public let state: String?
    /// Versions of the models, rules and program behind a proposal (JSON object), else `{}`.
    public let versions: String
    public let previousHash: String
    public let hash: String

    /// What was done; `nil` for a name this version does not know (verification fails on it).
    public var action: AuditAction? { AuditAction(rawValue: actionName) }

    enum CodingKeys: String, CodingKey {
        case sequence, at, actor, state, versions, hash
        case actionName = "action"
        case caseID = "case", itemID = "item", documentSHA256 = "document_sha256", beforeHash = "before_hash"
        case afterHash = "after_hash", previousHash = "previous_hash"
    }

    /// The text that is hashed: every field but the hash, one per line.
    public static func canonicalText(
        sequence: Int64, at: String, actor: String, action: String, caseID: String, itemID: Int64?,
        documentSHA256: String?, beforeHash: String?, afterHash: String?, state: String?, versions: String,
        previousHash: String
    ) -> String {
        [
            "\(sequence)", at, actor, action, caseID, itemID.map(String.init) ?? "-", documentSHA256 ?? "-",
            beforeHash ?? "-", afterHash ?? "-", state ?? "-", versions, previousHash,
        ].map(Self.escaped).joined(separator: "\n")
    }

    /// Line breaks and backslashes escaped, so that no two field lists give the same text.
    static func escaped(_ field: String) -> String {
        field.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Makes the next event of a chain whose last hash is `previousHash`.
    public static func next(
        sequence: Int64, at date: Date, actor: String, action: AuditAction, caseID: String, itemID: Int64? = nil,
        documentSHA256: String? = nil, beforeHash: String? = nil, afterHash: String? = nil, state: String? = nil,
        versions: String = "{}", previousHash: String
    ) -> AuditEvent {
        let at = AuditClock.text(date)
        let text = canonicalText(
            sequence: sequence, at: at, actor: actor, action: action.rawValue, caseID: caseID, itemID: itemID,
            documentSHA256: documentSHA256, beforeHash: beforeHash, afterHash: afterHash, state: state,
            versions: versions, previousHash: previousHash
        )
        return AuditEvent(
            sequence: sequence, at: at, actor: actor, actionName: action.rawValue, caseID: caseID, itemID: itemID,
            documentSHA256: documentSHA256, beforeHash: beforeHash, afterHash: afterHash, state: state,
            versions: versions, previousHash: previousHash, hash: FileDigest.sha256(of: Data(text.utf8))
        )
    }

    /// Makes an event from stored fields (stores do this when reading rows).
    public init(
        sequence: Int64, at: String, actor: String, actionName: String, caseID: String, itemID: Int64?,
        documentSHA256: String?, beforeHash: String?, afterHash: String?, state: String?, versions: String,
        previousHash: String, hash: String
    ) {
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.actionName = actionName
        self.caseID = caseID
        self.itemID = itemID
        self.documentSHA256 = documentSHA256
        self.beforeHash = beforeHash
        self.afterHash = afterHash
        self.state = state
        self.versions = versions
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The hash the fields give now.
    public var recomputedHash: String {
        FileDigest.sha256(of: Data(Self.canonicalText(
            sequence: sequence, at: at, actor: actor, action: actionName, caseID: caseID, itemID: itemID,
            documentSHA256: documentSHA256, beforeHash: beforeHash, afterHash: afterHash, state: state,
            versions: versions, previousHash: previousHash
        ).utf8))
    }
}

/// Times as the audit trail writes them.
public enum AuditClock {
    public static func text(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

/// The last event of the chain as the store records it apart from the events themselves, so
/// that removing events from the end is noticed too.
public struct AuditHead: Codable, Sendable, Equatable {
    public let sequence: Int64
    public let hash: String

    public init(sequence: Int64, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }
}

/// What `audit verify` found.
public enum AuditVerification: Sendable, Equatable {
    /// Every event is in place; `head` is the last hash (or the genesis hash for no events).
    case intact(events: Int, head: String)
    /// The first event that does not fit, and why.
    case broken(sequence: Int64, reason: String)
}

/// Checks an audit trail.
public enum AuditChain {
    /// The hash before the first event.
    public static let genesis = String(repeating: "0", count: 64)

    /// Walks `events` (as stored, in sequence order) and names the first one that does not fit:
    /// a sequence gap or repeat (removed or reordered events), a previous-hash that is not the
    /// hash before it, or a hash that its fields no longer give (a changed event). The recorded
    /// `head` must be the last event.
    public static func verify(_ events: [AuditEvent], head: AuditHead?) -> AuditVerification {
        var previous = genesis
        for (offset, event) in events.enumerated() {
            let expected = Int64(offset + 1)
            if event.sequence != expected {
                return .broken(sequence: min(event.sequence, expected), reason: "event \(expected) is missing or out of order (found \(event.sequence))")
            }
            if event.previousHash != previous {
                return .broken(sequence: event.sequence, reason: "event \(event.sequence) does not follow the one before it (previous-hash differs)")
            }
            if event.action == nil {
                return .broken(sequence: event.sequence, reason: "event \(event.sequence) names an action this version does not know")
            }
            if event.recomputedHash != event.hash {
                return .broken(sequence: event.sequence, reason: "event \(event.sequence) was changed after it was written (hash differs)")
            }
            previous = event.hash
        }
        let last = AuditHead(sequence: Int64(events.count), hash: previous)
        if let head, head != last {
            let sequence = min(head.sequence, last.sequence + 1)
            return .broken(sequence: max(1, sequence), reason: "the trail ends at event \(last.sequence) but the recorded head is event \(head.sequence): events were removed or the head was changed")
        }
        if head == nil, !events.isEmpty {
            return .broken(sequence: last.sequence, reason: "the recorded head of the trail is missing")
        }
        return .intact(events: events.count, head: previous)
    }
}

extension ReviewItem {
    /// SHA-256 of what the item says now (kind, summary, proposal, evidence, state): the audit
    /// trail's before and after hashes.
    public var contentHash: String {
        Self.contentHash(kind: kind, summary: currentSummary, proposal: currentProposal, evidence: currentEvidence, state: state)
    }

    public static func contentHash(kind: ReviewItemKind, summary: String, proposal: String, evidence: [Evidence], state: ReviewState) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let evidenceText = (try? encoder.encode(evidence)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        let text = [kind.rawValue, summary, proposal, evidenceText, state.rawValue].map(AuditEvent.escaped).joined(separator: "\n")
        return FileDigest.sha256(of: Data(text.utf8))
    }
}
