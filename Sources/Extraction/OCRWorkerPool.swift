internal import Foundation
internal import Poppler
internal import Tesseract
internal import DossierCore
internal import Language

/// What an OCR job gets on its worker thread: the worker's engine and its open PDF.
///
/// Confined to one worker thread; jobs must not let it escape.
public final class OCRWorkerContext {
    /// `--lang`: tesseract languages joined by `+`, or `auto` (``ScriptChoice``).
    private let languages: String
    /// Engines loaded so far, by their languages; the languages that are not installed.
    private var loadedEngines: [String: OCREngine] = [:]
    private var missingLanguages: Set<String> = []
    private var loadedDetector: OrientationDetector?
    private var loadedZoneEngine: OCREngine?
    private var zoneEngineUnavailable = false
    private var loadedGlyphReader: ZoneGlyphReader??
    private var detectorUnavailable = false
    private var openDocument: (url: URL, document: PDFDocument)?

    init(languages: String) {
        self.languages = languages
    }

    /// Whether pages choose their own languages (`--lang auto`).
    var choosesLanguages: Bool { languages == ScriptChoice.automatic }

    /// The worker's tesseract engine for what every page is read with first, loaded on first
    /// use and reused for every later page.
    func engine() throws(ExtractionError) -> OCREngine {
        try engine(for: choosesLanguages ? ScriptChoice.firstLanguages : languages)
    }

    /// The worker's engine for `languages`, loaded on first use and kept.
    func engine(for languages: String) throws(ExtractionError) -> OCREngine {
        if let engine = loadedEngines[languages] { return engine }
        do {
            let engine = try OCREngine(languages: languages)
            loadedEngines[languages] = engine
            return engine
        } catch {
            missingLanguages.insert(languages)
            throw .ocrUnavailable(error.localizedDescription)
        }
    }

    /// The worker's engine for `languages`, or `nil` when their data is not installed.
    func installedEngine(for languages: String) -> OCREngine? {
        guard !missingLanguages.contains(languages) else { return nil }
        return try? engine(for: languages)
    }

    /// The worker's engine for machine-readable zones (English data, MRZ characters only),
    /// or `nil` when English is not installed.
    func zoneEngine() -> OCREngine? {
        if let loadedZoneEngine { return loadedZoneEngine }
        guard !zoneEngineUnavailable else { return nil }
        do {
            let engine = try OCREngine(languages: "eng", mode: .machineReadableZone)
            loadedZoneEngine = engine
            return engine
        } catch {
            zoneEngineUnavailable = true
            return nil
        }
    }

    /// The worker's OCR-B glyph classifier for zones, loaded on first use; `nil` when the model
    /// is not shipped (zones are then read by the zone engine alone).
    func zoneGlyphReader() -> ZoneGlyphReader? {
        if let loadedGlyphReader { return loadedGlyphReader }
        let reader = ZoneGlyphReader.shipped()
        loadedGlyphReader = .some(reader)
        return reader
    }

    /// The worker's orientation detector, or `nil` when the OSD data is not installed (pages
    /// are then OCR'd as they come).
    func orientationDetector() -> OrientationDetector? {
        if let loadedDetector { return loadedDetector }
        guard !detectorUnavailable else { return nil }
        do {
            let detector = try OrientationDetector()
            loadedDetector = detector
            return detector
        } catch {
            detectorUnavailable = true
            return nil
        }
    }

