import ArgumentParser
import DossierCore
import Extraction
import Foundation
import Stores
import Review

/// OCR settings shared by `transcribe` and `intake`.
struct OCROptions: ParsableArguments {
    @Option(help: "OCR languages: 'auto' (each page in its own script and language) or tesseract languages joined by '+', e.g. nld+eng.")
    var lang: String = TranscriptionOptions().languages

    @Option(help: "OCR worker threads (default: the number of cores).")
    var jobs: Int?

    @Option(help: "When to OCR PDF pages: auto (pages without a text layer), always, never.")
    var ocr: OCRModeArgument = .auto

    @Flag(help: "Read scanned pages only as they come; by default a page with table rules is read again with its rules redrawn clean, and the better reading kept.")
    var keepRules = false

    @Flag(help: "Read photos only as they were taken; by default a photographed page is read again cut out of its ground and seen from above, and the better reading kept.")
    var asTaken = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    // The defaults are the library's (ExtractionLimits()), so that a plain `transcribe FILE`,
    // which skips the parser, gets the same.
    @Option(help: "Refuse files larger than this many megabytes.")
    var maxFileMb: Double = Double(ExtractionLimits().maxFileBytes) / 1_048_576

    @Option(help: "Refuse documents with more pages than this.")
    var maxPages: Int = ExtractionLimits().maxPages

    @Option(help: "Refuse pages that would decode or render to more megapixels than this.")
    var maxMegapixels: Double = Double(ExtractionLimits().maxPixelsPerPage) / 1_000_000

    var transcriptionOptions: TranscriptionOptions {
        TranscriptionOptions(languages: lang, ocrMode: ocr.mode, redrawRules: !keepRules, straightensPhotos: !asTaken, limits: ExtractionLimits(
            maxFileBytes: Int64(maxFileMb * 1_048_576), maxPages: maxPages, maxPixelsPerPage: Int(maxMegapixels * 1_000_000)
        ))
    }

    var workerCount: Int { jobs ?? Self.defaultWorkerCount }

    /// One OCR worker per core.
    static var defaultWorkerCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// These settings as arguments of another `dossier` command (for extraction workers).
    var arguments: [String] {
        ["--lang", lang, "--ocr", ocr.rawValue, "--max-file-mb", String(maxFileMb), "--max-pages", String(maxPages),
         "--max-megapixels", String(maxMegapixels)] + (keepRules ? ["--keep-rules"] : []) + (asTaken ? ["--as-taken"] : [])
    }

    func makePool() -> OCRWorkerPool {
        OCRWorkerPool(workers: workerCount, languages: lang)
    }
}

/// `--ocr` values.
enum OCRModeArgument: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
    var mode: OCRMode { OCRMode(rawValue: rawValue) ?? .auto }
}

/// Where the review store lives: `--store DIR`, else `$DOSSIER_STORE`, else `./.dossier`.
struct StoreOptions: ParsableArguments {
    @Option(help: "The review store: a folder (SQLite), or postgres://user@host[:port]/database (default: $DOSSIER_STORE, else ./.dossier).")
    var store: String?

    var location: String {
        if let store { return store }
        if let fromEnvironment = ProcessInfo.processInfo.environment["DOSSIER_STORE"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return ".dossier"
    }

    /// The location, parsed once.
    var parsed: StoreLocation { StoreLocation(location) }

    /// The store as it may be shown: a folder, or a server location without its password.
    var displayLocation: String { parsed.display }

    /// The folder of a local (SQLite) store; `nil` for PostgreSQL.
    var localFolder: URL? { parsed.folder }

    func open() async throws -> any ReviewStore {
        do { return try await parsed.open() } catch { throw CLIError(error) }
    }

    /// Opens the store as the account logged in to it, which must be allowed `operation`.
    func signedIn(for operation: Review.Operation) async throws -> SignedInStore {
        let store = try await open()
        do {
            let storeID = try await store.storeID()
            guard let saved = try SavedSessions(environment: ProcessInfo.processInfo.environment).load(storeID: storeID) else {
                throw ReviewStoreError.notSignedIn(reason: "no session for the store at \(displayLocation)")
            }
            let session = try await AccountService(store: store).signedIn(token: saved.token)
            try session.account.require(operation)
            return SignedInStore(store: store, session: session, storeID: storeID)
        } catch {
            throw CLIError(error)
        }
    }
}

/// A validated `--case` value.
func parseCaseID(_ text: String) throws -> CaseID {
    guard let id = CaseID(text) else {
        throw ValidationError("case id '\(text)' must be 1–64 letters, digits, '.', '_' or '-', not starting with '.'")
    }
    return id
}

/// Lines on standard error.
enum StandardError {
    static func writeLine(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}

/// Paths the user names on the command line.
enum LocalPaths {
    /// Whether `path` is a folder (following a link to one).
    static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }
}

/// An output file the user named: written whole to a temporary file and renamed over it, so
/// a failed run never leaves half a file, unless the path is a device or a pipe (`/dev/null`,
/// `/dev/stdout`, a FIFO), which is written to as it is: renaming over it would replace it.
enum OutputFile {
    static func write(_ data: Data, to path: String) throws {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            return
        }
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

/// Text to standard output with write(2), without Foundation's copies.
enum StandardOutput {
    /// Writes each of `pieces` followed by `terminator`; false when standard output is closed or full.
    static func write(_ pieces: [String], each terminator: String) -> Bool {
        for var piece in pieces {
            guard piece.withUTF8({ writeAll($0) }) else { return false }
            var end = terminator
            guard end.withUTF8({ writeAll($0) }) else { return false }
        }
        return true
    }

    private static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
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

/// Plain lines on stdout.
func printLine(_ line: String) {
    // A reader that went away (`dossier review list | head`) ends the command quietly, as a
    // broken pipe ends other tools; Foundation's FileHandle would trap on it instead.
    let bytes = Array((line + "\n").utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes[offset...].withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
        if written < 0 {
            if errno == EINTR { continue }
            exit(errno == EPIPE ? 141 : 1)
        }
        offset += written
    }
}
