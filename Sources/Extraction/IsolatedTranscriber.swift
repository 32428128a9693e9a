public import Foundation
public import DossierCore

/// Something that turns a file into page transcripts: in this process, or in a worker process.
public protocol FileTranscribing: Sendable {
    /// What shapes the transcript (see ``TranscriptionOptions/fingerprint``).
    var fingerprint: String { get }
    /// Transcribes the pages of a file whose format is known; `progress` gets 1 per page.
    func transcribePages(
        _ url: URL, format: FileFormat, progress: @escaping @Sendable (Int) -> Void
    ) async throws(ExtractionError) -> [PageTranscript]
}

extension DocumentTranscriber: FileTranscribing {
    public var fingerprint: String { options.fingerprint }
}

/// Reads each file in a worker process of its own, so that a parser crash, a hang or a memory
/// runaway in poppler, leptonica or tesseract ends that file, not the batch.
///
/// The worker is `executable` with `arguments` + the file's path; it prints the pages as JSON
/// on stdout and a line `@page-done N` on stderr as each page is done. The supervisor kills it when
/// no page finishes within `pageTimeout` seconds, and caps its address space at
/// `memoryLimitMB` (`ulimit -v`). A worker that dies by a signal, runs out of time or exits
/// with an error ends its file with a reason that names the page it was on.
public struct IsolatedTranscriber: FileTranscribing {
    public let executable: URL
    public let arguments: [String]
    public let fingerprint: String
    public let pageTimeout: TimeInterval
    public let memoryLimitMB: Int

    public init(executable: URL, arguments: [String], fingerprint: String, pageTimeout: TimeInterval, memoryLimitMB: Int) {
        self.executable = executable
        self.arguments = arguments
        self.fingerprint = fingerprint
        self.pageTimeout = pageTimeout
        self.memoryLimitMB = memoryLimitMB
    }

    public func transcribePages(
        _ url: URL, format: FileFormat, progress: @escaping @Sendable (Int) -> Void
    ) async throws(ExtractionError) -> [PageTranscript] {
        let run = WorkerRun(progress: progress)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The shell applies the memory cap to itself and then becomes the worker.
        process.arguments = ["-c", "ulimit -v \(memoryLimitMB * 1024) && exec \"$0\" \"$@\"", executable.path] + arguments + [url.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw .unreadable("cannot start an extraction worker") }
        // Standard output (the transcript) and standard error (progress, the reason of a
        // failure) are drained on their own threads so the worker never blocks on a full pipe.
        let output = PipeCollector(err.fileHandleForReading) { line in run.progressLine(line) }
        let transcript = PipeCollector(out.fileHandleForReading, lines: nil)
        // The watchdog runs on a thread of its own, so a busy task pool cannot delay it (nor
        // make a healthy worker look hung).
        let timeout = pageTimeout
        let supervised = UncheckedProcess(process)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                let process = supervised.process
                let started = Date()
                while process.isRunning {
                    usleep(20_000)
                    if process.isRunning, Date().timeIntervalSince(run.lastProgress ?? started) > timeout {
                        kill(process.processIdentifier, SIGKILL)
                        run.timedOut = true
                        break
                    }
                }
                process.waitUntilExit()
                continuation.resume()
            }
        }
        transcript.wait()
        output.wait()
        let page = run.pagesDone + 1
        if run.timedOut {
            throw .timedOut(seconds: pageTimeout, page: page)
        }
        if process.terminationReason == .uncaughtSignal {
            throw .crashed(page: page, signal: process.terminationStatus, memoryLimitMB: memoryLimitMB)
        }
        guard process.terminationStatus == 0 else {
            // The worker's own one-line reason (an ExtractionError's message), else the status.
            let reason = output.lastLine(notStartingWith: "@page-done ") ?? "the extraction worker failed (status \(process.terminationStatus))"
            throw .workerFailed(reason)
        }
        do {
            return try JSONDecoder().decode([PageTranscript].self, from: transcript.data)
        } catch {
            throw .workerFailed("the extraction worker's output could not be read")
        }
    }
}

/// A `Process` handed to the watchdog thread (Foundation's `Process` is not `Sendable`; only
/// that thread and, after it finishes, the caller touch it).
struct UncheckedProcess: @unchecked Sendable {
    let process: Process
    init(_ process: Process) { self.process = process }
}

/// Progress of one worker, shared between the reader thread and the supervisor.
final class WorkerRun: @unchecked Sendable {
    private let lock = NSLock()
    private let progress: @Sendable (Int) -> Void
    private var _pagesDone = 0
    private var _lastProgress: Date?
    private var _timedOut = false

    init(progress: @escaping @Sendable (Int) -> Void) { self.progress = progress }

    var pagesDone: Int { lock.withLock { _pagesDone } }
    var lastProgress: Date? { lock.withLock { _lastProgress } }
    var timedOut: Bool {
        get { lock.withLock { _timedOut } }
        set { lock.withLock { _timedOut = newValue } }
    }

    func progressLine(_ line: String) {
        guard line.hasPrefix("@page-done ") else { return }
        lock.withLock {
            _pagesDone += 1
            _lastProgress = Date()
        }
        progress(1)
    }
}

/// Reads a pipe to its end on a thread of its own; optionally hands over each line as it comes.
final class PipeCollector: @unchecked Sendable {
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var buffer = Data()

    init(_ handle: FileHandle, lines: (@Sendable (String) -> Void)?) {
        Thread.detachNewThread { [self] in
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.withLock { buffer.append(chunk) }
                guard let lines else { continue }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: 0x0A) {
                    lines(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                    pending.removeSubrange(pending.startIndex...newline)
                }
            }
            done.signal()
        }
    }

    convenience init(_ handle: FileHandle, _ lines: @escaping @Sendable (String) -> Void) {
        self.init(handle, lines: lines)
    }

    func wait() { done.wait() }

    var data: Data { lock.withLock { buffer } }

    func lastLine(notStartingWith prefix: String) -> String? {
        String(decoding: data, as: UTF8.self).split(separator: "\n").last { !$0.hasPrefix(prefix) }.map(String.init)
    }
}
