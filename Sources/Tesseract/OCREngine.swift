internal import CTesseract
public import Foundation

/// Why OCR could not run or an image could not be read.
public enum OCRError: Error, Equatable, Sendable {
    /// Tesseract has no trained data for one of the requested languages.
    case languagesNotInstalled(String)
    /// Leptonica could not decode the image.
    case unreadableImage(String)
    /// Tesseract failed while recognising.
    case recognitionFailed
    /// The tesseract library (or one of its functions) could not be loaded.
    case libraryMissing(String)
    /// libtesseract is installed but could not be loaded (the loader's reason).
    case libraryUnloadable(String)
}

extension OCRError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .languagesNotInstalled(let languages):
            "OCR language data for '\(languages)' is not installed (Debian package "
                + languages.split(separator: "+").map { "tesseract-ocr-\($0.replacingOccurrences(of: "_", with: "-"))" }
                    .joined(separator: ", ") + ")"
        case .unreadableImage(let reason): "the image cannot be decoded (\(reason))"
        case .recognitionFailed: "OCR failed on this page"
        case .libraryMissing(let what): "the OCR library cannot be loaded (\(what)); install libtesseract5"
        case .libraryUnloadable(let reason):
            "the OCR library is installed but could not be loaded (\(reason)); the memory limit on the reader may be too low"
        }
    }
}

/// The text tesseract read from one image, with its mean word confidence (0–100) and its layout.
public struct OCRResult: Sendable, Equatable {
    /// The recognised text, lines separated by newlines.
    public let text: String
    /// Tesseract's mean text confidence, 0–100.
    public let confidence: Double
    /// Blocks of lines of words, in tesseract's reading order (columns one after another).
    public let blocks: [OCRBlock]
    /// Each recognised character with its box, in reading order: kept only by an engine that
    /// reads machine-readable zones, whose repair lays characters over printed glyphs.
    public let characters: [OCRWord]

    public init(text: String, confidence: Double, blocks: [OCRBlock], characters: [OCRWord] = []) {
        self.text = text
        self.confidence = confidence
        self.blocks = blocks
        self.characters = characters
    }
}

/// A box in the pixels of the recognised image: left and top inclusive, right and bottom exclusive.
public struct PixelBox: Sendable, Equatable {
    public let left: Int
    public let top: Int
    public let right: Int
    public let bottom: Int

    public init(left: Int, top: Int, right: Int, bottom: Int) {
        self.left = left
        self.top = top
        self.right = right
        self.bottom = bottom
    }
}

/// One recognised word.
public struct OCRWord: Sendable, Equatable {
    public let text: String
    /// 0–100.
    public let confidence: Double
    public let box: PixelBox
    /// One box per character of `text`, where it was placed on the image: set for the lines of
    /// a machine-readable zone (see `ZoneCharacters` in Extraction), `nil` otherwise.
    public let characters: [PixelBox]?

    public init(text: String, confidence: Double, box: PixelBox, characters: [PixelBox]? = nil) {
        self.text = text
        self.confidence = confidence
        self.box = box
        self.characters = characters
    }
}

/// One line of words.
public struct OCRLine: Sendable, Equatable {
    public let box: PixelBox
    public var words: [OCRWord]

    public init(box: PixelBox, words: [OCRWord]) {
        self.box = box
        self.words = words
    }
}

/// One block of lines (a paragraph, a column, a table cell…).
public struct OCRBlock: Sendable, Equatable {
    public let box: PixelBox
    public var lines: [OCRLine]

    public init(box: PixelBox, lines: [OCRLine]) {
        self.box = box
        self.lines = lines
    }
}

/// A tesseract engine loaded with a set of languages; owns its `TessBaseAPI`.
///
/// Loading costs about 0.3 s and 190 MB, so create one per worker thread and reuse it.
/// Not thread-safe and not `Sendable`: one engine belongs to one thread.
public final class OCREngine {
    private let handle: OpaquePointer
    private let library: TesseractLibrary
    /// Whether readings keep each character's box (``OCRResult/characters``).
    private let keepsCharacters: Bool

