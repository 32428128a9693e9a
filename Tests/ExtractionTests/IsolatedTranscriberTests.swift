import DossierCore
import Foundation
import Testing
import TestSupport
@testable import Extraction

/// The supervisor against workers that really crash, hang or fail: small shell programs that
/// behave like a parser gone wrong (a segfault is a real SIGSEGV, a hang a real sleep).
@Suite("Extraction in worker processes")
struct IsolatedTranscriberTests {
    /// A worker script in a temporary folder.
    static func worker(_ body: String, in folder: TemporaryFolder) throws -> URL {
        let url = folder.url.appendingPathComponent("worker-\(UUID().uuidString).sh")
        try Data("#!/bin/sh\n\(body)\n".utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url
    }

    static func transcriber(_ executable: URL, timeout: TimeInterval = 5) -> IsolatedTranscriber {
        IsolatedTranscriber(executable: executable, arguments: [], fingerprint: "test", pageTimeout: timeout, memoryLimitMB: 1024)
    }

    @Test("A worker that dies by a signal ends its file with the page it was on")
    func crash() async throws {
        let folder = try TemporaryFolder("dossier-workers")
        let script = try Self.worker("echo '@page-done 1' >&2; echo '@page-done 2' >&2; kill -SEGV $$", in: folder)
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
        let script = try Self.worker("echo $$ > '\(pidFile.path)'; echo '@page-done 1' >&2; exec sleep 30", in: folder)
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
        let failing = try Self.worker("echo '@page-done 1' >&2; echo 'the PDF is encrypted and needs a password' >&2; exit 2", in: folder)
        await #expect(throws: ExtractionError.workerFailed("the PDF is encrypted and needs a password")) {
            try await Self.transcriber(failing).transcribePages(SampleFiles.letterPDF, format: .pdf) { _ in }
        }
        let page = PageTranscript(number: 1, method: .textLayer, text: "tekst", confidence: nil)
        let json = String(decoding: try JSONEncoder().encode([page]), as: UTF8.self)
        let working = try Self.worker("echo '@page-done 1' >&2; printf '%s' '\(json)'", in: folder)
        let counted = Counter()
        let pages = try await Self.transcriber(working).transcribePages(SampleFiles.letterPDF, format: .pdf) { counted.add($0) }
        #expect(pages == [page])
        #expect(counted.value == 1)
    }

    @Test("A worker is held to its memory cap")
    func memoryCap() async throws {
        let folder = try TemporaryFolder("dossier-workers")
        // 800 MB asked for under a 300 MB cap: the allocation fails inside the worker.
        let greedy = try Self.worker("exec python3 -c 'b = bytearray(800 * 1024 * 1024); print(len(b))'", in: folder)
        let capped = IsolatedTranscriber(executable: greedy, arguments: [], fingerprint: "test", pageTimeout: 30, memoryLimitMB: 300)
        await #expect(throws: ExtractionError.workerFailed("MemoryError")) {
            try await capped.transcribePages(SampleFiles.letterPDF, format: .pdf) { _ in }
        }
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add(_ n: Int) { lock.withLock { count += n } }
    var value: Int { lock.withLock { count } }
}
