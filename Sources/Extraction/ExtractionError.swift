public import Foundation

/// Why a file could not be transcribed. Messages name the reason, never document text.
public enum ExtractionError: Error, Equatable, Sendable {
    /// The file has no bytes.
    case empty
    /// The file could not be opened or read.
    case unreadable(String)
    /// The content is none of the formats Dossier reads, whatever the name says (or text under
    /// a name that promises a binary document).
    case unsupportedFormat(claimed: String, looksLikeText: Bool)
    /// The PDF is encrypted.
    case encrypted
    /// The PDF or image is damaged.
    case damaged(String)
    /// The document has no pages.
    case noPages
    /// A page could not be rendered or recognised.
    case pageFailed(page: Int, reason: String)
    /// The OCR languages are not installed.
    case ocrUnavailable(String)
    /// The extraction worker died by a signal while on `page`.
    case crashed(page: Int, signal: Int32, memoryLimitMB: Int)
    /// No page finished within the time limit.
    case timedOut(seconds: Double, page: Int)
    /// The extraction worker reported a failure (its own one-line reason).
    case workerFailed(String)
    /// The file is larger than the limit.
    case tooLarge(bytes: Int64, limit: Int64)
    /// The document has more pages than the limit.
    case tooManyPages(count: Int, limit: Int)
    /// A page would decode or render to more pixels than the limit (a decompression bomb).
    case pageTooLarge(page: Int, width: Int, height: Int, limit: Int)
    /// A text file whose bytes are not UTF-8, UTF-16 or Windows-1252.
    case unknownTextEncoding
    /// An Office file of a kind not read (a spreadsheet, a presentation, an Outlook message).
    case officeDocument(kind: String)
    /// LibreOffice (`soffice`) is not installed.
    case converterMissing
    /// LibreOffice did not finish converting within the time limit.
    case conversionTimedOut(seconds: Double)
    /// LibreOffice ended without writing a PDF.
    case conversionFailed
    /// A Word or OpenDocument package breaks the archive limits (a bomb): the reason.
    case packageRefused(String)
    /// `msgconvert` (libemail-outlook-message-perl) is not installed.
    case messageConverterMissing
    /// An Outlook message could not be turned into a MIME message: the reason.
    case messageConversionFailed(String)
    /// An archive given where a single document is expected (intake takes archives apart).
    case containerNotDocument
    /// A searchable PDF was asked of a file with no page images (plain text, HTML): its
    /// format is named.
    case noPageImages(String)

    /// A short, text-free description of a file-system error.
    public static func describe(_ error: any Error) -> String {
        if let cocoa = error as? CocoaError, let underlying = cocoa.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue)).lowercased()
        }
        if let posix = error as? POSIXError {
            return String(cString: strerror(posix.code.rawValue)).lowercased()
        }
        if let cocoa = error as? CocoaError {
            switch cocoa.code {
            case .fileReadNoPermission: return "permission denied"
            case .fileReadNoSuchFile, .fileNoSuchFile: return "no such file"
            default: return "read error \(cocoa.code.rawValue)"
            }
        }
        return "read error"
    }
}

extension ExtractionError: LocalizedError {
    /// "3.2 MB", "850 KB".
    static func size(_ bytes: Int64) -> String {
        bytes >= 1_048_576 ? String(format: "%.1f MB", Double(bytes) / 1_048_576) : String(format: "%.1f KB", Double(bytes) / 1024)
    }

    public var errorDescription: String? {
        switch self {
        case .empty: "the file is empty"
        case .unreadable(let reason): "cannot read the file (\(reason))"
        case .unsupportedFormat(let claimed, let looksLikeText):
            switch (claimed.isEmpty, looksLikeText) {
            case (false, true): "named .\(claimed) but the content is plain text, not a PDF or image"
            case (false, false): "named .\(claimed) but the content is not a format Dossier reads (PDF, PNG, JPEG, TIFF, WebP, HEIC, text, HTML)"
            case (true, true): "plain text, not a PDF or image"
            case (true, false): "not a format Dossier reads (PDF, PNG, JPEG, TIFF, WebP, HEIC, text, HTML)"
            }
        case .encrypted: "the PDF is encrypted and needs a password"
        case .damaged(let reason):
            reason.lowercased().contains("damaged")
                ? "the document is damaged and cannot be opened"
                : "the document is damaged (\(reason.prefix(1).lowercased() + reason.dropFirst()))"
        case .noPages: "the document has no pages"
        case .pageFailed(let page, let reason): "page \(page) cannot be read (\(reason))"
        case .ocrUnavailable(let reason): reason
        case .crashed(let page, let signal, let limit):
            "the reader crashed while on page \(page) (signal \(signal)\(signal == SIGSEGV || signal == SIGABRT || signal == SIGTRAP || signal == SIGILL ? "; it may have run out of its \(limit) MB of memory" : ""))"
        case .timedOut(let seconds, let page):
            "timed out after \(seconds < 10 ? String(format: "%.1f", seconds) : String(format: "%.0f", seconds)) s on page \(page), the time a page may take"
        case .workerFailed(let reason): reason
        case .tooLarge(let bytes, let limit):
            "the file is \(Self.size(bytes)), above the limit of \(Self.size(limit)) per file"
        case .tooManyPages(let count, let limit): "the document has \(count) pages, above the limit of \(limit) per document"
        case .noPageImages(let format):
            "\(["html": "an HTML file", "email": "an e-mail", "msg": "an Outlook message", "zip": "a ZIP archive"][format] ?? "a plain-text file") has no page images to make a searchable PDF of; its text is searchable as it is (use --format text or json)"
        case .officeDocument(let kind):
            "\(kind): not a kind of file Dossier reads; save it as PDF and take that in"
        case .converterMissing: "LibreOffice (soffice) is not installed, so Office documents cannot be read; scripts/setup installs it"
        case .conversionTimedOut(let seconds): "LibreOffice did not finish converting it within \(String(format: "%g", seconds)) s"
        case .packageRefused(let reason): "\(reason); not converted"
        case .messageConverterMissing: "msgconvert is not installed, so Outlook messages cannot be read; scripts/setup installs it"
        case .messageConversionFailed(let reason): "an Outlook message: \(reason)"
        case .conversionFailed: "LibreOffice could not convert it to PDF (damaged, or protected with a password)"
        case .containerNotDocument:
            "a ZIP archive, not a single document: take it in with intake, which reads each file in it"
        case .unknownTextEncoding:
            "the text is in an encoding that cannot be told (not UTF-8, UTF-16 or Windows-1252)"
        case .pageTooLarge(let page, let width, let height, let limit):
            "page \(page) would be \(width) × \(height) pixels, above the limit of \(limit / 1_000_000) megapixels per page"
        }
    }
}
