public import DossierCore
public import Foundation
internal import Poppler
internal import Tesseract

/// Writes redacted copies: every page rendered to an image, each redacted area filled black in
/// the pixels, and an invisible text layer laid over from the transcript without the words under
/// any redaction. The copy is a new PDF made from those images alone (qpdf combines them), so no
/// text, metadata, attachment, annotation, form field or earlier revision of the original can
/// survive in it. A text file's copy is its text with each redacted span replaced.
public struct RedactedCopyMaker: Sendable {
    /// Path or name of the qpdf program.
    public let qpdf: String
    /// The resolution PDF pages are rendered at.
    public let dpi: Int

    public init(qpdf: String = "qpdf", dpi: Int = 200) {
        self.qpdf = qpdf
        self.dpi = dpi
    }

    /// Why a document cannot be copied with its redactions.
    static func unplaced(_ mark: Int, page: Int) -> ExtractionError {
        .damaged("redaction \(mark) on page \(page) has no place on the page image; draw its area (review redact ITEM --place \(mark):X,Y,W,H) and approve again")
    }

    /// Writes the redacted PDF of `source` (a PDF, an image file, or an Office file's PDF
    /// rendition, given as `format`), whose transcript is `pages`, to `output`; `marks` are the
    /// approved redactions that the recipient's policy hides, `sizes` the pages' sizes in the
    /// unit of their marks.
    public func makePDF(
        source: URL, format: FileFormat, pages: [PageTranscript], marks: [RedactionMark], sizes: [RedactionPage], output: URL
    ) throws(ExtractionError) {
        guard format == .pdf || format.hasPageImages else { throw .noPageImages(format.rawValue) }
        let manager = FileManager.default
        let work = manager.temporaryDirectory.appendingPathComponent(ScratchName.make("dossier-redact"))
        do { try PrivateFiles.makeFolder(work) } catch { throw .unreadable("cannot make a private temporary folder") }
        defer { try? manager.removeItem(at: work) }

        let document: PDFDocument?
        if format == .pdf {
            do { document = try PDFDocument(contentsOf: source) } catch { throw PDFTranscriber.map(error) }
        } else {
            document = nil
        }
        var imageParts: [String] = []
        var textPages: [InvisibleTextPDF.Page] = []
        for page in pages {
            let onPage = marks.enumerated().filter { $0.element.page == page.number }
            let image = try pageImage(page.number, source: source, format: format, document: document)
            // A page without positions (a blank page) has nothing to black out and no words to lay
            // over; with marks on it, it cannot be copied safely.
            let measured = sizes.first(where: { $0.number == page.number }).flatMap { $0.width > 0 && $0.height > 0 ? $0 : nil }
            if measured == nil, let first = onPage.first { throw Self.unplaced(first.offset + 1, page: page.number) }
            let size = measured ?? RedactionPage(number: page.number, unit: "px", width: Double(image.width), height: Double(image.height))
            // Every mark must cover its whole text on the image: a word the layout does not place
            // would stay readable in the pixels.
            let words = WordBoxes(page: page)
            if let unplaced = onPage.first(where: { entry in
                let mark = entry.element
                if mark.boxes.isEmpty { return true }
                // An area a reviewer drew for text the layout does not place stands for that text.
                guard !mark.drawnByReviewer, let start = mark.start, let end = mark.end else { return false }
                return !words.covers(start: start, end: end, in: page.text)
            }) {
                throw Self.unplaced(unplaced.offset + 1, page: page.number)
            }
            let padded = onPage.flatMap { $0.element.boxes.map(Self.padded) }
            let sx = Double(image.width) / size.width, sy = Double(image.height) / size.height
            let pixelBoxes = padded.map { box in
                PixelBox(left: Int((box.x * sx).rounded(.down)), top: Int((box.y * sy).rounded(.down)),
                         right: Int(((box.x + box.width) * sx).rounded(.up)), bottom: Int(((box.y + box.height) * sy).rounded(.up)))
            }
            let part = work.appendingPathComponent("page-\(page.number).pdf")
            let resolution: Int
            let bytes: [UInt8]
            do throws(OCRError) {
                let blackened = try image.blackened(pixelBoxes)
                resolution = blackened.resolution >= 50 ? blackened.resolution : 300
                bytes = try blackened.pdfData()
            } catch {
                throw .pageFailed(page: page.number, reason: error.localizedDescription)
            }
            do { try Data(bytes).write(to: part) } catch { throw .unreadable("cannot write a temporary file") }
            imageParts.append(part.path)
            // The words not under any redaction, as invisible text over the image.
            let pointWidth = Double(image.width) * 72 / Double(resolution), pointHeight = Double(image.height) * 72 / Double(resolution)
            let lines = (measured == nil ? [] : page.layout?.blocks.flatMap(\.lines) ?? []).compactMap { line -> LaidOutLine? in
                let kept = line.words.filter { word in !padded.contains { Self.overlaps($0, word.box) } }
                return kept.isEmpty ? nil : LaidOutLine(box: line.box, words: kept)
            }
            textPages.append(InvisibleTextPDF.Page(
                width: pointWidth, height: pointHeight, lines: lines, pointsPerUnit: (pointWidth / size.width, pointHeight / size.height),
                quarterTurns: page.method == .ocr ? (page.corrections?.rotation ?? 0) / 90 : 0
            ))
        }
        let images = work.appendingPathComponent("images.pdf")
        try runQPDF(["--empty", "--pages"] + imageParts + ["--", images.path])
        let text = work.appendingPathComponent("text.pdf")
        do { try InvisibleTextPDF.data(pages: textPages).write(to: text) } catch {
            throw .unreadable("cannot write a temporary file")
        }
        let temporary = output.deletingLastPathComponent().appendingPathComponent(ScratchName.make(".\(output.lastPathComponent).partial"))
        defer { try? manager.removeItem(at: temporary) }
        try runQPDF([images.path, "--overlay", text.path, "--", temporary.path])
        do { try PrivateFiles.restrict(temporary, mode: 0o600) } catch { throw .unreadable("cannot make the copy private") }
        guard rename(temporary.path, output.path) == 0 else {
            throw .unreadable("cannot write \(output.lastPathComponent) (errno \(errno))")
        }
    }

