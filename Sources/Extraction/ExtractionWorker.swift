internal import Foundation

/// The loop a `dossier extract-worker` process runs: one request line per file on standard
/// input, each answered on standard output (see ``ExtractionWorkerProtocol``), until standard
/// input ends. ``IsolatedTranscriber`` is the supervisor on the other end.
public enum ExtractionWorker {
    /// Serves requests with `options`, one OCR thread (the supervisor runs one worker per core).
    public static func serve(options: TranscriptionOptions) async {
        // The replies get the real standard output; whatever the libraries print goes to
        // standard error, so it can never be taken for a reply.
        let channel = FileHandle(fileDescriptor: dup(STDOUT_FILENO), closeOnDealloc: true)
        dup2(STDERR_FILENO, STDOUT_FILENO)
        let pool = OCRWorkerPool(workers: 1, languages: options.languages)
        defer { pool.shutdown() }
        // Nothing is loaded ahead: the OCR engine on the first page that needs OCR, the language
        // profiles on the first OCR'd text. A batch of born-digital letters loads neither.
        let transcriber = DocumentTranscriber(options: options, pool: pool)
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

/// Pages done so far on one file; the progress callback may run on any thread.
final class PageCounter: @unchecked Sendable {
    // @unchecked: the count is only touched under the lock.
    private let lock = NSLock()
    private var count = 0

    func next() -> Int {
        lock.withLock {
            count += 1
            return count
        }
    }
}
