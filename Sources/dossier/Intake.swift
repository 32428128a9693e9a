import ArgumentParser
import DossierCore
import Extraction
import Foundation
import Intake
import Review
import Analysis

extension Dossier {
    /// `dossier intake PATH… --case ID`: take files into a case's review queue.
    struct Intake: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "intake",
            abstract: "Take files and folders into a case: store, transcribe, propose for review."
        )

        @Argument(help: "Files and folders (walked recursively).")
        var paths: [String]

        @Option(name: .customLong("case"), help: "The case id.")
        var caseID: String

        @ArgumentParser.Flag(name: [.short, .long], help: "No progress display.")
        var quiet = false

        @ArgumentParser.Flag(help: "Print the result as JSON.")
        var json = false

        @ArgumentParser.Flag(name: [.short, .long], help: "Log each step on stderr: files, pages, outcomes, timings (never document text or identifiers).")
        var verbose = false

        @ArgumentParser.Flag(help: "Read files in this process instead of one worker process per file (faster to start, but a crashing file ends the run).")
        var inProcess = false

        @ArgumentParser.Flag(help: "Follow symbolic links inside the given folders to files outside them (refused by default).")
        var followLinks = false

        @Option(help: "Seconds a worker may spend on one page before its file is given up (default 120).")
        var pageTimeout: Double = 120

        @Option(help: "Memory a worker may use, in megabytes (default 4096).")
        var maxMemoryMb: Int = 4096

        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var screening: ScreeningOptions
        @OptionGroup var ocr: OCROptions

        func validate() throws {
            _ = try parseCaseID(caseID)
            guard pageTimeout > 0 else { throw ValidationError("--page-timeout must be above 0") }
            guard maxMemoryMb >= 256 else { throw ValidationError("--max-memory-mb must be at least 256") }
        }

        func run() async throws {
            let caseID = try parseCaseID(caseID)
            let (rules, checklist, today) = try screening.load()
            let signedIn = try await storeOptions.signedIn(for: .takeIn)
            let store = signedIn.store
            let pool = ocr.makePool()
            defer { pool.shutdown() }
            // Each file is read by a worker process of its own (one OCR thread each, as many
            // workers as cores), unless --in-process asks for the shared in-process pool.
            let transcriber: any FileTranscribing = inProcess
                ? DocumentTranscriber(options: ocr.transcriptionOptions, pool: pool)
                : IsolatedTranscriber(
                    executable: URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(),
                    arguments: ["extract-worker"] + ocr.arguments, fingerprint: DocumentTranscriber(options: ocr.transcriptionOptions, pool: pool).fingerprint,
                    pageTimeout: pageTimeout, memoryLimitMB: maxMemoryMb
                )
            let runner = IntakeRunner(
                store: store, actor: signedIn.name, transcriber: transcriber,
                screening: IntakeScreening(rules: rules, today: today, checklist: checklist),
                concurrentFiles: ocr.workerCount, followLinksOutside: followLinks,
                // A store kept inside the folder being taken in is not taken in itself, nor are
                // this client's saved sessions.
                skippedFolders: (storeOptions.localFolder.map { [$0] } ?? [])
                    + [SavedSessions(environment: ProcessInfo.processInfo.environment).folder],
                maxFileBytes: ocr.transcriptionOptions.limits.maxFileBytes
            )
            let display = IntakeProgressDisplay(enabled: !quiet && !verbose && StandardError.isTerminal)
            let log = IntakeLog(enabled: verbose)
            log.line("case \(caseID): store \(storeOptions.displayLocation), OCR languages \(ocr.transcriptionOptions.languages), \(ocr.workerCount) workers")
            let report = await runner.run(paths: paths, caseID: caseID) { event in
                display.handle(event)
                log.handle(event)
            }
            display.finish()
            log.line(String(format: "case %@: done in %.2f s", caseID.rawValue, report.seconds))
            for outcome in report.files where outcome.status == .failed {
                StandardError.writeLine("dossier: \(PrintableName.of(outcome.file)): \(outcome.reason.map(PrintableName.of) ?? "failed")")
            }
            if json {
                try JSONOutput.print(report)
            } else {
                for outcome in report.files {
                    switch outcome.status {
                    case .stored:
                        let items = outcome.items.map(String.init).joined(separator: ", ")
                        let reused = outcome.reusedTranscript ? " (transcript reused from an earlier intake)" : ""
                        printLine("stored     \(PrintableName.of(outcome.file)): \(outcome.type ?? "unknown"), \(outcome.pages) page\(outcome.pages == 1 ? "" : "s"), review items \(items)\(reused)")
                    case .duplicate:
                        printLine("duplicate  \(PrintableName.of(outcome.file)): \(outcome.reason.map(PrintableName.of) ?? "already stored"); nothing added")
                    case .failed:
                        printLine("failed     \(PrintableName.of(outcome.file))")
                    }
                }
                if !report.caseItems.isEmpty {
                    printLine("case       \(report.caseItems.count) item\(report.caseItems.count == 1 ? "" : "s") about the case as a whole (overview, flags): review items \(report.caseItems.map(String.init).joined(separator: ", "))")
                }
                if !report.redactionItems.isEmpty {
                    printLine("redaction  \(report.redactionItems.count) set\(report.redactionItems.count == 1 ? "" : "s") to check (what redacted copies hide): review items \(report.redactionItems.map(String.init).joined(separator: ", "))")
                }
                let rate = report.seconds > 0 ? Double(report.pageCount) / report.seconds : 0
                printLine(String(
                    format: "case %@: %d stored, %d duplicate, %d failed; %d pages in %.1f s (%.2f pages/s)",
                    caseID.rawValue, report.storedCount, report.duplicateCount, report.failedCount,
                    report.pageCount, report.seconds, rate
                ))
            }
            if let problem = report.caseScreeningError {
                StandardError.writeLine("dossier: case \(caseID): the documents are stored, but screening the case failed: \(problem)")
            }
            if report.failedCount > 0 { throw ExitCode(1) }
        }
    }
}

