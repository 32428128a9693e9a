internal import Foundation
internal import DossierCore

/// One page's text prepared for pattern search: matches come back as evidence with character
/// offsets into the page text (Swift characters, as ``Evidence`` counts them).
///
/// Eastern Arabic (٠–٩) and Persian (۰–۹) digits are searched as the digits 0–9 they stand
/// for, so a date or number written in them is found like any other; evidence quotes the page
/// as written. (Each is one UTF-16 unit and one character, as its 0–9 is: offsets agree.)
struct PageText {
    let number: Int
    /// The page's text with its digits as 0–9: what patterns search.
    let text: String
    /// The page's text as written: what evidence quotes.
    let original: String
    /// The language the page was read in, when its reading chose one (`--lang auto`).
    let language: String?
    private let utf16: NSString

    init(_ page: PageTranscript) {
        self.init(number: page.number, text: page.text, language: page.language)
    }

    init(number: Int, text: String, language: String? = nil) {
        self.number = number
        self.original = text
        self.text = Self.westernDigits(text)
        self.language = language
        self.utf16 = self.text as NSString
    }

    /// `text` with Eastern Arabic and Persian digits as 0–9 (the same text when it has none).
    static func westernDigits(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { easternDigit($0) != nil }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(easternDigit(scalar).flatMap { Unicode.Scalar(0x30 + $0) } ?? scalar)
        }
        return String(scalars)
    }

    /// The value of an Eastern Arabic (U+0660–0669) or Persian (U+06F0–06F9) digit.
    private static func easternDigit(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar.value {
        case 0x0660...0x0669: scalar.value - 0x0660
        case 0x06F0...0x06F9: scalar.value - 0x06F0
        default: nil
        }
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

    /// The sentence around `range`: back to the previous full stop, question or exclamation
    /// mark or blank line, and on to the next (at most 240 characters each way).
    func sentence(around range: NSRange) -> String {
        let enders: Set<Character> = [".", "?", "!"]
        func endsSentence(_ characters: [Character], at index: Int) -> Bool {
            guard enders.contains(characters[index]) else { return characters[index] == "\n" && index + 1 < characters.count && characters[index + 1] == "\n" }
            // "12.06.2026" and "B.V." keep going: a sentence ends before a space or a line end.
            return index + 1 == characters.count || characters[index + 1].isWhitespace
        }
        let before = Array(context(before: range, length: 240))
        var start = before.count
        while start > 0, !endsSentence(before, at: start - 1) { start -= 1 }
        let after = Array(context(after: range, length: 240))
        var end = 0
        while end < after.count, !endsSentence(after, at: end) { end += 1 }
        return String(before[start...]) + string(range) + String(after[..<end])
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

    /// `range` as evidence: page, character offsets and the text quoted as written.
    func evidence(_ range: NSRange) -> Evidence {
        guard let span = Range(range, in: original) else {
            return Evidence(page: number, start: 0, end: 0, quote: "")
        }
        let start = original.distance(from: original.startIndex, to: span.lowerBound)
        let end = start + original.distance(from: span.lowerBound, to: span.upperBound)
        return Evidence(page: number, start: start, end: end, quote: String(original[span]))
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
