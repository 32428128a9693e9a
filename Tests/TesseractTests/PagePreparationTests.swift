import Foundation
import Testing
import TestSupport
import Tesseract

@Suite("Leptonica corrections and tesseract orientation detection")
struct PagePreparationTests {
    @Test("Orientation detection sees a page turned a quarter, and the suggested turn brings it upright")
    func orientation() throws {
        let detector = try OrientationDetector()
        let upright = try LeptonicaImage(contentsOf: SampleFiles.payslipPNG)
        let turned = try upright.rotated(quarterTurnsClockwise: 1)
        let found = try #require(detector.detect(turned))
        #expect(found.degrees != 0)
        #expect(found.script == "Latin")
        let corrected = try turned.rotated(quarterTurnsClockwise: found.correctingQuarterTurns)
        #expect(detector.detect(corrected)?.degrees == 0)
        #expect(corrected.width == upright.width)
    }

    @Test("Deskew finds a 2° tilt and reports it")
    func deskew() throws {
        let tilted = try LeptonicaImage(contentsOf: SampleFiles.payslipPNG).rotated(byDegrees: 2)
        let (_, angle) = tilted.deskewed()
        #expect(abs(abs(angle) - 2) < 0.5, "found \(angle)°")
        let (_, straightAngle) = try LeptonicaImage(contentsOf: SampleFiles.payslipPNG).deskewed()
        #expect(straightAngle == 0)
    }

    @Test("Grey bytes become an image that keeps its pixels, size and resolution")
    func fromGrayBytes() throws {
        var pixels = [UInt8](repeating: 255, count: 13 * 5)
        pixels[2 * 13 + 7] = 0
        let image = try LeptonicaImage(grayPixels: pixels, width: 13, height: 5, resolution: 150)
        #expect(image.width == 13)
        #expect(image.height == 5)
        #expect(image.depth == 8)
        #expect(image.resolution == 150)
        let folder = try TemporaryFolder()
        let file = folder.url.appendingPathComponent("x.png")
        try image.write(to: file)
        let back = try LeptonicaImage(contentsOf: file)
        #expect(back.width == 13 && back.height == 5)
    }

    @Test("Scaling adjusts the resolution with the size")
    func scaling() throws {
        let image = try LeptonicaImage(contentsOf: SampleFiles.payslipPNG).scaled(by: 0.5)
        #expect(image.width == 1240)
        #expect(image.resolution == 150)
    }

    @Test("Long thin rules are found and redrawn; letters and solid areas are not rules")
    func rules() throws {
        func redraw(_ image: LeptonicaImage) -> (image: LeptonicaImage, rules: Int)? {
            let dpi = image.resolution
            return image.withRulesRedrawn(horizontalLength: dpi, verticalLength: dpi / 2, thickness: max(2, dpi / 40))
        }
        let clean = try LeptonicaImage(contentsOf: SampleFiles.payslipPNG)
        #expect(redraw(clean) == nil, "a page of text has no rules")
        // A solid block (a redaction, a logo) is thicker than any rule.
        let block = try clean.blackened([PixelBox(left: 300, top: 2400, right: 900, bottom: 2700)])
        #expect(redraw(block) == nil)
        // One 3-pixel line across the page and a column line beside the figures.
        let lined = try clean.blackened([PixelBox(left: 250, top: 1000, right: 2200, bottom: 1003),
                                          PixelBox(left: 1300, top: 1900, right: 1303, bottom: 2600)])
        let found = try #require(redraw(lined))
        #expect(found.rules == 2)
        // Redrawn two pixels wider each side: the line's neighbourhood turns dark, the text's does not.
        #expect(try found.image.grayValues(in: PixelBox(left: 1000, top: 998, right: 1001, bottom: 1005)).allSatisfy { $0 < 60 })
        #expect(try found.image.grayValues(in: PixelBox(left: 300, top: 1100, right: 2000, bottom: 1300))
            == (try lined.grayscale().grayValues(in: PixelBox(left: 300, top: 1100, right: 2000, bottom: 1300))))
        // The scanned ruled payslip: two tables, each one connected grid.
        let ruled = try LeptonicaImage(contentsOf: SampleFiles.ruledPayslipPNG).deskewed().image
        #expect(redraw(ruled)?.rules == 2)
    }

    @Test("A document photographed on a dark table is found by its four corners and seen from above; scans have none")
    func documentEdges() throws {
        let photo = try LeptonicaImage(contentsOf: SampleFiles.payslipPhotoJPEG)
        let corners = try #require(photo.documentCorners())
        #expect(corners.standsUpright)
        let (straight, map) = try #require(photo.straightened(corners))
        // An A4 page: about 1.41 times as tall as wide, within its white margin.
        let margin = Double(map.margin)
        let ratio = (Double(straight.height) - 2 * margin) / (Double(straight.width) - 2 * margin)
        #expect(abs(ratio - 1.414) < 0.08, "height/width \(ratio)")
        // The straightened page's corners lie on the photo's corners.
        let topLeft = map.photoPoint(x: margin, y: margin)
        #expect(abs(topLeft.x - corners.topLeft.x) < 3 && abs(topLeft.y - corners.topLeft.y) < 3)
        let bottomRight = map.photoPoint(x: Double(straight.width) - margin, y: Double(straight.height) - margin)
        #expect(abs(bottomRight.x - corners.bottomRight.x) < 4 && abs(bottomRight.y - corners.bottomRight.y) < 4)
        // A scan's page fills its image; a card scanned on a white lid is no darker ground.
        for scan in [SampleFiles.payslipPNG, SampleFiles.ruledPayslipPNG, SampleFiles.dutchCardPNG] {
            #expect(try LeptonicaImage(contentsOf: scan).documentCorners() == nil, "\(scan.lastPathComponent)")
        }
        // A card photographed on a table is found too, lying on its side.
        #expect(try LeptonicaImage(contentsOf: SampleFiles.cardPhotoJPEG).documentCorners()?.standsUpright == false)
    }
}
