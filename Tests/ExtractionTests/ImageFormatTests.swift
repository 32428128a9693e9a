import DossierCore
import Foundation
import Testing
import TestSupport
import Tesseract
import HEIF
@testable import Extraction

private let sharedPool = OCRWorkerPool(workers: 1, languages: "nld+eng")

/// A TIFF structure holding one orientation tag, in either byte order.
private func exifTIFF(orientation: Int, littleEndian: Bool = true) -> [UInt8] {
    func u16(_ value: Int) -> [UInt8] { littleEndian ? [UInt8(value & 0xFF), UInt8(value >> 8)] : [UInt8(value >> 8), UInt8(value & 0xFF)] }
    func u32(_ value: Int) -> [UInt8] { littleEndian ? [UInt8(value & 0xFF), 0, 0, 0] : [0, 0, 0, UInt8(value & 0xFF)] }
    return (littleEndian ? [0x49, 0x49] : [0x4D, 0x4D]) + u16(42) + u32(8)
        + u16(1) + u16(0x0112) + u16(3) + u32(1) + u16(orientation) + [0, 0] + u32(0)
}

/// A JPEG with an `Exif` APP1 segment holding `orientation`, put right after the start marker.
private func withExifOrientation(_ jpeg: Data, _ orientation: Int, littleEndian: Bool = true) -> Data {
    let body = Array("Exif".utf8) + [0, 0] + exifTIFF(orientation: orientation, littleEndian: littleEndian)
    let segment: [UInt8] = [0xFF, 0xE1, UInt8((body.count + 2) >> 8), UInt8((body.count + 2) & 0xFF)] + body
    return jpeg.prefix(2) + Data(segment) + jpeg.dropFirst(2)
}

@Suite("Photos: WebP, HEIC, EXIF orientation")
struct ImageFormatTests {
    let transcriber = DocumentTranscriber(options: TranscriptionOptions(), pool: sharedPool)

    /// The payslip scan, as a messenger or phone would send it, read back.
    private func expectPayslip(_ transcript: DocumentTranscript, sourceLocation: SourceLocation = #_sourceLocation) {
        let text = transcript.pages.first?.text ?? ""
        for phrase in ["Loonstrook oktober 2026", "Bakkerij Van Dijk", "productiemedewerker"] {
            #expect(text.contains(phrase), "missing '\(phrase)'", sourceLocation: sourceLocation)
        }
    }

    @Test("A WebP picture is recognised by its content and OCR'd like the PNG it was made from")
    func webp() async throws {
        let folder = try TemporaryFolder()
        let file = folder.url.appendingPathComponent("loonstrook.bin")
        try LeptonicaImage(contentsOf: SampleFiles.payslipPNG).writeWebP(to: file)
        #expect(try FileFormat.sniff(file) == .webp)
        let transcript = try await transcriber.transcribe(file)
        #expect(transcript.pages.count == 1 && transcript.pages[0].method == .ocr)
        expectPayslip(transcript)
    }

    @Test("A phone photo stored turned, with EXIF orientation 6, is read upright with no turn of its own; its page image stands upright too")
    func exifTurned() async throws {
        let folder = try TemporaryFolder()
        let stored = folder.url.appendingPathComponent("stored.jpg")
        // The sensor's view: the page lies turned a quarter anticlockwise; the tag says turn it back.
        try LeptonicaImage(contentsOf: SampleFiles.payslipPNG).grayscale().rotated(quarterTurnsClockwise: 3).writeJPEG(to: stored, quality: 90)
        let photo = try folder.write("foto.jpg", withExifOrientation(try Data(contentsOf: stored), 6))
        #expect(ExifOrientation.of(photo, format: .jpeg)?.value == 6)
        let transcript = try await transcriber.transcribe(photo)
        expectPayslip(transcript)
        #expect(transcript.pages[0].corrections?.rotation == 0, "the file's tag turned it; no orientation pass was needed")
        let layout = try #require(transcript.pages[0].layout)
        #expect(layout.height > layout.width, "boxes in the upright page's coordinates")
        let rendered = try PageImageRenderer(cache: folder.url.appendingPathComponent("cache"))
            .image(of: photo, sha256: try FileDigest.sha256(of: photo), format: "jpeg", page: 1)
        let image = try LeptonicaImage(contentsOf: rendered)
        #expect(image.height > image.width, "the workspace shows the page as the OCR read it")
    }

