import Foundation
import DossierCore
import Extraction
import Intake

/// `dossier transcribe PATH… --output-dir FOLDER`: every file given, and every file in the
/// folders given, transcribed in one run into one folder.
///
/// Each output is named after its file plus the format's extension (`brief.pdf` →
/// `brief.pdf.txt`, so `brief.pdf` and `brief.docx` never share one); files found in a given
/// folder keep their sub-folders. Two inputs that would still share a name get ` (2)`, ` (3)`…
/// Outputs are written whole or not at all (a partial file renamed into place) and private. A
/// file that cannot be read or written is named on stderr and the others go on; up to
/// `filesAtOnce` files are read at the same time.
struct TranscriptFolder {
    /// The folder the outputs go to, as the user gave it.
    let folder: String
    let format: Dossier.Transcribe.OutputFormat

    /// One file to transcribe and the name of its output inside the folder.
    struct Job: Sendable, Equatable {
        let source: URL
        /// The path as the user would recognise it (in messages).
        let display: String
        /// The output's path relative to the folder.
        let outputName: String
    }

    /// Transcribes every file under `paths`; throws a `someFailed` error naming how many
    /// failed after all the others are done.
    func write(_ paths: [String], transcriber: DocumentTranscriber, filesAtOnce: Int) async throws {
        let root = URL(fileURLWithPath: folder)
        do { try PrivateFiles.makeFolder(root) } catch {
            throw CLIError.message("\(folder): cannot make the folder (\(error.localizedDescription))")
        }
        let (jobs, unusable) = try plan(paths)
        for (display, reason) in unusable { StandardError.writeLine("dossier: \(display): \(reason)") }

        var failed = 0
        await withTaskGroup(of: String?.self) { group in
            var next = 0
            func startNext() {
                guard next < jobs.count else { return }
                let job = jobs[next]
                next += 1
                group.addTask { await transcribe(job, into: root, transcriber: transcriber) }
            }
            for _ in 0..<max(1, filesAtOnce) { startNext() }
            while let outcome = await group.next() {
                if let failure = outcome {
                    StandardError.writeLine(failure)
                    failed += 1
                }
                startNext()
            }
        }
        let total = jobs.count + unusable.count
        StandardError.writeLine("transcribed \(jobs.count - failed) of \(total) file\(total == 1 ? "" : "s") into \(folder)")
        if failed + unusable.count > 0 { throw CLIError.someFilesFailed(failed + unusable.count) }
    }

    /// The files under `paths` with their output names, and the paths that cannot be used.
    func plan(_ paths: [String]) throws -> (jobs: [Job], unusable: [(display: String, reason: String)]) {
        let root = URL(fileURLWithPath: folder)
        let resolvedRoot = FileWalker.realPath(folder)
        if let resolvedRoot, paths.contains(where: { FileWalker.realPath($0) == resolvedRoot }) {
            throw CLIError("\(folder) is also an input: write the transcripts to another folder", status: .usage)
        }
        // An output folder inside a given folder is not read back as input.
        let walker = FileWalker(skipping: [root])
        var jobs: [Job] = []
        var unusable: [(display: String, reason: String)] = []
        var seen = Set<String>()
        var taken = Set<String>()
        for path in paths {
            let isFolder = LocalPaths.isFolder(path)
            for walked in walker.expand([path]) {
                switch walked {
                case .unusable(let display, let reason):
                    unusable.append((display, reason))
                case .file(let url, let display):
                    guard seen.insert(url.path).inserted else { continue }
                    let relative = isFolder ? Self.relativePath(of: display, under: path) : url.lastPathComponent
                    jobs.append(Job(source: url, display: display, outputName: unique(relative, taken: &taken)))
                }
            }
        }
        return (jobs, unusable)
    }

    /// `display` relative to the folder `path` the walk started from (its resolved form when a
    /// link was followed), else the file's own name.
    static func relativePath(of display: String, under path: String) -> String {
        for base in [path, FileWalker.realPath(path)].compactMap({ $0 }) {
            let prefix = base.hasSuffix("/") ? base : base + "/"
            if display.hasPrefix(prefix), display.count > prefix.count { return String(display.dropFirst(prefix.count)) }
        }
        return URL(fileURLWithPath: display).lastPathComponent
    }

    /// `relative` plus the format's extension, with ` (2)`, ` (3)`… before the file's own
    /// extension while an earlier input has that name.
    private func unique(_ relative: String, taken: inout Set<String>) -> String {
        let suffix = "." + format.fileExtension
        if taken.insert(relative + suffix).inserted { return relative + suffix }
        let name = relative as NSString
        let ownExtension = name.pathExtension.isEmpty ? "" : "." + name.pathExtension
        let stem = name.deletingPathExtension
        var number = 2
        while !taken.insert("\(stem) (\(number))\(ownExtension)\(suffix)").inserted { number += 1 }
        return "\(stem) (\(number))\(ownExtension)\(suffix)"
    }

    /// Transcribes one file and writes its output; the failure line, or `nil`.
    private func transcribe(_ job: Job, into root: URL, transcriber: DocumentTranscriber) async -> String? {
        let transcript: DocumentTranscript
        do { transcript = try await transcriber.transcribe(job.source, displayName: job.display, digest: format.showsDigest) } catch {
            return "dossier: \(job.display): \(error.localizedDescription)"
        }
        let destination = root.appendingPathComponent(job.outputName)
        do {
            try PrivateFiles.makeFolder(destination.deletingLastPathComponent())
        } catch {
            return "dossier: \(job.display): cannot make the folder for \(job.outputName) (\(error.localizedDescription))"
        }
        if format == .pdf {
            do { try SearchablePDFMaker().make(source: job.source, transcript: transcript, output: destination) } catch {
                return "dossier: \(job.display): \(error.localizedDescription)"
            }
            return nil
        }
        do {
            try PrivateFiles.replaceFile(destination, contents: try format.rendering(transcript))
        } catch {
            return "dossier: \(job.display): cannot write \(job.outputName) (\(error.localizedDescription))"
        }
        return nil
    }
}
