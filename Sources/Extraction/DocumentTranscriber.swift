public import Foundation
public import DossierCore
internal import Tesseract
internal import Poppler
internal import Glibc

/// When to OCR a PDF page.
public enum OCRMode: String, Sendable, CaseIterable {
    /// OCR pages without a real text layer.
    case auto
    /// OCR every page.
    case always
    /// Never OCR; pages without a text layer come out empty.
    case never
}

/// Settings for transcription.
public struct TranscriptionOptions: Sendable {
    /// Tesseract languages, `+`-separated, or `auto`: each page is read in the script and
    /// language it is written in (``ScriptChoice``).
    public var languages: String
    /// Resolution at which PDF pages are rendered for OCR.
    public var dpi: Double
    /// When to OCR PDF pages.
    public var ocrMode: OCRMode
    /// Turn pages upright (tesseract OSD) before OCR.
    public var correctOrientation: Bool
    /// Remove small skew (leptonica) before OCR.
    public var deskew: Bool
    /// Read a scanned page with long thin rules (tables, forms) a second time with its rules
    /// redrawn clean, and keep the better reading (``PagePreparer``).
    public var redrawRules: Bool
    /// Read a photographed page (a document on a darker ground, taller than wide) a second time
    /// cut out along its edges and seen from above, and keep the better reading. Cards and
    /// passport pages lie on their side and are read as photographed: straightened, the zone
    /// finder missed the card sample's zone.
    public var straightensPhotos: Bool
    /// Record words with their boxes for text-layer pages too (OCR pages always have them).
    public var textLayerWords: Bool
    /// How big an input may be (not part of the fingerprint: within the limits they change nothing).
    public var limits: ExtractionLimits

    /// Identifies everything that shapes a transcript, so a stored transcript made with the same
    /// settings can be reused instead of OCR'ing the same bytes again. Bump the version when the
    /// transcription itself changes.
    public var fingerprint: String {
        "transcription/5;lang=\(languages);dpi=\(Int(dpi));ocr=\(ocrMode.rawValue);orient=\(correctOrientation);deskew=\(deskew);rules=\(redrawRules ? "redrawn" : "kept");photos=\(straightensPhotos ? "straightened" : "as-taken")"
    }

    /// The defaults: each page in its own language, 300 dpi, OCR only where needed, pages straightened
    /// and their rules redrawn where that reads better.
    public init(
        languages: String = "auto", dpi: Double = 300, ocrMode: OCRMode = .auto,
        correctOrientation: Bool = true, deskew: Bool = true, redrawRules: Bool = true, straightensPhotos: Bool = true, textLayerWords: Bool = true,
        limits: ExtractionLimits = ExtractionLimits()
    ) {
        self.redrawRules = redrawRules
        self.straightensPhotos = straightensPhotos
        self.textLayerWords = textLayerWords
        self.limits = limits
        self.languages = languages
        self.dpi = dpi
        self.ocrMode = ocrMode
        self.correctOrientation = correctOrientation
        self.deskew = deskew
    }
}

/// Turns a PDF or image file into a ``DocumentTranscript``.
///
/// Shares one ``OCRWorkerPool`` across files so engines load once per worker, and keeps
/// poppler's shared settings loaded while it lives (``PopplerSettingsHold``).
public struct DocumentTranscriber: Sendable {
    /// The settings every file is transcribed with.
    public let options: TranscriptionOptions
    private let pool: OCRWorkerPool
    private let cache: TranscriptCache?
    /// poppler's shared settings, loaded at the first PDF this transcriber reads and kept for
    /// every later one.
    private let popplerSettings = PopplerSettingsHold()

    /// Makes a transcriber that runs OCR on `pool`; the pool's languages win over `options`.
    /// With a `cache`, content transcribed before with the same settings is not read again.
    public init(options: TranscriptionOptions, pool: OCRWorkerPool, cache: TranscriptCache? = nil) {
        var options = options
        options.languages = pool.languages
        self.options = options
        self.pool = pool
        self.cache = cache
    }

