import DossierCore
import Foundation
import Testing
import TestSupport
import Tesseract
@testable import Extraction

private let correctionPool = OCRWorkerPool(workers: 2, languages: "nld+eng")

/// Degraded copies of the payslip scan, made with leptonica in a temporary folder.
private func degradedPayslip(_ name: String, _ degrade: (LeptonicaImage) throws -> LeptonicaImage) throws -> (TemporaryFolder, URL) {
    let folder = try TemporaryFolder("dossier-degraded")
    let url = folder.url.appendingPathComponent(name)
    try degrade(try LeptonicaImage(contentsOf: SampleFiles.payslipPNG)).write(to: url)
    return (folder, url)
}

@Suite("Pages are straightened before OCR")
struct CorrectionTests {
    let transcriber = DocumentTranscriber(options: TranscriptionOptions(), pool: correctionPool)

    private func expectPayslipWords(_ page: PageTranscript) {
        let text = normalisedWords(page.text)
        for word in ["loonstrook", "nettoloon", "vakantietoeslag", "2.528,85"] {
            #expect(text.contains(word), "OCR text lacks '\(word)'")
        }
    }

    @Test("An upside-down scan comes out right side up")
    func upsideDown() async throws {
        let (folder, url) = try degradedPayslip("omgekeerd.png") { try $0.rotated(quarterTurnsClockwise: 2) }
        defer { _ = folder }
        let page = try #require(try await transcriber.transcribe(url).pages.first)
        #expect(page.corrections?.rotation == 180)
        expectPayslipWords(page)
    }

    @Test("A page scanned sideways is turned upright")
    func sideways() async throws {
        let (folder, url) = try degradedPayslip("zijwaarts.png") { try $0.rotated(quarterTurnsClockwise: 3) }
        defer { _ = folder }
        let page = try #require(try await transcriber.transcribe(url).pages.first)
        #expect(page.corrections?.rotation == 90)
        expectPayslipWords(page)
    }

    @Test("A skewed scan is straightened and the angle reported")
    func skewed() async throws {
        let (folder, url) = try degradedPayslip("scheef.png") { try $0.rotated(byDegrees: -2.5) }
        defer { _ = folder }
        let page = try #require(try await transcriber.transcribe(url).pages.first)
        let skew = try #require(page.corrections?.skew)
        #expect(abs(abs(skew) - 2.5) < 0.5, "reported \(skew)°")
        expectPayslipWords(page)
    }

    @Test("A 100-dpi scan is upscaled to 300 dpi before OCR; a 150-dpi one is read as it is")
    func lowResolution() async throws {
        let (folder, url) = try degradedPayslip("laag.png") { try $0.scaled(by: 1.0 / 3) }
        defer { _ = folder }
        let page = try #require(try await transcriber.transcribe(url).pages.first)
        #expect(page.corrections?.upscaledFrom == 100)
        #expect(page.corrections?.dpi == 300)
        expectPayslipWords(page)

        let (halfFolder, half) = try degradedPayslip("half.png") { try $0.scaled(by: 0.5) }
        defer { _ = halfFolder }
        let halfPage = try #require(try await transcriber.transcribe(half).pages.first)
        #expect(halfPage.corrections?.upscaledFrom == nil)
        #expect(halfPage.corrections?.dpi == 150)
        expectPayslipWords(halfPage)
    }

    @Test("A 150-dpi scan whose file gives no resolution gets an estimate, and is read")
    func unknownResolution() async throws {
        let folder = try TemporaryFolder("dossier-degraded")
        let url = folder.url.appendingPathComponent("zonder-dpi.jpg")
        try LeptonicaImage(contentsOf: SampleFiles.payslipPNG).scaled(by: 0.5).withResolution(0).writeJPEG(to: url, quality: 92)
        #expect(try LeptonicaImage(contentsOf: url).resolution == 0, "the fixture carries no resolution")
        let page = try #require(try await transcriber.transcribe(url).pages.first)
        let corrections = try #require(page.corrections)
        #expect(corrections.dpiEstimated == true)
        let estimate = corrections.upscaledFrom ?? corrections.dpi
        #expect((110...190).contains(estimate), "estimated \(estimate) dpi for a 150-dpi scan")
        expectPayslipWords(page)
    }

