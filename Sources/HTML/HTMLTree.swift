internal import CXML2

/// An HTML page parsed by libxml2's HTML parser, walked in document order.
///
/// libxml2 recovers from unclosed and stray tags as browsers do, decodes character references
/// and never touches the network. This target imports libxml2 alone: its headers bring the
/// system's ICU, which must not meet Foundation's own.
public enum HTMLTree {
    /// What the walk meets, in document order.
    public enum Event: Equatable, Sendable {
        /// An element opens; its name in lower case.
        case start(String)
        /// The element named last by `start` closes.
        case end(String)
        /// Text (character references decoded).
        case text(String)
    }

    /// Parses `utf8` (UTF-8, whatever a `<meta>` in it says) and calls `visit` for every element
    /// and text node in document order; elements for which `enters` says false are passed over
    /// with their content. Comments and declarations are not reported. Nothing is reported when
    /// libxml2 cannot make a tree of the bytes.
    public static func walk(utf8: [UInt8], enters: (String) -> Bool, visit: (Event) -> Void) {
        guard !utf8.isEmpty else { return }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_NODEFDTD.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)
        let document = utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                htmlReadMemory(characters.baseAddress, Int32(clamping: characters.count), nil, "UTF-8", options)
            }
        }
        guard let document else { return }
        defer { xmlFreeDoc(document) }
        var node = document.pointee.children
        while let current = node {
            walk(current, enters: enters, visit: visit)
            node = current.pointee.next
        }
    }

    private static func walk(_ node: UnsafeMutablePointer<xmlNode>, enters: (String) -> Bool, visit: (Event) -> Void) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = node.pointee.content { visit(.text(String(cString: content))) }
        case XML_ELEMENT_NODE:
            let name = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
            guard enters(name) else { return }
            visit(.start(name))
            var child = node.pointee.children
            while let next = child {
                walk(next, enters: enters, visit: visit)
                child = next.pointee.next
            }
            visit(.end(name))
        default:
            // Comments, processing instructions, the document type: nothing shown.
            return
        }
    }
}
