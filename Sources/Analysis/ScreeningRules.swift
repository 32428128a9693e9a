internal import Foundation
internal import Yams
internal import DossierModels
internal import DossierCore

/// A value a screening rule can test: text, number, yes/no or a list of texts.
public enum FactValue: Sendable, Equatable {
    case text(String)
    case number(Double)
    case flag(Bool)
    case list([String])

    /// The value as it reads in a reason.
    var spelled: String {
        switch self {
        case .text(let text): text
        case .number(let number): number == number.rounded() ? String(Int(number)) : String(number)
        case .flag(let flag): flag ? "true" : "false"
        case .list(let items): items.joined(separator: ", ")
        }
    }
}

/// Something the analysis established about a document or case, that rules can test: an
/// identifier, a date, a page, a deadline, a contradiction… Its fields are named values; its
/// evidence says where it stands.
public struct Fact: Sendable {
    /// The kind of fact, as rules name it in `for_each`.
    public let kind: FactKind
    public let fields: [String: FactValue]
    public let evidence: [FlagEvidence]
    /// Values passed on to the flag (`details`).
    public let details: [String: String]

    public init(kind: FactKind, fields: [String: FactValue], evidence: [FlagEvidence], details: [String: String] = [:]) {
        self.kind = kind
        self.fields = fields
        self.evidence = evidence
        self.details = details
    }
}

/// The kinds of fact, and the fields each one has. Rules may read these fields only, and
/// none of them is a protected attribute.
public enum FactKind: String, Codable, Sendable, CaseIterable {
    case document, page, identifier, date, deadline
    case pageGap = "page-gap"
    case missingAnnex = "missing-annex"
    case duplicate, contradiction
    case missingDocument = "missing-document"

    /// The fields a fact of this kind carries.
    public var fields: Set<String> {
        switch self {
        case .document: ["type", "type_confidence", "language", "language_name", "language_confidence", "pages", "file",
                         "translation_needed"]
        case .page: ["number", "method", "confidence", "blank", "needs_language", "document_type", "script", "language",
                     "language_name", "unreadable"]
        case .identifier: ["kind", "value", "valid", "failures", "document_type"]
        case .date: ["role", "date", "days_from_today", "document_type"]
        case .deadline: ["date", "days_left", "rule", "source"]
        case .pageGap: ["missing", "total"]
        case .missingAnnex: ["annex"]
        case .duplicate: ["other", "similarity", "exact"]
        case .contradiction: ["subject", "values", "soft"]
        case .missingDocument: ["procedure", "requirement", "types"]
        }
    }
}

/// One condition of a rule: a field compared with a value.
public struct RuleCondition: Codable, Sendable, Equatable {
    public let field: String
    public let `is`: String?
    public let isNot: String?
    public let `in`: [String]?
    public let notIn: [String]?
    public let below: Double?
    public let atLeast: Double?

    enum CodingKeys: String, CodingKey {
        case field, `is`, isNot = "is_not", `in`, notIn = "not_in", below, atLeast = "at_least"
    }

    /// Whether `fact` meets the condition; a missing field never does.
    func holds(for fact: Fact) -> Bool {
        guard let value = fact.fields[field] else { return false }
        if let expected = `is`, value.spelled != expected { return false }
        if let unwanted = isNot, value.spelled == unwanted { return false }
        if let allowed = `in`, !allowed.contains(value.spelled) { return false }
        if let refused = notIn, refused.contains(value.spelled) { return false }
        if below != nil || atLeast != nil {
            guard case .number(let number) = value else { return false }
            if let below, !(number < below) { return false }
            if let atLeast, !(number >= atLeast) { return false }
        }
        return true
    }

    /// Everything the condition names: its field and the values it compares with.
    var namedTerms: [String] {
        [field] + [`is`, isNot].compactMap { $0 } + (`in` ?? []) + (notIn ?? [])
    }
}

/// A screening rule: for each fact of a kind that meets every condition, raise a flag.
public struct ScreeningRule: Codable, Sendable, Equatable {
    public let id: String
    /// The flag kind it raises.
    public let flag: String
    public let severity: FlagSeverity
    /// The reason, with `{field}` placeholders filled from the fact.
    public let reason: String
    public let forEach: FactKind
    public let when: [RuleCondition]