    /// The languages the engine was loaded with, as tesseract spells them (`nld+eng`).
    public let languages: String

    /// What an engine is set up to read.
    public enum ReadingMode: Sendable {
        /// Whole pages: full layout analysis, any character of the languages.
        case page
        /// The machine-readable zone of a travel document: one block of lines holding only
        /// capitals, digits and `<` (ICAO 9303), which keeps `<` from reading as K, C or £.
        case machineReadableZone
    }

    /// Loads tesseract with `languages` (e.g. `nld+eng`) from the system's tessdata.
    public init(languages: String, mode: ReadingMode = .page) throws(OCRError) {
        guard Self.isPlausible(languages) else { throw .languagesNotInstalled(languages) }
        let library = try TesseractLibrary.shared.get()
        LeptonicaMessages.silence()
        // Per thread: keeps tesseract's OpenMP from oversubscribing the cores (see
        // OpenMPThreadLimit); engines are made on the thread that uses them.
        library.setOpenMPMaxActiveLevels?(0)
        guard let api = library.create() else { throw .recognitionFailed }
        // Tesseract's own chatter ("Estimating resolution…") would interleave with progress output.
        _ = library.setVariable(api, "debug_file", "/dev/null")
        guard library.initialise(api, nil, languages) == 0 else {
            library.delete(api)
            throw .languagesNotInstalled(languages)
        }
        // Tesseract loads what it finds and only complains on stderr about the rest; a page
        // read without the asked-for language must not pass for a good reading.
        let loaded = Set(Self.strings(library.loadedLanguages(api), library: library))
        let missing = languages.split(separator: "+").map(String.init).filter { !loaded.contains($0) }
        guard missing.isEmpty else {
            library.delete(api)
            throw .languagesNotInstalled(missing.joined(separator: "+"))
        }
        // The C API starts in single-block mode; full page layout analysis (what the tesseract
        // command uses) reads columns and scattered blocks properly and drops specks.
        switch mode {
        case .page:
            library.setPageSegMode(api, PSM_AUTO)
        case .machineReadableZone:
            library.setPageSegMode(api, PSM_SINGLE_BLOCK)
            _ = library.setVariable(api, "tessedit_char_whitelist", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")
        }
        handle = api
        self.library = library
        self.languages = languages
        keepsCharacters = mode == .machineReadableZone
    }

    deinit {
        library.end(handle)
        library.delete(handle)
    }

    /// Recognises a leptonica image.
    public func recognize(_ image: LeptonicaImage) throws(OCRError) -> OCRResult {
        library.setImagePix(handle, image.pix)
        if image.resolution >= 70 {
            library.setSourceResolution(handle, Int32(image.resolution))
        }
        return try recognizeCurrentImage()
    }

    private func recognizeCurrentImage() throws(OCRError) -> OCRResult {
        // Clear only after the layout has been read: it walks the recognised page.
        defer { library.clear(handle) }
        guard library.recognize(handle, nil) == 0 else { throw .recognitionFailed }
        guard let raw = library.utf8Text(handle) else { throw .recognitionFailed }
        defer { library.deleteText(raw) }
        let text = String(cString: raw)
        let confidence = Double(max(0, library.meanTextConfidence(handle)))
        return OCRResult(text: text, confidence: confidence, blocks: layout(), characters: keepsCharacters ? characters() : [])
    }

    /// Every recognised character with its box and confidence.
    private func characters() -> [OCRWord] {
        guard let results = library.resultIterator(handle) else { return [] }
        defer { library.resultIteratorDelete(results) }
        guard let page = library.resultIteratorPageIterator(results) else { return [] }
        let symbol = RIL_SYMBOL
        var found: [OCRWord] = []
        library.pageIteratorBegin(page)
        repeat {
            guard let raw = library.resultIteratorText(results, symbol) else { continue }
            let text = String(cString: raw)
            library.deleteText(raw)
            var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
            guard !text.isEmpty, library.pageIteratorBoundingBox(page, symbol, &left, &top, &right, &bottom) != 0 else { continue }
            let confidence = Double(max(0, min(100, library.resultIteratorConfidence(results, symbol))))
            found.append(OCRWord(text: text, confidence: confidence,
                                 box: PixelBox(left: Int(left), top: Int(top), right: Int(right), bottom: Int(bottom))))
        } while library.resultIteratorNext(results, symbol) != 0
        return found
    }

    /// Walks tesseract's result word by word, grouping words into lines and blocks.
    private func layout() -> [OCRBlock] {
        guard let results = library.resultIterator(handle) else { return [] }
        defer { library.resultIteratorDelete(results) }
        guard let page = library.resultIteratorPageIterator(results) else { return [] }
        let block = RIL_BLOCK, line = RIL_TEXTLINE, word = RIL_WORD
        func box(_ level: TessPageIteratorLevel) -> PixelBox? {
            var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
            guard library.pageIteratorBoundingBox(page, level, &left, &top, &right, &bottom) != 0 else { return nil }
            return PixelBox(left: Int(left), top: Int(top), right: Int(right), bottom: Int(bottom))
        }
        var blocks: [OCRBlock] = []
        library.pageIteratorBegin(page)
        repeat {
            guard let raw = library.resultIteratorText(results, word) else { continue }
            let text = String(cString: raw)
            library.deleteText(raw)
            guard !text.isEmpty, let wordBox = box(word) else { continue }
            if blocks.isEmpty || library.pageIteratorIsAtBeginningOf(page, block) != 0 {
                blocks.append(OCRBlock(box: box(block) ?? wordBox, lines: []))
            }
            if blocks[blocks.count - 1].lines.isEmpty || library.pageIteratorIsAtBeginningOf(page, line) != 0 {
                blocks[blocks.count - 1].lines.append(OCRLine(box: box(line) ?? wordBox, words: []))
            }
            let confidence = Double(max(0, min(100, library.resultIteratorConfidence(results, word))))
            let last = blocks[blocks.count - 1].lines.count - 1
            blocks[blocks.count - 1].lines[last].words.append(OCRWord(text: text, confidence: confidence, box: wordBox))
        } while library.resultIteratorNext(results, word) != 0
        return blocks.filter { !$0.lines.isEmpty }
    }

    /// Language lists are passed to tesseract as file names: allow only `abc+def_ghi` shapes.
    private static func isPlausible(_ languages: String) -> Bool {
        !languages.isEmpty && languages.count <= 200 && languages.split(separator: "+", omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        }
    }

    /// The languages installed in the system's tessdata (e.g. `["eng", "nld", "osd"]`).
    public static func installedLanguages() -> [String] {
        guard let library = try? TesseractLibrary.shared.get(), let api = library.create() else { return [] }
        defer { library.delete(api) }
        _ = library.setVariable(api, "debug_file", "/dev/null")
        // Listing needs an initialised engine; any installed language will do.
        guard library.initialise(api, nil, "osd") == 0 || library.initialise(api, nil, "eng") == 0,
              let list = library.availableLanguages(api)
        else { return [] }
        defer { library.end(api) }
        return strings(list, library: library).sorted()
    }

    /// The strings of a tesseract text array, which this frees.
    private static func strings(
        _ list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, library: TesseractLibrary
    ) -> [String] {
        guard let list else { return [] }
        defer { library.deleteTextArray(list) }
        var names: [String] = []
        var index = 0
        while let entry = list[index] {
            names.append(String(cString: entry))
            index += 1
        }
        return names
    }
}

/// A leptonica `PIX`; owns it and destroys it in `deinit`.
public final class LeptonicaImage {
    let pix: UnsafeMutablePointer<PIX>

