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

/// A PDF opened with poppler-glib; owns the `PopplerDocument` and releases it in `deinit`.
///
/// Not thread-safe: poppler documents must not be shared between threads. Open one per worker.
public final class PDFDocument {
    fileprivate let handle: OpaquePointer

    /// The number of pages in the document.
    public let pageCount: Int

    /// Opens the PDF at `url`; throws ``PDFError/encrypted`` when a password is needed.
    public init(contentsOf url: URL, password: String? = nil) throws(PDFError) {
        var failure: UnsafeMutablePointer<GError>?
        guard let uri = g_filename_to_uri(url.standardizedFileURL.path, nil, &failure) else {
            throw .unreadable(takeMessage(failure))
        }
        defer { g_free(uri) }
        guard let document = poppler_document_new_from_file(uri, password, &failure) else {
            throw openError(failure)
        }
        handle = document
        pageCount = Int(poppler_document_get_n_pages(document))
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(handle))
    }

    /// The page with 1-based `number`.
    public func page(_ number: Int) throws(PDFError) -> PDFPage {
        guard number >= 1, number <= pageCount, let page = poppler_document_get_page(handle, Int32(number - 1))
        else { throw .noSuchPage(number) }
        return PDFPage(document: self, takingOwnership: page, number: number)
    }
}

/// One page of a ``PDFDocument``; owns its `PopplerPage` and keeps its document open while it lives.
public final class PDFPage {
    private let document: PDFDocument
    private let handle: OpaquePointer

    /// 1-based page number.
    public let number: Int
    /// Page width in points (1/72 inch), as displayed (turned by the page's rotation).
    public let width: Double
    /// Page height in points (1/72 inch), as displayed.
    public let height: Double

    init(document: PDFDocument, takingOwnership page: OpaquePointer, number: Int) {
        self.document = document
        handle = page
        self.number = number
        var width = 0.0, height = 0.0
        poppler_page_get_size(page, &width, &height)
        self.width = width
        self.height = height
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(handle))
    }

    /// The page's text layer in reading order, with spaces restored between words that poppler
    /// glues together (table cells, section numbers) from the glyph boxes.
    public func text() -> String {
        withSpacedText { utf8, _ in String(decoding: utf8, as: UTF8.self) } ?? ""
    }

    /// The page's text layer (as ``text()`` gives it) and its words with their boxes, line by line.
    public func textAndWords() -> (text: String, lines: [[PDFWord]]) {
        withSpacedText { utf8, boxes in
            (String(decoding: utf8, as: UTF8.self), TextLayoutWords.words(utf8: utf8, boxes: boxes))
        } ?? ("", [])
    }

    /// Calls `body` with the page text's UTF-8 bytes, spaced (``SpacedText``), and one box per
    /// code point of it; no boxes when poppler's layout does not give one per code point of its
    /// text (then the text is poppler's as it is). `nil` when the page has no text at all.
    private func withSpacedText<Result>(
        _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<GlyphBox>) -> Result
    ) -> Result? {
        guard let raw = poppler_page_get_text(handle) else { return nil }
        defer { g_free(raw) }
        let utf8 = UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw))
        var rectangles: UnsafeMutablePointer<PopplerRectangle>?
        var count: guint = 0
        guard poppler_page_get_text_layout(handle, &rectangles, &count) != 0, let rectangles else {
            return body(utf8, UnsafeBufferPointer(start: nil, count: 0))
        }
        defer { g_free(rectangles) }
        // PopplerRectangle and GlyphBox are both four doubles in the same order: read in place.
        let boxes = UnsafeBufferPointer(start: UnsafeRawPointer(rectangles).assumingMemoryBound(to: GlyphBox.self), count: Int(count))
        guard let spaced = SpacedText(utf8: utf8, boxes: boxes) else {
            return body(utf8, UnsafeBufferPointer(start: nil, count: 0))
        }
        return spaced.utf8.withUnsafeBufferPointer { utf8 in
            spaced.boxes.withUnsafeBufferPointer { boxes in body(utf8, boxes) }
        }
    }

    /// The share of the page (0–1) covered by embedded images; overlapping images may count twice,
    /// so the value is capped at 1.
    public func imageCoverage() -> Double {
        guard width > 0, height > 0, let list = poppler_page_get_image_mapping(handle) else { return 0 }
        defer { poppler_page_free_image_mapping(list) }
        var covered = 0.0
        var node: UnsafeMutablePointer<GList>? = list
        while let current = node {
            if let data = current.pointee.data {
                let area = data.assumingMemoryBound(to: PopplerImageMapping.self).pointee.area
                let w = max(0, min(area.x2, width) - max(area.x1, 0))
                let h = max(0, min(area.y2, height) - max(area.y1, 0))
                covered += w * h
            }
            node = current.pointee.next
        }
        return min(1, covered / (width * height))
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
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(pixelWidth), Int32(pixelHeight)) else {
            throw .renderFailed(page: number, reason: "no memory for the page image")
        }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let context = cairo_create(surface) else {
            throw .renderFailed(page: number, reason: "no memory for the page image")
        }
        // A new RGB24 surface starts black: paint it white first.
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        cairo_scale(context, scale, scale)
        poppler_page_render_for_printing(handle, context)
        let status = cairo_status(context)
        cairo_destroy(context)
        cairo_surface_flush(surface)
        guard status == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(surface) else {
            throw .renderFailed(page: number, reason: "the page gave no image")
        }
        let stride = Int(cairo_image_surface_get_stride(surface))
        // RGB24 is stored as 32-bit native-endian words: 0xXXRRGGBB.
        var pixels = [UInt8](repeating: 255, count: pixelWidth * pixelHeight)
        pixels.withUnsafeMutableBufferPointer { gray in
            for y in 0..<pixelHeight {
                let row = UnsafeRawPointer(data + y * stride)
                let out = y * pixelWidth
                for x in 0..<pixelWidth {
                    let word = row.loadUnaligned(fromByteOffset: x * 4, as: UInt32.self)
                    let r = (word >> 16) & 0xFF, g = (word >> 8) & 0xFF, b = word & 0xFF
                    gray[out + x] = UInt8((r * 299 + g * 587 + b * 114) / 1000)
                }
            }
        }
        return GrayBitmap(width: pixelWidth, height: pixelHeight, resolution: Int(dpi.rounded()), pixels: pixels)
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

/// A GError's message, freeing the error.
private func takeMessage(_ error: UnsafeMutablePointer<GError>?) -> String {
    guard let error else { return "unknown reason" }
    defer { g_error_free(error) }
    return error.pointee.message.map { String(cString: $0) } ?? "unknown reason"
}

/// The ``PDFError`` of a failed open (freeing the GError): the one place poppler's open errors
/// are read. The message names no document text.
private func openError(_ error: UnsafeMutablePointer<GError>?) -> PDFError {
    let domain = error?.pointee.domain ?? 0
    let code = error?.pointee.code ?? 0
    let message = takeMessage(error)
    if domain == poppler_error_quark(), code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) { return .encrypted }
    if domain == g_file_error_quark() { return .unreadable(message) }
    return .damaged(message)
}