    /// The cache key of these settings: the fingerprint plus whether text-layer words were
    /// kept (a transcript made without them cannot serve a request for them).
    private var cacheSettings: String { options.fingerprint + ";words=\(options.textLayerWords)" }

    /// Transcribes the file at `url`. `progress` is called with 1 for every finished page. Without
    /// `digest` (for outputs that do not show it) and without a cache, the file is not hashed and
    /// the transcript's `sha256` is empty.
    public func transcribe(
        _ url: URL, displayName: String? = nil, digest: Bool = true, progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws(ExtractionError) -> DocumentTranscript {
        let format = try FileFormat.sniff(url)
        guard digest || cache != nil else {
            return DocumentTranscript(file: displayName ?? url.path, sha256: "", pages: try await transcribePages(url, format: format, progress: progress))
        }
        let sha256 = try Self.digest(of: url)
        if let cached = cache?.pages(sha256: sha256, settings: cacheSettings) {
            progress(cached.count)
            return DocumentTranscript(file: displayName ?? url.path, sha256: sha256, pages: cached)
        }
        let pages = try await transcribePages(url, format: format, progress: progress)
        cache?.keep(pages, sha256: sha256, settings: cacheSettings)
        return DocumentTranscript(file: displayName ?? url.path, sha256: sha256, pages: pages)
    }

    /// The transcript of `url` when it can be made at once on this thread, without a worker or
    /// OCR: a plain-text or HTML file, or a PDF under ``PDFTranscriber/inlineOpeningBytes`` and
    /// 16 pages whose every page has a usable text layer. `nil` otherwise, and always with a
    /// cache: ``transcribe(_:displayName:digest:progress:)`` does those. The same file gives the
    /// same transcript, or the same error, either way.
    public func transcribeAtOnce(_ url: URL, displayName: String? = nil, digest: Bool = true) throws(ExtractionError) -> DocumentTranscript? {
        guard cache == nil else { return nil }
        let format = try FileFormat.sniff(url)
        let size = try checkedSize(url)
        let pages: [PageTranscript]
        switch format {
        case .pdf:
            popplerSettings.keepLoaded()
            guard let size, size <= PDFTranscriber.inlineOpeningBytes,
                  let read = try PDFTranscriber.transcribeAtOnce(url: url, options: options) else { return nil }
            pages = read
        case .text, .html:
            pages = try TextFileReader.pages(url, format: format, limits: options.limits)
        default:
            return nil
        }
        // Hashed once it is certain that the file is done here (transcribe would hash it again).
        return DocumentTranscript(file: displayName ?? url.path, sha256: digest ? try Self.digest(of: url) : "", pages: pages)
    }

    /// The file's SHA-256 in lower-case hex.
    private static func digest(of url: URL) throws(ExtractionError) -> String {
        do { return try FileDigest.sha256(of: url) } catch { throw .unreadable(ExtractionError.describe(error)) }
    }

    /// The file's size by stat(2) (FileManager's attributes also look the owner up in the
    /// account database); throws when it is over the limit.
    private func checkedSize(_ url: URL) throws(ExtractionError) -> Int64? {
        var status = stat()
        guard stat(url.path, &status) == 0 else { return nil }
        let size = Int64(status.st_size)
        if size > options.limits.maxFileBytes { throw .tooLarge(bytes: size, limit: options.limits.maxFileBytes) }
        return size
    }

    /// Transcribes the pages of a file whose format is already known.
    public func transcribePages(
        _ url: URL, format: FileFormat, progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws(ExtractionError) -> [PageTranscript] {
        let limits = options.limits
        let size = try checkedSize(url)
        switch format {
        case .pdf:
            popplerSettings.keepLoaded()
            return try await PDFTranscriber.transcribe(url: url, options: options, pool: pool, fileSize: size, progress: progress)
        case .png, .jpeg, .webp, .heic:
            let options = options
            let page = try await pool.run { context throws(ExtractionError) in
                // The header says how big the image is; a bomb is refused before it is decoded.
                let image = try StillImages.read(url, format: format, limits: options.limits)
                return try context.recognize(image, page: 1, options: options)
            }
            progress(1)
            return [page]
        case .tiff:
            return try await ImageTranscriber.transcribeTIFF(url: url, options: options, pool: pool, progress: progress)
        case .text, .html:
            let pages = try TextFileReader.pages(url, format: format, limits: limits)
            progress(pages.count)
            return pages
        case .docx, .odt, .doc, .rtf:
            // Read through the PDF LibreOffice makes of it, as a born-digital PDF.
            let work = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-office-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: work) }
            let rendition = try OfficeConverter().convert(url, format: format, in: work)
            popplerSettings.keepLoaded()
            return try await PDFTranscriber.transcribe(url: rendition, options: options, pool: pool, progress: progress)
        case .msg:
            let work = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-msg-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: work) }
            let pages = try EmailReader.pages(try OutlookMessageConverter().convert(url, in: work), limits: limits)
            progress(pages.count)
            return pages
        case .email:
            let pages = try EmailReader.pages(url, limits: limits)
            progress(pages.count)
            return pages
        case .zip:
            throw .containerNotDocument
        }
    }
}