    init(takingOwnership pix: UnsafeMutablePointer<PIX>) {
        self.pix = pix
    }

    deinit {
        var pointer: UnsafeMutablePointer<PIX>? = pix
        pixDestroy(&pointer)
    }

    /// Width in pixels.
    public var width: Int { Int(pixGetWidth(pix)) }
    /// Height in pixels.
    public var height: Int { Int(pixGetHeight(pix)) }
    /// Horizontal resolution from the file's metadata, 0 when it has none.
    public var resolution: Int { Int(pixGetXRes(pix)) }

    /// Makes an 8-bit grey image from raw bytes (row-major, `width` bytes per row, 0 is black).
    public convenience init(grayPixels: [UInt8], width: Int, height: Int, resolution: Int) throws(OCRError) {
        precondition(grayPixels.count == width * height, "pixel buffer does not match the size")
        guard let pix = pixCreateNoInit(Int32(width), Int32(height), 8), let data = pixGetData(pix) else {
            throw .unreadableImage("no memory for a \(width)×\(height) image")
        }
        let wordsPerLine = Int(pixGetWpl(pix))
        grayPixels.withUnsafeBufferPointer { source in
            let bytes = UnsafeMutableRawPointer(data).assumingMemoryBound(to: UInt8.self)
            for y in 0..<height {
                let row = bytes + y * wordsPerLine * 4
                let input = y * width
                // Leptonica keeps pixels in 32-bit words, most significant byte first: on a
                // little-endian machine byte x of a row sits at x ^ 3.
                for x in 0..<width {
                    row[x ^ 3] = source[input + x]
                }
                // Pad bytes past the width (inside the last word) stay white.
                for x in width..<(wordsPerLine * 4) {
                    row[x ^ 3] = 255
                }
            }
        }
        pixSetResolution(pix, Int32(resolution), Int32(resolution))
        self.init(takingOwnership: pix)
    }