    @Test("The resolution estimate of a 300-dpi page is near 300")
    func estimate() throws {
        OpenMPThreadLimit.applyToCurrentThread()
        let engine = try OCREngine(languages: "nld+eng")
        let result = try engine.recognize(LeptonicaImage(contentsOf: SampleFiles.payslipPNG))
        let estimate = try #require(PagePreparer.estimatedDPI(result.blocks))
        #expect((240...360).contains(estimate), "estimated \(estimate)")
    }

    @Test("A heavily grained scan is median-filtered before OCR; a clean one is not")
    func denoise() async throws {
        let (folder, url) = try degradedPayslip("korrelig.png") { try $0.withGaussianNoise(sigma: 60) }
        defer { _ = folder }
        let noisy = try #require(try await transcriber.transcribe(url).pages.first)
        #expect(noisy.corrections?.denoised == true)
        expectPayslipWords(noisy)
        let clean = try #require(try await transcriber.transcribe(SampleFiles.payslipPNG).pages.first)
        #expect(clean.corrections?.denoised == nil)
    }

    @Test("A ruled payslip scan is read again with its rules redrawn: labels and values come out row by row")
    func ruledTable() async throws {
        let page = try #require(try await transcriber.transcribe(SampleFiles.ruledPayslipPNG).pages.first)
        #expect(page.corrections?.rulesRedrawn == 2)
        let text = normalisedWords(page.text)
        for row in ["burgerservicenummer 175364825", "uren per week 32", "loonheffing € 371,52", "reiskostenvergoeding € 84,00",
                    "netto uit te betalen € 1.936,61"] {
            #expect(text.contains(row), "OCR text lacks '\(row)'")
        }
        // Asked to read pages as they come, the worker reads no second copy.
        let asItCame = DocumentTranscriber(options: TranscriptionOptions(redrawRules: false), pool: correctionPool)
        let kept = try #require(try await asItCame.transcribe(SampleFiles.ruledPayslipPNG).pages.first)
        #expect(kept.corrections?.rulesRedrawn == nil)
        // A page without rules is read once, as it came.
        let plain = try #require(try await transcriber.transcribe(SampleFiles.payslipPNG).pages.first)
        #expect(plain.corrections?.rulesRedrawn == nil)
    }

    @Test("A photographed payslip is read as taken and cut out of its ground; the surer reading is kept and its boxes sit on the photo's words")
    func photographedPage() async throws {
        let page = try #require(try await transcriber.transcribe(SampleFiles.payslipPhotoJPEG).pages.first)
        let text = normalisedWords(page.text)
        #expect(text.contains("burgerservicenummer 175364825"))
        let photo = try LeptonicaImage(contentsOf: SampleFiles.payslipPhotoJPEG)
        let number = try #require(page.layout?.blocks.flatMap(\.lines).flatMap(\.words).first { $0.text == "175364825" })
        let box = PixelBox(number.box)
        #expect(box.left >= 0 && box.right <= photo.width && box.bottom <= photo.height)
        #expect(try photo.grayValues(in: box).min() ?? 255 < 90, "ink under the number's box")
    }

    @Test("Boxes on a straightened photo go back onto the photo through its perspective")
    func perspectiveGeometry() throws {
        let photo = try LeptonicaImage(contentsOf: SampleFiles.payslipPhotoJPEG)
        let corners = try #require(photo.documentCorners())
        let (straight, map) = try #require(photo.straightened(corners))
        let geometry = PageGeometry(originalWidth: Double(photo.width), originalHeight: Double(photo.height), scale: 1,
                                    quarterTurns: 0, skewDegrees: 0, unitsPerPixel: 1, unit: "px",
                                    perspective: .init(map: map, width: Double(straight.width), height: Double(straight.height)))
        let margin = map.margin
        // A small box at the page's top-left corner lands at the photo's top-left corner.
        let placed = geometry.pageBox(PixelBox(left: margin, top: margin, right: margin + 2, bottom: margin + 2))
        #expect(abs(placed.x - corners.topLeft.x) < 4 && abs(placed.y - corners.topLeft.y) < 4, "\(placed)")
    }

    @Test("Text-layer pages carry no corrections")
    func textLayer() async throws {
        let page = try #require(try await transcriber.transcribe(SampleFiles.letterPDF).pages.first)
        #expect(page.corrections == nil)
    }
}