    /// A text file's pages with each redacted span replaced by `[afgeschermd: category]`, pages
    /// apart by form feeds.
    public static func redactedText(pages: [PageTranscript], marks: [RedactionMark]) throws(ExtractionError) -> String {
        try pages.map { page throws(ExtractionError) -> String in
            var characters = Array(page.text)
            let onPage = marks.filter { $0.page == page.number }
            if let drawn = onPage.firstIndex(where: { $0.start == nil }) {
                throw .damaged("redaction \(drawn + 1) on page \(page.number) is an area, but the page is text without an image")
            }
            // From the end, so earlier offsets stay right; overlapping spans are joined.
            var spans: [(Int, Int, RedactionCategory)] = []
            for mark in onPage.sorted(by: { ($0.start ?? 0) < ($1.start ?? 0) }) {
                guard let start = mark.start, let end = mark.end else { continue }
                if let last = spans.last, start <= last.1 {
                    spans[spans.count - 1].1 = max(last.1, end)
                } else {
                    spans.append((start, end, mark.category))
                }
            }
            for (start, end, category) in spans.reversed() {
                let lower = max(0, min(start, characters.count)), upper = max(lower, min(end, characters.count))
                characters.replaceSubrange(lower..<upper, with: Array("[afgeschermd: \(category.rawValue)]"))
            }
            return String(characters)
        }.joined(separator: "\u{0C}")
    }

    /// A box grown on every side, so the black covers anti-aliased edges, accents and descenders
    /// that stick out of a word's box.
    static func padded(_ box: PageBox) -> PageBox {
        let pad = max(1.0, box.height * 0.15)
        return PageBox(x: box.x - pad, y: box.y - pad, width: box.width + 2 * pad, height: box.height + 2 * pad)
    }

    static func overlaps(_ a: PageBox, _ b: PageBox) -> Bool {
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
    }

    private func pageImage(_ number: Int, source: URL, format: FileFormat, document: PDFDocument?) throws(ExtractionError) -> LeptonicaImage {
        do {
            if let document {
                let bitmap = try document.page(number).renderGray(dpi: Double(dpi))
                return try LeptonicaImage(grayPixels: bitmap.pixels, width: bitmap.width, height: bitmap.height, resolution: bitmap.resolution)
            }
            if format == .tiff { return try LeptonicaImage(tiffAt: source, page: number) }
            return try StillImages.read(source, format: format, limits: ExtractionLimits())
        } catch let error as ExtractionError {
            throw error
        } catch let error as PDFError {
            throw PDFTranscriber.map(error)
        } catch {
            throw .pageFailed(page: number, reason: "it cannot be rendered")
        }
    }

    private func runQPDF(_ arguments: [String]) throws(ExtractionError) {
        try QPDF.run(qpdf, ["--deterministic-id"] + arguments, purpose: "make the redacted copy")
    }
}
