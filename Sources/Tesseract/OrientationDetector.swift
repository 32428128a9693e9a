internal import CTesseract
internal import Foundation

/// What tesseract's orientation and script detection found on a page.
public struct PageOrientation: Sendable, Equatable {
    /// How far the page content is turned clockwise: 0, 90, 180 or 270 degrees.
    public let degrees: Int
    /// Tesseract's confidence in `degrees` (higher is surer; below ~2 it is a guess).
    public let confidence: Double
    /// The dominant script, as tesseract names it (`Latin`, `Arabic`, `Cyrillic`…).
    public let script: String
    /// Confidence in `script`.
    public let scriptConfidence: Double

    /// Quarter turns clockwise that bring the page upright.
    public var correctingQuarterTurns: Int { (4 - (degrees / 90) % 4) % 4 }
}

/// Tesseract's orientation and script detection (OSD); owns a `TessBaseAPI` loaded with the
/// `osd` data (Debian's tesseract-ocr-osd). One per worker thread, like ``OCREngine``.
public final class OrientationDetector {
    private let handle: OpaquePointer
    private let library: TesseractLibrary

    /// Loads the OSD data; throws when tesseract-ocr-osd is not installed.
    public init() throws(OCRError) {
        let library = try TesseractLibrary.shared.get()
        library.setOpenMPMaxActiveLevels?(0)
        guard let api = library.create() else { throw .recognitionFailed }
        _ = library.setVariable(api, "debug_file", "/dev/null")
        guard library.initialise(api, nil, "osd") == 0 else {
            library.delete(api)
            throw .languagesNotInstalled("osd")
        }
        library.setPageSegMode(api, PSM_OSD_ONLY)
        handle = api
        self.library = library
    }

    deinit {
        library.end(handle)
        library.delete(handle)
    }

    /// The page's orientation and script, or `nil` when the page has too little text to tell.
    public func detect(_ image: LeptonicaImage) -> PageOrientation? {
        library.setImagePix(handle, image.pix)
        library.setSourceResolution(handle, Int32(image.resolution >= 70 ? image.resolution : 300))
        defer { library.clear(handle) }
        var degrees: Int32 = 0
        var confidence: Float = 0
        var script: UnsafePointer<CChar>?
        var scriptConfidence: Float = 0
        guard library.detectOrientationScript(handle, &degrees, &confidence, &script, &scriptConfidence) != 0 else {
            return nil
        }
        // The script name points into the OSD data's own tables: it must not be freed (the
        // header's note about TessDeleteText predates tesseract 4; freeing it crashes).
        return PageOrientation(
            degrees: Int(degrees), confidence: Double(confidence),
            script: script.map { String(cString: $0) } ?? "", scriptConfidence: Double(scriptConfidence)
        )
    }
}
