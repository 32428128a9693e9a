public import Foundation
internal import Tesseract
internal import HEIF

/// Single-image files (PNG, JPEG, WebP, HEIC) read as a viewer shows them: a photo's EXIF
/// orientation applied (a HEIC photo's own rotation is applied by libheif), so the page image,
/// its OCR and its word boxes all stand upright in the same coordinates everywhere (the
/// transcript, the workspace's page images, the searchable PDF).
public enum StillImages {
    /// Decodes the image at `url` as transcription would, without OCR, and gives its upright
    /// size (the fuzz targets' way in: the whole decoding path, none of the recognition).
    public static func decodedSize(_ url: URL, format: FileFormat, limits: ExtractionLimits) throws(ExtractionError) -> (width: Int, height: Int) {
        let image = try read(url, format: format, limits: limits)
        return (image.width, image.height)
    }

    /// The image, upright, after its header passed `limits` (a bomb is refused before decoding).
    static func read(_ url: URL, format: FileFormat, limits: ExtractionLimits) throws(ExtractionError) -> LeptonicaImage {
        if format == .heic { return try readHEIF(url, limits: limits) }
        let size = LeptonicaImage.headerSize(at: url)
        if let size { try limits.checkPixels(width: size.width, height: size.height, page: 1) }
        do throws(OCRError) {
            return upright(try LeptonicaImage(contentsOf: url), ExifOrientation.of(url, format: format))
        } catch {
            throw ImageTranscriber.map(error, page: nil, size: size)
        }
    }

    /// `image` turned and mirrored as `orientation` says (unchanged when it cannot be).
    static func upright(_ image: LeptonicaImage, _ orientation: ExifOrientation?) -> LeptonicaImage {
        guard let orientation, orientation.value != 1 else { return image }
        var result = image
        if orientation.mirrored, let mirrored = try? result.mirrored() { result = mirrored }
        if let turned = try? result.rotated(quarterTurnsClockwise: orientation.quarterTurns) { result = turned }
        return result
    }

    private static func readHEIF(_ url: URL, limits: ExtractionLimits) throws(ExtractionError) -> LeptonicaImage {
        let file: HEIFFile
        do { file = try HEIFFile(contentsOf: url) } catch { throw map(error) }
        try limits.checkPixels(width: file.width, height: file.height, page: 1)
        let decoded: (pixels: [UInt8], width: Int, height: Int)
        do { decoded = try file.rgbPixels() } catch { throw map(error) }
        try limits.checkPixels(width: decoded.width, height: decoded.height, page: 1)
        do throws(OCRError) {
            // A phone photo carries no resolution; the page reader estimates one from the text.
            return try LeptonicaImage(rgbPixels: decoded.pixels, width: decoded.width, height: decoded.height, resolution: 0)
        } catch {
            throw ImageTranscriber.map(error, page: nil, size: (decoded.width, decoded.height))
        }
    }

    static func map(_ error: HEIFError) -> ExtractionError {
        switch error {
        case .libraryMissing, .libraryUnloadable: .ocrUnavailable(error.localizedDescription)
        case .unreadable(let reason): .damaged(reason)
        }
    }
}
