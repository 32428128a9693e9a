import DossierCore
import Foundation
import Testing
import TestSupport
@testable import Extraction
import Tesseract

/// The supervisor against workers that really crash, hang or fail: small shell programs that
/// speak the worker protocol and behave like a parser gone wrong (a segfault is a real SIGSEGV,
/// a hang a real sleep).
@Suite("Extraction in worker processes")
struct IsolatedTranscriberTests {
    /// A worker script in a temporary folder: `body` runs once per request line.
    static func worker(_ body: String, in folder: TemporaryFolder) throws -> URL {
        let url = folder.url.appendingPathComponent("worker-\(UUID().uuidString).sh")
        try Data("#!/bin/sh\nwhile read -r request; do\n\(body)\ndone\n".utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url
    }

    /// The script is run by /bin/sh rather than executed itself: a script written while another
    /// test starts a process can be briefly held open by that child, and executing it would then
    /// fail with "text file busy".
    static func transcriber(
        _ script: URL, timeout: TimeInterval = 5, memoryLimitMB: Int = 1024, filesPerWorker: Int = 200
    ) -> IsolatedTranscriber {
        IsolatedTranscriber(
            executable: URL(fileURLWithPath: "/bin/sh"), arguments: [script.path], fingerprint: "test",
            pageTimeout: timeout, memoryLimitMB: memoryLimitMB, filesPerWorker: filesPerWorker
        )
    }

    @Test("A worker that dies by a signal ends its file with the page it was on")
    func crash() async throws {
        let folder = try TemporaryFolder("dossier-workers")
        let script = try Self.worker("echo '@page-done 1'; echo '@page-done 2'; kill -SEGV $$", in: folder)
        await #expect(throws: ExtractionError.crashed(page: 3, signal: SIGSEGV, memoryLimitMB: 1024)) {
            try await Self.transcriber(script).transcribePages(SampleFiles.letterPDF, format: .pdf) { _ in }
        }
        #expect(ExtractionError.crashed(page: 3, signal: SIGSEGV, memoryLimitMB: 1024).localizedDescription
                    .hasPrefix("the reader crashed while on page 3 (signal 11"))
    }

    @Test("A worker that stops making progress is killed after the page timeout")
    func hang() async throws {
        let folder = try TemporaryFolder("dossier-workers")
        let pidFile = folder.url.appendingPathComponent("worker.pid")
        let script = try Self.worker("echo $$ > '\(pidFile.path)'; echo '@page-done 1'; exec sleep 30", in: folder)
        await #expect(throws: ExtractionError.timedOut(seconds: 0.5, page: 2)) {
            try await Self.transcriber(script, timeout: 0.5).transcribePages(SampleFiles.letterPDF, format: .pdf) { _ in }
        }
        // Killed, not waited for: the worker process is gone.
        let pid = try #require(Int32(String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, 0) == -1 && errno == ESRCH)
    }

    @Test("A worker's own reason is passed on; progress is counted; output is read")
    func reasonsAndOutput() async throws {
        let folder = try TemporaryFolder("dossier-workers")
        let failing = try Self.worker("echo '@page-done 1'; echo '@failed the PDF is encrypted and needs a password'", in: folder)
        await #expect(throws: ExtractionError.workerFailed("the PDF is encrypted and needs a password")) {
            try await Self.transcriber(failing).transcribePages(SampleFiles.letterPDF, format: .pdf) { _ in }
        }
        let page = PageTranscript(number: 1, method: .textLayer, text: "tekst", confidence: nil)
        let reply = try folder.write("reply.bin", try ExtractionWorkerProtocol.pagesReply([page]))
        let working = try Self.worker("echo '@page-done 1'; cat '\(reply.path)'", in: folder)
        let counted = Counter()
        let pages = try await Self.transcriber(working).transcribePages(SampleFiles.letterPDF, format: .pdf) { counted.add($0) }
        #expect(pages == [page])
        #expect(counted.value == 1)
    }

    @Test("A worker reads file after file; one that crashed is replaced; a healthy one is retired after its quota")
    func workersAreReused() async throws {
        let folder = try TemporaryFolder("dossier-workers")
        let pids = folder.url.appendingPathComponent("pids")
        let page = PageTranscript(number: 1, method: .textLayer, text: "tekst", confidence: nil)
        let reply = try folder.write("reply.bin", try ExtractionWorkerProtocol.pagesReply([page]))
        let script = try Self.worker("""
            echo $$ >> '\(pids.path)'
            case "$request" in *crash*) kill -SEGV $$;; esac
            echo '@page-done 1'; cat '\(reply.path)'
            """, in: folder)
        let transcriber = Self.transcriber(script, filesPerWorker: 3)
        defer { transcriber.shutdown() }
        func read(_ name: String) async throws(ExtractionError) -> [PageTranscript] {
            try await transcriber.transcribePages(folder.url.appendingPathComponent(name), format: .pdf) { _ in }
        }
        // A name with a newline in it is still one request.
        #expect(try await read("a.pdf") == [page])
        #expect(try await read("b\nc.pdf") == [page])
        await #expect(throws: ExtractionError.crashed(page: 1, signal: SIGSEGV, memoryLimitMB: 1024)) { try await read("crash.pdf") }
        for name in ["d.pdf", "e.pdf", "f.pdf", "g.pdf"] { #expect(try await read(name) == [page]) }
        let served = try String(contentsOf: pids, encoding: .utf8).split(separator: "\n")
        #expect(served.count == 7)
        // a, b and the crash in the first worker; d, e, f in the second (its quota); g in a third.
        #expect(Set(served[0...2]).count == 1)
        #expect(Set(served[3...5]).count == 1)
        #expect(Set([served[0], served[3], served[6]]).count == 3)
    }

    @Test("A worker is held to its memory cap")
    func memoryCap() async throws {
        let folder = try TemporaryFolder("dossier-workers")
        // 800 MB asked for under a 300 MB cap: the allocation fails inside the worker, which
        // stops (Python exits with status 1 on a MemoryError).
        let greedy = try Self.worker("exec python3 -c 'b = bytearray(800 * 1024 * 1024); print(len(b))'", in: folder)
        let capped = Self.transcriber(greedy, timeout: 30, memoryLimitMB: 300)
        await #expect(throws: ExtractionError.workerFailed("the extraction worker stopped on page 1 (status 1)")) {
            try await capped.transcribePages(SampleFiles.letterPDF, format: .pdf) { _ in }
        }
    }
}