    enum CodingKeys: String, CodingKey { case id, flag, severity, reason, forEach = "for_each", when }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        flag = try container.decode(String.self, forKey: .flag)
        severity = try container.decode(FlagSeverity.self, forKey: .severity)
        reason = try container.decode(String.self, forKey: .reason)
        forEach = try container.decode(FactKind.self, forKey: .forEach)
        // No conditions: every fact of the kind raises the flag.
        when = try container.decodeIfPresent([RuleCondition].self, forKey: .when) ?? []
    }

    /// The flag for `fact`, or `nil` when a condition does not hold.
    func flag(for fact: Fact) -> ScreeningFlag? {
        guard fact.kind == forEach, when.allSatisfy({ $0.holds(for: fact) }) else { return nil }
        var text = reason
        for (name, value) in fact.fields { text = text.replacingOccurrences(of: "{\(name)}", with: value.spelled) }
        return ScreeningFlag(kind: flag, severity: severity, reason: text, rule: id, evidence: fact.evidence, details: fact.details)
    }
}

/// Why a rule file cannot be used.
public enum ScreeningRulesError: Error, Equatable, CustomStringConvertible {
    case unreadable(String)
    case protectedAttribute(rule: String, term: String)
    case unknownField(rule: String, field: String, kind: FactKind)
    case duplicateRule(String)

    public var description: String {
        switch self {
        case .unreadable(let reason): "the screening rules cannot be read: \(reason)"
        case .protectedAttribute(let rule, let term):
            "rule '\(rule)' refused: it reads '\(term)', a protected attribute; screening never uses nationality, origin, religion, ethnicity, sexual orientation or gender as a signal"
        case .unknownField(let rule, let field, let kind):
            "rule '\(rule)' refused: a \(kind.rawValue) fact has no field '\(field)'"
        case .duplicateRule(let id): "rule '\(id)' is defined twice"
        }
    }
}

/// The screening rules in `models/rules/screening.yaml`: declarative data, checked on load.
///
/// The loader is the fairness guard: a rule whose condition names a protected attribute
/// (nationality, country or place of birth, religion, ethnicity, sexual orientation, gender)
/// is refused with the reason, and so is one that reads a field its fact does not have.
public struct ScreeningRules: Sendable {
    public let version: Int
    public let rules: [ScreeningRule]

    /// Words that name protected attributes, in the forms a rule author might use.
    static let protectedTerms: [String] = [
        "nationality", "nationaliteit", "citizenship", "country_of_birth", "birth_country", "place_of_birth",
        "birth_place", "geboorteplaats", "geboorteland", "religion", "religie", "geloof", "faith", "ethnicity",
        "ethnic", "etniciteit", "race", "sexual_orientation", "orientation", "seksuele", "gender", "geslacht", "sex",
        "issuing_state", "origin", "herkomst",
    ]

    /// Whether `term` names a protected attribute (whole words of it, any case).
    static func protectedTerm(in term: String) -> String? {
        let words = term.lowercased().split { !$0.isLetter && $0 != "_" }.map(String.init)
        let parts = words + words.flatMap { $0.split(separator: "_").map(String.init) }
        return protectedTerms.first { protected in parts.contains(protected) || term.lowercased() == protected }
    }

    /// Reads and checks rules from YAML text.
    public init(yaml: String) throws(ScreeningRulesError) {
        struct File: Codable {
            let version: Int
            let rules: [ScreeningRule]
        }
        let file: File
        do {
            file = try YAMLDecoder().decode(File.self, from: yaml)
        } catch {
            throw .unreadable(String(describing: error).prefix(300).description)
        }
        var seen = Set<String>()
        for rule in file.rules {
            guard seen.insert(rule.id).inserted else { throw .duplicateRule(rule.id) }
            for condition in rule.when {
                for term in condition.namedTerms {
                    if let protected = Self.protectedTerm(in: term) {
                        throw .protectedAttribute(rule: rule.id, term: protected)
                    }
                }
                guard rule.forEach.fields.contains(condition.field) else {
                    throw .unknownField(rule: rule.id, field: condition.field, kind: rule.forEach)
                }
            }
        }
        version = file.version
        rules = file.rules
    }

    /// The rules shipped in `models/rules/screening.yaml`.
    public static func bundled() throws(ScreeningRulesError) -> ScreeningRules {
        guard let url = ModelFiles.url("rules/screening.yaml") else { throw .unreadable("models/rules/screening.yaml is missing") }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch { throw .unreadable("models/rules/screening.yaml cannot be read") }
        return try ScreeningRules(yaml: text)
    }

    /// Every flag the rules raise on `facts`, in rule order.
    public func flags(for facts: [Fact]) -> [ScreeningFlag] {
        rules.flatMap { rule in facts.compactMap { rule.flag(for: $0) } }
    }
}