    /// Makes a 32-bit colour image from raw RGB bytes (row-major, three bytes a pixel).
    public convenience init(rgbPixels: [UInt8], width: Int, height: Int, resolution: Int) throws(OCRError) {
        precondition(rgbPixels.count == width * height * 3, "pixel buffer does not match the size")
        guard width > 0, height > 0, let pix = pixCreateNoInit(Int32(width), Int32(height), 32), let data = pixGetData(pix) else {
            throw .unreadableImage("no memory for a \(width)×\(height) image")
        }
        let wordsPerLine = Int(pixGetWpl(pix))
        rgbPixels.withUnsafeBufferPointer { source in
            for y in 0..<height {
                let row = data + y * wordsPerLine
                var input = y * width * 3
                // One 32-bit word a pixel: red in the top byte, then green, blue, and alpha.
                for x in 0..<width {
                    row[x] = UInt32(source[input]) << 24 | UInt32(source[input + 1]) << 16 | UInt32(source[input + 2]) << 8 | 0xFF
                    input += 3
                }
            }
        }
        pixSetResolution(pix, Int32(resolution), Int32(resolution))
        self.init(takingOwnership: pix)
    }

    /// The image mirrored left to right.
    public func mirrored() throws(OCRError) -> LeptonicaImage {
        guard let flipped = pixFlipLR(nil, pix) else { throw .unreadableImage("cannot mirror") }
        return LeptonicaImage(takingOwnership: flipped)
    }

    /// Writes the image as lossless WebP to `url` (for test pictures: WebP is what messengers send).
    public func writeWebP(to url: URL) throws(OCRError) {
        let source = depth == 32 ? self : try colour()
        guard pixWriteWebP(url.path, source.pix, 100, 1) == 0 else { throw .unreadableImage("cannot write \(url.lastPathComponent)") }
    }

    /// The image as 32-bit colour.
    func colour() throws(OCRError) -> LeptonicaImage {
        guard let converted = pixConvertTo32(pix) else { throw .unreadableImage("cannot convert to colour") }
        return LeptonicaImage(takingOwnership: converted)
    }

