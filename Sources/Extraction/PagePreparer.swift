internal import DossierCore
internal import Tesseract

/// Gets a page image ready for OCR: resolution normalised, turned upright, skew removed.
///
/// Order matters: upscaling first (orientation detection and deskew work better at a normal
/// resolution), then the quarter turns from tesseract's orientation detection, then leptonica's
/// small-angle deskew, which assumes roughly horizontal text lines.
struct PagePreparer {
    /// Images below this resolution are upscaled to ``targetDPI``.
    static let minimumDPI = 200
    /// The resolution small images are brought to.
    static let targetDPI = 300
    /// Orientation guesses below this confidence are not acted on: a wrong turn ruins a page,
    /// a missed one only fails to fix it.
    static let minimumOrientationConfidence = 2.0
    /// Script guesses at or above this confidence are trusted enough to flag a page whose
    /// script the selected languages cannot read (clean Latin pages score 4–7 here).
    static let minimumScriptConfidence = 2.0

    let correctOrientation: Bool
    let deskew: Bool

    func prepare(
        _ image: LeptonicaImage, unitsPerPixel: Double, unit: String, detector: () -> OrientationDetector?
    ) throws(ExtractionError) -> (
        image: LeptonicaImage, corrections: PageCorrections, geometry: PageGeometry, script: String?
    ) {
        do throws(OCRError) {
            var page = image
            var upscaledFrom: Int?
            let resolution = page.resolution
            if resolution >= 50, resolution < Self.minimumDPI {
                page = try page.grayscale().scaled(by: Double(Self.targetDPI) / Double(resolution))
                upscaledFrom = resolution
            }
            var rotation = 0
            var script: String?
            if correctOrientation, let detector = detector(), let found = detector.detect(page) {
                if found.degrees != 0, found.confidence >= Self.minimumOrientationConfidence {
                    page = try page.rotated(quarterTurnsClockwise: found.correctingQuarterTurns)
                    rotation = found.correctingQuarterTurns * 90
                }
                if found.scriptConfidence >= Self.minimumScriptConfidence, !found.script.isEmpty {
                    script = found.script
                }
            }
            var skew = 0.0
            if deskew {
                let straightened = page.deskewed()
                page = straightened.image
                skew = (straightened.angle * 100).rounded() / 100
            }
            let corrections = PageCorrections(
                rotation: rotation, skew: skew, dpi: page.resolution > 0 ? page.resolution : resolution,
                upscaledFrom: upscaledFrom
            )
            let geometry = PageGeometry(
                originalWidth: Double(image.width), originalHeight: Double(image.height),
                // Measured from the sizes, so leptonica's rounding is accounted for.
                scale: Double(page.width) / Double(rotation % 180 == 0 ? image.width : image.height),
                quarterTurns: rotation / 90, skewDegrees: skew, unitsPerPixel: unitsPerPixel, unit: unit
            )
            return (page, corrections, geometry, script)
        } catch {
            throw .pageFailed(page: 0, reason: error.localizedDescription)
        }
    }
}
