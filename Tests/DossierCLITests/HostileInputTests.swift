import Foundation
import Testing
import TestSupport

/// Inputs made to exhaust the machine are refused from their headers, one line each, and the
/// batch goes on.
@Suite("Hostile inputs")
struct HostileInputTests {
    /// A PDF whose only page is 200 × 200 inches and has no text: rendering it for OCR at
    /// 300 dpi would take 3.6 billion pixels.
    static let hugePagePDF = Data("""
        %PDF-1.4
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
        3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] >> endobj
        trailer << /Root 1 0 R >>
        %%EOF
        """.utf8)

    /// A PNG of 60 bytes whose header claims 100,000 × 100,000 pixels.
    static var pngBomb: Data {
        func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
            let typed = Array(type.utf8) + body
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in typed {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
            }
            crc ^= 0xFFFF_FFFF
            let length = UInt32(body.count)
            return [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + typed
                + [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]
        }
        let side: UInt32 = 100_000
        let size = [UInt8(side >> 24), UInt8(side >> 16 & 0xFF), UInt8(side >> 8 & 0xFF), UInt8(side & 0xFF)]
        let header = size + size + [1, 0, 0, 0, 0]  // 1 bit per pixel, grey, no interlace
        return Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]) + chunk("IEND", []))
    }

    @Test("Page bombs, size and page-count limits end their file with a clear reason; the batch goes on")
    func limits() async throws {
        let folder = try TemporaryFolder("dossier-hostile")
        let inputs = folder.url.appendingPathComponent("inputs")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        try Self.hugePagePDF.write(to: inputs.appendingPathComponent("reuzenpagina.pdf"))
        try Self.pngBomb.write(to: inputs.appendingPathComponent("bom.png"))
        try FileManager.default.copyItem(at: SampleFiles.letterPDF, to: inputs.appendingPathComponent("brief.pdf"))
        let store = folder.url.appendingPathComponent("store").path
        let session = try await CLIClient.supervisorEnvironment(store: store, in: folder)
        let run = try DossierBinary.run(["intake", inputs.path, "--case", "ZAAK-H", "--store", store, "--quiet"], environment: session)
        #expect(run.status == 1)
        #expect(run.stdout.contains("stored     \(inputs.path)/brief.pdf"))
        let errors = run.stderr.split(separator: "\n")
        #expect(errors.count == 2)
        #expect(errors.contains { $0.contains("reuzenpagina.pdf: page 1 would be 60000 × 60000 pixels, above the limit of 250 megapixels") })
        #expect(errors.contains { $0.contains("bom.png: page 1 would be 100000 × 100000 pixels, above the limit of 250 megapixels") })

        let pages = try DossierBinary.run(["transcribe", "--max-pages", "1", SampleFiles.repositoryRoot.appendingPathComponent("Samples/arbeidsovereenkomst-scan.tiff").path])
        #expect(pages.status != 0)
        #expect(pages.stderr.contains("the document has 2 pages, above the limit of 1 per document"))
        let size = try DossierBinary.run(["transcribe", "--max-file-mb", "0.001", SampleFiles.letterPDF.path])
        #expect(size.status != 0)
        #expect(size.stderr.contains("above the limit of 1.0 KB per file"))
    }

    @Test("A page that takes longer than --page-timeout ends its file, not the run")
    func pageTimeout() async throws {
        let folder = try TemporaryFolder("dossier-hostile")
        let store = folder.url.appendingPathComponent("store").path
        let session = try await CLIClient.supervisorEnvironment(store: store, in: folder)
        let scan = SampleFiles.repositoryRoot.appendingPathComponent("Samples/paspoort-scan.png").path
        let run = try DossierBinary.run(["intake", scan, "--case", "ZAAK-T", "--store", store, "--quiet", "--page-timeout", "0.3"], environment: session)
        #expect(run.status == 1)
        #expect(run.stderr.contains("paspoort-scan.png: timed out after 0.3 s on page 1, the time a page may take"), "\(run.stderr)")
        // In the default isolation the same file is read fine.
        let again = try DossierBinary.run(["intake", scan, "--case", "ZAAK-T", "--store", store, "--quiet"], environment: session)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("passport"))
    }
}
