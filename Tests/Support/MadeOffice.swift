public import Foundation

/// Office documents made for the tests, part by part: the smallest Word (`.docx`) and
/// OpenDocument (`.odt`) files LibreOffice opens, and RTF, each holding the given paragraphs.
public enum MadeOffice {
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// A Word document; `extraParts` are added as they are (a macro project, say).
    public static func docx(_ paragraphs: [String], to url: URL, extraParts: [MadeArchive.Member] = []) throws {
        let body = paragraphs.map { "<w:p><w:r><w:t xml:space=\"preserve\">\(escaped($0))</w:t></w:r></w:p>" }.joined()
        try MadeArchive.write([
            .file("[Content_Types].xml", Data("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
                """.utf8)),
            .file("_rels/.rels", Data("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
                """.utf8)),
            .file("word/document.xml", Data("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)</w:body></w:document>
                """.utf8)),
        ] + extraParts, to: url)
    }

    /// An OpenDocument text.
    public static func odt(_ paragraphs: [String], to url: URL) throws {
        let body = paragraphs.map { "<text:p>\(escaped($0))</text:p>" }.joined()
        try MadeArchive.write([
            .storedFile("mimetype", Data("application/vnd.oasis.opendocument.text".utf8)),
            .file("META-INF/manifest.xml", Data("""
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>
                """.utf8)),
            .file("content.xml", Data("""
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:text>\(body)</office:text></office:body></office:document-content>
                """.utf8)),
        ], to: url)
    }

    /// Rich Text Format (non-ASCII letters as \\u escapes).
    public static func rtf(_ paragraphs: [String]) -> Data {
        let body = paragraphs.map { paragraph in
            paragraph.unicodeScalars.map { scalar -> String in
                switch scalar {
                case "\\", "{", "}": "\\\(scalar)"
                case _ where scalar.value < 0x80: String(scalar)
                default: "\\u\(Int16(truncatingIfNeeded: Int(scalar.value)))?"
                }
            }.joined() + "\\par\n"
        }.joined()
        return Data("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Helvetica;}}\\f0\\fs24\n\(body)}\n".utf8)
    }
}