    /// Prepares `image` (resolution, orientation, skew) and recognises it on this worker; a page
    /// with (next to) no ink is marked blank instead of being transcribed into noise.
    func recognize(
        _ image: LeptonicaImage, page: Int, options: TranscriptionOptions,
        decision: PageDecision = .noTextLayer, textLayerScore: Double? = nil, pointsPerPixel: Double? = nil
    ) throws(ExtractionError) -> PageTranscript {
        let ink = image.darkPixelShare()
        if ink < BlankPage.noInk {
            return BlankPage.transcript(page: page, textLayerScore: textLayerScore)
        }
        var engine = try engine()
        var preparer = PagePreparer(deskew: options.deskew)
        let unitsPerPixel = pointsPerPixel ?? 1, unit = pointsPerPixel == nil ? "px" : "pt"
        var source = image
        func prepare(_ turns: Int) throws(ExtractionError) -> PreparedPage {
            do {
                return try preparer.prepare(source, quarterTurns: turns, unitsPerPixel: unitsPerPixel, unit: unit)
            } catch {
                if case .pageFailed(_, let reason) = error { throw .pageFailed(page: page, reason: reason) }
                throw error
            }
        }
        func read(_ prepared: PreparedPage) throws(ExtractionError) -> OCRResult {
            do throws(OCRError) {
                return try engine.recognize(prepared.image)
            } catch {
                throw .pageFailed(page: page, reason: error.localizedDescription)
            }
        }
        // A page with table rules is read as it came and with its rules redrawn clean; the
        // redrawn reading is kept only when clearly surer: on photographed tables, whose rules
        // bend, it reads no better. Identity documents are no tables: the lines of a card's
        // design, redrawn, spoil its zone (a card photo's `I<` read as `S<`).
        func readBest(_ prepared: PreparedPage) throws(ExtractionError) -> (page: PreparedPage, result: OCRResult) {
            let plain = try read(prepared)
            guard options.redrawRules, !MRZLocator.mayHoldZone(plain, poorReadingCounts: false),
                  let redrawn = prepared.withRulesRedrawn() else {
                return (prepared, plain)
            }
            let second = try read(redrawn)
            return PagePreparer.isClearlySurer(second, than: plain) ? (redrawn, second) : (prepared, plain)
        }

        // A photographed page is read as it came and cut out of its ground, seen from above;
        // the straightened reading is kept only when clearly surer: tesseract reads many photos
        // at a slant well, and evening out a photo's light can bring out rules it had ignored.
        var (prepared, result) = try readBest(try prepare(0))
        if options.straightensPhotos, let corners = image.documentCorners(), corners.standsUpright {
            preparer.documentCorners = corners
            let straight = try prepare(0)
            // Read only when the cut-out worked: else it is the same page again.
            if straight.corrections.perspectiveUndone == true {
                let (straightPage, straightResult) = try readBest(straight)
                if PagePreparer.isClearlySurer(straightResult, than: result) { (prepared, result) = (straightPage, straightResult) }
            }
            // Later readings (turned, upscaled) go on from the page that was kept.
            if prepared.corrections.perspectiveUndone != true { preparer.documentCorners = nil }
        }
        var script: String?
        // An image without a resolution (phone photos, some faxes): estimate it from the text
        // lines and report it; if it is low and the page read poorly, read it again upscaled
        // and keep the better reading.
        var estimatedDPI: Int?
        if image.resolution < 50, let estimate = PagePreparer.estimatedDPI(result.blocks), estimate >= 50 {
            estimatedDPI = estimate
            if estimate < PagePreparer.minimumDPI - 30, result.confidence < PagePreparer.confidenceThatNeedsNoCheck {
                let claimed: LeptonicaImage
                do throws(OCRError) { claimed = try image.withResolution(estimate) } catch {
                    throw .pageFailed(page: page, reason: error.localizedDescription)
                }
                let upscaled: PreparedPage
                do {
                    upscaled = try preparer.prepare(claimed, quarterTurns: 0, unitsPerPixel: unitsPerPixel, unit: unit)
                } catch {
                    throw .pageFailed(page: page, reason: "cannot upscale")
                }
                let (upscaledPage, second) = try readBest(upscaled)
                if second.confidence > result.confidence {
                    source = claimed
                    prepared = upscaledPage
                    result = second
                }
            }
        }
        // Upright pages in the expected script read well; only a poor first pass pays for
        // orientation and script detection (and, when turned, a second pass). Tesseract also
        // reads sideways pages line by line with good confidence: words standing on end say
        // the page is turned even then.
        let words = result.blocks.reduce(0) { $0 + $1.lines.reduce(0) { $0 + $1.words.count } }
        let sideways = PagePreparer.mostlySideways(result.blocks)
        if options.correctOrientation,
           result.confidence < PagePreparer.confidenceThatNeedsNoCheck || words < 3 || sideways,
           let detector = orientationDetector(), let found = detector.detect(prepared.image) {
            if found.scriptConfidence >= PagePreparer.minimumScriptConfidence, !found.script.isEmpty {
                script = found.script
            }
            if found.degrees != 0, found.confidence >= PagePreparer.minimumOrientationConfidence {
                let (turned, second) = try readBest(try prepare(found.correctingQuarterTurns))
                // A sideways reading loses its words' direction: upright wins unless much worse.
                // Otherwise the turned reading must be clearly better: a page that really is
                // upside down reads far worse as it came, while orientation detection can be
                // fooled by photos and patterns on identity documents.
                if second.confidence >= result.confidence + (sideways ? -10 : 5) {
                    prepared = turned
                    result = second
                }
            }
        }
        // `--lang auto`: a page not in Dutch or English is read again in its own script and language.
        var readLanguages = engine.languages
        var chosen: ScriptedReading?
        let firstReading = result
        if choosesLanguages {
            let own = try readInOwnLanguage(prepared.image, first: result, page: page, hint: script)
            result = own.result
            readLanguages = own.languages
            engine = try self.engine(for: own.languages)
            chosen = own
            // The probe's script outranks tesseract's guess, which misnames Ethiopic. A script
            // no installed language reads (Hebrew, Bengali) is believed only of a page that
            // reads poorly in every installed one; identity cards' patterns fool the guess.
            if own.script != "Latin" || script == "Latin" || own.result.confidence >= PageTranscript.poorReadingConfidence {
                script = nil
            }
        }
        // A travel document's zone, garbled by the page reading, is read again on its own.
        if let improved = MRZRereader.improve(result, image: prepared.image, glyphs: zoneGlyphReader(), engine: { zoneEngine() }) {
            result = improved
        }
        // A zone the page reading did not see (a photo at an angle, a card upside down, a page
        // turned a quarter) is found from its shape; its turn is the document's orientation,
        // so a page read the wrong way up is read again the right way.
        let asRead = MRZLocator.zoneLines(in: result.text)
        let suspect = asRead.map(MRZLocator.nameSuspect) ?? false
        // Only pages that may carry a zone pay for the search: a page whose reading shows
        // zone-like lines or names a travel document, or one read poorly (photos and turned
        // pages are); a well-read letter does not.
        let latin = chosen.map { $0.script == "Latin" } ?? true
        let mayHoldZone = latin ? MRZLocator.mayHoldZone(result)
            : MRZLocator.mayHoldZone(result, poorReadingCounts: false) || MRZLocator.mayHoldZone(firstReading, poorReadingCounts: false)
        if mayHoldZone, !MRZLocator.passingAll(in: result.text) || suspect,
           let zone = MRZLocator.read(prepared.image, reading: result, glyphs: zoneGlyphReader(), engine: { zoneEngine() }),
           zone.passing > MRZLocator.passingChecks(in: result.text)
            || (suspect && zone.passing == MRZLocator.passingChecks(in: result.text) && !MRZLocator.nameSuspect(zone.lines))
            || (zone.sure && zone.passing == MRZLocator.passingChecks(in: result.text) && zone.lines != asRead) {
            var merged = MRZLocator.merged(zone, into: result)
            if zone.quarterTurns != 0 {
                // The document lies turned: its printed fields read only the right way up.
                let total = (prepared.corrections.rotation / 90 + zone.quarterTurns) % 4
                let (turned, second) = try readBest(try prepare(total))
                if MRZLocator.passingChecks(in: second.text) >= zone.passing,
                   MRZLocator.zoneLines(in: second.text).map(MRZLocator.nameSuspect) == false {
                    merged = second
                } else if let again = MRZLocator.read(turned.image, glyphs: zoneGlyphReader(), engine: { zoneEngine() }),
                          again.passing >= zone.passing {
                    merged = MRZLocator.merged(again, into: second)
                } else {
                    merged = MRZLocator.merged(zone.turned(zone.quarterTurns, within: prepared.image), into: second)
                }
                prepared = turned
            }
            result = merged
        }
        result = MRZLocator.typed(result)
        // Each character of a zone placed on the image, so a value inside it can be redacted alone.
        result = ZoneCharacters.placed(result, image: prepared.image)
        if ink < BlankPage.littleInk, BlankPage.isNoise(result.text) {
            return BlankPage.transcript(page: page, textLayerScore: textLayerScore)
        }
        // A page whose zone reads is a travel document in Latin script, whatever its pattern
        // made tesseract's script guess say.
        if MRZLocator.passingChecks(in: result.text) >= 2 { script = nil }
        var corrections = prepared.corrections
        if let estimatedDPI { corrections = corrections.withEstimatedDPI(estimatedDPI) }
        return PageTranscript(
            number: page, method: .ocr, text: result.text, confidence: result.confidence,
            corrections: corrections, decision: decision, textLayerScore: textLayerScore,
            layout: prepared.geometry.layout(result.blocks),
            // Judged against the languages the engine really read with.
            needsLanguage: script.flatMap { script in
                ScriptCoverage.scripts(of: readLanguages).contains(script) ? nil : script
            } ?? ScriptCoverage.unselectedLanguage(of: result.text, languages: readLanguages),
            script: script ?? chosen?.script ?? WritingScript.dominant(in: result.text)?.script,
            language: chosen.map(\.language) ?? ScriptChoice.language(of: result.text, among: LanguageIdentifier.bundled.tellable)
        )
    }

