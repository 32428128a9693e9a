internal import Foundation
public import DossierCore

/// An amount of money in euros found in a document.
public struct FoundAmount: Codable, Sendable, Equatable {
    /// Whole cents (a negative amount keeps its sign).
    public let cents: Int
    /// Always `EUR`: only euro amounts are read.
    public let currency: String
    public let evidence: Evidence

    /// The amount as a decimal string, e.g. `3150.00`.
    public var amount: String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = abs(cents)
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    enum CodingKeys: String, CodingKey { case amount, currency, evidence }

    public init(cents: Int, currency: String, evidence: Evidence) {
        self.cents = cents
        self.currency = currency
        self.evidence = evidence
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .amount)
        guard let cents = MoneyFinder.cents(text, decimalSeparator: ".") else {
            throw DecodingError.dataCorruptedError(forKey: .amount, in: container, debugDescription: "not an amount")
        }
        self.cents = cents
        currency = try container.decode(String.self, forKey: .currency)
        evidence = try container.decode(Evidence.self, forKey: .evidence)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(amount, forKey: .amount)
        try container.encode(currency, forKey: .currency)
        try container.encode(evidence, forKey: .evidence)
    }
}

/// Finds euro amounts: "€ 3.150,00", "EUR 2.528,85", "€ 1.234,-", "3,150 euros", "250 euro".
///
/// Dutch writing groups thousands with dots and puts cents after a comma, English the other
/// way round; the last separator followed by exactly two digits is taken as the decimal one.
public struct MoneyFinder: @unchecked Sendable {
    // @unchecked: NSRegularExpression is immutable and documented as safe to share.
    private static let number = #"(-\s?)?(\d{1,3}(?:[.,\u00A0 ]\d{3})+|\d+)(?:([.,])(\d{2}|-{1,2}|—))?"#
    private let prefixed = pattern(#"(?:€|\bEUR\b)\s?"# + number + #"(?![\d])"#, caseInsensitive: true)
    private let suffixed = pattern(#"(?<![\d.,])"# + number + #"\s?(?:euros?|EUR)\b"#, caseInsensitive: true)

    public init() {}

    public func find(in pages: [PageTranscript]) -> [FoundAmount] {
        pages.flatMap { find(in: PageText($0)) }
    }

    func find(in page: PageText) -> [FoundAmount] {
        var found: [(NSRange, Int)] = []
        for regex in [prefixed, suffixed] {
            for match in page.matches(regex) where !found.contains(where: { NSIntersectionRange($0.0, match.range).length > 0 }) {
                let negative = match.range(at: 1).location != NSNotFound
                let whole = page.string(match.range(at: 2))
                let separator = page.string(match.range(at: 3))
                let decimals = page.string(match.range(at: 4))
                guard let cents = Self.cents(whole: whole, separator: separator, decimals: decimals) else { continue }
                found.append((match.range, negative ? -cents : cents))
            }
        }
        return found.sorted { $0.0.location < $1.0.location }.map {
            FoundAmount(cents: $0.1, currency: "EUR", evidence: page.evidence($0.0))
        }
    }

    /// Cents of a number split into its whole part and an optional decimal part.
    static func cents(whole: String, separator: String, decimals: String) -> Int? {
        let groupsOK = whole.filter(\.isNumber).count > 0
        guard groupsOK, let units = Int(whole.filter(\.isNumber)) else { return nil }
        // "1.234" with a dot and three digits after it is a thousands group, handled above;
        // two digits after the last separator are cents; "-" or "--" means no cents.
        let fraction = decimals.count == 2 && decimals.allSatisfy(\.isNumber) ? Int(decimals) ?? 0 : 0
        guard units <= Int.max / 100 - 100 else { return nil }
        _ = separator
        return units * 100 + fraction
    }

    /// Cents of a plain decimal string such as `3150.00`.
    static func cents(_ text: String, decimalSeparator: Character) -> Int? {
        let negative = text.hasPrefix("-")
        let parts = text.drop(while: { $0 == "-" }).split(separator: decimalSeparator)
        guard let first = parts.first, let units = Int(first) else { return nil }
        let fraction = parts.count > 1 ? Int(parts[1].prefix(2)) ?? 0 : 0
        let cents = units * 100 + fraction
        return negative ? -cents : cents
    }
}
