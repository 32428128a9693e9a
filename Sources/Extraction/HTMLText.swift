public import Foundation
internal import HTML

/// The readable text of an HTML page or an HTML e-mail body: what a browser would show, as
/// plain lines. Scripts, styles, the head and comments are dropped; block elements (paragraphs,
/// headings, list items, table rows…) start new lines, paragraphs are separated by a blank
/// line, list items get a marker, table cells a tab; character references are decoded.
///
/// The markup is parsed by libxml2's HTML parser (recovering from unclosed and stray tags as
/// browsers do, character references decoded, no network); this walks the tree it builds. It
/// never fails: markup libxml2 cannot make a tree of gives no text. Only the text is kept (no
/// links, no images).
public enum HTMLText {
    /// Text of `data`, decoded as the page declares (byte-order mark, `<meta charset>`), else
    /// UTF-8, else Windows-1252; `nil` when the bytes are not text.
    public static func text(of data: Data) -> String? {
        guard let markup = decode(data) else { return nil }
        return text(ofMarkup: markup)
    }

    /// True when `head` (a file's first bytes) opens like an HTML page.
    public static func looksLikeHTML(_ head: [UInt8]) -> Bool {
        // ASCII only, NULs of UTF-16 dropped, lower case: enough to see the opening tags.
        let ascii = String(decoding: head.prefix(1024).filter { $0 != 0 && $0 < 0x80 }.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        let opening = ascii.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        guard opening.hasPrefix("<") else { return false }
        return ["<!doctype html", "<html", "<head", "<body", "<meta ", "<title"].contains { ascii.contains($0) }
    }

    // MARK: - Decoding

    /// The markup as a string: a byte-order mark or a declared charset wins; else UTF-8; else
    /// Windows-1252 (what an undeclared Latin page most likely is).
    static func decode(_ data: Data) -> String? {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return PlainTextPages.decode(data)?.0
        }
        let declared = declaredCharset(bytes)
        if let declared, ["windows-1252", "iso-8859-1", "iso-8859-15", "latin1", "us-ascii", "cp1252"].contains(declared),
           let text = PlainTextPages.windows1252(bytes) {
            return text.contains("\u{0}") ? nil : text
        }
        return PlainTextPages.decode(data)?.0
    }

