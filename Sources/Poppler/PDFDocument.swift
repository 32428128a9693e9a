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
    /// Rendering a page failed (cairo could not make a surface of that size).
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
/// Not thread-safe: poppler documents must not be shared between threads (rendering from two
/// threads at once crashed in cairo's font cache). Open one per worker.
public final class PDFDocument {
    private let handle: OpaquePointer

    /// The number of pages in the document.
    public let pageCount: Int

    /// Opens the PDF at `url`; throws ``PDFError/encrypted`` when a password is needed.
    public init(contentsOf url: URL, password: String? = nil) throws(PDFError) {
        let absolute = url.standardizedFileURL.path
        var gerror: UnsafeMutablePointer<GError>?
        guard let uri = g_filename_to_uri(absolute, nil, &gerror) else {
            let reason = popplerTakeMessage(gerror)
            throw .unreadable(reason)
        }
        defer { g_free(uri) }
        guard let document = poppler_document_new_from_file(uri, password, &gerror) else {
            throw popplerOpenError(gerror)
        }
        handle = document
        pageCount = Int(poppler_document_get_n_pages(document))
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(handle))
    }

    /// The page with 1-based `number`, copied out into a ``PDFPage``.
    public func page(_ number: Int) throws(PDFError) -> PDFPage {
        guard number >= 1, number <= pageCount,
              let page = poppler_document_get_page(handle, Int32(number - 1))
        else { throw .noSuchPage(number) }
        return PDFPage(takingOwnership: page, number: number)
    }
}

/// One page of a ``PDFDocument``; owns its `PopplerPage`.
public final class PDFPage {
    private let handle: OpaquePointer

    /// 1-based page number.
    public let number: Int
    /// Page width in points (1/72 inch).
    public let width: Double
    /// Page height in points (1/72 inch).
    public let height: Double

    init(takingOwnership page: OpaquePointer, number: Int) {
        handle = page
        self.number = number
        var w = 0.0, h = 0.0
        poppler_page_get_size(page, &w, &h)
        width = w
        height = h
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(handle))
    }

    /// The page's text layer in reading order, with spaces restored between words that poppler
    /// glues together (table cells, section numbers) from the glyph boxes.
    public func text() -> String {
        withTextAndGlyphBoxes { utf8, boxes in
            boxes.map { TextLayoutSpacer.respace(utf8: utf8, boxes: $0) } ?? String(decoding: utf8, as: UTF8.self)
        } ?? ""
    }

    /// The page's text layer (as ``text()`` gives it) and its words with their boxes, line by line.
    public func textAndWords() -> (text: String, lines: [[PDFWord]]) {
        withTextAndGlyphBoxes { utf8, boxes in
            guard let boxes else { return (String(decoding: utf8, as: UTF8.self), []) }
            return (TextLayoutSpacer.respace(utf8: utf8, boxes: boxes), TextLayoutSpacer.words(utf8: utf8, boxes: boxes))
        } ?? ("", [])
    }

    /// Calls `body` with the page text's UTF-8 bytes and one box per code point (`nil` when
    /// poppler gives no layout); frees both afterwards. `nil` when the page has no text at all.
    private func withTextAndGlyphBoxes<Result>(
        _ body: (UnsafeBufferPointer<UInt8>, [GlyphBox]?) -> Result
    ) -> Result? {
        guard let raw = poppler_page_get_text(handle) else { return nil }
        defer { g_free(raw) }
        let utf8 = UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw))
        var rectangles: UnsafeMutablePointer<PopplerRectangle>?
        var count: guint = 0
        guard poppler_page_get_text_layout(handle, &rectangles, &count) != 0, let boxes = rectangles else {
            return body(utf8, nil)
        }
        defer { g_free(boxes) }
        let glyphBoxes = UnsafeBufferPointer(start: boxes, count: Int(count)).map { box in
            GlyphBox(x1: box.x1, y1: box.y1, x2: box.x2, y2: box.y2)
        }
        return body(utf8, glyphBoxes)
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

    /// Renders the page to an 8-bit grey bitmap at `dpi` dots per inch, on a white background.
    public func renderGray(dpi: Double) throws(PDFError) -> GrayBitmap {
        let scale = dpi / 72.0
        let pixelWidth = max(1, Int((width * scale).rounded(.up)))
        let pixelHeight = max(1, Int((height * scale).rounded(.up)))
        guard pixelWidth <= 30_000, pixelHeight <= 30_000 else {
            throw .renderFailed(page: number, reason: "page is \(pixelWidth)×\(pixelHeight) pixels, too large")
        }
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(pixelWidth), Int32(pixelHeight))
        else { throw .renderFailed(page: number, reason: "no memory for the page image") }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw .renderFailed(page: number, reason: "no memory for the page image")
        }
        guard let context = cairo_create(surface) else {
            throw .renderFailed(page: number, reason: "cairo context")
        }
        // A new RGB24 surface starts black: paint it white first.
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        cairo_scale(context, scale, scale)
        poppler_page_render_for_printing(handle, context)
        cairo_destroy(context)
        cairo_surface_flush(surface)

        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else {
            throw .renderFailed(page: number, reason: "empty surface")
        }
        // RGB24 is stored as 32-bit native-endian words: B, G, R, X on little-endian machines.
        var pixels = [UInt8](repeating: 255, count: pixelWidth * pixelHeight)
        pixels.withUnsafeMutableBufferPointer { gray in
            for y in 0..<pixelHeight {
                let row = data + y * stride
                let out = y * pixelWidth
                for x in 0..<pixelWidth {
                    let word = UnsafeRawPointer(row + x * 4).loadUnaligned(as: UInt32.self)
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

/// Turns a GError into a message string and frees it.
private func popplerTakeMessage(_ error: UnsafeMutablePointer<GError>?) -> String {
    guard let error else { return "unknown reason" }
    defer { g_error_free(error) }
    return error.pointee.message.map { String(cString: $0) } ?? "unknown reason"
}

/// Maps the GError of a failed open to a ``PDFError`` and frees it; the one place poppler's
/// open errors are interpreted.
private func popplerOpenError(_ error: UnsafeMutablePointer<GError>?) -> PDFError {
    let isEncrypted = error.map {
        $0.pointee.domain == poppler_error_quark() && $0.pointee.code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue)
    } ?? false
    let isOpenFailure = error.map {
        $0.pointee.domain == g_file_error_quark()
    } ?? false
    let message = popplerTakeMessage(error)
    if isEncrypted { return .encrypted }
    if isOpenFailure { return .unreadable(message) }
    return .damaged(message)
}