    /// A copy of the image that claims `dpi` as its resolution (for images whose file has none).
    public func withResolution(_ dpi: Int) throws(OCRError) -> LeptonicaImage {
        guard let copy = pixCopy(nil, pix) else { throw .unreadableImage("no memory for a copy of the image") }
        // pixSetResolution ignores 0; these set any value, 0 (unknown) included.
        pixSetXRes(copy, Int32(dpi))
        pixSetYRes(copy, Int32(dpi))
        return LeptonicaImage(takingOwnership: copy)
    }

    /// Bits per pixel: 1 (bilevel), 8 (grey), 32 (colour)…
    public var depth: Int { Int(pixGetDepth(pix)) }

    /// The image in 8-bit grey (itself when it already is).
    public func grayscale() throws(OCRError) -> LeptonicaImage {
        if depth == 8 && pixGetColormap(pix) == nil { return self }
        guard let converted = pixConvertTo8(pix, 0) else { throw .unreadableImage("cannot convert to grey") }
        return LeptonicaImage(takingOwnership: converted)
    }

    /// The image turned clockwise by `quarterTurns` × 90°.
    public func rotated(quarterTurnsClockwise quarterTurns: Int) throws(OCRError) -> LeptonicaImage {
        let turns = ((quarterTurns % 4) + 4) % 4
        if turns == 0 { return self }
        guard let turned = pixRotateOrth(pix, Int32(turns)) else { throw .unreadableImage("cannot rotate") }
        return LeptonicaImage(takingOwnership: turned)
    }

    /// The image with small skew (up to about 7°) removed, and the angle found in degrees
    /// (0 when none was found with confidence).
    public func deskewed() -> (image: LeptonicaImage, angle: Double) {
        var angle: Float = 0
        var confidence: Float = 0
        guard let straightened = pixDeskewGeneral(pix, 0, 0, 0, 0, 0, &angle, &confidence) else {
            return (self, 0)
        }
        // Below leptonica's confidence floor it returns an unrotated copy; report no angle then.
        let found = confidence >= 3 && abs(angle) >= 0.1
        // A bilevel page (fax, G4 scan) is turned by shearing, which leaves jagged strokes;
        // turning its grey version by area mapping keeps the letters smooth.
        if found, depth == 1, let gray = try? grayscale(), let smooth = try? gray.rotated(byDegrees: Double(angle)) {
            return (smooth, Double(angle))
        }
        return (LeptonicaImage(takingOwnership: straightened), found ? Double(angle) : 0)
    }

    /// The part of the image inside the box (clipped to the image), or `nil` when nothing is left.
    public func cropped(to box: PixelBox) -> LeptonicaImage? {
        let left = max(0, box.left), top = max(0, box.top)
        let right = min(width, box.right), bottom = min(height, box.bottom)
        guard right > left, bottom > top, let region = boxCreate(Int32(left), Int32(top), Int32(right - left), Int32(bottom - top)) else {
            return nil
        }
        var owned: UnsafeMutablePointer<BOX>? = region
        defer { boxDestroy(&owned) }
        guard let clipped = pixClipRectangle(pix, region, nil) else { return nil }
        return LeptonicaImage(takingOwnership: clipped)
    }

    /// The image turned by any angle in degrees (positive: clockwise), corners filled white.
    public func rotated(byDegrees degrees: Double) throws(OCRError) -> LeptonicaImage {
        let radians = Float(degrees * .pi / 180)
        guard let turned = pixRotate(pix, radians, Int32(L_ROTATE_AREA_MAP), Int32(L_BRING_IN_WHITE), 0, 0) else {
            throw .unreadableImage("cannot rotate")
        }
        return LeptonicaImage(takingOwnership: turned)
    }

