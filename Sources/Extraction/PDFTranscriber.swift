internal import Foundation
internal import Poppler
internal import Tesseract
internal import DossierCore

/// Transcribes PDFs: text-layer pages through poppler, the rest rendered and OCR'd.
enum PDFTranscriber {
    /// A page whose text layer has fewer letters than this is treated as having none.
    static let minimumTextLayerLetters = 10

    static func transcribe(
        url: URL, options: TranscriptionOptions, pool: OCRWorkerPool,
        progress: @escaping @Sendable (Int) -> Void
    ) async throws(ExtractionError) -> [PageTranscript] {
        let layers = try await readTextLayers(url: url, options: options, pool: pool)
        var pages = [PageTranscript?](repeating: nil, count: layers.count)
        for (index, layer) in layers.enumerated() {
            if let layer {
                pages[index] = PageTranscript(number: index + 1, method: .textLayer, text: layer, confidence: nil)
                progress(1)
            }
        }
        let needOCR = layers.indices.filter { layers[$0] == nil }.map { $0 + 1 }
        let dpi = options.dpi
        do {
            try await withThrowingTaskGroup(of: PageTranscript.self) { group in
                for number in needOCR {
                    group.addTask {
                        try await pool.run { context throws(ExtractionError) in
                            let document = try context.document(at: url)
                            let bitmap: GrayBitmap
                            do throws(PDFError) {
                                bitmap = try document.page(number).renderGray(dpi: dpi)
                            } catch {
                                throw map(error, page: number)
                            }
                            let image: LeptonicaImage
                            do throws(OCRError) {
                                image = try LeptonicaImage(
                                    grayPixels: bitmap.pixels, width: bitmap.width,
                                    height: bitmap.height, resolution: bitmap.resolution
                                )
                            } catch {
                                throw .pageFailed(page: number, reason: error.localizedDescription)
                            }
                            return try context.recognize(image, page: number, options: options)
                        }
                    }
                }
                for try await page in group {
                    pages[page.number - 1] = page
                    progress(1)
                }
            }
        } catch let error as ExtractionError {
            throw error
        } catch {
            throw .damaged("unexpected failure")
        }
        return pages.compactMap { $0 }
    }

    /// Reads every page's text layer (`nil` where the page needs OCR), spreading long documents
    /// over the pool's workers; each worker opens the PDF itself, as poppler documents must not be
    /// shared between threads.
    static func readTextLayers(
        url: URL, options: TranscriptionOptions, pool: OCRWorkerPool
    ) async throws(ExtractionError) -> [String?] {
        let pageCount = try await pool.run { context throws(ExtractionError) in
            try context.document(at: url).pageCount
        }
        guard pageCount > 0 else { throw .noPages }
        if options.ocrMode == .always { return [String?](repeating: nil, count: pageCount) }
        // Below this many pages a second worker costs more (opening the PDF) than it saves.
        let chunkCount = pageCount >= 16 ? min(pool.workerCount, pageCount / 8) : 1
        let chunkSize = (pageCount + chunkCount - 1) / chunkCount
        let chunks = stride(from: 1, through: pageCount, by: chunkSize).map { $0...min(pageCount, $0 + chunkSize - 1) }
        let ocrMode = options.ocrMode
        var layers = [String?](repeating: nil, count: pageCount)
        do {
            try await withThrowingTaskGroup(of: (ClosedRange<Int>, [String?]).self) { group in
                for chunk in chunks {
                    group.addTask {
                        try await pool.run { context throws(ExtractionError) in
                            let document = try context.document(at: url)
                            var texts: [String?] = []
                            texts.reserveCapacity(chunk.count)
                            for number in chunk {
                                let text: String
                                do throws(PDFError) { text = try document.page(number).text() } catch { throw map(error) }
                                texts.append(hasRealText(text) || ocrMode == .never ? text : nil)
                            }
                            return (chunk, texts)
                        }
                    }
                }
                for try await (chunk, texts) in group {
                    for (offset, text) in texts.enumerated() { layers[chunk.lowerBound - 1 + offset] = text }
                }
            }
        } catch let error as ExtractionError {
            throw error
        } catch {
            throw .damaged("unexpected failure")
        }
        return layers
    }

    /// A text layer counts as real when it holds at least a few letters.
    static func hasRealText(_ text: String) -> Bool {
        var letters = 0
        for character in text where character.isLetter {
            letters += 1
            if letters >= minimumTextLayerLetters { return true }
        }
        return false
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
