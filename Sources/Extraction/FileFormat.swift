public import Foundation
internal import Containers

/// The formats Dossier can transcribe, recognised by their first bytes, never by the name.
public enum FileFormat: String, Sendable, Equatable {
    case pdf
    case png
    case jpeg
    case tiff
    /// WebP, as messengers send photos.
    case webp
    /// HEIF: an iPhone's HEIC photo (AVIF too, which libheif also reads).
    case heic
    /// Plain text (`.txt`, `.md`, an exported transcript): UTF-8, UTF-16 with a byte-order
    /// mark, or Windows-1252.
    case text
    /// An HTML page, read as the text a browser shows.
    case html
    /// A ZIP archive: intake takes each file in it as a document of its own.
    case zip
    /// An e-mail message (`.eml`, MIME): a document of its own, and its attachments too.
    case email
    /// An Outlook message (`.msg`): turned into MIME by `msgconvert`, then read as an e-mail.
    case msg
    /// Word (Office Open XML), read through a PDF LibreOffice makes of it.
    case docx
    /// OpenDocument text, likewise.
    case odt
    /// Word 97–2003 (a compound file), likewise.
    case doc
    /// Rich Text Format, likewise.
    case rtf

    /// Formats whose pages are images or drawn pages; text formats have neither.
    public var hasPageImages: Bool {
        switch self {
        case .pdf, .png, .jpeg, .tiff, .webp, .heic, .docx, .odt, .doc, .rtf: true
        case .text, .html, .zip, .email, .msg: false
        }
    }

    /// Office documents: read through the PDF LibreOffice makes of them.
    public var isOffice: Bool { [.docx, .odt, .doc, .rtf].contains(self) }

    /// Formats that hold other documents rather than pages.
    public var isContainer: Bool { self == .zip || self == .email || self == .msg }

    /// Names that promise a binary document: text under such a name is a mislabelled or broken
    /// file (an error page saved as a PDF, say), refused rather than read as evidence.
    static let binaryExtensions: Set<String> = [
        "pdf", "png", "jpg", "jpeg", "tif", "tiff", "gif", "bmp", "webp", "heic", "heif", "doc", "docx", "odt", "zip",
    ]

    /// Recognises the format of the file at `url` from its first bytes.
    public static func sniff(_ url: URL) throws(ExtractionError) -> FileFormat {
        let head: Data
        var compound = Data()
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            // Text needs a longer look: a message's header fields may follow kilobytes of
            // routing and signature lines.
            head = try handle.read(upToCount: 16 * 1024) ?? Data()
            // A compound file's directory may lie anywhere: its first megabyte is searched.
            if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
                try handle.seek(toOffset: 0)
                compound = try handle.read(upToCount: 1 << 20) ?? Data()
            }
        } catch {
            throw .unreadable(ExtractionError.describe(error))
        }
        return try sniff(head: head, fileExtension: url.pathExtension.lowercased(), compound: compound)
    }

    /// Recognises the format from the file's first bytes. The extension only shapes the message,
    /// and refuses text under a name that promises a binary document.
    public static func sniff(head: Data, fileExtension: String, compound: Data = Data()) throws(ExtractionError) -> FileFormat {
        let bytes = [UInt8](head.prefix(1024))
        guard !bytes.isEmpty else { throw .empty }
        if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
        // Some producers put junk before the header; PDF readers accept it within the first KiB.
        if let range = head.range(of: Data("%PDF-".utf8)), range.lowerBound < 1024 { return .pdf }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x49, 0x49, 0x2A, 0x00]) || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), bytes[8..<12].elementsEqual("WEBP".utf8) { return .webp }
        if isHEIF(bytes) { return .heic }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            // Word and OpenDocument files are ZIP archives too, with their parts named inside.
            let head = String(decoding: bytes.map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self)
            if head.contains("mimetypeapplication/vnd.oasis.opendocument.text") { return .odt }
            if head.contains("mimetypeapplication/vnd.oasis.opendocument") { throw .officeDocument(kind: "an OpenDocument spreadsheet, presentation or drawing") }
            if head.contains("word/") { return .docx }
            if head.contains("xl/") || head.contains("ppt/") { throw .officeDocument(kind: "an Excel or PowerPoint file") }
            if head.contains("[Content_Types].xml") { return .docx }
            return .zip
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // A compound file: its directory names its streams (UTF-16).
            func has(_ name: String) -> Bool {
                let wide: [UInt8] = name.utf16.flatMap { unit -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
                return compound.range(of: Data(wide)) != nil
            }
            if has("WordDocument") { return .doc }
            if has("__substg1.0_") { return .msg }
            throw .officeDocument(kind: "an old Office file that is not a Word document")
        }
        if bytes.starts(with: Array("{\\rtf".utf8)) { return .rtf }
        let utf16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        // Tab, line ends, form feed, DOS's end-of-file mark and escape (ISO-2022-JP mail shifts
        // between character sets with it) are the only control bytes text has.
        let looksLikeText = utf16
            || bytes.allSatisfy { $0 == 0x09 || $0 == 0x0A || $0 == 0x0C || $0 == 0x0D || $0 == 0x1A || $0 == 0x1B || ($0 >= 0x20 && $0 != 0x7F) }
        guard looksLikeText, !binaryExtensions.contains(fileExtension) else {
            throw .unsupportedFormat(claimed: fileExtension, looksLikeText: looksLikeText)
        }
        if MIMEMessage.looksLikeMessage([UInt8](head.prefix(16 * 1024))) { return .email }
        return HTMLText.looksLikeHTML(bytes) ? .html : .text
    }

    /// An ISO base media file (`ftyp` box first) whose brands name a HEIF still image.
    static func isHEIF(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 16, bytes[4..<8].elementsEqual("ftyp".utf8) else { return false }
        let size = bytes[0..<4].reduce(0) { $0 << 8 | Int($1) }
        let end = min(bytes.count, max(16, size))
        let heifBrands: Set<String> = ["heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "mif1", "msf1", "avif", "avis"]
        // The major brand, then the compatible brands after the minor version.
        let brands = [8] + Array(stride(from: 16, to: end - 3, by: 4))
        return brands.contains { heifBrands.contains(String(decoding: bytes[$0..<$0 + 4], as: UTF8.self)) }
    }
}
