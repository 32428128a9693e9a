/// How big an input may be before Dossier refuses it rather than risk the machine: files made
/// to exhaust memory (a tiny PNG that claims 100,000 × 100,000 pixels, a PDF page the size of
/// a football field) are normal in a case file, and are reported like any other bad file.
///
/// Sizes are checked from headers and page boxes before anything is decoded or rendered.
public struct ExtractionLimits: Sendable, Equatable {
    /// Largest file, in bytes (default 1 GiB).
    public var maxFileBytes: Int64
    /// Most pages in one document (default 5,000).
    public var maxPages: Int
    /// Most pixels on one page as decoded or rendered for OCR (default 250 million: an A0 sheet
    /// at 300 dpi is 140 million).
    public var maxPixelsPerPage: Int

    public init(maxFileBytes: Int64 = 1 << 30, maxPages: Int = 5_000, maxPixelsPerPage: Int = 250_000_000) {
        self.maxFileBytes = maxFileBytes
        self.maxPages = maxPages
        self.maxPixelsPerPage = maxPixelsPerPage
    }

    /// Throws when `width` × `height` pixels is over the limit for page `page`.
    public func checkPixels(width: Int, height: Int, page: Int) throws(ExtractionError) {
        guard width > 0, height > 0 else { return }
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        if overflow || pixels > maxPixelsPerPage {
            throw .pageTooLarge(page: page, width: width, height: height, limit: maxPixelsPerPage)
        }
    }

    /// Throws when a document has more pages than the limit.
    public func checkPages(_ count: Int) throws(ExtractionError) {
        if count > maxPages { throw .tooManyPages(count: count, limit: maxPages) }
    }
}
