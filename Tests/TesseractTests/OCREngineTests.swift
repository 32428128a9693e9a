import Foundation
import Testing
import TestSupport
import Tesseract

@Suite("Tesseract wrapper on the sample scans")
struct OCREngineTests {
    @Test("OCR of the payslip scan reads its known words with high confidence")
    func readsPayslip() throws {
        OpenMPThreadLimit.applyToCurrentThread()
        let engine = try OCREngine(languages: "nld+eng")
        let image = try LeptonicaImage(contentsOf: SampleFiles.payslipPNG)
        #expect(image.width == 2480)
        #expect(image.resolution == 300)
        let result = try engine.recognize(image)
        let text = normalisedWords(result.text)
        for word in ["loonstrook", "oktober", "2026", "bakkerij", "nettoloon", "vakantietoeslag"] {
            #expect(text.contains(word), "OCR text lacks '\(word)'")
        }
        #expect(result.confidence > 80)
    }

    @Test("A language that is not installed is reported by name")
    func missingLanguage() {
        #expect(throws: OCRError.languagesNotInstalled("xyz")) { try OCREngine(languages: "xyz") }
        // Tesseract itself would load the installed half and go on; the engine refuses.
        #expect(throws: OCRError.languagesNotInstalled("xyz")) { try OCREngine(languages: "nld+xyz") }
    }

    @Test("A language list that could name a path is refused")
    func implausibleLanguage() {
        #expect(throws: OCRError.languagesNotInstalled("../etc")) { try OCREngine(languages: "../etc") }
    }

    @Test("A two-page TIFF has two pages, each readable on its own")
    func tiffPages() throws {
        #expect(try LeptonicaImage.tiffPageCount(at: SampleFiles.contractTIFF) == 2)
        let second = try LeptonicaImage(tiffAt: SampleFiles.contractTIFF, page: 2)
        #expect(second.height == 3509)
        #expect(throws: OCRError.self) { try LeptonicaImage(tiffAt: SampleFiles.contractTIFF, page: 3) }
    }

    @Test("A file that is not an image cannot be decoded")
    func notAnImage() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("tekst.png", Data("dit is geen afbeelding".utf8))
        #expect(throws: OCRError.self) { try LeptonicaImage(contentsOf: file) }
    }

    @Test("Installed languages include Dutch and English")
    func installed() {
        let languages = OCREngine.installedLanguages()
        #expect(languages.contains("nld"))
        #expect(languages.contains("eng"))
    }
}
