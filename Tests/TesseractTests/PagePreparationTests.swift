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
}
