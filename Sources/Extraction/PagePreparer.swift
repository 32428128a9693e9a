internal import DossierCore
internal import Tesseract

/// A page image ready for OCR, with what was done to it and how to map boxes back.
struct PreparedPage {
    let image: LeptonicaImage
    let corrections: PageCorrections
    let geometry: PageGeometry

    /// The page with its long thin rules redrawn as clean lines (``PagePreparer/withRulesRedrawn(_:)``),
    /// their count in its corrections; `nil` when it has none. Made only when the worker asks:
    /// a page whose reading shows a zone never needs it.
    func withRulesRedrawn() -> PreparedPage? {
        guard let redrawn = PagePreparer.withRulesRedrawn(image) else { return nil }
        return PreparedPage(image: redrawn.image, corrections: corrections.withRulesRedrawn(redrawn.rules), geometry: geometry)
    }
}

/// Gets a page image ready for OCR: a photographed document cut out and seen from above,
/// resolution normalised, turned by the given quarter turns, skew removed.
///
/// Order matters: upscaling first (deskew and orientation detection work better at a normal
/// resolution), then the quarter turns, then leptonica's small-angle deskew, which assumes roughly
/// horizontal text lines (rules are looked for on the result, where they lie straight:
/// ``PreparedPage/withRulesRedrawn()``). Orientation itself is detected by the caller only when
/// the first OCR pass reads poorly (see ``OCRWorkerContext``): most pages are upright, and detection costs
/// about a tenth of a page's OCR time.
struct PagePreparer {
    /// Images below this resolution are upscaled to ``targetDPI``. At 150 dpi and above tesseract
    /// reads as well without (eval/transcription: 150-dpi pages 0.00% CER either way; 100-dpi
    /// pages 0.02% upscaled against 0.13% as they are).
    static let minimumDPI = 150
    /// The resolution small images are brought to.
    static let targetDPI = 300
    /// Orientation guesses below this confidence are not acted on: a wrong turn ruins a page,
    /// a missed one only fails to fix it.
    static let minimumOrientationConfidence = 2.0
    /// Script guesses at or above this confidence are trusted enough to flag a page whose
    /// script the selected languages cannot read (clean Latin pages score 4–7 here).
    static let minimumScriptConfidence = 2.0
    /// A first OCR pass with a mean confidence below this, or with almost no words, makes the
    /// worker check the page's orientation and script.
    static let confidenceThatNeedsNoCheck = 85.0

    /// Whether most words of a reading stand on end (boxes much taller than wide), as when
    /// tesseract reads a page turned a quarter: counted over words of 4 or more characters,
    /// which lie flat on an upright page.
    static func mostlySideways(_ blocks: [OCRBlock]) -> Bool {
        var standing = 0, lying = 0
        for block in blocks {
            for line in block.lines {
                for word in line.words where word.text.count >= 4 {
                    let width = word.box.right - word.box.left, height = word.box.bottom - word.box.top
                    if height > width * 2 { standing += 1 } else if width > height { lying += 1 }
                }
            }
        }
        return standing >= 3 && standing > lying
    }

    let deskew: Bool
    /// A photographed document's corners on the image (``LeptonicaImage/documentCorners()``):
    /// when set, the document is cut out along them and seen from above before anything else.
    /// The worker decides per page.
    var documentCorners: DocumentCorners?

    /// A page with more rule pieces than this is not redrawn: a phone photo's table bends with
    /// the perspective, so its rules come out as a hundred short pieces (121–136 on the
    /// evaluation's photographed payslips, where redrawing never read better), while a scanned
    /// table is one or two connected grids and a form a few dozen lines.
    static let maximumRules = 60

    /// A second reading of a page (its rules redrawn, or the photographed document seen from
    /// above) is kept when its mean confidence is at least this much above the reading as it
    /// came. Measured with rules redrawn: ruled payslips scanned at 200 dpi 79 against 94;
    /// photographed tables and passport pages 0–15 points worse; a clean 300-dpi ruled scan 94
    /// against 93. Photos straightened: the evaluation's payslip photos 93–95 against 89–93, our
    /// own photo sample 88 against 92.
    static let surerReadingMargin = 3.0

    /// Whether `second` reads clearly surer than `first` (``surerReadingMargin``).
    static func isClearlySurer(_ second: OCRResult, than first: OCRResult) -> Bool {
        second.confidence >= first.confidence + surerReadingMargin
    }

