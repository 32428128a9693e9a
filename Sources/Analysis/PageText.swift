internal import Foundation
internal import DossierCore

/// One page's text prepared for pattern search: matches come back as evidence with character
/// offsets into the page text (Swift characters, as ``Evidence`` counts them).
struct PageText {
    let number: Int
    let text: String
    private let utf16: NSString

    init(_ page: PageTranscript) {
        self.init(number: page.number, text: page.text)
    }

    init(number: Int, text: String) {
        self.number = number
        self.text = text
        self.utf16 = text as NSString
    }

    /// Every match of `pattern` in the page.
    func matches(_ pattern: NSRegularExpression) -> [NSTextCheckingResult] {
        pattern.matches(in: text, range: NSRange(location: 0, length: utf16.length))
    }

    /// The text of `range`, or an empty string for a group that did not take part.
    func string(_ range: NSRange) -> String {
        range.location == NSNotFound ? "" : utf16.substring(with: range)
    }

    /// Up to `length` UTF-16 units before `range`, lower-cased: the context that names a
    /// number or date ("geboren op", "BSN:").
    func context(before range: NSRange, length: Int) -> String {
        let start = max(0, range.location - length)
        return utf16.substring(with: NSRange(location: start, length: range.location - start)).lowercased()
    }

    /// Up to `length` UTF-16 units after `range`.
    func context(after range: NSRange, length: Int) -> String {
        let end = min(utf16.length, range.location + range.length + length)
        let start = range.location + range.length
        return utf16.substring(with: NSRange(location: start, length: end - start))
    }

    /// The whole line (without its line break) that `range` starts on.
    func line(containing range: NSRange) -> String {
        guard range.location != NSNotFound, range.location <= utf16.length else { return "" }
        return utf16.substring(with: utf16.lineRange(for: NSRange(location: range.location, length: 0)))
            .trimmingCharacters(in: .newlines)
    }

    /// The start of `range` holding `count` characters, spaces not counted when
    /// `ignoringSpaces`; `nil` when the range holds fewer.
    func prefix(of range: NSRange, keeping count: Int, ignoringSpaces: Bool) -> NSRange? {
        var kept = 0
        var length = 0
        let characters = string(range)
        for character in characters {
            if kept == count { break }
            length += character.utf16.count
            if !(ignoringSpaces && character.isWhitespace) { kept += 1 }
        }
        return kept == count ? NSRange(location: range.location, length: length) : nil
    }

    /// Each line's character offsets (start, one past its end, the line break left out), the last
    /// line included even when the text does not end with a break.
    static func lineRanges(_ characters: [Character]) -> [(start: Int, end: Int)] {
        var lines: [(start: Int, end: Int)] = []
        var start = 0
        for index in 0...characters.count where index == characters.count || characters[index] == "\n" {
            lines.append((start, index))
            start = index + 1
        }
        return lines
    }

    /// `range` as evidence: page, character offsets and the quoted text.
    func evidence(_ range: NSRange) -> Evidence {
        guard let span = Range(range, in: text) else {
            return Evidence(page: number, start: 0, end: 0, quote: "")
        }
        let start = text.distance(from: text.startIndex, to: span.lowerBound)
        let end = start + text.distance(from: span.lowerBound, to: span.upperBound)
        return Evidence(page: number, start: start, end: end, quote: String(text[span]))
    }
}

/// Compiles the fixed patterns of this module; they are constants, so failure is a programming
/// error caught by the tests.
func pattern(_ source: String, caseInsensitive: Bool = false) -> NSRegularExpression {
    do {
        return try NSRegularExpression(
            pattern: source, options: caseInsensitive ? [.caseInsensitive, .anchorsMatchLines] : [.anchorsMatchLines]
        )
    } catch {
        preconditionFailure("bad built-in pattern \(source): \(error)")
    }
}
