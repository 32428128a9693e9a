public import Foundation
internal import Poppler
internal import Tesseract
internal import DossierCore

/// A stored original's page as a PNG at screen resolution, for reviewers to see beside the
/// transcript; kept in a private cache folder (0700, files 0600) under the original's SHA-256,
/// the page and the width, so each page is rendered once.
public struct PageImageRenderer: Sendable {
    /// The cache folder.
    public let cache: URL
    /// The width pages are rendered at, in pixels (the browser scales them).
    public let width: Int

    public init(cache: URL, width: Int = 1100) {
        self.cache = cache
        self.width = max(200, min(width, 4000))
    }

    /// The PNG of page `page` (from 1) of `original` (`pdf`, `png`, `jpeg`, `tiff`), rendering it if needed.
    public func image(of original: URL, sha256: String, format: String, page: Int) throws(ExtractionError) -> URL {
        guard sha256.count == 64, sha256.allSatisfy(\.isHexDigit), page >= 1 else { throw .noPages }
        let target = cache.appendingPathComponent("\(sha256)-\(page)-\(width).png")
        if FileManager.default.fileExists(atPath: target.path) { return target }
        do { try PrivateFiles.makeFolder(cache) } catch { throw .unreadable("cannot make the page cache") }
        let image: LeptonicaImage
        do {
            switch format {
            case "pdf":
                let document: PDFDocument
                do { document = try PDFDocument(contentsOf: original) } catch { throw ExtractionError.damaged("the stored PDF cannot be opened") }
                guard page <= document.pageCount else { throw ExtractionError.noPages }
                let pdfPage = try document.page(page)
                let dpi = min(200, max(20, Double(width) / max(1, pdfPage.width) * 72))
                let bitmap = try pdfPage.renderGray(dpi: dpi)
                image = try LeptonicaImage(grayPixels: bitmap.pixels, width: bitmap.width, height: bitmap.height, resolution: Int(dpi))
            case "tiff":
                image = try scaledToWidth(try LeptonicaImage(tiffAt: original, page: page))
            case FileFormat.text.rawValue, FileFormat.html.rawValue:
                throw ExtractionError.noPageImages(format)
            default:
                guard page == 1, let still = FileFormat(rawValue: format) else { throw ExtractionError.noPages }
                image = try scaledToWidth(try StillImages.read(original, format: still, limits: ExtractionLimits()))
            }
        } catch let error as ExtractionError {
            throw error
        } catch {
            throw .pageFailed(page: page, reason: "it cannot be rendered")
        }
        let temporary = cache.appendingPathComponent(ScratchName.make(".rendering") + ".png")
        defer { try? FileManager.default.removeItem(at: temporary) }
        do {
            try image.write(to: temporary)
            try PrivateFiles.restrict(temporary, mode: 0o600)
        } catch { throw .pageFailed(page: page, reason: "its image cannot be written") }
        guard rename(temporary.path, target.path) == 0 else { throw .pageFailed(page: page, reason: "its image cannot be placed") }
        return target
    }

    /// Grey (also for bilevel scans, so the file is always a PNG), at most `width` pixels wide.
    private func scaledToWidth(_ image: LeptonicaImage) throws(OCRError) -> LeptonicaImage {
        let gray = try image.grayscale()
        return gray.width > width ? try gray.scaled(by: Double(width) / Double(gray.width)) : gray
    }
}
