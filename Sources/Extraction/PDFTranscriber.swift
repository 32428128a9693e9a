internal import Foundation
internal import Poppler
internal import Tesseract
internal import DossierCore

/// Transcribes PDFs: text-layer pages through poppler, the rest rendered and OCR'd.
enum PDFTranscriber {
    static func transcribe(
        url: URL, options: TranscriptionOptions, pool: OCRWorkerPool, fileSize: Int64? = nil,
        progress: @escaping @Sendable (Int) -> Void
    ) async throws(ExtractionError) -> [PageTranscript] {
        var layers = try await readTextLayers(url: url, options: options, pool: pool, fileSize: fileSize)
        var pages = [PageTranscript?](repeating: nil, count: layers.count)
        if options.ocrMode == .auto {
            try await checkScannedTextLayer(url: url, options: options, pool: pool, layers: &layers, pages: &pages)
            for _ in pages.compactMap({ $0 }) { progress(1) }
        }
        for (index, layer) in layers.enumerated() where !layer.needsOCR && pages[index] == nil {
            pages[index] = layer.page(index + 1)
            progress(1)
        }
        let needOCR = layers.indices.filter { layers[$0].needsOCR && pages[$0] == nil }.map { $0 + 1 }
        let frozen = layers
        try await PageFanOut.transcribe(needOCR, into: &pages, progress: progress) { number throws(ExtractionError) in
            let layer = frozen[number - 1]
            return try await ocrPage(url: url, number: number, options: options, pool: pool,
                                     decision: layer.decision, score: layer.score)
        }
        return pages.compactMap { $0 }
    }

    /// Share of a scan's text-layer words that the page's own OCR must find for the layer to be
    /// trusted.
    static let minimumLayerAgreement = 0.6

    /// A scan that carries a text layer (an earlier OCR) is trusted only if that layer says what
    /// the image shows. The first such page is OCR'd and compared word for word; if they
    /// disagree, every image page of the document is OCR'd instead. Born-digital documents pay
    /// one image-coverage check on their first page.
    static func checkScannedTextLayer(
        url: URL, options: TranscriptionOptions, pool: OCRWorkerPool,
        layers: inout [LayerReading], pages: inout [PageTranscript?]
    ) async throws(ExtractionError) {
        guard let probe = coverageProbe(in: layers) else { return }
        let number = probe + 1
        let coverage: Double
        if let measured = layers[probe].imageCoverage {
            coverage = measured
        } else {
            coverage = try await pool.run { context throws(ExtractionError) in
                let document = try context.document(at: url)
                do throws(PDFError) { return try document.page(number).imageCoverage() } catch {
                    throw map(error, page: number)
                }
            }
        }
        guard coverage > TextLayerAssessor.mostlyImageCoverage else { return }
        let layer = layers[probe]
        let ocr = try await ocrPage(url: url, number: number, options: options, pool: pool,
                                    decision: .textLayerMismatch, score: layer.score)
        guard wordAgreement(layer: layer.text, ocr: ocr.text) < minimumLayerAgreement else { return }
        // The layer is not what the page shows: OCR every image page of the document.
        let coverages = try await pool.run { context throws(ExtractionError) in
            let document = try context.document(at: url)
            var values: [Double] = []
            for page in 1...document.pageCount {
                do throws(PDFError) { values.append(try document.page(page).imageCoverage()) } catch {
                    throw map(error, page: page)
                }
            }
            return values
        }
        for index in layers.indices where layers[index].decision == .textLayerUsable
            && coverages[index] > TextLayerAssessor.mostlyImageCoverage {
            layers[index] = LayerReading(text: layers[index].text, decision: .textLayerMismatch, score: layers[index].score)
        }
        pages[probe] = ocr
    }

    /// The share of the text layer's words (as a multiset, case-folded) that OCR also read.
    static func wordAgreement(layer: String, ocr: String) -> Double {
        func words(_ text: String) -> [String] {
            text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        }
        var counts: [String: Int] = [:]
        for word in words(ocr) { counts[word, default: 0] += 1 }
        let expected = words(layer)
        guard !expected.isEmpty else { return 1 }
        var found = 0
        for word in expected where (counts[word] ?? 0) > 0 {
            counts[word]! -= 1
            found += 1
        }
        return Double(found) / Double(expected.count)
    }

