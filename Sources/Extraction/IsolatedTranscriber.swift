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
    /// Gets ready to read `concurrentFiles` files at once (a batch calls it once, before its
    /// first file), so that start-up costs overlap with other work.
    func prepare(concurrentFiles: Int)
}

extension FileTranscribing {
    public func prepare(concurrentFiles: Int) {}
}

extension DocumentTranscriber: FileTranscribing {
    public var fingerprint: String { options.fingerprint }
}

/// Reads files in worker processes, so that a parser crash, a hang or a memory runaway in
/// poppler, leptonica or tesseract ends that file, not the batch.
///
/// A worker is `executable` with `arguments`, kept running from file to file (starting one and
/// loading the OCR models is the cost worth saving). It speaks ``ExtractionWorkerProtocol``: one
/// request line per file on its standard input, and on its standard output `@page-done N` as each
/// page is done, then the pages or a one-line reason. The supervisor kills a worker when
/// no page finishes within `pageTimeout` seconds and caps its address space at `memoryLimitMB`
/// (`ulimit -v`). A worker that dies by a signal, runs out of time or stops ends its file with a
/// reason that names the page it was on, and is replaced for the next file; a healthy one is
/// retired after `filesPerWorker` files, so that slow leaks in the libraries stay bounded.
public final class IsolatedTranscriber: FileTranscribing, @unchecked Sendable {
    public let executable: URL
    public let arguments: [String]
    public let fingerprint: String
    public let pageTimeout: TimeInterval
    public let memoryLimitMB: Int
    public let filesPerWorker: Int

    private let lock = NSLock()
    private var idle: [WorkerProcess] = []

    public init(
        executable: URL, arguments: [String], fingerprint: String, pageTimeout: TimeInterval, memoryLimitMB: Int,
        filesPerWorker: Int = 200
    ) {
        self.executable = executable
        self.arguments = arguments
        self.fingerprint = fingerprint
        self.pageTimeout = pageTimeout
        self.memoryLimitMB = memoryLimitMB
        self.filesPerWorker = max(1, filesPerWorker)
        // A worker that died leaves a closed pipe; writing to it must fail, not end this process.
        signal(SIGPIPE, SIG_IGN)
    }

    deinit { shutdown() }

    /// Ends the idle workers (they exit when their request pipe closes).
    public func shutdown() {
        let workers = lock.withLock {
            defer { idle.removeAll() }
            return idle
        }
        for worker in workers { worker.finish() }
    }

    public func transcribePages(
        _ url: URL, format: FileFormat, progress: @escaping @Sendable (Int) -> Void
    ) async throws(ExtractionError) -> [PageTranscript] {
        // An idle worker may have died while it waited (killed from outside); such a request
        // fails before any page and is tried once more on a fresh worker.
        for attempt in 0..<2 {
            let worker: WorkerProcess
            do {
                worker = try takeWorker(fresh: attempt > 0)
            } catch {
                throw .unreadable("cannot start an extraction worker")
            }
            let timeout = pageTimeout
            let limit = memoryLimitMB
            // The exchange blocks on the worker's pipe, so it runs on a thread of its own: a busy
            // task pool cannot delay the watchdog (nor make a healthy worker look hung).
            let outcome: WorkerProcess.Outcome = await withCheckedContinuation { continuation in
                Thread.detachNewThread {
                    continuation.resume(returning: worker.transcribe(url, pageTimeout: timeout, memoryLimitMB: limit, progress: progress))
                }
            }
            switch outcome {
            case .pages(let pages):
                giveBack(worker)
                return pages
            case .failed(let error, let workerSurvives):
                if workerSurvives { giveBack(worker) } else { worker.finish() }
                throw error
            case .notDelivered where attempt == 0:
                worker.finish()
            case .notDelivered:
                worker.finish()
                throw .workerFailed("the extraction worker could not be reached")
            }
        }
        throw .workerFailed("the extraction worker could not be reached")
    }

    /// Starts the workers a batch will use, so that each loads its models while the batch is
    /// still being planned.
    public func prepare(concurrentFiles: Int) {
        let missing = lock.withLock { max(0, concurrentFiles - idle.count) }
        for _ in 0..<missing {
            guard let worker = try? takeWorker(fresh: true) else { return }
            lock.withLock { idle.append(worker) }
        }
    }

    private func takeWorker(fresh: Bool) throws -> WorkerProcess {
        if !fresh, let worker = lock.withLock({ idle.popLast() }) { return worker }
        // The shell applies the memory cap to itself and then becomes the worker. Two malloc
        // arenas at most: glibc reserves 64 MB of address space per arena and thread, which
        // under an address-space cap would count against the worker without being used.
        let cap = "ulimit -v \(memoryLimitMB * 1024) && export MALLOC_ARENA_MAX=2 && exec \"$0\" \"$@\""
        return WorkerProcess(try ChildProcess.spawn("/bin/sh", ["-c", cap, executable.path] + arguments))
    }