    /// The charset named by a `<meta charset=…>` or `content="…; charset=…"` in the first 2 KiB.
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(2048).map { $0 < 0x80 ? ($0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0) : 0x3F }, as: UTF8.self)
        guard let range = head.range(of: "charset=") else { return nil }
        let value = head[range.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
            .prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return value.isEmpty ? nil : String(value)
    }

    // MARK: - Text

    /// Elements whose content is never shown.
    private static let hiddenElements: Set<String> = ["script", "style", "head", "title", "template", "noscript", "iframe", "object", "svg", "select"]
    /// Elements that stand on lines of their own.
    private static let blockElements: Set<String> = [
        "div", "li", "tr", "dt", "dd", "section", "article", "header", "footer", "nav", "main", "aside", "address",
        "form", "fieldset", "figure", "figcaption", "caption", "center", "tbody", "thead", "tfoot", "legend", "details", "summary",
    ]
    /// Block elements with a blank line before and after.
    private static let paragraphElements: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "ul", "ol", "dl", "pre", "hr",
    ]

    /// The text a browser would show for `markup`.
    public static func text(ofMarkup markup: String) -> String {
        var layout = Layout()
        HTMLTree.walk(utf8: Array(markup.utf8), enters: { !hiddenElements.contains($0) }) { event in
            switch event {
            case .start(let name): layout.enter(name)
            case .end(let name): layout.leave(name)
            case .text(let text): layout.output.append(browserText(text), preformatted: layout.preformatted > 0)
            }
        }
        return layout.output.finished()
    }

    /// Lays out the walk's elements as ``text(ofMarkup:)`` says.
    private struct Layout {
        var output = TextAssembler()
        var preformatted = 0
        var lists: [(ordered: Bool, count: Int)] = []
        var cellsInRow = 0

        mutating func enter(_ name: String) {
            switch name {
            case "br":
                output.forcedBreak()
            case "pre":
                output.paragraphBreak()
                preformatted += 1
            case "ul", "ol":
                output.paragraphBreak()
                lists.append((ordered: name == "ol", count: 0))
            case "li":
                output.lineBreak()
                if var list = lists.popLast() {
                    list.count += 1
                    lists.append(list)
                    output.append(String(repeating: "  ", count: lists.count - 1) + (list.ordered ? "\(list.count). " : "- "), preformatted: true)
                } else {
                    output.append("- ", preformatted: true)
                }
            case "tr":
                output.lineBreak()
                cellsInRow = 0
            case "td", "th":
                if cellsInRow > 0 { output.append("\t", preformatted: true) }
                cellsInRow += 1
            default:
                breakAround(name)
            }
        }

        mutating func leave(_ name: String) {
            switch name {
            case "pre":
                output.paragraphBreak()
                preformatted = max(0, preformatted - 1)
            case "ul", "ol":
                if !lists.isEmpty { lists.removeLast() }
                output.paragraphBreak()
            case "br", "li", "tr", "td", "th":
                return
            default:
                breakAround(name)
            }
        }

        private mutating func breakAround(_ name: String) {
            if paragraphElements.contains(name) {
                output.paragraphBreak()
            } else if blockElements.contains(name) {
                output.lineBreak()
            }
        }
    }

    /// Text as a browser shows it: C1 control characters (from `&#150;` and the like) read as
    /// Windows-1252, as pages written on Windows meant them.
    static func browserText(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { (0x80...0x9F).contains($0.value) }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if (0x80...0x9F).contains(scalar.value), let mapped = PlainTextPages.windows1252([UInt8(scalar.value)]) {
                scalars.append(contentsOf: mapped.unicodeScalars)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}

/// Builds the shown text: runs of white space fold to one space outside `<pre>`, line and
/// paragraph breaks never pile up, and lines lose the spaces at their ends.
private struct TextAssembler {
    private var lines: [String] = [""]
    /// Blank lines owed before the next text (0: none; 1: a line break; 2: a paragraph break).
    private var pendingBreak = 0

    mutating func append(_ text: String, preformatted: Bool) {
        if preformatted {
            let parts = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            for (offset, part) in parts.enumerated() {
                if offset > 0 { lines.append("") } else { applyBreak() }
                lines[lines.count - 1] += part
            }
            return
        }
        var folded = ""
        var lastWasSpace = lines[lines.count - 1].last.map { $0 == " " || $0 == "\t" } ?? true
        for character in text {
            if character == "\u{A0}" {
                // A no-break space is kept (they may stand in a row) as a plain space.
                folded.append(" ")
                lastWasSpace = false
            } else if character.isWhitespace {
                if !lastWasSpace, pendingBreak == 0 || !folded.isEmpty { folded.append(" ") }
                lastWasSpace = true
            } else {
                folded.append(character)
                lastWasSpace = false
            }
        }
        guard !folded.isEmpty else { return }
        if folded.contains(where: { $0 != " " }) { applyBreak() }
        lines[lines.count - 1] += folded
    }

    mutating func lineBreak() { pendingBreak = max(pendingBreak, 1) }

    /// A `<br>`: breaks add up, so two of them leave an empty line.
    mutating func forcedBreak() { pendingBreak = min(pendingBreak + 1, 2) }

    mutating func paragraphBreak() { pendingBreak = 2 }

    private mutating func applyBreak() {
        defer { pendingBreak = 0 }
        guard pendingBreak > 0, !(lines.count == 1 && lines[0].isEmpty) else { return }
        trimLast()
        if pendingBreak >= 1, !lines[lines.count - 1].isEmpty { lines.append("") }
        if pendingBreak >= 2, lines.count >= 2, !lines[lines.count - 2].isEmpty { lines.insert("", at: lines.count - 1) }
    }

    private mutating func trimLast() {
        while let last = lines[lines.count - 1].last, last == " " { lines[lines.count - 1].removeLast() }
    }

    mutating func finished() -> String {
        trimLast()
        while lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }
        let text = lines.map { line in String(line.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
        return text.isEmpty ? "" : text + "\n"
    }
}
