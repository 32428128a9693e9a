public import DossierCore
public import Foundation
internal import Poppler
internal import Tesseract

/// Makes a searchable PDF: the original PDF pages (or, for images, the page images, losslessly)
/// with an invisible text layer over every OCR'd page, so it selects and searches in a viewer and
/// with `pdftotext`. Pages that already had a usable text layer are left as they are.
///
/// The text pages are laid over the originals with `qpdf --overlay` (Debian's qpdf package).
public struct SearchablePDFMaker: Sendable {
    /// Path or name of the qpdf program.
    public let qpdf: String

    /// Uses `qpdf` from `PATH` unless told otherwise.
    public init(qpdf: String = "qpdf") {
        self.qpdf = qpdf
    }

    /// Writes the searchable PDF of `source` (already transcribed as `transcript`) to `output`,
    /// atomically: a temporary file beside it is renamed at the end.
    public func make(source: URL, transcript: DocumentTranscript, output: URL) throws(ExtractionError) {
        let format = try FileFormat.sniff(source)
        guard format.hasPageImages else { throw .noPageImages(format.rawValue) }
        let manager = FileManager.default
        let work = manager.temporaryDirectory.appendingPathComponent("dossier-pdf-\(UUID().uuidString)")
        do { try manager.createDirectory(at: work, withIntermediateDirectories: true) } catch {
            throw .unreadable("cannot make a temporary folder")
        }
        defer { try? manager.removeItem(at: work) }

        let base: URL
        switch format {
        case .pdf: base = try pdfBase(source, transcript: transcript, work: work)
        case .png, .jpeg, .tiff, .webp, .heic: base = try imagePDF(source, format: format, pageCount: transcript.pages.count, work: work)
        case .docx, .odt, .doc, .rtf:
            // The PDF LibreOffice makes carries its own text already: it is the searchable PDF.
            base = try OfficeConverter().convert(source, format: format, in: work.appendingPathComponent("office"))
        case .text, .html, .zip, .email, .msg: throw .noPageImages(format.rawValue)
        }

        // Page sizes as the base PDF gives them, so the overlay fits exactly.
        let sizes: [(Double, Double)]
        do {
            let document = try PDFDocument(contentsOf: base)
            sizes = try (1...max(1, document.pageCount)).map { number throws(PDFError) in
                let page = try document.page(number)
                return (page.width, page.height)
            }
        } catch {
            throw PDFTranscriber.map(error)
        }
        guard sizes.count == transcript.pages.count else {
            throw .damaged("the transcript has \(transcript.pages.count) pages, the PDF \(sizes.count)")
        }
        let pages = zip(transcript.pages, sizes).map { page, size in
            let layout = page.method == .ocr ? page.layout : nil
            let lines = layout?.blocks.flatMap(\.lines) ?? []
            let perUnit = layout.map { (size.0 / max(1, $0.width), size.1 / max(1, $0.height)) } ?? (1, 1)
            return InvisibleTextPDF.Page(
                width: size.0, height: size.1, lines: lines, pointsPerUnit: perUnit,
                quarterTurns: (page.corrections?.rotation ?? 0) / 90
            )
        }
        let textPDF = work.appendingPathComponent("text.pdf")
        do { try InvisibleTextPDF.data(pages: pages).write(to: textPDF) } catch {
            throw .unreadable("cannot write a temporary file")
        }

        let temporary = output.deletingLastPathComponent()
            .appendingPathComponent(".\(output.lastPathComponent).partial-\(UUID().uuidString)")
        defer { try? manager.removeItem(at: temporary) }
        try runQPDF([base.path, "--overlay", textPDF.path, "--", temporary.path])
        guard rename(temporary.path, output.path) == 0 else {
            throw .unreadable("cannot write \(output.lastPathComponent) (errno \(errno))")
        }
    }

    /// The original PDF, except that pages whose text layer was junk, hid under an image, did not
    /// match the image, or was overruled by `--ocr always` are replaced by their 300-dpi
    /// rendering, so the old layer cannot mix with the new one.
    private func pdfBase(_ source: URL, transcript: DocumentTranscript, work: URL) throws(ExtractionError) -> URL {
        // Pages whose old layer would mix with the new one are replaced by their rendering (as
        // with `--ocr always`, whatever layer they had).
        let replaced = transcript.pages.filter {
            $0.decision == .junkTextLayer || $0.decision == .mostlyImage || $0.decision == .textLayerMismatch
                || $0.decision == .ocrForced
        }
        guard !replaced.isEmpty else { return source }
        var selection: [String] = []
        do {
            let document = try PDFDocument(contentsOf: source)
            for page in transcript.pages {
                guard replaced.contains(where: { $0.number == page.number }) else {
                    selection += [source.path, "\(page.number)"]
                    continue
                }
                let bitmap = try document.page(page.number).renderGray(dpi: 300)
                let image: LeptonicaImage
                do throws(OCRError) {
                    image = try LeptonicaImage(grayPixels: bitmap.pixels, width: bitmap.width,
                                               height: bitmap.height, resolution: bitmap.resolution)
                    let part = work.appendingPathComponent("rendered-\(page.number).pdf")
                    do { try Data(image.pdfData()).write(to: part) } catch let error as OCRError { throw error } catch {
                        throw OCRError.unreadableImage("cannot write a temporary file")
                    }
                    selection += [part.path, "1"]
                } catch {
                    throw ExtractionError.pageFailed(page: page.number, reason: error.localizedDescription)
                }
            }
        } catch let error as PDFError {
            throw PDFTranscriber.map(error)
        } catch let error as ExtractionError {
            throw error
        } catch {
            throw .damaged("unexpected failure")
        }
        let merged = work.appendingPathComponent("base.pdf")
        try runQPDF(["--empty", "--pages"] + selection + ["--", merged.path])
        return merged
    }

    /// The image file as a PDF, one page per image page, losslessly encoded by leptonica.
    private func imagePDF(_ source: URL, format: FileFormat, pageCount: Int, work: URL) throws(ExtractionError) -> URL {
        var parts: [String] = []
        for number in 1...max(1, pageCount) {
            let part = work.appendingPathComponent("page-\(number).pdf")
            let bytes: [UInt8]
            let image: LeptonicaImage
            if format == .tiff {
                do throws(OCRError) { image = try LeptonicaImage(tiffAt: source, page: number) } catch {
                    throw .pageFailed(page: number, reason: error.localizedDescription)
                }
            } else {
                image = try StillImages.read(source, format: format, limits: ExtractionLimits())
            }
            do throws(OCRError) { bytes = try image.pdfData() } catch {
                throw .pageFailed(page: number, reason: error.localizedDescription)
            }
            do { try Data(bytes).write(to: part) } catch {
                throw .unreadable("cannot write a temporary file")
            }
            parts.append(part.path)
        }
        if parts.count == 1 { return URL(fileURLWithPath: parts[0]) }
        let merged = work.appendingPathComponent("images.pdf")
        try runQPDF(["--empty", "--pages"] + parts + ["--", merged.path])
        return merged
    }

    private func runQPDF(_ arguments: [String]) throws(ExtractionError) {
        try QPDF.run(qpdf, arguments, purpose: "combine the pages")
    }
}
