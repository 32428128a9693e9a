public import Foundation

/// The formats Dossier can transcribe, recognised by their first bytes, never by the name.
public enum FileFormat: String, Sendable, Equatable {
    case pdf
    case png
    case jpeg
    case tiff

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

    /// Recognises the format from the file's first bytes; the extension only shapes the message.
    public static func sniff(head: Data, fileExtension: String) throws(ExtractionError) -> FileFormat {
        let bytes = [UInt8](head.prefix(1024))
        guard !bytes.isEmpty else { throw .empty }
        if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
        // Some producers put junk before the header; PDF readers accept it within the first KiB.
        if let range = head.range(of: Data("%PDF-".utf8)), range.lowerBound < 1024 { return .pdf }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x49, 0x49, 0x2A, 0x00]) || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        let looksLikeText = bytes.allSatisfy { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || ($0 >= 0x20 && $0 != 0x7F) }
        throw .unsupportedFormat(claimed: fileExtension, looksLikeText: looksLikeText)
    }
}
