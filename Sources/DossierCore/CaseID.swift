/// A case identifier that is safe as a folder name: letters, digits, `.`, `_`, `-`, at most 64
/// characters, not starting with a dot.
public struct CaseID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The identifier as typed.
    public let rawValue: String

    /// Validates `rawValue`; `nil` when it could escape a folder or is empty.
    public init?(_ rawValue: String) {
        guard let first = rawValue.first, first != ".", rawValue.count <= 64,
              rawValue.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-") })
        else { return nil }
        self.rawValue = rawValue
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = CaseID(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid case id"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}
