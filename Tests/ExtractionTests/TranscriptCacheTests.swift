import DossierCore
import Foundation
import Testing
import TestSupport
@testable import Extraction

private let cachePool = OCRWorkerPool(workers: 1, languages: "nld+eng")

@Suite("Transcript cache")
struct TranscriptCacheTests {
    /// The one entry file the cache holds.
    private func entry(in folder: URL) throws -> URL {
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "json" } ?? []
        try #require(files.count == 1)
        return files[0]
    }

    @Test("The same content is read from the cache, not OCR'd again; a spoilt entry is read afresh")
    func reuse() async throws {
        let folder = try TemporaryFolder()
        let cache = try TranscriptCache(directory: folder.url.appendingPathComponent("cache"))
        let transcriber = DocumentTranscriber(options: TranscriptionOptions(), pool: cachePool, cache: cache)
        let first = try await transcriber.transcribe(SampleFiles.payslipPNG)
        #expect(first.pages.first?.method == .ocr)

        // Mark the stored entry: a second run that returns the mark did not OCR.
        let file = try entry(in: cache.directory)
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let marked = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "Loonstrook", with: "CACHED-Loonstrook")
        try marked.write(to: file, atomically: true, encoding: .utf8)
        let copy = folder.url.appendingPathComponent("other-name.png")
        try FileManager.default.copyItem(at: SampleFiles.payslipPNG, to: copy)
        let second = try await transcriber.transcribe(copy, displayName: "other-name.png")
        #expect(second.pages.first?.text.contains("CACHED-Loonstrook") == true)
        #expect(second.file == "other-name.png")

        // Other settings are another entry.
        let plain = DocumentTranscriber(
            options: TranscriptionOptions(correctOrientation: false), pool: cachePool, cache: cache
        )
        #expect(try await plain.transcribe(copy).pages.first?.text.contains("CACHED") == false)

        // A damaged entry counts as missing and is replaced.
        try Data("{not json".utf8).write(to: file)
        let third = try await transcriber.transcribe(copy)
        #expect(third.pages == first.pages)
        #expect(try await transcriber.transcribe(copy).pages == first.pages)
    }
}
