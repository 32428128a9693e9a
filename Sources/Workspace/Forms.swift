internal import Foundation
internal import Hummingbird

/// `application/x-www-form-urlencoded` bodies and query strings, read into name → value by
/// Hummingbird's form decoder.
struct FormFields: Sendable {
    private let values: [String: String]

    /// The fields of `encoded`; none when it is not a form of plain name=value pairs (then every
    /// field the handler needs is missing, and it says so).
    init(_ encoded: String) {
        values = (try? URLEncodedFormDecoder().decode([String: String].self, from: encoded)) ?? [:]
    }

    subscript(_ name: String) -> String? { values[name] }

    /// Characters a query string value keeps as they are (RFC 3986's unreserved ones).
    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~")

    /// `text` percent-encoded for a query string value.
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}