    /// Renders and OCRs one page on a worker.
    static func ocrPage(
        url: URL, number: Int, options: TranscriptionOptions, pool: OCRWorkerPool,
        decision: PageDecision, score: Double?
    ) async throws(ExtractionError) -> PageTranscript {
        let dpi = options.dpi
        return try await pool.run { context throws(ExtractionError) in
            let document = try context.document(at: url)
            let page: PDFPage
            do throws(PDFError) { page = try document.page(number) } catch { throw map(error, page: number) }
            // The page box says how big the rendering would be: refused before poppler allocates it.
            try options.limits.checkPixels(width: Self.pixels(page.width, dpi: dpi), height: Self.pixels(page.height, dpi: dpi), page: number)
            let bitmap: GrayBitmap
            do throws(PDFError) {
                bitmap = try page.renderGray(dpi: dpi)
            } catch {
                throw map(error, page: number)
            }
            let image: LeptonicaImage
            do throws(OCRError) {
                image = try LeptonicaImage(
                    grayPixels: bitmap.pixels, width: bitmap.width, height: bitmap.height, resolution: bitmap.resolution
                )
            } catch {
                throw .pageFailed(page: number, reason: error.localizedDescription)
            }
            return try context.recognize(
                image, page: number, options: options, decision: decision, textLayerScore: score,
                pointsPerPixel: 72 / dpi
            )
        }
    }

    /// One page's text layer and what to do with it.
    struct LayerReading: Sendable {
        let text: String
        let decision: PageDecision
        let score: Double?
        var layout: PageLayout? = nil
        /// The page's image coverage, when it was measured while the layer was read.
        var imageCoverage: Double? = nil

        var needsOCR: Bool {
            switch decision {
            case .textLayerUsable, .ocrDisabled, .plainText, .htmlText, .emailText: false
            case .noTextLayer, .junkTextLayer, .mostlyImage, .textLayerMismatch, .ocrForced, .blank: true
            }
        }

        /// Page `number` as read from its text layer.
        func page(_ number: Int) -> PageTranscript {
            PageTranscript(number: number, method: .textLayer, text: text, confidence: nil,
                           decision: decision, textLayerScore: score, layout: layout)
        }
    }

    /// The page whose image coverage says whether a layer must be checked against OCR: the first
    /// whose layer is usable.
    static func coverageProbe(in layers: [LayerReading]) -> Int? {
        layers.firstIndex { $0.decision == .textLayerUsable }
    }

    /// Below this many pages a second worker costs more (opening the PDF again) than it saves.
    static let shortDocumentPages = 16

    /// Opens the PDF and counts its pages; a short document (and `ocrMode` not `always`) it reads
    /// whole, measuring its first usable page's image coverage on the way.
    static func open(
        _ url: URL, in context: OCRWorkerContext, options: TranscriptionOptions, assessor: TextLayerAssessor
    ) throws(ExtractionError) -> (pageCount: Int, short: [LayerReading]?) {
        let ocrMode = options.ocrMode
        let limits = options.limits
        let withWords = options.textLayerWords
        let document = try context.document(at: url)
        let count = document.pageCount
        guard count > 0, count < shortDocumentPages, ocrMode != .always, count <= limits.maxPages else {
            return (count, nil)
        }
        var readings = try read(document, pages: 1...count, assessor: assessor, ocrMode: ocrMode, withWords: withWords)
        if ocrMode == .auto, let probe = coverageProbe(in: readings) {
            do throws(PDFError) {
                readings[probe].imageCoverage = try document.page(probe + 1).imageCoverage()
            } catch {
                throw map(error, page: probe + 1)
            }
        }
        return (count, readings)
    }

