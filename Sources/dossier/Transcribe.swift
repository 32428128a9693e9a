import ArgumentParser
import Foundation
import DossierCore
import Extraction
import Language

extension Dossier {
    /// `dossier transcribe FILE`: the text of every page.
    struct Transcribe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "transcribe",
            abstract: "Print the text of every page of a PDF or image (text layer, else OCR)."
        )

        enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
            case text, json, hocr, pdf
        }

        @Argument(help: "A PDF, image (PNG, JPEG, TIFF, WebP, HEIC), plain-text, HTML, e-mail (.eml, .msg) or Office (.docx, .odt, .doc, .rtf) file; with --output-dir, any number of them and folders of them.")
        var files: [String] = []

        @Option(help: "Output format: text (pages separated by form feeds), json, hocr, or pdf (a searchable PDF; needs --output or --output-dir).")
        var format: OutputFormat = .text

        @Option(help: "Write the output to this file instead of standard output (required for --format pdf).")
        var output: String?

        @Option(help: "Transcribe every file given, and every file in the folders given, in one run: each output goes into this folder (made private if missing) under its file's own name plus .txt, .json, .hocr or .pdf; sub-folders are kept. Files that fail are named on stderr and the rest go on.")
        var outputDir: String?

        @Option(help: "With --format pdf: also write the plain text (pages separated by form feeds) to this file.")
        var sidecar: String?

        @Option(help: "Keep transcripts in this folder and reuse them for the same file content and settings (default: $DOSSIER_CACHE; none when unset). It holds document text: keep it private.")
        var cache: String?

        @OptionGroup var ocr: OCROptions

        func validate() throws {
            guard let first = files.first else { throw ValidationError("give a file to transcribe") }
            if let outputDir {
                if output != nil { throw ValidationError("--output names one file; with --output-dir each file gets its own") }
                if sidecar != nil { throw ValidationError("--sidecar goes with one file and --output, not --output-dir") }
                if outputDir.isEmpty { throw ValidationError("--output-dir needs a folder") }
                return
            }
            if files.count > 1 { throw ValidationError("several files need --output-dir FOLDER for their transcripts") }
            if LocalPaths.isFolder(first) {
                throw ValidationError("\(first) is a folder: give --output-dir FOLDER for the transcripts of its files")
            }
            if format == .pdf, output == nil { throw ValidationError("--format pdf needs --output FILE") }
            if sidecar != nil, format != .pdf { throw ValidationError("--sidecar goes with --format pdf") }
        }

        func run() async throws {
            let transcription = TranscribeRun(
                files: files, format: format, output: output, outputDir: outputDir, sidecar: sidecar, cache: cache,
                options: ocr.transcriptionOptions, workers: ocr.workerCount
            )
            // A single born-digital file is read on this thread, with no OCR thread started.
            if try transcription.runAtOnce() { return }
            try await transcription.run()
        }
    }
}

/// What `dossier transcribe` was asked to do, its options parsed by ``Dossier/Transcribe``.
struct TranscribeRun {
    var files: [String]
    var format: Dossier.Transcribe.OutputFormat = .text
    var output: String?
    var outputDir: String?
    var sidecar: String?
    var cache: String?
    var options = TranscriptionOptions()
    var workers = OCROptions.defaultWorkerCount

    /// The transcription settings, with word boxes only for formats that show them.
    private var transcriptionOptions: TranscriptionOptions {
        var options = options
        // Plain text needs no word boxes: skip building them for text-layer pages.
        options.textLayerWords = format != .text
        return options
    }

    /// One file, no cache: transcribed at once on this thread when nothing in it needs OCR or a
    /// worker, so the program starts no thread at all. False when it does; ``run()`` then does
    /// all of it.
    func runAtOnce() throws -> Bool {
        guard outputDir == nil, files.count == 1 else { return false }
        let pool = OCRWorkerPool(workers: workers, languages: options.languages)
        defer { pool.shutdown() }
        let transcriber = DocumentTranscriber(options: transcriptionOptions, pool: pool, cache: try openCache())
        let file = files[0]
        let transcript: DocumentTranscript
        do {
            guard let made = try transcriber.transcribeAtOnce(URL(fileURLWithPath: file), displayName: file, digest: format.showsDigest) else {
                return false
            }
            transcript = made
        } catch {
            throw CLIError.fileFailed(file: file, reason: error.localizedDescription)
        }
        try write(transcript, of: file)
        return true
    }

    func run() async throws {
        let pool = OCRWorkerPool(workers: workers, languages: options.languages)
        defer { pool.shutdown() }
        let transcriber = DocumentTranscriber(options: transcriptionOptions, pool: pool, cache: try openCache())
        if let outputDir {
            try await TranscriptFolder(folder: outputDir, format: format).write(
                files, transcriber: transcriber, filesAtOnce: workers
            )
        } else {
            try await transcribeOne(files[0], transcriber: transcriber)
        }
    }

