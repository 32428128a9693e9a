public import DossierCore

/// How much a flag asks for a reviewer's attention; only this, deadlines and document age
/// decide where work stands in the queue.
public enum FlagSeverity: String, Codable, Sendable, CaseIterable, Comparable {
    case info, low, medium, high, critical

    var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: FlagSeverity, b: FlagSeverity) -> Bool { a.rank < b.rank }
}

/// Where a flag's evidence stands: which document, page and characters, and what they say.
public struct FlagEvidence: Codable, Sendable, Equatable {
    /// The document as the user named it.
    public let document: String
    public let page: Int
    public let start: Int
    public let end: Int
    public let quote: String

    public init(document: String, evidence: Evidence) {
        self.document = document
        page = evidence.page
        start = evidence.start
        end = evidence.end
        quote = evidence.quote
    }
}

/// Something in a document or case that a person should look at. A flag never decides
/// anything: it says what was seen, why it matters, and where.
public struct ScreeningFlag: Codable, Sendable, Equatable {
    /// What kind of finding (`invalid-bsn`, `deadline`, `contradiction`…).
    public let kind: String
    public let severity: FlagSeverity
    /// In plain words, for a caseworker.
    public let reason: String
    /// The screening rule that raised it (`models/rules/screening.yaml`).
    public let rule: String
    public let evidence: [FlagEvidence]
    /// Computed values a reviewer may want (a deadline's date and how it was computed).
    public let details: [String: String]

    public init(kind: String, severity: FlagSeverity, reason: String, rule: String, evidence: [FlagEvidence], details: [String: String] = [:]) {
        self.kind = kind
        self.severity = severity
        self.reason = reason
        self.rule = rule
        self.evidence = evidence
        self.details = details
    }
}