    /// The pages of a short PDF none of whose pages needs OCR, read on this thread; `nil` when
    /// a page needs OCR, the first usable page is mostly image (its layer is checked by OCR), the
    /// document is long or `ocrMode` is `always` (``transcribe`` does those).
    static func transcribeAtOnce(url: URL, options: TranscriptionOptions) throws(ExtractionError) -> [PageTranscript]? {
        let assessor = TextLayerAssessor(languages: options.languages)
        let (pageCount, short) = try open(url, in: OCRWorkerContext(languages: options.languages), options: options, assessor: assessor)
        guard pageCount > 0 else { throw .noPages }
        try options.limits.checkPages(pageCount)
        guard let short, short.allSatisfy({ !$0.needsOCR }) else { return nil }
        if options.ocrMode == .auto, let probe = coverageProbe(in: short),
           (short[probe].imageCoverage ?? 1) > TextLayerAssessor.mostlyImageCoverage {
            return nil
        }
        return short.enumerated().map { $0.element.page($0.offset + 1) }
    }

    /// PDFs up to this size are opened (and, when short, read) on the calling task's own thread:
    /// starting a worker thread for a one-page letter costs more than reading it. Larger files,
    /// whose opening may mean rebuilding a damaged cross-reference table, are opened by a worker.
    static let inlineOpeningBytes: Int64 = 16 << 20

    /// Reads and judges every page's text layer, spreading long documents over the pool's
    /// workers; each worker opens the PDF itself, as poppler documents must not be shared between
    /// threads. `fileSize` (when known) decides where the PDF is opened (``inlineOpeningBytes``).
    static func readTextLayers(
        url: URL, options: TranscriptionOptions, pool: OCRWorkerPool, fileSize: Int64? = nil
    ) async throws(ExtractionError) -> [LayerReading] {
        let ocrMode = options.ocrMode
        let withWords = options.textLayerWords
        let limits = options.limits
        let assessor = TextLayerAssessor(languages: options.languages)
        // One job opens the PDF and counts its pages; a short document it reads whole in the same
        // job, measuring its first usable page's image coverage on the way.
        let opening: @Sendable (OCRWorkerContext) throws(ExtractionError) -> (Int, [LayerReading]?) = { context throws(ExtractionError) in
            try open(url, in: context, options: options, assessor: assessor)
        }
        let (pageCount, short): (Int, [LayerReading]?)
        if let fileSize, fileSize <= inlineOpeningBytes {
            // A context of its own: it loads no engine, and closes the document when done.
            (pageCount, short) = try opening(OCRWorkerContext(languages: options.languages))
        } else {
            (pageCount, short) = try await pool.run(opening)
        }
        guard pageCount > 0 else { throw .noPages }
        try limits.checkPages(pageCount)
        if options.ocrMode == .always {
            return [LayerReading](repeating: LayerReading(text: "", decision: .ocrForced, score: nil), count: pageCount)
        }
        if let short { return short }
        let chunkCount = min(pool.workerCount, pageCount / 8)
        let chunkSize = (pageCount + chunkCount - 1) / chunkCount
        let chunks = stride(from: 1, through: pageCount, by: chunkSize).map { $0...min(pageCount, $0 + chunkSize - 1) }
        var layers = [LayerReading?](repeating: nil, count: pageCount)
        do {
            try await withThrowingTaskGroup(of: (ClosedRange<Int>, [LayerReading]).self) { group in
                for chunk in chunks {
                    group.addTask {
                        try await pool.run { context throws(ExtractionError) in
                            let document = try context.document(at: url)
                            return (chunk, try read(document, pages: chunk, assessor: assessor, ocrMode: ocrMode, withWords: withWords))
                        }
                    }
                }
                for try await (chunk, readings) in group {
                    for (offset, reading) in readings.enumerated() { layers[chunk.lowerBound - 1 + offset] = reading }
                }
            }
        } catch let error as ExtractionError {
            throw error
        } catch {
            throw .damaged("unexpected failure")
        }
        return layers.compactMap { $0 }
    }

    /// Reads and judges the text layers of `pages` of an open document.
    static func read(
        _ document: PDFDocument, pages: ClosedRange<Int>, assessor: TextLayerAssessor, ocrMode: OCRMode, withWords: Bool
    ) throws(ExtractionError) -> [LayerReading] {
        var readings: [LayerReading] = []
        readings.reserveCapacity(pages.count)
        for number in pages {
            do throws(PDFError) {
                let page = try document.page(number)
                readings.append(judge(page: page, assessor: assessor, ocrMode: ocrMode, withWords: withWords))
            } catch {
                throw map(error)
            }
        }
        return readings
    }