    /// A page image with its table borders, column lines and fill-in lines redrawn clean, and
    /// how many there were; `nil` when it has none, too many pieces, or no resolution (a photo
    /// whose scale is unknown: a rule's length cannot be told).
    ///
    /// A rule here is at least an inch long lying down, half an inch standing up (a table of
    /// three rows), and at most 1/40 inch thick (a 1.8-point line); letters hold no straight run
    /// that long, and solid areas are thicker.
    static func withRulesRedrawn(_ page: LeptonicaImage) -> (image: LeptonicaImage, rules: Int)? {
        let dpi = page.resolution
        guard dpi >= 50,
              let redrawn = page.withRulesRedrawn(horizontalLength: dpi, verticalLength: dpi / 2, thickness: max(2, dpi / 40)),
              redrawn.rules <= maximumRules else { return nil }
        return redrawn
    }

    /// Pages where more of the dark pixels than this lie in specks (components of at most 3×3
    /// pixels) get a median filter before OCR. Measured: heavily noisy pages (σ 60 grain, 1%
    /// specks) 0.22; clean renderings and 300-dpi scans 0.0, a heavily blurred page 0.00001, a
    /// 200-dpi fax 0.001. On the heavy-noise pages the filter takes CER from 57% to 0%
    /// (eval/transcription).
    static let maximumSpeckShare = 0.05

    /// A resolution guessed from the recognised text lines, for images whose file gives none:
    /// body text lines stand about 1/6 inch tall (10–12 pt type with ascenders and descenders).
    /// `nil` when there are too few lines to tell.
    static func estimatedDPI(_ blocks: [OCRBlock]) -> Int? {
        let heights = blocks.flatMap(\.lines).map { Double($0.box.bottom - $0.box.top) }.filter { $0 > 2 }.sorted()
        guard heights.count >= 5 else { return nil }
        let median = heights[heights.count / 2]
        return Int((median / (1.0 / 6.0)).rounded())
    }

    func prepare(
        _ image: LeptonicaImage, quarterTurns: Int, unitsPerPixel: Double, unit: String
    ) throws(ExtractionError) -> PreparedPage {
        do throws(OCRError) {
            // A photographed document is cut out of its ground and seen from above first: the
            // steps after it work on a page, not on a table top.
            var source = image
            var perspective: PageGeometry.Perspective?
            if let documentCorners, let straight = image.straightened(documentCorners) {
                source = straight.image
                perspective = PageGeometry.Perspective(map: straight.map, width: Double(straight.image.width),
                                                       height: Double(straight.image.height))
            }
            var page = source
            var upscaledFrom: Int?
            let resolution = page.resolution
            if resolution >= 50, resolution < Self.minimumDPI {
                page = try page.grayscale().scaled(by: Double(Self.targetDPI) / Double(resolution))
                upscaledFrom = resolution
            }
            // Light clean-up only where it measurably helps: heavily specked grey pages.
            var denoised: Bool?
            if page.depth >= 8, page.speckShare() > Self.maximumSpeckShare {
                page = try page.medianFiltered()
                denoised = true
            }
            let turns = ((quarterTurns % 4) + 4) % 4
            page = try page.rotated(quarterTurnsClockwise: turns)
            var skew = 0.0
            if deskew {
                let straightened = page.deskewed()
                page = straightened.image
                skew = (straightened.angle * 100).rounded() / 100
            }
            let corrections = PageCorrections(
                rotation: turns * 90, skew: skew, dpi: page.resolution > 0 ? page.resolution : resolution,
                upscaledFrom: upscaledFrom, denoised: denoised, perspectiveUndone: perspective == nil ? nil : true
            )
            let geometry = PageGeometry(
                originalWidth: Double(image.width), originalHeight: Double(image.height),
                // Measured from the sizes, so leptonica's rounding is accounted for.
                scale: Double(page.width) / Double(turns % 2 == 0 ? source.width : source.height),
                quarterTurns: turns, skewDegrees: skew, unitsPerPixel: unitsPerPixel, unit: unit, perspective: perspective
            )
            return PreparedPage(image: page, corrections: corrections, geometry: geometry)
        } catch {
            throw .pageFailed(page: 0, reason: error.localizedDescription)
        }
    }
}