/// Why an image could not be decoded, in words a caseworker can act on.
@Suite("Decoding failures")
struct DecodingFailureTests {
    @Test("A large image that fails to decode under a memory limit is blamed on the limit, not called damaged")
    func memoryNotDamage() {
        let failure = OCRError.unreadableImage("not a readable PNG, JPEG or TIFF")
        let big = ImageTranscriber.map(failure, page: nil, size: (15000, 15000), limit: 400 << 20)
        #expect(big == .pageFailed(page: 1, reason: "15000 × 15000 pixels need more memory than the reader may use: 400 MB"))
        let small = ImageTranscriber.map(failure, page: nil, size: (800, 600), limit: 400 << 20)
        #expect(small.localizedDescription.contains("damaged"))
        let unlimited = ImageTranscriber.map(failure, page: 2, size: (15000, 15000), limit: nil)
        #expect(unlimited == .pageFailed(page: 2, reason: "the image data cannot be decoded"))
    }
}

/// The compact page form workers send.
@Suite("Pages on the wire")
struct PageWireTests {
    @Test("Pages with layouts, corrections and odd text come back equal; damaged bytes are refused, never trusted")
    func roundTrip() async throws {
        let pool = OCRWorkerPool(workers: 1, languages: "nld+eng")
        defer { pool.shutdown() }
        let transcriber = DocumentTranscriber(options: TranscriptionOptions(), pool: pool)
        var pages = try await transcriber.transcribePages(SampleFiles.letterPDF, format: .pdf)
        pages += try await transcriber.transcribePages(SampleFiles.payslipPNG, format: .png)
        pages.append(PageTranscript(number: 3, method: .ocr, text: "ë\u{202E}\n\u{0}😀", confidence: 0.5, decision: .blank))
        #expect(pages.contains { $0.layout != nil } && pages.contains { $0.corrections != nil })
        #expect(pages.contains { $0.script == "Latin" && $0.language == "nld" })
        let data = try PageWire.encode(pages)
        #expect(try PageWire.decode(data) == pages)
        for cut in stride(from: 0, to: data.count - 1, by: max(1, data.count / 97)) {
            #expect(throws: PageWire.Malformed.self) { try PageWire.decode(data.prefix(cut)) }
        }
        var lying = data
        lying.replaceSubrange(0..<4, with: [0xFF, 0xFF, 0xFF, 0x7F])
        #expect(throws: PageWire.Malformed.self) { try PageWire.decode(lying) }
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add(_ n: Int) { lock.withLock { count += n } }
    var value: Int { lock.withLock { count } }
}