    /// Decides between the text layer and OCR for one page.
    static func judge(page: PDFPage, assessor: TextLayerAssessor, ocrMode: OCRMode, withWords: Bool) -> LayerReading {
        let text: String
        var layout: PageLayout?
        if withWords {
            let read = page.textAndWords()
            text = read.text
            layout = textLayerLayout(read.lines, page: page)
        } else {
            text = page.text()
        }
        if ocrMode == .never { return LayerReading(text: text, decision: .ocrDisabled, score: nil, layout: layout) }
        let assessment = assessor.assess(text)
        guard assessment.characters > 0 else {
            return LayerReading(text: text, decision: .noTextLayer, score: nil)
        }
        if assessment.letters < TextLayerAssessor.imagePageLetterLimit,
           page.imageCoverage() > TextLayerAssessor.mostlyImageCoverage {
            return LayerReading(text: text, decision: .mostlyImage, score: assessment.score)
        }
        if assessment.score < TextLayerAssessor.minimumScore {
            return LayerReading(text: text, decision: .junkTextLayer, score: assessment.score)
        }
        return LayerReading(text: text, decision: .textLayerUsable, score: assessment.score, layout: layout)
    }

    /// Text-layer words as a page layout in points: lines as poppler orders them, a new block
    /// where the gap to the previous line is over one line height or the line starts elsewhere.
    static func textLayerLayout(_ lines: [[PDFWord]], page: PDFPage) -> PageLayout {
        func round2(_ value: Double) -> Double { (value * 100).rounded() / 100 }
        func box(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> PageBox {
            PageBox(x: round2(x1), y: round2(y1), width: round2(x2 - x1), height: round2(y2 - y1))
        }
        var blocks: [[LaidOutLine]] = []
        var previous: (x1: Double, y2: Double, height: Double)?
        for words in lines where !words.isEmpty {
            let x1 = words.map(\.x1).min()!, y1 = words.map(\.y1).min()!
            let x2 = words.map(\.x2).max()!, y2 = words.map(\.y2).max()!
            let line = LaidOutLine(
                box: box(x1, y1, x2, y2),
                words: words.map { word in
                    LaidOutWord(text: word.text, confidence: 100, box: box(word.x1, word.y1, word.x2, word.y2),
                                characters: word.characters?.map { box($0.x1, $0.y1, $0.x2, $0.y2) })
                }
            )
            let height = y2 - y1
            if let last = previous, y1 - last.y2 <= max(height, last.height), abs(x1 - last.x1) < 4 * height {
                blocks[blocks.count - 1].append(line)
            } else {
                blocks.append([line])
            }
            previous = (x1, y2, height)
        }
        return PageLayout(
            unit: "pt", width: round2(page.width), height: round2(page.height),
            blocks: blocks.map { lines in
                let x1 = lines.map(\.box.x).min()!, y1 = lines.map(\.box.y).min()!
                let x2 = lines.map { $0.box.x + $0.box.width }.max()!, y2 = lines.map { $0.box.y + $0.box.height }.max()!
                return LaidOutBlock(box: box(x1, y1, x2, y2), lines: lines)
            }
        )
    }

    /// Pixels across `points` at `dpi` (saturating: absurd page boxes cannot overflow).
    static func pixels(_ points: Double, dpi: Double) -> Int {
        let value = (points * dpi / 72).rounded(.up)
        return value.isFinite && value < Double(Int32.max) ? max(0, Int(value)) : Int(Int32.max)
    }

    static func map(_ error: PDFError, page: Int? = nil) -> ExtractionError {
        switch error {
        case .encrypted: .encrypted
        case .damaged(let reason): .damaged(reason)
        case .unreadable(let reason): .unreadable(reason)
        case .noSuchPage(let number): .pageFailed(page: number, reason: "the page tree is broken")
        case .renderFailed(let number, let reason): .pageFailed(page: page ?? number, reason: reason)
        }
    }
}