    /// The PDF at `url`, opened by this worker (poppler documents are never shared between
    /// threads); kept open while the worker's jobs stay on the same file.
    func document(at url: URL) throws(ExtractionError) -> PDFDocument {
        if let openDocument, openDocument.url == url { return openDocument.document }
        openDocument = nil
        do {
            let document = try PDFDocument(contentsOf: url)
            openDocument = (url, document)
            return document
        } catch {
            throw PDFTranscriber.map(error)
        }
    }
}

/// Up to a fixed number of OCR worker threads, each with its own tesseract engine.
///
/// OCR blocks a thread for seconds, so it runs on dedicated threads, not on Swift's cooperative
/// pool. Jobs queue in order; at most `workerCount` run at once, which bounds memory too.
///
/// `@unchecked Sendable`: the only shared mutable state, the job queue and the stop flag, is read
/// and written only while holding `condition`.
public final class OCRWorkerPool: @unchecked Sendable {
    /// The number of worker threads.
    public let workerCount: Int
    /// The tesseract languages every worker loads.
    public let languages: String

    private let condition = NSCondition()
    private var jobs: [(OCRWorkerContext) -> Void] = []
    private var stopping = false
    private var runningWorkers = 0
    private var idleWorkers = 0
    private var threads: [Thread] = []