/// Transcribes images through leptonica and tesseract.
enum ImageTranscriber {
    static func transcribeTIFF(
        url: URL, options: TranscriptionOptions, pool: OCRWorkerPool, progress: @escaping @Sendable (Int) -> Void
    ) async throws(ExtractionError) -> [PageTranscript] {
        let count: Int
        do { count = try LeptonicaImage.tiffPageCount(at: url) } catch { throw map(error, page: nil) }
        try options.limits.checkPages(count)
        var pages = [PageTranscript?](repeating: nil, count: count)
        try await PageFanOut.transcribe(Array(1...count), into: &pages, progress: progress) { number throws(ExtractionError) in
            try await pool.run { context throws(ExtractionError) in
                let size = LeptonicaImage.tiffHeaderSize(at: url, page: number)
                if let size {
                    try options.limits.checkPixels(width: size.width, height: size.height, page: number)
                }
                let image: LeptonicaImage
                do throws(OCRError) { image = try LeptonicaImage(tiffAt: url, page: number) } catch {
                    throw map(error, page: number, size: size)
                }
                return try context.recognize(image, page: number, options: options)
            }
        }
        return pages.compactMap { $0 }
    }

    /// What a decoding failure means. An image whose header reads fine but which would take a
    /// large share of the address space this process may use (`--max-memory-mb` in a worker)
    /// most likely failed for want of memory, not because it is damaged: say so.
    static func map(
        _ error: OCRError, page: Int?, size: (width: Int, height: Int)?, limit: Int? = addressSpaceLimit
    ) -> ExtractionError {
        if case .unreadableImage = error, let size, let limit {
            // Decoding holds the file's pixels at up to 4 bytes each, and OCR copies them.
            let (bytes, overflow) = size.width.multipliedReportingOverflow(by: size.height * 4)
            if overflow || bytes > limit / 4 {
                return .pageFailed(
                    page: page ?? 1,
                    reason: "\(size.width) × \(size.height) pixels need more memory than the reader may use: "
                        + "\(limit >> 20) MB"
                )
            }
        }
        return map(error, page: page)
    }

    /// This process's address-space limit in bytes (`ulimit -v`), if it has one.
    static var addressSpaceLimit: Int? {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
        return Int(clamping: limit.rlim_cur)
    }

    static func map(_ error: OCRError, page: Int?) -> ExtractionError {
        switch error {
        case .languagesNotInstalled, .libraryMissing, .libraryUnloadable: .ocrUnavailable(error.localizedDescription)
        case .unreadableImage(let reason):
            page.map { .pageFailed(page: $0, reason: "the image data cannot be decoded") } ?? .damaged(reason)
        case .recognitionFailed: .pageFailed(page: page ?? 1, reason: "OCR failed")
        }
    }
}
