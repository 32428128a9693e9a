import DossierCore
import Foundation
import Testing
import TestSupport
@testable import Extraction

private let pdfPool = OCRWorkerPool(workers: 2, languages: "nld+eng")

/// The share of `expected`'s words (as a multiset) that `actual` also has: reading order may
/// differ between poppler and tesseract, the words may not.
private func wordOverlap(_ actual: String, _ expected: String) -> Double {
    var counts: [Substring: Int] = [:]
    let expectedWords = normalisedWords(expected).split(separator: " ")
    for word in normalisedWords(actual).split(separator: " ") { counts[word, default: 0] += 1 }
    var found = 0
    for word in expectedWords where (counts[word] ?? 0) > 0 {
        counts[word]! -= 1
        found += 1
    }
    return Double(found) / Double(max(1, expectedWords.count))
}

@Suite("Searchable PDF output")
struct SearchablePDFTests {
    let transcriber = DocumentTranscriber(options: TranscriptionOptions(), pool: pdfPool)
    let layerOnly = DocumentTranscriber(options: TranscriptionOptions(ocrMode: .never), pool: pdfPool)

    /// Makes the searchable PDF of `source` and reads back its text layer as poppler sees it.
    private func roundTrip(_ source: URL) async throws -> (ocr: DocumentTranscript, layer: DocumentTranscript) {
        let folder = try TemporaryFolder("dossier-searchable")
        let output = folder.url.appendingPathComponent("doorzoekbaar.pdf")
        let ocr = try await transcriber.transcribe(source)
        try SearchablePDFMaker().make(source: source, transcript: ocr, output: output)
        let layer = try await layerOnly.transcribe(output)
        return (ocr, layer)
    }

    @Test("A scanned PDF gets a text layer that reads like its OCR transcript")
    func scannedPDF() async throws {
        let (ocr, layer) = try await roundTrip(SampleFiles.scannedLetterPDF)
        #expect(layer.pages.count == 1)
        #expect(wordOverlap(layer.pages[0].text, ocr.pages[0].text) >= 0.98)
        #expect(normalisedWords(layer.pages[0].text).contains("ingebrekestelling wegens niet tijdig beslissen"))
    }

    @Test("A multi-page TIFF becomes a PDF with one searchable page per image")
    func tiff() async throws {
        let (ocr, layer) = try await roundTrip(SampleFiles.contractTIFF)
        #expect(layer.pages.count == 2)
        for (a, b) in zip(ocr.pages, layer.pages) {
            #expect(wordOverlap(b.text, a.text) >= 0.98)
        }
    }