    private func giveBack(_ worker: WorkerProcess) {
        guard worker.filesDone < filesPerWorker else {
            worker.finish()
            return
        }
        lock.withLock { idle.append(worker) }
    }
}

/// The lines between a supervisor and an extraction worker.
///
/// Request (standard input, one line per file): a JSON object `{"path": "…"}`. Replies (the
/// worker's standard output; it sends everything else it or its libraries print to standard
/// error): `@page-done N` after each page; then either `@pages LENGTH` followed by LENGTH bytes
/// of pages in ``PageWire`` form, or `@failed REASON` (one line, no document text).
/// The worker exits when its standard input ends.
public enum ExtractionWorkerProtocol {
    /// One file to read.
    public struct Request: Codable, Sendable {
        public var path: String
        public init(path: String) { self.path = path }
    }

    public static let pageDone = "@page-done "
    public static let pages = "@pages "
    public static let failed = "@failed "

    /// The request line for `url` (JSON escapes every newline a file name may hold).
    static func requestLine(_ url: URL) throws -> Data {
        var line = try JSONEncoder().encode(Request(path: url.path))
        line.append(0x0A)
        return line
    }

    /// The reply carrying the pages (in ``PageWire`` form).
    public static func pagesReply(_ pages: [PageTranscript]) throws -> Data {
        let body = try PageWire.encode(pages)
        return Data("\(Self.pages)\(body.count)\n".utf8) + body
    }

    /// The reply carrying a failure; the reason is kept to one line.
    public static func failedReply(_ reason: String) -> Data {
        let line = reason.split(whereSeparator: \.isNewline).joined(separator: " ")
        return Data("\(failed)\(line)\n".utf8)
    }
}

/// One running worker and its two pipes; used by one file at a time.
final class WorkerProcess: @unchecked Sendable {
    /// How a request ended.
    enum Outcome: Sendable {
        case pages([PageTranscript])
        /// The file failed; `workerSurvives` when the worker said so itself and can go on.
        case failed(ExtractionError, workerSurvives: Bool)
        /// The worker was gone before it read the request.
        case notDelivered
    }

    private let child: ChildProcess
    private var buffer = Data()
    private(set) var filesDone = 0

    init(_ child: ChildProcess) { self.child = child }

    /// Sends `url` and reads the replies until the pages, a failure, the worker's end or the timeout.
    func transcribe(
        _ url: URL, pageTimeout: TimeInterval, memoryLimitMB: Int, progress: @Sendable (Int) -> Void
    ) -> Outcome {
        filesDone += 1
        guard let request = try? ExtractionWorkerProtocol.requestLine(url), child.send(request) else { return .notDelivered }
        var pagesDone = 0
        var lastProgress = Date()
        while true {
            // Whole messages first.
            while let message = nextMessage() {
                switch message {
                case .pageDone:
                    pagesDone += 1
                    lastProgress = Date()
                    progress(1)
                case .pages(let data):
                    guard let pages = try? PageWire.decode(data) else {
                        return .failed(.workerFailed("the extraction worker's output could not be read"), workerSurvives: false)
                    }
                    return .pages(pages)
                case .failed(let reason):
                    return .failed(.workerFailed(reason), workerSurvives: true)
                case .garbled:
                    child.kill()
                    _ = child.wait()
                    return .failed(.workerFailed("the extraction worker's output could not be read"), workerSurvives: false)
                }
            }
            switch child.read(into: &buffer, waitingAtMost: 0.02) {
            case .data:
                continue
            case .end:
                switch child.wait() {
                case .signal(let signal):
                    return .failed(.crashed(page: pagesDone + 1, signal: signal, memoryLimitMB: memoryLimitMB), workerSurvives: false)
                case .code(let code):
                    return .failed(.workerFailed("the extraction worker stopped on page \(pagesDone + 1) (status \(code))"), workerSurvives: false)
                }
            case .nothingYet:
                if Date().timeIntervalSince(lastProgress) > pageTimeout {
                    child.kill()
                    _ = child.wait()
                    return .failed(.timedOut(seconds: pageTimeout, page: pagesDone + 1), workerSurvives: false)
                }
            }
        }
    }

    /// Closes the request pipe (a healthy worker exits) and reaps the process.
    func finish() {
        child.closeInput()
        Thread.detachNewThread { [child] in
            // A worker still busy after a second is ended.
            for _ in 0..<50 {
                if child.poll() != nil { return }
                usleep(20_000)
            }
            child.kill()
            _ = child.wait()
        }
    }

    private enum Message {
        case pageDone
        case pages(Data)
        case failed(String)
        case garbled
    }

