import ArgumentParser
import Foundation
import Extraction

/// OCR settings shared by `transcribe` and `intake`.
struct OCROptions: ParsableArguments {
    @Option(help: "Tesseract languages, joined by '+'.")
    var lang: String = "nld+eng"

    @Option(help: "OCR worker threads (default: the number of cores).")
    var jobs: Int?

    @Option(help: "When to OCR PDF pages: auto (pages without a text layer), always, never.")
    var ocr: OCRModeArgument = .auto

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    var transcriptionOptions: TranscriptionOptions {
        TranscriptionOptions(languages: lang, ocrMode: ocr.mode)
    }

    func makePool() -> OCRWorkerPool {
        OCRWorkerPool(workers: jobs ?? ProcessInfo.processInfo.activeProcessorCount, languages: lang)
    }
}

/// `--ocr` values.
enum OCRModeArgument: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
    var mode: OCRMode { OCRMode(rawValue: rawValue) ?? .auto }
}

/// Errors the CLI reports itself; each prints as one line.
enum CLIError: Error, CustomStringConvertible {
    case fileFailed(file: String, reason: String)
    case message(String)

    var description: String {
        switch self {
        case .fileFailed(let file, let reason): "\(file): \(reason)"
        case .message(let text): text
        }
    }
}

/// Pretty, stable JSON on stdout.
enum JSONOutput {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static func print(_ value: some Encodable) throws {
        var data = try encoder().encode(value)
        data.append(0x0A)
        FileHandle.standardOutput.write(data)
    }
}
