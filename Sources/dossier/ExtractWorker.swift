import ArgumentParser
import DossierCore
import Extraction
import Foundation
import Glibc

extension Dossier {
    /// `dossier extract-worker`: what intake runs in processes of its own to read files.
    ///
    /// Takes one request line per file on standard input and answers each on standard output
    /// (see ``ExtractionWorkerProtocol``); exits when standard input ends. Not for people:
    /// intake starts it.
    struct ExtractWorker: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extract-worker",
            abstract: "Read files for intake in a process of its own (started by intake).",
            shouldDisplay: false
        )

        @OptionGroup var ocr: OCROptions

        func run() async throws {
            // The replies get the real standard output; whatever the libraries print goes to
            // standard error, so it can never be taken for a reply.
            let channel = FileHandle(fileDescriptor: dup(STDOUT_FILENO), closeOnDealloc: true)
            dup2(STDERR_FILENO, STDOUT_FILENO)
            // One OCR thread: intake runs as many workers as there are cores.
            let pool = OCRWorkerPool(workers: 1, languages: ocr.lang)
            defer { pool.shutdown() }
            let transcriber = DocumentTranscriber(options: ocr.transcriptionOptions, pool: pool)
            // Models load while the supervisor is still planning the batch.
            Task { await transcriber.warmUp() }
            while let line = readLine(strippingNewline: true) {
                guard let request = try? JSONDecoder().decode(ExtractionWorkerProtocol.Request.self, from: Data(line.utf8)) else {
                    channel.write(ExtractionWorkerProtocol.failedReply("the request could not be read"))
                    continue
                }
                let url = URL(fileURLWithPath: request.path)
                let counter = PageCounter()
                do {
                    let format = try FileFormat.sniff(url)
                    let pages = try await transcriber.transcribePages(url, format: format) { count in
                        for _ in 0..<count {
                            channel.write(Data("\(ExtractionWorkerProtocol.pageDone)\(counter.next())\n".utf8))
                        }
                    }
                    channel.write(try ExtractionWorkerProtocol.pagesReply(pages))
                } catch let error as ExtractionError {
                    channel.write(ExtractionWorkerProtocol.failedReply(error.localizedDescription))
                } catch {
                    channel.write(ExtractionWorkerProtocol.failedReply("the pages could not be sent"))
                }
            }
        }
    }
}

/// Pages done so far on one file.
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