    /// The next whole message in the buffer, removed from it.
    private func nextMessage() -> Message? {
        guard let newline = buffer.firstIndex(of: 0x0A) else { return nil }
        let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
        let rest = buffer.index(after: newline)
        if line.hasPrefix(ExtractionWorkerProtocol.pageDone) {
            buffer.removeSubrange(buffer.startIndex..<rest)
            return .pageDone
        }
        if line.hasPrefix(ExtractionWorkerProtocol.failed) {
            buffer.removeSubrange(buffer.startIndex..<rest)
            return .failed(String(line.dropFirst(ExtractionWorkerProtocol.failed.count)))
        }
        if line.hasPrefix(ExtractionWorkerProtocol.pages), let length = Int(line.dropFirst(ExtractionWorkerProtocol.pages.count)), length >= 0 {
            guard buffer.distance(from: rest, to: buffer.endIndex) >= length else { return nil }
            let end = buffer.index(rest, offsetBy: length)
            let json = Data(buffer[rest..<end])
            buffer.removeSubrange(buffer.startIndex..<end)
            return .pages(json)
        }
        return .garbled
    }
}

/// A child process started with `posix_spawn`: standard input and output are pipes, standard
/// error goes to /dev/null (library chatter); waited for with `waitpid`.
final class ChildProcess: @unchecked Sendable {
    enum Exit: Sendable, Equatable {
        case code(Int32)
        case signal(Int32)
    }

    /// What a read found.
    enum ReadResult {
        case data
        case nothingYet
        case end
    }

    let pid: pid_t
    private let lock = NSLock()
    private var input: Int32
    private let output: Int32
    private var exitStatus: Exit?

    private init(pid: pid_t, input: Int32, output: Int32) {
        self.pid = pid
        self.input = input
        self.output = output
    }

    deinit {
        if input >= 0 { close(input) }
        close(output)
    }

    /// Pipes are made and marked close-on-exec under this lock, so that a child started at
    /// the same time on another thread never inherits them (a worker would then never see the
    /// end of its requests).
    private static let spawning = NSLock()

    static func spawn(_ path: String, _ arguments: [String]) throws -> ChildProcess {
        try spawning.withLock { try spawnLocked(path, arguments) }
    }

    private static func spawnLocked(_ path: String, _ arguments: [String]) throws -> ChildProcess {
        var toChild: [Int32] = [0, 0], fromChild: [Int32] = [0, 0]
        guard pipe(&toChild) == 0 else { throw POSIXError(.EMFILE) }
        guard pipe(&fromChild) == 0 else {
            close(toChild[0]); close(toChild[1])
            throw POSIXError(.EMFILE)
        }
        for descriptor in toChild + fromChild { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // The child starts with SIGPIPE at its default, whatever this process ignores.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        close(toChild[0])
        close(fromChild[1])
        guard result == 0 else {
            close(toChild[1]); close(fromChild[0])
            throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EINVAL)
        }
        return ChildProcess(pid: pid, input: toChild[1], output: fromChild[0])
    }

    /// Writes all of `data` to the child's standard input; false when the child is gone.
    func send(_ data: Data) -> Bool {
        let descriptor = lock.withLock { input }
        guard descriptor >= 0 else { return false }
        return data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    /// Closes the child's standard input (end of requests).
    func closeInput() {
        lock.withLock {
            if input >= 0 { close(input) }
            input = -1
        }
    }

    /// Appends what the child wrote, waiting up to `seconds` for something to come.
    func read(into buffer: inout Data, waitingAtMost seconds: TimeInterval) -> ReadResult {
        var descriptor = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
        let ready = Glibc.poll(&descriptor, 1, Int32(seconds * 1000))
        guard ready > 0 else { return .nothingYet }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = Glibc.read(output, &chunk, chunk.count)
        if count < 0 { return errno == EINTR || errno == EAGAIN ? .nothingYet : .end }
        if count == 0 { return .end }
        buffer.append(contentsOf: chunk[0..<count])
        return .data
    }

    /// The exit, if the child has ended (it is then reaped).
    func poll() -> Exit? {
        lock.withLock {
            if let exitStatus { return exitStatus }
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
            exitStatus = Self.exit(status)
            return exitStatus
        }
    }

    func wait() -> Exit {
        if let exit = poll() { return exit }
        var status: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(pid, &status, 0) } while result == -1 && errno == EINTR
        return lock.withLock {
            if let exitStatus { return exitStatus }
            exitStatus = result == pid ? Self.exit(status) : .code(-1)
            return exitStatus!
        }
    }

    func kill() {
        lock.withLock {
            if exitStatus == nil { _ = Glibc.kill(pid, SIGKILL) }
        }
    }

    /// WIFSIGNALED / WTERMSIG / WEXITSTATUS, spelled out (the C macros are not imported).
    static func exit(_ status: Int32) -> Exit {
        let signal = status & 0x7F
        return signal != 0 && signal != 0x7F ? .signal(signal) : .code((status >> 8) & 0xFF)
    }
}
