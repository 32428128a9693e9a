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
        // Read every text layer on one worker thread: poppler calls block.
        let layers: [String?] = try await pool.run { context throws(ExtractionError) in
            let document = try context.document(at: url)
            guard document.pageCount > 0 else { throw .noPages }
            var layers: [String?] = []
            layers.reserveCapacity(document.pageCount)
            for number in 1...document.pageCount {
                if options.ocrMode == .always {
                    layers.append(nil)
                    continue
                }
                let text: String
                do throws(PDFError) { text = try document.page(number).text() } catch { throw map(error) }
                layers.append(hasRealText(text) || options.ocrMode == .never ? text : nil)
            }
            return layers
        }
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
                            let engine = try context.engine()
                            let bitmap: GrayBitmap
                            do throws(PDFError) {
                                bitmap = try document.page(number).renderGray(dpi: dpi)
                            } catch {
                                throw map(error, page: number)
                            }
                            let result: OCRResult
                            do throws(OCRError) {
                                result = try engine.recognize(
                                    grayPixels: bitmap.pixels, width: bitmap.width,
                                    height: bitmap.height, resolution: bitmap.resolution
                                )
                            } catch {
                                throw .pageFailed(page: number, reason: error.localizedDescription)
                            }
                            return PageTranscript(
                                number: number, method: .ocr, text: result.text, confidence: result.confidence
                            )
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
        case .noSuchPage(let number): .pageFailed(page: number, reason: "page cannot be read")
        case .renderFailed(let number, let reason): .pageFailed(page: page ?? number, reason: reason)
        }
    }
}
