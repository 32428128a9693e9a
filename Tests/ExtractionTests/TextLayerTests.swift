import DossierCore
import Foundation
import Testing
import TestSupport
import Tesseract
@testable import Extraction

private let layerPool = OCRWorkerPool(workers: 2, languages: "nld+eng")

@Suite("Judging text layers and marking blank pages")
struct TextLayerTests {
    let assessor = TextLayerAssessor(languages: "nld+eng")

    @Test("Dutch and English prose read as real text")
    func realProse() {
        let dutch = "Namens mijn cliënt stel ik u hierbij in gebreke omdat u niet tijdig hebt beslist op zijn aanvraag om een verblijfsvergunning. De wettelijke termijn is verstreken."
        let english = "The applicant submitted the request for a residence permit together with a copy of her passport and a birth certificate issued by the municipality."
        #expect(assessor.assess(dutch).score >= 0.8)
        #expect(assessor.assess(english).score >= 0.8)
    }

    @Test("The compiled-in common words are the lists in models/vocabulary, and are found in any case")
    func commonWordsMatchModels() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../models/vocabulary").standardizedFileURL
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }
        #expect(Set(files.map { String($0.dropLast(4)) }) == Set(CommonWords.byLanguage.keys),
                "run scripts/models/common-words after changing models/vocabulary")
        for file in files {
            let words = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                .split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") }
            #expect(CommonWords.byLanguage[String(file.dropLast(4))] == words,
                    "run scripts/models/common-words after changing models/vocabulary")
        }
        // Common words count whatever their case; the same letters in a longer word do not.
        let common = String(repeating: "DE Het een VAN ", count: 10)
        let uncommon = String(repeating: "dex hetx eenx vanx ", count: 10)
        #expect(assessor.assess(common).score > assessor.assess(uncommon).score)
    }

    @Test("Every ASCII whitespace separates words alike: tabs, form feeds and vertical tabs are not odd characters")
    func asciiWhitespace() {
        let prose = "Namens mijn cliënt stel ik u hierbij in gebreke omdat u niet tijdig hebt beslist op zijn aanvraag"
        let spaced = assessor.assess(prose)
        for separator in ["\t", "\n", "\r", "\u{0C}", "\u{0B}"] {
            let other = assessor.assess(prose.replacingOccurrences(of: " ", with: separator))
            #expect(other.score == spaced.score, "separator \(separator.unicodeScalars.first!.value)")
            #expect(other.characters == spaced.characters)
        }
    }

    @Test("Letters shifted by a broken font encoding read as junk")
    func shiftedLetters() {
        let shifted = "Obnfot njko dmjìou tufm jl v ijfscjk jo hfcsflf pnebu v ojfu ujkejh ifcu cftmjtu pq akko bbowsbbh pn ffo wfscmkgtwfshvoojoh."
        #expect(assessor.assess(shifted).score < TextLayerAssessor.minimumScore)
    }

    @Test("A legacy font's layer, Latin letters standing for some Ethiopic ones inside words, reads as junk; clean Ethiopic does not")
    func mixedScriptWords() {
        let clean = "ኣቶ ዳዊት ተስፋይ ካብ 2015 ክሳብ 2019 ኣብ ከተማ ኣስመራ ምሳና ተቐሚጡ ኣሎ። ኣብቲ እዋን እቲ ኣብ ሓደ ድኳን ይሰርሕ ነይሩ፣ "
            + "ምስ ጎረቤቱ ድማ ብሰላም ይነብር ነይሩ። እዚ ወረቐት ብሕቶኡ ተዋሂቡ ኣሎ። ናይ መንበሪ ምስክር ወረቐት።"
        // The same text as a layer whose font maps እ to E and ኣ to A shows it.
        let legacy = clean.replacingOccurrences(of: "እ", with: "E").replacingOccurrences(of: "ኣ", with: "A")
        let auto = TextLayerAssessor(languages: "auto")
        #expect(auto.assess(clean).score >= TextLayerAssessor.minimumScore)
        #expect(auto.assess(legacy).score < TextLayerAssessor.minimumScore)
        // One word mixing scripts in a Dutch letter is chance, not a broken font.
        let dutch = "Namens mijn cliënt stel ik u hierbij in gebreke omdat u niet tijdig hebt beslist op zijn aanvraag. "
            + "Zijn naam wordt ook geschreven als Aхмед in de stukken van de ambassade."
        #expect(assessor.assess(dutch).score >= TextLayerAssessor.minimumScore)
    }

    @Test("Replacement and private-use characters read as junk")
    func oddCharacters() {
        let broken = String(repeating: "\u{FFFD}\u{E012}a\u{E013} ", count: 20) + "de het een"
        #expect(assessor.assess(broken).score < TextLayerAssessor.minimumScore)
    }

    @Test("Short layers and other scripts are not thrown away")
    func shortAndOtherScripts() {
        #expect(assessor.assess("Hello").score >= TextLayerAssessor.minimumScore)
        #expect(assessor.assess("3 851.5 633.6 1,485.1").characters > 0)
        let arabic = "تقدم مقدم الطلب بطلب للحصول على تصريح إقامة مع نسخة من جواز سفره وشهادة ميلاده"
        #expect(assessor.assess(arabic).score >= TextLayerAssessor.minimumScore)
    }

    @Test("A junk text layer is OCR'd instead, and its blank back page is marked")
    func junkLayerPDF() async throws {
        let transcriber = DocumentTranscriber(options: TranscriptionOptions(), pool: layerPool)
        let transcript = try await transcriber.transcribe(SampleFiles.junkLayerPDF)
        #expect(transcript.pages.count == 2)
        let first = transcript.pages[0]
        #expect(first.method == .ocr)
        #expect(first.decision == .junkTextLayer)
        #expect((first.textLayerScore ?? 1) < TextLayerAssessor.minimumScore)
        #expect(normalisedWords(first.text).contains("ingebrekestelling wegens niet tijdig beslissen"))
        let second = transcript.pages[1]
        #expect(second.isBlank)
        #expect(second.text.isEmpty)
    }

    @Test("The born-digital letter's layer is judged usable and kept")
    func usableLayer() async throws {
        let transcriber = DocumentTranscriber(options: TranscriptionOptions(), pool: layerPool)
        let page = try #require(try await transcriber.transcribe(SampleFiles.letterPDF).pages.first)
        #expect(page.decision == .textLayerUsable)
        #expect((page.textLayerScore ?? 0) > 0.9)
    }

    @Test("A scan with a few words of text layer on it (a stamp) is OCR'd whole")
    func mostlyImage() async throws {
        let transcriber = DocumentTranscriber(options: TranscriptionOptions(), pool: layerPool)
        let page = try #require(try await transcriber.transcribe(SampleFiles.stampedScanPDF).pages.first)
        #expect(page.method == .ocr)
        #expect(page.decision == .mostlyImage)
        let text = normalisedWords(page.text)
        #expect(text.contains("nettoloon"))
        #expect(text.contains("ontvangen 5 november 2026"))
    }

    @Test("--ocr never keeps even a junk layer, and says so")
    func never() async throws {
        let transcriber = DocumentTranscriber(options: TranscriptionOptions(ocrMode: .never), pool: layerPool)
        let page = try #require(try await transcriber.transcribe(SampleFiles.junkLayerPDF).pages.first)
        #expect(page.method == .textLayer)
        #expect(page.decision == .ocrDisabled)
    }

    @Test("A page in a script the OCR languages cannot read is flagged, not passed off as text")
    func needsLanguage() async throws {
        let transcriber = DocumentTranscriber(options: TranscriptionOptions(), pool: layerPool)
        let greek = try #require(try await transcriber.transcribe(SampleFiles.greekPNG).pages.first)
        #expect(greek.needsLanguage == "Greek")
        let french = try #require(try await transcriber.transcribe(SampleFiles.frenchPNG).pages.first)
        #expect(french.needsLanguage == "fra")
        let frenchPool = OCRWorkerPool(workers: 1, languages: "fra+nld")
        let frenchRead = DocumentTranscriber(options: TranscriptionOptions(languages: "fra+nld"), pool: frenchPool)
        defer { frenchPool.shutdown() }
        #expect(try await frenchRead.transcribe(SampleFiles.frenchPNG).pages.first?.needsLanguage == nil)
        let dutch = try #require(try await transcriber.transcribe(SampleFiles.payslipPNG).pages.first)
        #expect(dutch.needsLanguage == nil)
    }

    @Test("Scripts of tesseract languages")
    func scripts() {
        #expect(ScriptCoverage.scripts(of: "nld+eng") == ["Latin"])
        #expect(ScriptCoverage.scripts(of: "ara+eng") == ["Arabic", "Latin"])
        #expect(ScriptCoverage.scripts(of: "ell") == ["Greek"])
    }

    @Test("A scanned blank page with a few specks of dust is marked blank, not OCR'd into noise")
    func blankScan() async throws {
        let width = 1240, height = 1754
        var pixels = [UInt8](repeating: 250, count: width * height)
        for speck in stride(from: 5_000, to: pixels.count, by: 97_531) { pixels[speck] = 20 }
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("achterkant.png")
        try LeptonicaImage(grayPixels: pixels, width: width, height: height, resolution: 150).write(to: url)
        let transcriber = DocumentTranscriber(options: TranscriptionOptions(), pool: layerPool)
        let page = try #require(try await transcriber.transcribe(url).pages.first)
        #expect(page.isBlank)
        #expect(page.text.isEmpty)
        #expect(page.confidence == nil)
    }
}