    /// Makes a pool of `workers` threads (at least one). A thread starts when a job finds no idle
    /// one (a one-page document starts one); engines load on each worker's first job.
    public init(workers: Int, languages: String) {
        workerCount = max(1, workers)
        self.languages = languages
    }

    deinit {
        shutdown()
    }

    /// Runs `job` on a worker thread and returns its result.
    public func run<Result: Sendable>(
        _ job: @escaping @Sendable (OCRWorkerContext) throws(ExtractionError) -> Result
    ) async throws(ExtractionError) -> Result {
        let outcome: Swift.Result<Result, ExtractionError> = await withCheckedContinuation { continuation in
            enqueue { context in
                do throws(ExtractionError) {
                    continuation.resume(returning: .success(try job(context)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try outcome.get()
    }

    /// Lets the workers finish the queued jobs, then waits until every worker has stopped and
    /// released its engine and documents.
    ///
    /// Waiting matters: a process that exits while a worker still holds a poppler document
    /// races poppler's own exit-time clean-up and can crash.
    public func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        let isWorker = threads.contains { $0 == Thread.current }
        while runningWorkers > 0 && !isWorker {
            condition.wait()
        }
        condition.unlock()
    }

    private func enqueue(_ job: @escaping (OCRWorkerContext) -> Void) {
        condition.lock()
        jobs.append(job)
        if idleWorkers < jobs.count && threads.count < workerCount && !stopping {
            startWorker()
        }
        condition.signal()
        condition.unlock()
    }

    /// Starts one more worker thread; called holding `condition`.
    private func startWorker() {
        let thread = Thread { [unowned self] in self.workerLoop() }
        thread.name = "dossier-ocr-\(threads.count)"
        thread.stackSize = 8 << 20
        threads.append(thread)
        runningWorkers += 1
        thread.start()
    }

    private func workerLoop() {
        // The engine limits OpenMP on this thread when the worker first loads it.
        var context: OCRWorkerContext? = OCRWorkerContext(languages: languages)
        while true {
            condition.lock()
            idleWorkers += 1
            while jobs.isEmpty && !stopping { condition.wait() }
            idleWorkers -= 1
            if jobs.isEmpty && stopping {
                condition.unlock()
                break
            }
            let job = jobs.removeFirst()
            condition.unlock()
            if let context { job(context) }
        }
        // Free the engine and any open document on this thread, then report the worker gone.
        context = nil
        condition.lock()
        runningWorkers -= 1
        condition.broadcast()
        condition.unlock()
    }
}

/// Blank pages: the empty backs of double-sided scans, separator sheets.
enum BlankPage {
    /// Below this share of dark pixels a page is blank without OCR (scanner dust only).
    static let noInk = 0.0002
    /// Below this share, a page whose OCR finds next to nothing is blank too.
    static let littleInk = 0.005

    /// OCR output of a nearly empty page that is only specks: fewer than three letters or digits.
    static func isNoise(_ text: String) -> Bool {
        text.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.count < 3
    }

    static func transcript(page: Int, textLayerScore: Double?) -> PageTranscript {
        PageTranscript(number: page, method: .ocr, text: "", confidence: nil, decision: .blank,
                       textLayerScore: textLayerScore)
    }
}