    @Test("A TIFF page whose own directory says it is stored turned is read upright (leptonica honours the tag; nothing turns it twice)")
    func tiffOrientation() async throws {
        let folder = try TemporaryFolder()
        let turned = folder.url.appendingPathComponent("gedraaid.tif")
        // Page 1 of the contract, stored a quarter turn anticlockwise (bilevel: leptonica writes G4).
        try LeptonicaImage(tiffAt: SampleFiles.contractTIFF, page: 1).rotated(quarterTurnsClockwise: 3).write(to: turned)
        var bytes = [UInt8](try Data(contentsOf: turned))
        // Its directory's Orientation entry (tag 274, SHORT) set to 6: turn a quarter clockwise to view.
        let directory = Int(bytes[4]) | Int(bytes[5]) << 8 | Int(bytes[6]) << 16 | Int(bytes[7]) << 24
        let count = Int(bytes[directory]) | Int(bytes[directory + 1]) << 8
        let entry = try #require((0..<count).map { directory + 2 + $0 * 12 }.first { Int(bytes[$0]) | Int(bytes[$0 + 1]) << 8 == 274 },
                                 "leptonica writes an Orientation entry")
        bytes[entry + 8] = 6
        try Data(bytes).write(to: turned)
        #expect(ExifOrientation.orientation(inTIFF: Data(bytes))?.value == 6)
        let transcript = try await transcriber.transcribe(turned)
        #expect(normalisedWords(transcript.pages[0].text).contains("arbeidsovereenkomst"))
        #expect(transcript.pages[0].corrections?.rotation == 0, "the file's own tag turned it")
        let rendered = try PageImageRenderer(cache: folder.url.appendingPathComponent("cache"))
            .image(of: turned, sha256: try FileDigest.sha256(of: turned), format: "tiff", page: 1)
        let image = try LeptonicaImage(contentsOf: rendered)
        #expect(image.height > image.width, "the workspace shows the page upright too")
    }

    @Test("EXIF orientation: JPEG in both byte orders, PNG eXIf, WebP EXIF; every value's turn and mirror; damaged headers give none")
    func exifParsing() {
        let jpegStart = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46])
        for value in 1...8 {
            for little in [true, false] {
                #expect(ExifOrientation.of(withExifOrientation(jpegStart + Data([0xFF, 0xDA]), value, littleEndian: little), format: .jpeg)?.value == value)
            }
        }
        #expect(ExifOrientation(value: 6)?.quarterTurns == 1 && ExifOrientation(value: 6)?.mirrored == false)
        #expect(ExifOrientation(value: 8)?.quarterTurns == 3 && ExifOrientation(value: 3)?.quarterTurns == 2)
        #expect(ExifOrientation(value: 5).map { ($0.quarterTurns, $0.mirrored) }! == (1, true))
        #expect(ExifOrientation(value: 7).map { ($0.quarterTurns, $0.mirrored) }! == (3, true))
        #expect(ExifOrientation(value: 2).map { ($0.quarterTurns, $0.mirrored) }! == (0, true))
        #expect(ExifOrientation(value: 9) == nil && ExifOrientation(value: 0) == nil)
        let tiff = exifTIFF(orientation: 8)
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data([0, 0, 0, UInt8(tiff.count)]) + Data("eXIf".utf8) + Data(tiff) + Data([0, 0, 0, 0])
        #expect(ExifOrientation.of(png, format: .png)?.value == 8)
        let exifBody = Array("Exif".utf8) + [0, 0] + tiff
        let webp = Data("RIFF".utf8) + Data([0, 0, 0, 0]) + Data("WEBP".utf8) + Data("VP8X".utf8) + Data([10, 0, 0, 0]) + Data(count: 10)
            + Data("EXIF".utf8) + Data([UInt8(exifBody.count), 0, 0, 0]) + Data(exifBody)
        #expect(ExifOrientation.of(webp, format: .webp)?.value == 8)
        // Cut short, lying lengths, a wrong byte-order mark: no orientation, no crash.
        let damaged = withExifOrientation(jpegStart, 6)
        for cut in stride(from: 0, to: damaged.count, by: 3) {
            _ = ExifOrientation.of(damaged.prefix(cut), format: .jpeg)
        }
        #expect(ExifOrientation.of(Data([0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, 0x45]), format: .jpeg) == nil)
        #expect(ExifOrientation.orientation(inTIFF: Data([0x41, 0x41, 42, 0, 8, 0, 0, 0])) == nil)
        #expect(ExifOrientation.of(png.prefix(20), format: .png) == nil)
    }

    /// The payslip scan encoded as HEIC by libheif's own encoder (`heif-enc`, libheif-examples).
    private func madeHEIC(in folder: TemporaryFolder) throws -> URL {
        let encoder = "/usr/bin/heif-enc"
        try #require(FileManager.default.isExecutableFile(atPath: encoder), "scripts/setup installs libheif-examples")
        let output = folder.url.appendingPathComponent("loonstrook.heic")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: encoder)
        process.arguments = ["-q", "80", "-o", output.path, SampleFiles.payslipPNG.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return output
    }

    @Test("An iPhone-style HEIC photo is read through libheif and OCR'd; its size is known before decoding")
    func heic() async throws {
        let folder = try TemporaryFolder()
        let photo = try madeHEIC(in: folder)
        #expect(try FileFormat.sniff(photo) == .heic)
        let file = try HEIFFile(contentsOf: photo)
        #expect(file.width == 2480 && file.height == 3509)
        let transcript = try await transcriber.transcribe(photo)
        expectPayslip(transcript)
    }

    @Test("A HEIC cut short, or claiming 100,000 × 100,000 pixels, is refused in one line before any decoding")
    func heicRefusals() async throws {
        let folder = try TemporaryFolder()
        let photo = try madeHEIC(in: folder)
        var bytes = try Data(contentsOf: photo)
        let cut = try folder.write("kapot.heic", bytes.prefix(600))
        await #expect(throws: ExtractionError.self) { try await transcriber.transcribe(cut) }
        do {
            _ = try await transcriber.transcribe(cut)
        } catch {
            #expect(error.localizedDescription.hasPrefix("the document is damaged"))
        }
        // Every spatial extent property (`ispe`: version and flags, then width and height), of
        // the image and of each tile of its grid, claims 100,000 × 100,000.
        var searchFrom = bytes.startIndex
        var patched = 0
        while let ispe = bytes.range(of: Data("ispe".utf8), in: searchFrom..<bytes.endIndex) {
            for offset in [ispe.upperBound + 4, ispe.upperBound + 8] {
                bytes.replaceSubrange(offset..<offset + 4, with: [0x00, 0x01, 0x86, 0xA0])
            }
            patched += 1
            searchFrom = ispe.upperBound
        }
        #expect(patched >= 1)
        let bomb = try folder.write("bom.heic", bytes)
        await #expect(throws: ExtractionError.pageTooLarge(page: 1, width: 100_000, height: 100_000, limit: 250_000_000)) {
            try await transcriber.transcribe(bomb)
        }
    }
}
