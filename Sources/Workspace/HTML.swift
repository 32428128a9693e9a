/// Builds an HTML page in which document text can only ever be text: element and attribute
/// names are static strings written here, and every value passes ``escape(_:)``.
struct HTMLWriter {
    private(set) var output = ""

    /// `&`, `<`, `>`, `"` and `'` as entities: safe in text and in quoted attribute values.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Opens `tag` with `attributes` (values escaped; a `nil` value leaves the attribute out).
    mutating func open(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:]) {
        output += "<\(tag)"
        for (name, value) in attributes {
            guard let value else { continue }
            output += " \(name)=\"\(Self.escape(value))\""
        }
        output += ">"
    }

    mutating func close(_ tag: StaticString) { output += "</\(tag)>" }

    /// `tag` holding `text`.
    mutating func element(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:], text: String) {
        open(tag, attributes)
        self.text(text)
        close(tag)
    }

    /// `tag` holding what `body` writes.
    mutating func element(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:], _ body: (inout HTMLWriter) -> Void) {
        open(tag, attributes)
        body(&self)
        close(tag)
    }

    /// An element without content (`<input>`, `<br>`).
    mutating func void(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:]) {
        open(tag, attributes)
    }

    mutating func text(_ text: String) { output += Self.escape(text) }

    /// Markup written in this module (never from a document or a request).
    mutating func trusted(_ markup: StaticString) { output += "\(markup)" }
}
