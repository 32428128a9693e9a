internal import CPoppler
public import Foundation

/// Why poppler could not open or read a PDF.
public enum PDFError: Error, Equatable, Sendable {
    /// The PDF is encrypted and no (or a wrong) password was given.
    case encrypted
    /// Poppler could not parse the file as a PDF.
    case damaged(String)
    /// The file could not be read at all.
    case unreadable(String)
    /// A page number outside the document.
    case noSuchPage(Int)
    /// Rendering a page failed (no image of that size could be made).
    case renderFailed(page: Int, reason: String)
}

extension PDFError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .encrypted: "the PDF is encrypted and needs a password"
        case .damaged(let reason): "the PDF is damaged or not a PDF (\(reason))"
        case .unreadable(let reason): "the file cannot be read (\(reason))"
        case .noSuchPage(let number): "the PDF has no page \(number)"
        case .renderFailed(let page, let reason): "page \(page) could not be rendered (\(reason))"
        }
    }
}

/// A PDF opened with poppler's core library; owns the open document and closes it in `deinit`.
///
/// Not thread-safe: poppler documents must not be shared between threads. Open one per worker.
public final class PDFDocument {
    fileprivate let handle: OpaquePointer

    /// The number of pages in the document.
    public let pageCount: Int

    /// Opens the PDF at `url`; throws ``PDFError/encrypted`` when a password is needed.
    public init(contentsOf url: URL, password: String? = nil) throws(PDFError) {
        var status = DOSSIER_PDF_OPENED
        var message = [CChar](repeating: 0, count: 256)
        let opened = url.standardizedFileURL.path.withCString { path in
            dossier_pdf_open(path, password, &status, &message, message.count)
        }
        guard let opened else {
            let reason = message.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            switch status {
            case DOSSIER_PDF_ENCRYPTED: throw .encrypted
            case DOSSIER_PDF_UNREADABLE: throw .unreadable(reason)
            default: throw .damaged(reason)
            }
        }
        handle = opened
        pageCount = Int(dossier_pdf_page_count(opened))
    }

    deinit {
        dossier_pdf_close(handle)
    }

    /// The page with 1-based `number`.
    public func page(_ number: Int) throws(PDFError) -> PDFPage {
        var width = 0.0, height = 0.0
        guard number >= 1, number <= pageCount, dossier_pdf_page_size(handle, Int32(number), &width, &height) != 0
        else { throw .noSuchPage(number) }
        return PDFPage(document: self, number: number, width: width, height: height)
    }
}

/// One page of a ``PDFDocument``; keeps its document open while it lives.
public final class PDFPage {
    private let document: PDFDocument

    /// 1-based page number.
    public let number: Int
    /// Page width in points (1/72 inch), as displayed (turned by the page's rotation).
    public let width: Double
    /// Page height in points (1/72 inch), as displayed.
    public let height: Double

    init(document: PDFDocument, number: Int, width: Double, height: Double) {
        self.document = document
        self.number = number
        self.width = width
        self.height = height
    }

    /// The page's text layer in reading order, with spaces restored between words that poppler
    /// glues together (table cells, section numbers) from the glyph boxes.
    public func text() -> String {
        withText(boxes: false) { utf8, _ in String(decoding: utf8, as: UTF8.self) } ?? ""
    }

    /// The page's text layer (as ``text()`` gives it) and its words with their boxes, line by line.
    public func textAndWords() -> (text: String, lines: [[PDFWord]]) {
        withText(boxes: true) { utf8, boxes in
            (String(decoding: utf8, as: UTF8.self), TextLayoutWords.words(utf8: utf8, boxes: boxes))
        } ?? ("", [])
    }

    /// Calls `body` with the page text's UTF-8 bytes and, with `boxes`, one box per code point;
    /// frees both afterwards. `nil` when the page cannot be read.
    private func withText<Result>(
        boxes: Bool, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<GlyphBox>) -> Result
    ) -> Result? {
        var text = dossier_pdf_text()
        guard dossier_pdf_page_text(document.handle, Int32(number), boxes ? 1 : 0, &text) != 0 else { return nil }
        defer { dossier_pdf_text_free(&text) }
        return body(text.utf8Bytes, text.glyphBoxes)
    }

    /// The share of the page (0–1) covered by embedded images; overlapping images may count twice,
    /// so the value is capped at 1.
    public func imageCoverage() -> Double {
        max(0, dossier_pdf_page_image_coverage(document.handle, Int32(number)))
    }

    /// Renders the page to an 8-bit grey bitmap at `dpi` dots per inch, on a white background,
    /// as a printout shows it.
    public func renderGray(dpi: Double) throws(PDFError) -> GrayBitmap {
        let scale = dpi / 72.0
        let pixelWidth = max(1, Int((width * scale).rounded(.up)))
        let pixelHeight = max(1, Int((height * scale).rounded(.up)))
        guard pixelWidth <= 30_000, pixelHeight <= 30_000 else {
            throw .renderFailed(page: number, reason: "page is \(pixelWidth)×\(pixelHeight) pixels, too large")
        }
        var image = dossier_pdf_gray()
        var message = [CChar](repeating: 0, count: 256)
        guard dossier_pdf_render_gray(document.handle, Int32(number), dpi, Int32(pixelWidth), Int32(pixelHeight),
                                      &image, &message, message.count) != 0,
              let pixels = image.pixels
        else {
            throw .renderFailed(page: number, reason: message.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        }
        defer { dossier_pdf_gray_free(&image) }
        let width = Int(image.width), height = Int(image.height)
        return GrayBitmap(width: width, height: height, resolution: Int(dpi.rounded()),
                          pixels: Array(UnsafeBufferPointer(start: pixels, count: width * height)))
    }
}

/// An 8-bit grey image held in Swift memory: row-major, one byte per pixel, 0 is black.
public struct GrayBitmap: Sendable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Resolution in dots per inch.
    public let resolution: Int
    /// `width * height` bytes.
    public let pixels: [UInt8]

    /// Makes a bitmap from raw grey pixels.
    public init(width: Int, height: Int, resolution: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height, "pixel buffer does not match the size")
        self.width = width
        self.height = height
        self.resolution = resolution
        self.pixels = pixels
    }
}