    /// The transcript cache named by `--cache` or `$DOSSIER_CACHE`, if any.
    private func openCache() throws -> TranscriptCache? {
        let environment = ProcessInfo.processInfo.environment["DOSSIER_CACHE"].flatMap { $0.isEmpty ? nil : $0 }
        guard let folder = cache ?? environment else { return nil }
        do {
            return try TranscriptCache(directory: URL(fileURLWithPath: folder))
        } catch {
            throw CLIError.message("\(folder): \(error.localizedDescription)")
        }
    }

    /// One file to standard output or `--output`.
    private func transcribeOne(_ file: String, transcriber: DocumentTranscriber) async throws {
        let url = URL(fileURLWithPath: file)
        let transcript: DocumentTranscript
        do {
            transcript = try await transcriber.transcribe(url, displayName: file, digest: format.showsDigest)
        } catch {
            throw CLIError.fileFailed(file: file, reason: error.localizedDescription)
        }
        try write(transcript, of: file)
    }

    /// `transcript` of `file` to standard output or `--output` in the chosen format.
    private func write(_ transcript: DocumentTranscript, of file: String) throws {
        let url = URL(fileURLWithPath: file)
        if format == .pdf {
            guard let output else { return }
            do {
                try SearchablePDFMaker().make(source: url, transcript: transcript, output: URL(fileURLWithPath: output))
            } catch {
                throw CLIError.fileFailed(file: file, reason: error.localizedDescription)
            }
            if let sidecar {
                do {
                    try OutputFile.write(Dossier.Transcribe.OutputFormat.text.rendering(transcript), to: sidecar)
                } catch {
                    throw CLIError.message("\(sidecar): cannot write the text")
                }
            }
            return
        }
        if format == .text, output == nil {
            // Page by page: a long document's text is not joined into one more copy first. An
            // unreadable page is the line that says so, never its OCR noise.
            let pages = transcript.pages.isEmpty ? [""] : transcript.pages.map(\.readableText)
            guard StandardOutput.write(pages, each: "\u{0C}") else {
                throw CLIError.message("cannot write to standard output")
            }
            return
        }
        let data = try format.rendering(transcript)
        if let output {
            do { try OutputFile.write(data, to: output) } catch {
                throw CLIError.message("\(output): cannot write the output")
            }
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}

extension Dossier.Transcribe.OutputFormat {
    /// Whether the output shows the file's SHA-256 (else the file need not be hashed).
    var showsDigest: Bool { self == .json }

    /// The file name extension of an output in this format.
    var fileExtension: String {
        switch self {
        case .text: "txt"
        case .json: "json"
        case .hocr: "hocr"
        case .pdf: "pdf"
        }
    }

    /// `transcript` as this format's bytes (for `pdf`, whose file is made from the source, its
    /// sidecar's plain text).
    func rendering(_ transcript: DocumentTranscript) throws -> Data {
        switch self {
        case .text, .pdf: Data((transcript.plainText + "\u{0C}").utf8)
        case .json: try JSONOutput.encoder().encode(TranscriptJSON(transcript)) + Data("\n".utf8)
        case .hocr: Data(HOCRWriter.document(transcript).utf8)
        }
    }
}

/// The JSON shape of `dossier transcribe --format json`.
struct TranscriptJSON: Encodable {
    struct Page: Encodable {
        let number: Int
        let method: String
        let text: String
        let confidence: Double?
        let corrections: PageCorrections?
        let decision: String?
        let textLayerScore: Double?
        let blank: Bool
        let layout: PageLayout?
        let flags: [String]
        let needsLanguage: String?
        let script: String?
        let language: String?
        let unreadable: String?

        enum CodingKeys: String, CodingKey {
            case number, method, text, confidence, corrections, decision, blank, layout, flags, script, language, unreadable
            case textLayerScore = "text_layer_score"
            case needsLanguage = "needs_language"
        }
    }
    let file: String
    let sha256: String
    let pages: [Page]

    init(_ transcript: DocumentTranscript) {
        file = transcript.file
        sha256 = transcript.sha256
        pages = transcript.pages.map { page in
            // Pages read from text carry no labels from their reading: their text tells.
            let labels = page.script == nil && page.method != .ocr ? PageLabels.of(page.text) : (script: page.script, language: page.language)
            var flags: [String] = []
            if page.needsLanguage != nil { flags.append("needs-language") }
            if Translation.needed(script: labels.script, language: labels.language) {
                flags.append("translation-needed")
            }
            if page.unreadableReason != nil { flags.append("unreadable") }
            return Page(number: page.number, method: page.method.rawValue, text: page.text,
                        confidence: page.confidence.map { ($0 * 10).rounded() / 10 }, corrections: page.corrections,
                        decision: page.decision?.rawValue, textLayerScore: page.textLayerScore, blank: page.isBlank,
                        layout: page.layout, flags: flags, needsLanguage: page.needsLanguage,
                        script: labels.script, language: labels.language, unreadable: page.unreadableReason)
        }
    }
}