    @Test("A junk text layer is replaced, not mixed with the new one")
    func junkLayer() async throws {
        let (ocr, layer) = try await roundTrip(SampleFiles.junkLayerPDF)
        #expect(layer.pages.count == 2)
        let text = normalisedWords(layer.pages[0].text)
        #expect(wordOverlap(text, ocr.pages[0].text) >= 0.98)
        #expect(!text.contains("ifsfohsbdiu"), "the shifted junk layer is gone")
        #expect(layer.pages[1].text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }

    @Test("A page turned by /Rotate is read upright, and its invisible words lie on the words of the image", arguments: [90, 180, 270])
    func rotatedPage(degrees: Int) async throws {
        let folder = try TemporaryFolder("dossier-searchable")
        let turned = folder.url.appendingPathComponent("gedraaid.pdf")
        let qpdf = Process()
        qpdf.executableURL = URL(fileURLWithPath: "/usr/bin/qpdf")
        qpdf.arguments = ["--rotate=+\(degrees)", SampleFiles.scannedLetterPDF.path, turned.path]
        try qpdf.run()
        qpdf.waitUntilExit()
        try #require(qpdf.terminationStatus == 0)

        let (ocr, layer) = try await roundTrip(turned)
        let page = try #require(ocr.pages.first)
        #expect(page.corrections?.rotation == (360 - degrees) % 360)
        #expect(normalisedWords(page.text).contains("ingebrekestelling wegens niet tijdig beslissen"))
        #expect(wordOverlap(layer.pages[0].text, page.text) >= 0.98)

        // Each long OCR word has an invisible twin whose box centre is within a few points.
        let ocrWords = try #require(page.layout).blocks.flatMap(\.lines).flatMap(\.words).filter { $0.text.count >= 6 }
        let layerWords = try #require(layer.pages[0].layout).blocks.flatMap(\.lines).flatMap(\.words)
        func centre(_ box: PageBox) -> (Double, Double) { (box.x + box.width / 2, box.y + box.height / 2) }
        var placed = 0
        for word in ocrWords {
            let (x, y) = centre(word.box)
            if layerWords.contains(where: { twin in
                let (tx, ty) = centre(twin.box)
                return twin.text == word.text && abs(tx - x) < 8 && abs(ty - y) < 8
            }) { placed += 1 }
        }
        #expect(Double(placed) >= Double(ocrWords.count) * 0.95, "\(placed) of \(ocrWords.count) words in place")
    }

    @Test("A born-digital PDF keeps its own text layer untouched")
    func bornDigital() async throws {
        let (ocr, layer) = try await roundTrip(SampleFiles.letterPDF)
        #expect(layer.pages[0].text == ocr.pages[0].text)
    }

    @Test("With --ocr always, a born-digital page's old layer does not double the new one")
    func forcedOCR() async throws {
        let folder = try TemporaryFolder("dossier-searchable")
        let output = folder.url.appendingPathComponent("geforceerd.pdf")
        let forced = DocumentTranscriber(options: TranscriptionOptions(ocrMode: .always), pool: pdfPool)
        let ocr = try await forced.transcribe(SampleFiles.letterPDF)
        #expect(ocr.pages[0].decision == .ocrForced)
        try SearchablePDFMaker().make(source: SampleFiles.letterPDF, transcript: ocr, output: output)
        let text = normalisedWords(try await layerOnly.transcribe(output).pages[0].text)
        #expect(text.components(separatedBy: "ingebrekestelling wegens").count == 2, "the title appears once")
    }

    @Test("A scan's own earlier OCR layer is trusted when it says what the page shows")
    func trustedScanLayer() async throws {
        let folder = try TemporaryFolder("dossier-searchable")
        let searchable = folder.url.appendingPathComponent("doorzoekbaar.pdf")
        let ocr = try await transcriber.transcribe(SampleFiles.scannedLetterPDF)
        try SearchablePDFMaker().make(source: SampleFiles.scannedLetterPDF, transcript: ocr, output: searchable)
        let again = try #require(try await transcriber.transcribe(searchable).pages.first)
        #expect(again.method == .textLayer)
        #expect(again.decision == .textLayerUsable)
    }

    @Test("A scan whose invisible layer says something else than its image is OCR'd")
    func mismatchedScanLayer() async throws {
        let folder = try TemporaryFolder("dossier-searchable")
        let forged = folder.url.appendingPathComponent("vervalst.pdf")
        let letter = try await transcriber.transcribe(SampleFiles.scannedLetterPDF)
        let payslip = try await transcriber.transcribe(SampleFiles.payslipPNG)
        // The letter's scan with the payslip's words laid over it.
        let wrong = DocumentTranscript(file: letter.file, sha256: letter.sha256, pages: payslip.pages)
        try SearchablePDFMaker().make(source: SampleFiles.scannedLetterPDF, transcript: wrong, output: forged)
        let layerOnly = try #require(try await layerOnly.transcribe(forged).pages.first)
        #expect(normalisedWords(layerOnly.text).contains("nettoloon"), "the forged layer is in the file")
        let page = try #require(try await transcriber.transcribe(forged).pages.first)
        #expect(page.method == .ocr)
        #expect(page.decision == .textLayerMismatch)
        #expect(normalisedWords(page.text).contains("ingebrekestelling wegens niet tijdig beslissen"))
        #expect(!normalisedWords(page.text).contains("nettoloon"))
    }

    @Test("Word agreement between a layer and OCR")
    func agreement() {
        #expect(PDFTranscriber.wordAgreement(layer: "De heer A. Jansen", ocr: "de heer a jansen") == 1)
        #expect(PDFTranscriber.wordAgreement(layer: "Loonstrook oktober", ocr: "Ingebrekestelling wegens") == 0)
    }

    @Test("The words' invisible text sits inside the page")
    func contentStream() {
        let line = LaidOutLine(
            box: PageBox(x: 100, y: 100, width: 200, height: 20),
            words: [
                LaidOutWord(text: "één", confidence: 90, box: PageBox(x: 100, y: 100, width: 60, height: 20)),
                LaidOutWord(text: "(twee)", confidence: 90, box: PageBox(x: 180, y: 100, width: 120, height: 20)),
            ]
        )
        let stream = InvisibleTextPDF.contentStream(
            InvisibleTextPDF.Page(width: 595, height: 842, lines: [line], pointsPerUnit: (1, 1))
        )
        #expect(stream.contains("3 Tr"))
        #expect(stream.contains("<00E900E9006E>"), "UTF-16 code units")
        #expect(stream.contains("<0020>"), "a space of its own between words")
        #expect(stream.contains("1 0 0 1 100.00 726.00 Tm"), "baseline at 80% of the line height from the top")
    }
}
