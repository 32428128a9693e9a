import ArgumentParser
import DossierCore
import Extraction
import Foundation

extension Dossier {
    /// `dossier extract-worker FILE`: what intake runs in a process of its own for each file.
    ///
    /// Prints the pages as JSON on stdout, `@page-done N` on stderr as each page is done, and on
    /// failure the reason as the last stderr line (exit 2). Not for people: intake starts it.
    struct ExtractWorker: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extract-worker",
            abstract: "Read one file for intake in a process of its own (started by intake).",
            shouldDisplay: false
        )

        @Argument(help: "The file.")
        var file: String

        @OptionGroup var ocr: OCROptions

        func run() async throws {
            // One OCR thread: intake runs as many workers as there are cores.
            let pool = OCRWorkerPool(workers: 1, languages: ocr.lang)
            defer { pool.shutdown() }
            let transcriber = DocumentTranscriber(options: ocr.transcriptionOptions, pool: pool)
            let url = URL(fileURLWithPath: file)
            let counter = PageCounter()
            do {
                let format = try FileFormat.sniff(url)
                let pages = try await transcriber.transcribePages(url, format: format) { count in
                    for _ in 0..<count { StandardError.writeLine("@page-done \(counter.next())") }
                }
                let encoder = JSONEncoder()
                let data = try encoder.encode(pages)
                FileHandle.standardOutput.write(data)
            } catch let error as ExtractionError {
                StandardError.writeLine(error.localizedDescription)
                throw ExitCode(2)
            }
        }
    }
}

/// Pages done so far in this worker.
final class PageCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func next() -> Int {
        lock.withLock {
            count += 1
            return count
        }
    }
}
