public import Foundation

/// The formats Dossier can transcribe, recognised by their first bytes, never by the name.
public enum FileFormat: String, Sendable, Equatable {
    case pdf
    case png
    case jpeg
    case tiff
    /// Plain text (`.txt`, `.md`, an exported transcript): UTF-8, UTF-16 with a byte-order
    /// mark, or Windows-1252.
    case text
    /// An HTML page, read as the text a browser shows.
    case html

    /// Formats whose pages are images or drawn pages; text formats have neither.
    public var hasPageImages: Bool {
        switch self {
        case .pdf, .png, .jpeg, .tiff: true
        case .text, .html: false
        }
    }

    /// Names that promise a binary document: text under such a name is a mislabelled or broken
    /// file (an error page saved as a PDF, say), refused rather than read as evidence.
    static let binaryExtensions: Set<String> = [
        "pdf", "png", "jpg", "jpeg", "tif", "tiff", "gif", "bmp", "webp", "heic", "heif", "doc", "docx", "odt", "zip",
    ]

    /// Recognises the format of the file at `url` from its first bytes.
    public static func sniff(_ url: URL) throws(ExtractionError) -> FileFormat {
        let head: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            head = try handle.read(upToCount: 1024) ?? Data()
        } catch {
            throw .unreadable(ExtractionError.describe(error))
        }
        return try sniff(head: head, fileExtension: url.pathExtension.lowercased())
    }

    /// Recognises the format from the file's first bytes. The extension only shapes the message,
    /// and refuses text under a name that promises a binary document.
    public static func sniff(head: Data, fileExtension: String) throws(ExtractionError) -> FileFormat {
        let bytes = [UInt8](head.prefix(1024))
        guard !bytes.isEmpty else { throw .empty }
        if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
        // Some producers put junk before the header; PDF readers accept it within the first KiB.
        if let range = head.range(of: Data("%PDF-".utf8)), range.lowerBound < 1024 { return .pdf }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x49, 0x49, 0x2A, 0x00]) || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        let utf16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        // Tab, line ends, form feed and DOS's end-of-file mark are the only control bytes text has.
        let looksLikeText = utf16
            || bytes.allSatisfy { $0 == 0x09 || $0 == 0x0A || $0 == 0x0C || $0 == 0x0D || $0 == 0x1A || ($0 >= 0x20 && $0 != 0x7F) }
        guard looksLikeText, !binaryExtensions.contains(fileExtension) else {
            throw .unsupportedFormat(claimed: fileExtension, looksLikeText: looksLikeText)
        }
        return HTMLText.looksLikeHTML(bytes) ? .html : .text
    }
}
