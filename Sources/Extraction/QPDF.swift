internal import Foundation

/// Runs Debian's `qpdf` (combining pages, laying one PDF over another) with its warnings off;
/// a missing program or a failed run is an ``ExtractionError`` saying which.
enum QPDF {
    /// Runs `program` (a path or a name on `PATH`) with `arguments`; `purpose` completes "qpdf
    /// could not …" when it fails.
    static func run(_ program: String, _ arguments: [String], purpose: String) throws(ExtractionError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program, "--warning-exit-0", "--no-warn"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .ocrUnavailable("qpdf cannot be started (install the qpdf package)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw .damaged("qpdf could not \(purpose) (exit status \(process.terminationStatus))")
        }
    }
}
