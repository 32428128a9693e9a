public import Foundation
internal import Glibc
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
        // The shell applies the memory cap to itself and then becomes the worker.
        let child: ChildProcess
        do {
            child = try ChildProcess.spawn(
                "/bin/sh", ["-c", "ulimit -v \(memoryLimitMB * 1024) && exec \"$0\" \"$@\"", executable.path] + arguments + [url.path]
            )
        } catch {
            throw .unreadable("cannot start an extraction worker")
        }
        // Standard output (the transcript) and standard error (progress, the reason of a
        // failure) are drained on their own threads so the worker never blocks on a full pipe.
        let output = PipeCollector(child.standardError) { line in run.progressLine(line) }
        let transcript = PipeCollector(child.standardOutput, lines: nil)
        // The watchdog runs on a thread of its own, so a busy task pool cannot delay it (nor
        // make a healthy worker look hung). It waits with waitpid, not Foundation's Process,
        // which needs a loopback socket that a machine without network may not have.
        let timeout = pageTimeout
        let status: ChildProcess.Exit = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let started = Date()
                while true {
                    if let exit = child.poll() {
                        continuation.resume(returning: exit)
                        return
                    }
                    if Date().timeIntervalSince(run.lastProgress ?? started) > timeout {
                        child.kill()
                        run.timedOut = true
                        continuation.resume(returning: child.wait())
                        return
                    }
                    usleep(20_000)
                }
            }
        }
        transcript.wait()
        output.wait()
        let page = run.pagesDone + 1
        if run.timedOut {
            throw .timedOut(seconds: pageTimeout, page: page)
        }
        switch status {
        case .signal(let signal):
            throw .crashed(page: page, signal: signal, memoryLimitMB: memoryLimitMB)
        case .code(let code) where code != 0:
            // The worker's own one-line reason (an ExtractionError's message), else the status.
            let reason = output.lastLine(notStartingWith: "@page-done ") ?? "the extraction worker failed (status \(code))"
            throw .workerFailed(reason)
        case .code:
            break
        }
        do {
            return try JSONDecoder().decode([PageTranscript].self, from: transcript.data)
        } catch {
            throw .workerFailed("the extraction worker's output could not be read")
        }
    }
}

/// A child process started with `posix_spawn`: standard input from /dev/null, standard output
/// and error to pipes; waited for with `waitpid`.
struct ChildProcess: Sendable {
    enum Exit: Sendable, Equatable {
        case code(Int32)
        case signal(Int32)
    }

    let pid: pid_t
    let standardOutput: FileHandle
    let standardError: FileHandle

    static func spawn(_ path: String, _ arguments: [String]) throws -> ChildProcess {
        var out: [Int32] = [0, 0], err: [Int32] = [0, 0]
        guard pipe(&out) == 0 else { throw POSIXError(.EMFILE) }
        guard pipe(&err) == 0 else {
            close(out[0]); close(out[1])
            throw POSIXError(.EMFILE)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, out[1], 1)
        posix_spawn_file_actions_adddup2(&actions, err[1], 2)
        for descriptor in [out[0], out[1], err[0], err[1]] { posix_spawn_file_actions_addclose(&actions, descriptor) }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, nil, argv, environ)
        close(out[1])
        close(err[1])
        guard result == 0 else {
            close(out[0]); close(err[0])
            throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EINVAL)
        }
        return ChildProcess(
            pid: pid, standardOutput: FileHandle(fileDescriptor: out[0], closeOnDealloc: true),
            standardError: FileHandle(fileDescriptor: err[0], closeOnDealloc: true)
        )
    }

    /// The exit, if the child has ended (it is then reaped).
    func poll() -> Exit? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else { return nil }
        return Self.exit(status)
    }

    func wait() -> Exit {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        return Self.exit(status)
    }

    func kill() { _ = Glibc.kill(pid, SIGKILL) }

    /// WIFSIGNALED / WTERMSIG / WEXITSTATUS, spelled out (the C macros are not imported).
    static func exit(_ status: Int32) -> Exit {
        let signal = status & 0x7F
        return signal != 0 && signal != 0x7F ? .signal(signal) : .code((status >> 8) & 0xFF)
    }
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
