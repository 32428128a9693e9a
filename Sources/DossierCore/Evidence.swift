/// Where in a document a machine output comes from: page and character span of the page text.
public struct Evidence: Codable, Sendable, Equatable {
    /// 1-based page number.
    public let page: Int
    /// Offset of the first character (in Unicode characters of the page text).
    public let start: Int
    /// Offset one past the last character.
    public let end: Int
    /// The quoted text of the span.
    public let quote: String

    /// Makes a piece of evidence.
    public init(page: Int, start: Int, end: Int, quote: String) {
        self.page = page
        self.start = start
        self.end = end
        self.quote = quote
    }
}
