public import Foundation

/// The readable text of an HTML page or an HTML e-mail body: what a browser would show, as
/// plain lines. Scripts, styles, the head and comments are dropped; block elements (paragraphs,
/// headings, list items, table rows…) start new lines, paragraphs are separated by a blank
/// line, list items get a marker, table cells a tab; character references are decoded.
///
/// It does not build a tree and never fails: unclosed or stray tags are taken as they come,
/// as browsers do. Only the text is kept (no links, no images).
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
        var output = TextAssembler()
        var hidden: String?
        var preformatted = 0
        var lists: [(ordered: Bool, count: Int)] = []
        var cellsInRow = 0
        let scalars = Array(markup.unicodeScalars)
        var index = 0
        var pendingText = String.UnicodeScalarView()

        func flushText() {
            guard !pendingText.isEmpty else { return }
            let text = decodeReferences(String(pendingText))
            pendingText.removeAll()
            if hidden == nil { output.append(text, preformatted: preformatted > 0) }
        }

        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "<", let tag = Tag.parse(scalars, at: index) else {
                pendingText.append(scalar)
                index += 1
                continue
            }
            flushText()
            index = tag.end
            if let name = hidden {
                // Inside a hidden element only its own end tag counts; a head left open ends
                // where the body begins, as browsers read it.
                if tag.kind == .end, tag.name == name { hidden = nil }
                if name == "head", tag.kind == .start, tag.name == "body" { hidden = nil }
                continue
            }
            guard tag.kind != .other else { continue }
            let name = tag.name
            if tag.kind == .start, hiddenElements.contains(name) {
                hidden = name
                // A script's content is raw text: skip straight to its end tag.
                if name == "script" || name == "style" {
                    index = rawTextEnd(scalars, from: index, name: name)
                    hidden = nil
                }
                continue
            }
            switch (tag.kind, name) {
            case (.start, "br"):
                output.forcedBreak()
            case (_, "pre"):
                output.paragraphBreak()
                preformatted = max(0, preformatted + (tag.kind == .start ? 1 : -1))
            case (.start, "ul"), (.start, "ol"):
                output.paragraphBreak()
                lists.append((ordered: name == "ol", count: 0))
            case (.end, "ul"), (.end, "ol"):
                if !lists.isEmpty { lists.removeLast() }
                output.paragraphBreak()
            case (.start, "li"):
                output.lineBreak()
                if var list = lists.popLast() {
                    list.count += 1
                    lists.append(list)
                    output.append(String(repeating: "  ", count: lists.count - 1) + (list.ordered ? "\(list.count). " : "- "), preformatted: true)
                } else {
                    output.append("- ", preformatted: true)
                }
            case (.start, "tr"):
                output.lineBreak()
                cellsInRow = 0
            case (.start, "td"), (.start, "th"):
                if cellsInRow > 0 { output.append("\t", preformatted: true) }
                cellsInRow += 1
            case (.start, "img"):
                continue
            default:
                if paragraphElements.contains(name) {
                    output.paragraphBreak()
                } else if blockElements.contains(name) {
                    output.lineBreak()
                }
            }
        }
        flushText()
        return output.finished()
    }

    /// The index just after `</name>` (or the end of the markup).
    private static func rawTextEnd(_ scalars: [Unicode.Scalar], from start: Int, name: String) -> Int {
        let closing = Array("</\(name)".unicodeScalars)
        var index = start
        while index + closing.count <= scalars.count {
            if scalars[index] == "<",
               zip(scalars[index..<index + closing.count], closing).allSatisfy({ Self.lower($0.0) == $0.1 }) {
                var end = index + closing.count
                while end < scalars.count, scalars[end] != ">" { end += 1 }
                return min(end + 1, scalars.count)
            }
            index += 1
        }
        return scalars.count
    }

    static func lower(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        (0x41...0x5A).contains(scalar.value) ? Unicode.Scalar(scalar.value + 0x20)! : scalar
    }

    /// One tag, comment or declaration.
    struct Tag {
        enum Kind { case start, end, other }
        let kind: Kind
        let name: String
        /// Index just after the tag's `>`.
        let end: Int

        /// The tag opening at `start` (a `<`), or `nil` when the `<` is plain text.
        static func parse(_ scalars: [Unicode.Scalar], at start: Int) -> Tag? {
            var index = start + 1
            guard index < scalars.count else { return nil }
            // Comments run to `-->`; declarations and processing instructions to `>`.
            if scalars[index] == "!" || scalars[index] == "?" {
                let isComment = index + 2 < scalars.count && scalars[index + 1] == "-" && scalars[index + 2] == "-"
                if isComment {
                    var cursor = index + 3
                    while cursor + 2 < scalars.count, !(scalars[cursor] == "-" && scalars[cursor + 1] == "-" && scalars[cursor + 2] == ">") {
                        cursor += 1
                    }
                    return Tag(kind: .other, name: "", end: min(cursor + 3, scalars.count))
                }
                while index < scalars.count, scalars[index] != ">" { index += 1 }
                return Tag(kind: .other, name: "", end: min(index + 1, scalars.count))
            }
            var kind = Kind.start
            if scalars[index] == "/" {
                kind = .end
                index += 1
            }
            guard index < scalars.count, scalars[index].properties.isAlphabetic, scalars[index].isASCII else { return nil }
            var name = String.UnicodeScalarView()
            while index < scalars.count, scalars[index].isASCII,
                  scalars[index].properties.isAlphabetic || ("0"..."9").contains(scalars[index]) {
                name.append(lower(scalars[index]))
                index += 1
            }
            // Attributes: quoted values may hold `>`.
            var quote: Unicode.Scalar?
            while index < scalars.count {
                let scalar = scalars[index]
                if let open = quote {
                    if scalar == open { quote = nil }
                } else if scalar == "\"" || scalar == "'" {
                    quote = scalar
                } else if scalar == ">" {
                    break
                }
                index += 1
            }
            return Tag(kind: kind, name: String(name), end: min(index + 1, scalars.count))
        }
    }

    // MARK: - Character references

    /// `text` with `&amp;`, `&#233;`, `&#xE9;` and the common named references decoded; an
    /// unknown name stays as written.
    public static func decodeReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "&" else {
                result.append(scalars[index])
                index += 1
                continue
            }
            var end = index + 1
            while end < scalars.count, end - index <= 32, scalars[end] != ";", scalars[end].isASCII,
                  scalars[end].properties.isAlphabetic || ("0"..."9").contains(scalars[end]) || scalars[end] == "#" {
                end += 1
            }
            let body = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
            let closed = end < scalars.count && scalars[end] == ";"
            if let decoded = reference(body) {
                result.append(contentsOf: decoded.unicodeScalars)
                index = closed ? end + 1 : end
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return String(result)
    }

    /// The character a reference's body names (`amp`, `#233`, `#xE9`).
    private static func reference(_ body: String) -> String? {
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let value: UInt32?
            if digits.first == "x" || digits.first == "X" {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits)
            }
            guard let value else { return nil }
            // Browsers read 0x80–0x9F as Windows-1252, as pages written on Windows meant them.
            if (0x80...0x9F).contains(value), let mapped = PlainTextPages.windows1252([UInt8(value)]) { return mapped }
            guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
            return String(Character(scalar))
        }
        return namedReferences[body]
    }

    /// The named references pages and mail bodies use in practice: markup, spacing and
    /// punctuation, and the Latin letters of Dutch, French, German, Turkish and Spanish names.
    private static let namedReferences: [String: String] = {
        var table: [String: String] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ensp": " ", "emsp": " ", "thinsp": " ",
            "shy": "", "zwnj": "", "zwj": "", "ndash": "–", "mdash": "—", "lsquo": "‘", "rsquo": "’", "sbquo": "‚",
            "ldquo": "“", "rdquo": "”", "bdquo": "„", "laquo": "«", "raquo": "»", "lsaquo": "‹", "rsaquo": "›",
            "hellip": "…", "bull": "•", "middot": "·", "euro": "€", "pound": "£", "yen": "¥", "cent": "¢", "copy": "©",
            "reg": "®", "trade": "™", "sect": "§", "para": "¶", "deg": "°", "plusmn": "±", "times": "×", "divide": "÷",
            "frac12": "½", "frac14": "¼", "frac34": "¾", "sup1": "¹", "sup2": "²", "sup3": "³", "micro": "µ",
            "iexcl": "¡", "iquest": "¿", "ordf": "ª", "ordm": "º", "dagger": "†", "Dagger": "‡", "permil": "‰",
            "szlig": "ß", "AElig": "Æ", "aelig": "æ", "OElig": "Œ", "oelig": "œ", "Oslash": "Ø", "oslash": "ø",
            "ETH": "Ð", "eth": "ð", "THORN": "Þ", "thorn": "þ", "Scaron": "Š", "scaron": "š", "Zcaron": "Ž", "zcaron": "ž",
            "Yuml": "Ÿ", "yuml": "ÿ", "fnof": "ƒ", "circ": "ˆ", "tilde": "˜",
        ]
        // Letters with marks: the mark's name after the letter (`eacute`, `Ouml`, `ccedil`).
        let marked: [(mark: String, letters: String, combining: Character)] = [
            ("acute", "AEIOUYaeiouy", "\u{301}"), ("grave", "AEIOUaeiou", "\u{300}"), ("circ", "AEIOUaeiou", "\u{302}"),
            ("uml", "AEIOUaeiou", "\u{308}"), ("tilde", "ANOano", "\u{303}"), ("cedil", "Cc", "\u{327}"), ("ring", "Aa", "\u{30A}"),
        ]
        for (mark, letters, combining) in marked {
            for letter in letters {
                table["\(letter)\(mark)"] = (String(letter) + String(combining)).precomposedStringWithCanonicalMapping
            }
        }
        return table
    }()
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
