import DossierCore
import Foundation
import Testing
import TestSupport
import Tesseract
@testable import Extraction

private let autoPool = OCRWorkerPool(workers: 1, languages: "auto")
private let dutchPool = OCRWorkerPool(workers: 1, languages: "nld+eng")

@Suite("Each page read in its own script and language (--lang auto)")
struct ScriptChoiceTests {
    let transcriber = DocumentTranscriber(options: TranscriptionOptions(), pool: autoPool)

    private func page(_ url: URL, with transcriber: DocumentTranscriber) async throws -> PageTranscript {
        try #require(try await transcriber.transcribe(url).pages.first)
    }

    @Test("A Persian statement is read in Arabic script as Persian, its words and Persian digits whole")
    func persian() async throws {
        let page = try await page(SampleFiles.persianPNG, with: transcriber)
        #expect(page.script == "Arabic")
        #expect(page.language == "fas")
        #expect(page.needsLanguage == nil)
        #expect(page.unreadableReason == nil)
        #expect((page.confidence ?? 0) >= 80)
        for phrase in ["به نام خدا", "علی رضایی", "نانوایی", "۱۳۹۸", "اداره مهاجرت"] {
            #expect(page.text.contains(phrase), "missing '\(phrase)'")
        }
    }

    @Test("A Tigrinya certificate is read in Ethiopic script and told from Amharic")
    func tigrinya() async throws {
        let page = try await page(SampleFiles.tigrinyaPNG, with: transcriber)
        #expect(page.script == "Ethiopic")
        #expect(page.language == "tir")
        for phrase in ["ናይ መንበሪ ምስክር ወረቐት", "ኣስመራ", "ተዋሂቡ"] {
            #expect(page.text.contains(phrase), "missing '\(phrase)'")
        }
    }

    @Test("Greek, French and Dutch pages: each in its script and language, read without a language flag")
    func latinAndGreek() async throws {
        let greek = try await page(SampleFiles.greekPNG, with: transcriber)
        #expect(greek.script == "Greek")
        #expect(greek.language == "ell")
        #expect(greek.text.contains("ΒΕΒΑΙΩΣΗ"))
        #expect(greek.needsLanguage == nil)
        let french = try await page(SampleFiles.frenchPNG, with: transcriber)
        #expect(french.script == "Latin")
        #expect(french.language == "fra")
        #expect(french.needsLanguage == nil)
        #expect(french.text.contains("Attestation d'hébergement"))
        let dutch = try await page(SampleFiles.payslipPNG, with: transcriber)
        #expect(dutch.script == "Latin")
        #expect(dutch.language == "nld")
        #expect(dutch.text.contains("Loonstrook oktober 2026"))
    }

    @Test("With --lang nld+eng forced, a Persian page is not passed off as text: its plain text names page, script and reason")
    func forcedLanguagesLeaveForeignScriptsUnread() async throws {
        let forced = DocumentTranscriber(options: TranscriptionOptions(languages: "nld+eng"), pool: dutchPool)
        let transcript = try await forced.transcribe(SampleFiles.persianPNG)
        let page = try #require(transcript.pages.first)
        let reason = try #require(page.unreadableReason)
        #expect(reason.contains("Arabic") || reason.contains("confidence"))
        #expect(transcript.plainText == page.readableText)
        #expect(transcript.plainText.hasPrefix("[page 1"))
        #expect(transcript.plainText.contains("a person must read this page"))
    }

    @Test("The probe reads a run of lines from the middle of the page, not the whole page")
    func probeBox() {
        let lines = (0..<20).map { row in
            let box = PixelBox(left: 100, top: 100 + row * 50, right: 900, bottom: 130 + row * 50)
            return OCRLine(box: box, words: [OCRWord(text: "woord", confidence: 40, box: box)])
        }
        let box = try? #require(ScriptChoice.probeBox([OCRBlock(box: PixelBox(left: 0, top: 0, right: 1000, bottom: 1200), lines: lines)]))
        #expect(box?.top == 100 + 7 * 50 - 12)
        #expect(box?.bottom == 130 + 12 * 50 + 12)
        #expect(ScriptChoice.probeBox([]) == nil)
    }
}
