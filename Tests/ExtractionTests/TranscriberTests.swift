import DossierCore
import Foundation
import Testing
import TestSupport
@testable import Extraction

/// One pool for the suite: engines load once per worker, as in the product.
private let sharedPool = OCRWorkerPool(workers: 2, languages: "nld+eng")

@Suite("Transcribing the samples")
struct TranscriberTests {
    let transcriber = DocumentTranscriber(options: TranscriptionOptions(), pool: sharedPool)

    @Test("The born-digital letter comes from its text layer, with its SHA-256")
    func textLayer() async throws {
        let transcript = try await transcriber.transcribe(SampleFiles.letterPDF)
        #expect(transcript.pages.count == 1)
        #expect(transcript.pages[0].method == .textLayer)
        #expect(transcript.pages[0].confidence == nil)
        #expect(transcript.pages[0].text.contains("Ingebrekestelling wegens niet tijdig beslissen"))
        #expect(transcript.sha256 == (try FileDigest.sha256(of: SampleFiles.letterPDF)))
        #expect(transcript.sha256.count == 64)
    }

    @Test("The scanned letter is rendered and OCR'd, and reads like the original")
    func scannedPDF() async throws {
        let transcript = try await transcriber.transcribe(SampleFiles.scannedLetterPDF)
        #expect(transcript.pages.count == 1)
        let page = try #require(transcript.pages.first)
        #expect(page.method == .ocr)
        let confidence = try #require(page.confidence)
        #expect(confidence > 80 && confidence <= 100)
        let text = normalisedWords(page.text)
        for phrase in ["ingebrekestelling wegens niet tijdig beslissen", "cliënt", "dwangsom", "algemene wet bestuursrecht", "3 november 2026"] {
            #expect(text.contains(phrase), "OCR text lacks '\(phrase)'")
        }
    }

    @Test("Both pages of the TIFF are OCR'd in order")
    func tiff() async throws {
        let transcript = try await transcriber.transcribe(SampleFiles.contractTIFF)
        #expect(transcript.pages.map(\.number) == [1, 2])
        #expect(transcript.pages.allSatisfy { $0.method == .ocr })
        #expect(normalisedWords(transcript.pages[0].text).contains("arbeidsovereenkomst"))
        #expect(normalisedWords(transcript.pages[1].text).contains("vakantie"))
        #expect(normalisedWords(transcript.pages[1].text).contains("pagina 2 van 2"))
    }

    @Test("--ocr never leaves a scanned page empty instead of OCRing it")
    func never() async throws {
        let never = DocumentTranscriber(options: TranscriptionOptions(ocrMode: .never), pool: sharedPool)
        let transcript = try await never.transcribe(SampleFiles.scannedLetterPDF)
        #expect(transcript.pages[0].method == .textLayer)
        #expect(transcript.pages[0].text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }

    @Test("Pages separated by form feeds, as pdftotext does")
    func plainText() {
        let transcript = DocumentTranscript(file: "x", sha256: "", pages: [
            PageTranscript(number: 1, method: .textLayer, text: "een", confidence: nil),
            PageTranscript(number: 2, method: .ocr, text: "twee", confidence: 90),
        ])
        #expect(transcript.plainText == "een\u{0C}twee")
    }

    @Test("Bad inputs fail with a clear reason", arguments: [
        ("afgebroken.pdf", "damaged"),
        ("versleuteld.pdf", "encrypted"),
    ])
    func badSamples(name: String, expected: String) async {
        await #expect {
            _ = try await transcriber.transcribe(SampleFiles.url(name))
        } throws: { error in
            (error as? ExtractionError)?.localizedDescription.contains(expected) ?? false
        }
    }

    @Test("An empty file, a text file named .pdf and a missing file each say what is wrong")
    func madeBadInputs() async throws {
        let folder = try TemporaryFolder()
        let empty = try folder.write("leeg.pdf", Data())
        let text = try folder.write("brief.pdf", Data("Geachte heer,\nDit is gewone tekst.\n".utf8))
        let binary = try folder.write("data.pdf", Data([0x00, 0x01, 0x02, 0xFE]))
        await #expect(throws: ExtractionError.empty) { try await transcriber.transcribe(empty) }
        await #expect(throws: ExtractionError.unsupportedFormat(claimed: "pdf", looksLikeText: true)) {
            try await transcriber.transcribe(text)
        }
        await #expect(throws: ExtractionError.unsupportedFormat(claimed: "pdf", looksLikeText: false)) {
            try await transcriber.transcribe(binary)
        }
        await #expect(throws: ExtractionError.unreadable("no such file or directory")) {
            try await transcriber.transcribe(folder.url.appendingPathComponent("weg.pdf"))
        }
    }

    @Test("A PNG named .pdf is recognised by its content")
    func mislabelledImage() throws {
        let head = try Data(contentsOf: SampleFiles.payslipPNG).prefix(16)
        #expect(try FileFormat.sniff(head: head, fileExtension: "pdf") == .png)
    }

    @Test("Error messages read as a caseworker would say them")
    func messages() {
        #expect(ExtractionError.unsupportedFormat(claimed: "pdf", looksLikeText: true).localizedDescription
            == "named .pdf but the content is plain text, not a PDF or image")
        #expect(ExtractionError.encrypted.localizedDescription == "the PDF is encrypted and needs a password")
        #expect(ExtractionError.empty.localizedDescription == "the file is empty")
    }
}