    /// The share of pixels (0–1) darker than mid-grey: about 0.03–0.10 on a page of text,
    /// near 0 on a blank one.
    public func darkPixelShare() -> Double {
        guard width > 0, height > 0, let gray = try? grayscale(),
              let binary = pixThresholdToBinary(gray.pix, 128) else { return 0 }
        var pointer: UnsafeMutablePointer<PIX>? = binary
        defer { pixDestroy(&pointer) }
        var count: Int32 = 0
        guard pixCountPixels(binary, &count, nil) == 0 else { return 0 }
        return Double(count) / Double(width * height)
    }

    /// A copy of the image (in 8-bit grey, or 32-bit colour when it is colour) with every box
    /// filled black: the pixels under a redaction are gone, not covered.
    public func blackened(_ boxes: [PixelBox]) throws(OCRError) -> LeptonicaImage {
        let base = depth == 32 ? self : try grayscale()
        guard let copy = pixCopy(nil, base.pix) else { throw .unreadableImage("no memory for a copy of the image") }
        let result = LeptonicaImage(takingOwnership: copy)
        for box in boxes {
            let left = max(0, box.left), top = max(0, box.top)
            let right = min(width, box.right), bottom = min(height, box.bottom)
            guard right > left, bottom > top, let region = boxCreate(Int32(left), Int32(top), Int32(right - left), Int32(bottom - top)) else {
                continue
            }
            var owned: UnsafeMutablePointer<BOX>? = region
            defer { boxDestroy(&owned) }
            guard pixClearInRect(copy, region) == 0 else { throw .unreadableImage("cannot black out an area") }
        }
        return result
    }

    /// The grey value (0–255) of every pixel inside `box`, row by row (for checks on a copy).
    public func grayValues(in box: PixelBox) throws(OCRError) -> [UInt8] {
        let gray = try grayscale()
        var values: [UInt8] = []
        for y in max(0, box.top)..<min(height, box.bottom) {
            for x in max(0, box.left)..<min(width, box.right) {
                var value: UInt32 = 0
                pixGetPixel(gray.pix, Int32(x), Int32(y), &value)
                values.append(UInt8(truncatingIfNeeded: value))
            }
        }
        return values
    }

