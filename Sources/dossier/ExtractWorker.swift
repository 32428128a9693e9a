import ArgumentParser
import DossierCore
import Extraction
import Foundation

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
            await ExtractionWorker.serve(options: ocr.transcriptionOptions)
        }
    }
}
