public import Foundation
internal import Containers

/// A plain-text file's text, decoded, and cut into pages the way a reader expects: at form
/// feeds when the file has them, else at paragraph ends near ``targetPageLength`` characters.
///
/// Encodings: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, and
/// Windows-1252 (what Word and Outlook on Windows write as "ANSI") for bytes that are not
/// UTF-8. Bytes that are none of these (a NUL in the text, or a byte Windows-1252 leaves
/// undefined) are refused: such a file is binary or in an encoding we cannot tell.
///
public struct PlainTextPages: Sendable, Equatable {
    /// The encodings told apart.
    public enum Encoding: String, Sendable {
        case utf8 = "utf-8"
        case utf16LittleEndian = "utf-16le"
        case utf16BigEndian = "utf-16be"
        case windows1252 = "windows-1252"
    }

    /// Pages without form feeds are cut at the first paragraph end after this many characters.
    public static let targetPageLength = 3000

    public let encoding: Encoding
    /// The pages' texts, line ends as `\n`.
    public let pages: [String]

    /// Decodes `data` and cuts it into pages; `nil` when the bytes are not text in one of the
    /// encodings above.
    public init?(data: Data) {
        guard let (text, encoding) = Self.decode(data) else { return nil }
        self.encoding = encoding
        pages = Self.paged(text)
    }

    /// The text and its encoding, or `nil` when the bytes are not text we can read.
    public static func decode(_ data: Data) -> (String, Encoding)? {
        let bytes = [UInt8](data)
        var decoded: (String, Encoding)?
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            decoded = String(validating: bytes.dropFirst(3), as: UTF8.self).map { ($0, .utf8) }
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            let body = bytes.dropFirst(2)
            guard body.count % 2 == 0 else { return nil }
            decoded = String(validating: Charsets.utf16Units(body, littleEndian: little), as: UTF16.self).map { ($0, little ? .utf16LittleEndian : .utf16BigEndian) }
        } else if let text = String(validating: bytes, as: UTF8.self) {
            decoded = (text, .utf8)
        } else {
            decoded = windows1252(bytes).map { ($0, .windows1252) }
        }
        guard let (text, encoding) = decoded, !text.unicodeScalars.contains(where: { $0.value == 0 }) else { return nil }
        return (text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"), encoding)
    }

    /// Windows-1252, strictly: `nil` when a byte is one it leaves undefined.
    static func windows1252(_ bytes: [UInt8]) -> String? {
        Charsets.windows1252(bytes, strict: true)
    }

    /// Pages at form feeds; else paragraphs gathered until a page reaches the target length,
    /// a paragraph longer than a page cut at line ends and then at spaces.
    static func paged(_ text: String) -> [String] {
        if text.contains("\u{0C}") {
            var pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map(String.init)
            // A form feed closing the file does not open an empty page.
            if pages.count > 1, pages.last?.allSatisfy(\.isWhitespace) == true { pages.removeLast() }
            return pages
        }
        var pages = gathered(pieces(text))
        if pages.isEmpty { pages.append("") }
        return pages
    }

    /// Consecutive pieces joined into parts of at most a page where the pieces allow (a piece
    /// longer than a page stands alone).
    private static func gathered(_ pieces: [String]) -> [String] {
        var parts: [String] = []
        var current = "", length = 0
        for piece in pieces {
            let pieceLength = piece.count
            if length > 0, length + pieceLength > targetPageLength {
                parts.append(current)
                (current, length) = ("", 0)
            }
            current += piece
            length += pieceLength
        }
        if length > 0 { parts.append(current) }
        return parts
    }

    /// The text as paragraphs (each with the blank lines after it), none longer than a page.
    private static func pieces(_ text: String) -> [String] {
        var paragraphs: [String] = []
        var rest = Substring(text)
        while let end = rest.range(of: "\n\n") {
            var close = end.upperBound
            while close < rest.endIndex, rest[close] == "\n" { close = rest.index(after: close) }
            paragraphs.append(String(rest[..<close]))
            rest = rest[close...]
        }
        if !rest.isEmpty { paragraphs.append(String(rest)) }
        return paragraphs.flatMap { paragraph -> [String] in
            guard paragraph.count > targetPageLength else { return [paragraph] }
            return cut(paragraph, at: "\n").flatMap { $0.count > targetPageLength ? cut($0, at: " ") : [$0] }
        }
    }

    /// `text` cut after separators into parts of at most a page where the separators allow.
    private static func cut(_ text: String, at separator: Character) -> [String] {
        let words = text.split(separator: separator, omittingEmptySubsequences: false)
        return gathered(words.enumerated().map { String($0.element) + ($0.offset < words.count - 1 ? String(separator) : "") })
    }
}