    /// The image as a one-page PDF, losslessly encoded (CCITT G4 for bilevel, Flate otherwise),
    /// page size from its resolution (300 dpi when it has none).
    public func pdfData() throws(OCRError) -> [UInt8] {
        let encoding = depth == 1 ? Int32(L_G4_ENCODE) : Int32(L_FLATE_ENCODE)
        var data: UnsafeMutablePointer<UInt8>?
        var size = 0
        let res = Int32(resolution >= 50 ? resolution : 300)
        guard pixConvertToPdfData(pix, encoding, 0, &data, &size, 0, 0, res, nil, nil, 0) == 0, let data else {
            throw .unreadableImage("cannot encode the page as PDF")
        }
        defer { free(data) }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The share (0–1) of the image's dark pixels that lie in specks: connected dark spots no
    /// bigger than 3×3 pixels. Text, even blurred or thin, forms larger components; grain and
    /// dust do not.
    public func speckShare() -> Double {
        guard let gray = try? grayscale(), let binary = pixThresholdToBinary(gray.pix, 128) else { return 0 }
        var binaryPointer: UnsafeMutablePointer<PIX>? = binary
        defer { pixDestroy(&binaryPointer) }
        var changed: Int32 = 0
        guard let specks = pixSelectBySize(binary, 3, 3, 8, Int32(L_SELECT_IF_BOTH), Int32(L_SELECT_IF_LTE), &changed)
        else { return 0 }
        var specksPointer: UnsafeMutablePointer<PIX>? = specks
        defer { pixDestroy(&specksPointer) }
        var all: Int32 = 0, small: Int32 = 0
        guard pixCountPixels(binary, &all, nil) == 0, pixCountPixels(specks, &small, nil) == 0, all > 0 else {
            return 0
        }
        return Double(small) / Double(all)
    }

    /// The grey image with its long thin rules (table borders, column lines, lines to fill in)
    /// redrawn as solid black lines, and how many rules there were; `nil` when it has none.
    ///
    /// A rule is a run of darker pixels (below 210: a thin grey line scanned soft stays above
    /// 180 in places) at least `horizontalLength` pixels long, gaps of a pixel or two bridged,
    /// and at most `thickness` pixels thick; or `verticalLength` long standing up. Solid areas (a
    /// dark header band, a redaction block, a photo) are thicker than a rule and stay as they
    /// are. Letters hold no straight run that long. Each rule is redrawn two pixels wider on
    /// every side, so its soft, grainy, broken edges become one clean line: tesseract's own
    /// line finder then finds it, takes it out and keeps the table's rows together, where a
    /// faint rule is read as letters (`ee ee`) or runs a label into its value. Painting rules
    /// white instead loses the rows: tesseract then reads the labels as one column and the
    /// values as another.
    public func withRulesRedrawn(horizontalLength: Int, verticalLength: Int, thickness: Int) -> (image: LeptonicaImage, rules: Int)? {
        guard horizontalLength > 1, verticalLength > 1, thickness >= 1,
              let gray = try? grayscale(), let binary = pixThresholdToBinary(gray.pix, 210) else { return nil }
        var owned: [UnsafeMutablePointer<PIX>?] = [binary]
        defer { for index in owned.indices { pixDestroy(&owned[index]) } }
        func morph(_ source: UnsafeMutablePointer<PIX>, _ sequence: String) -> UnsafeMutablePointer<PIX>? {
            let result = pixMorphCompSequence(source, sequence, 0)
            owned.append(result)
            return result
        }
        // Long runs one way, less what is also thicker than a rule the other way.
        let thick = thickness + 1
        guard let horizontal = morph(binary, "c3.1 + o\(horizontalLength).1"),
              let horizontalSolid = morph(horizontal, "o1.\(thick)"),
              let vertical = morph(binary, "c1.3 + o1.\(verticalLength)"),
              let verticalSolid = morph(vertical, "o\(thick).1") else { return nil }
        pixSubtract(horizontal, horizontal, horizontalSolid)
        pixSubtract(vertical, vertical, verticalSolid)
        guard let rulePixels = pixOr(nil, horizontal, vertical) else { return nil }
        owned.append(rulePixels)
        var rules: Int32 = 0
        guard pixCountConnComp(rulePixels, 8, &rules) == 0, rules > 0,
              let widened = morph(rulePixels, "d5.5"),
              let redrawn = pixCopy(nil, gray.pix) else { return nil }
        guard pixSetMasked(redrawn, widened, 0) == 0 else {
            var redrawnPointer: UnsafeMutablePointer<PIX>? = redrawn
            pixDestroy(&redrawnPointer)
            return nil
        }
        return (LeptonicaImage(takingOwnership: redrawn), Int(rules))
    }

    /// The grey image with Gaussian grain of standard deviation `sigma` added (for test pages).
    public func withGaussianNoise(sigma: Double) throws(OCRError) -> LeptonicaImage {
        let gray = try grayscale()
        guard let noisy = pixAddGaussianNoise(gray.pix, Float(sigma)) else { throw .unreadableImage("cannot add noise") }
        return LeptonicaImage(takingOwnership: noisy)
    }

    /// The grey image with a 3×3 median filter applied: removes specks and grain, keeps strokes.
    public func medianFiltered() throws(OCRError) -> LeptonicaImage {
        let gray = try grayscale()
        guard let filtered = pixMedianFilter(gray.pix, 3, 3) else { throw .unreadableImage("cannot filter the image") }
        return LeptonicaImage(takingOwnership: filtered)
    }

    /// Writes the image as PNG (TIFF G4 for bilevel images) to `url`.
    public func write(to url: URL) throws(OCRError) {
        let format = depth == 1 ? Int32(IFF_TIFF_G4) : Int32(IFF_PNG)
        guard pixWrite(url.path, pix, format) == 0 else { throw .unreadableImage("cannot write \(url.lastPathComponent)") }
    }

    /// Writes the image as JPEG with `quality` (1–100) to `url`; a JPEG written from an image
    /// without a resolution carries none.
    public func writeJPEG(to url: URL, quality: Int) throws(OCRError) {
        guard let file = fopen(url.path, "wb") else { throw .unreadableImage("cannot write \(url.lastPathComponent)") }
        defer { fclose(file) }
        guard pixWriteStreamJpeg(file, pix, Int32(quality), 0) == 0 else {
            throw .unreadableImage("cannot write \(url.lastPathComponent)")
        }
    }

    /// The image scaled by `factor` with linear interpolation, resolution adjusted.
    public func scaled(by factor: Double) throws(OCRError) -> LeptonicaImage {
        guard factor != 1 else { return self }
        guard let resized = pixScale(pix, Float(factor), Float(factor)) else { throw .unreadableImage("cannot scale") }
        let resolution = Int((Double(self.resolution) * factor).rounded())
        pixSetResolution(resized, Int32(resolution), Int32(resolution))
        return LeptonicaImage(takingOwnership: resized)
    }

    /// Reads a single-image file (PNG, JPEG, WebP, first page of a TIFF) as stored: any EXIF
    /// orientation is the caller's to apply.
    public convenience init(contentsOf url: URL) throws(OCRError) {
        LeptonicaMessages.silence()
        guard let pix = pixRead(url.path) else { throw .unreadableImage("not a readable PNG, JPEG, WebP or TIFF") }
        self.init(takingOwnership: pix)
    }

    /// Reads page `page` (1-based) of a TIFF without decoding the pages before it.
    public convenience init(tiffAt url: URL, page: Int) throws(OCRError) {
        LeptonicaMessages.silence()
        guard let pix = pixReadTiff(url.path, Int32(page - 1)) else {
            throw .unreadableImage("TIFF page \(page) cannot be decoded")
        }
        self.init(takingOwnership: pix)
    }

    /// Width and height from the image file's header, without decoding it; `nil` when the
    /// header cannot be read (decoding then fails on its own).
    public static func headerSize(at url: URL) -> (width: Int, height: Int)? {
        LeptonicaMessages.silence()
        var format: Int32 = 0, width: Int32 = 0, height: Int32 = 0, bits: Int32 = 0, samples: Int32 = 0, colormap: Int32 = 0
        guard pixReadHeader(url.path, &format, &width, &height, &bits, &samples, &colormap) == 0 else { return nil }
        return (Int(width), Int(height))
    }

    /// Width and height of page `page` (1-based) of a TIFF, from its directory, without decoding.
    public static func tiffHeaderSize(at url: URL, page: Int) -> (width: Int, height: Int)? {
        LeptonicaMessages.silence()
        var width: Int32 = 0, height: Int32 = 0, bits: Int32 = 0, samples: Int32 = 0, resolution: Int32 = 0, colormap: Int32 = 0
        var format: Int32 = 0
        guard readHeaderTiff(url.path, Int32(page - 1), &width, &height, &bits, &samples, &resolution, &colormap, &format) == 0 else {
            return nil
        }
        return (Int(width), Int(height))
    }

    /// The number of pages (directories) in a TIFF file.
    public static func tiffPageCount(at url: URL) throws(OCRError) -> Int {
        LeptonicaMessages.silence()
        guard let file = fopen(url.path, "rb") else { throw .unreadableImage("cannot open the file") }
        defer { fclose(file) }
        var count: Int32 = 0
        guard tiffGetCount(file, &count) == 0, count > 0 else { throw .unreadableImage("not a readable TIFF") }
        return Int(count)
    }
}

/// Leptonica prints decoding problems on stderr (with file names); Dossier reports them itself,
/// as one line per file. The severity is leptonica's own process-wide setting, set once.
enum LeptonicaMessages {
    private static let silenced: Bool = {
        _ = setMsgSeverity(Int32(L_SEVERITY_NONE))
        return true
    }()

    static func silence() {
        _ = silenced
    }
}
