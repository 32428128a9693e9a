import DossierCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport
import Tesseract
@testable import Extraction

private let layoutPool = OCRWorkerPool(workers: 2, languages: "nld+eng")

@Suite("Word boxes, lines and blocks, hOCR")
struct LayoutTests {
    let transcriber = DocumentTranscriber(options: TranscriptionOptions(), pool: layoutPool)

    private func words(_ layout: PageLayout) -> [LaidOutWord] {
        layout.blocks.flatMap { $0.lines.flatMap(\.words) }
    }

    private func expectOnPage(_ layout: PageLayout) {
        for word in words(layout) {
            #expect(word.box.x >= 0 && word.box.y >= 0)
            #expect(word.box.x + word.box.width <= layout.width + 0.01)
            #expect(word.box.y + word.box.height <= layout.height + 0.01)
            #expect(word.box.width > 0 && word.box.height > 0)
            #expect((0...100).contains(word.confidence))
        }
    }

    @Test("OCR words carry boxes that lie on the page, in reading order, matching the text")
    func imageLayout() async throws {
        let page = try #require(try await transcriber.transcribe(SampleFiles.payslipPNG).pages.first)
        let layout = try #require(page.layout)
        #expect(layout.unit == "px")
        #expect(layout.width == 2480)
        expectOnPage(layout)
        let texts = words(layout).map(\.text)
        #expect(texts.first == "Loonstrook")
        #expect(normalisedWords(texts.joined(separator: " ")) == normalisedWords(page.text))
        // Lines read top to bottom within the first block.
        let lines = layout.blocks.flatMap(\.lines)
        #expect(lines.first!.box.y < lines.last!.box.y)
    }

    @Test("A two-column page reads column by column")
    func twoColumns() async throws {
        let page = try #require(try await transcriber.transcribe(SampleFiles.twoColumnPNG).pages.first)
        let text = normalisedWords(page.text)
        let endOfLeft = try #require(text.range(of: "tolk is op verzoek aanwezig"))
        let startOfRight = try #require(text.range(of: "rechts. in januari"))
        #expect(endOfLeft.upperBound <= startOfRight.lowerBound, "the left column ends before the right one starts")
        let layout = try #require(page.layout)
        let left = try #require(words(layout).first { $0.text == "LINKS." })
        let right = try #require(words(layout).first { $0.text == "RECHTS." })
        #expect(left.box.x < right.box.x)
        #expect(abs(left.box.y - right.box.y) < 10, "both columns start on the same height")
    }

    @Test("Scanned PDF pages get boxes in points")
    func pdfLayout() async throws {
        let page = try #require(try await transcriber.transcribe(SampleFiles.scannedLetterPDF).pages.first)
        let layout = try #require(page.layout)
        #expect(layout.unit == "pt")
        #expect(abs(layout.width - 595) < 1)
        #expect(abs(layout.height - 842) < 1)
        expectOnPage(layout)
        // The letterhead starts at the left margin of 72 pt and near the top.
        let first = try #require(words(layout).first)
        #expect(abs(first.box.x - 72) < 4)
        #expect(first.box.y < 90)
    }

    @Test("Boxes on a page scanned upside down land where the words are on that page")
    func rotatedBoxes() async throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("omgekeerd.png")
        try LeptonicaImage(contentsOf: SampleFiles.payslipPNG).rotated(quarterTurnsClockwise: 2).write(to: url)
        let upright = try #require(try await transcriber.transcribe(SampleFiles.payslipPNG).pages.first?.layout)
        let turned = try #require(try await transcriber.transcribe(url).pages.first?.layout)
        let a = try #require(words(upright).first { $0.text == "Loonstrook" }?.box)
        let b = try #require(words(turned).first { $0.text == "Loonstrook" }?.box)
        // Turned 180°: the word's far corner becomes its near corner.
        #expect(abs((turned.width - b.x - b.width) - a.x) < 6)
        #expect(abs((turned.height - b.y - b.height) - a.y) < 6)
    }

    @Test("Text-layer pages get word boxes from poppler, in points, matching the text")
    func textLayerLayout() async throws {
        let page = try #require(try await transcriber.transcribe(SampleFiles.letterPDF).pages.first)
        let layout = try #require(page.layout)
        #expect(layout.unit == "pt")
        expectOnPage(layout)
        let all = words(layout)
        #expect(normalisedWords(all.map(\.text).joined(separator: " ")) == normalisedWords(page.text))
        let title = try #require(all.first { $0.text == "Ingebrekestelling" })
        #expect(abs(title.box.x - 72) < 1)
        #expect(title.confidence == 100)
    }

    @Test("Plain-text transcription can skip text-layer word boxes")
    func withoutWords() async throws {
        let plain = DocumentTranscriber(options: TranscriptionOptions(textLayerWords: false), pool: layoutPool)
        let page = try #require(try await plain.transcribe(SampleFiles.letterPDF).pages.first)
        #expect(page.layout == nil)
        let full = try #require(try await transcriber.transcribe(SampleFiles.letterPDF).pages.first)
        #expect(page.text == full.text)
    }

    @Test("hOCR is well-formed XML with a word element per OCR word")
    func hocr() async throws {
        let transcript = try await transcriber.transcribe(SampleFiles.payslipPNG)
        let document = HOCRWriter.document(transcript)
        let counter = ElementCounter()
        let parser = XMLParser(data: Data(document.utf8))
        parser.delegate = counter
        #expect(parser.parse(), "hOCR does not parse: \(String(describing: parser.parserError))")
        #expect(counter.words == words(try #require(transcript.pages[0].layout)).count)
        #expect(counter.pages == 1)
    }

    @Test("hOCR escapes markup in recognised text")
    func escaping() {
        #expect(HOCRWriter.escape("a<b & \"c\"\u{1}") == "a&lt;b &amp; &quot;c&quot;")
    }
}

/// Counts hOCR elements by class.
private final class ElementCounter: NSObject, XMLParserDelegate {
    var words = 0
    var pages = 0

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        switch attributeDict["class"] {
        case "ocrx_word": words += 1
        case "ocr_page": pages += 1
        default: break
        }
    }
}