/// `--verbose`: one timestamped line per step on stderr. It names files (as the user gave
/// them), page counts, types, item ids and timings, and never a word of a document's text, an
/// identifier or a name found in it.
///
/// `@unchecked Sendable`: all mutable state is touched only while holding `lock`.
final class IntakeLog: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private let started = Date()
    private var pages = 0
    private var fileStarts: [String: Date] = [:]

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func line(_ text: String) {
        guard enabled else { return }
        StandardError.writeLine(String(format: "dossier [%8.3f s] ", Date().timeIntervalSince(started)) + text)
    }

    func handle(_ event: IntakeEvent) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .planned(let total):
            line("\(total) file\(total == 1 ? "" : "s") to take in")
        case .discovered(let count):
            line("\(count) more file\(count == 1 ? "" : "s") found in an archive")
        case .started(let file):
            fileStarts[file] = Date()
            line("\(PrintableName.of(file)): started")
        case .pageDone:
            pages += 1
            line("page done (\(pages) in all)")
        case .finished(let outcome):
            let seconds = fileStarts[outcome.file].map { Date().timeIntervalSince($0) } ?? 0
            switch outcome.status {
            case .stored:
                line(String(format: "%@: stored, %@, %d page%@, %d review items, %.2f s%@", PrintableName.of(outcome.file), outcome.type ?? "unknown",
                            outcome.pages, outcome.pages == 1 ? "" : "s", outcome.items.count, seconds,
                            outcome.reusedTranscript ? ", transcript reused" : ""))
            case .duplicate:
                line("\(PrintableName.of(outcome.file)): duplicate, nothing added")
            case .failed:
                line("\(PrintableName.of(outcome.file)): failed: \(outcome.reason.map(PrintableName.of) ?? "unknown reason")")
            }
        }
    }
}

/// The one-line progress display on a terminal: files done/total, pages/s, current file.
///
/// `@unchecked Sendable`: all mutable state is touched only while holding `lock`.
final class IntakeProgressDisplay: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private let started = Date()
    private var total = 0
    private var done = 0
    private var pages = 0
    private var current = ""

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func handle(_ event: IntakeEvent) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .planned(let total): self.total = total
        case .discovered(let count): total += count
        case .started(let file): current = PrintableName.of(file)
        case .pageDone: pages += 1
        case .finished: done += 1
        }
        let seconds = max(0.001, Date().timeIntervalSince(started))
        var name = current
        if name.count > 50 { name = "…" + name.suffix(49) }
        let line = String(format: "[%d/%d files] %.2f pages/s  %@", done, total, Double(pages) / seconds, name)
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
