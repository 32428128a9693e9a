import DossierCore
import Foundation
import Testing
import TestSupport

/// `kill -9` at random moments: the same command run again finishes the work, with every file
/// stored exactly once and nothing half-written left behind.
@Suite("Killed and resumed")
struct CrashResumeTests {
    /// Starts dossier, kills it with SIGKILL after `seconds` (if it is still running), waits.
    /// Returns true when the kill came before the end.
    static func runAndKill(_ arguments: [String], after seconds: Double, environment: [String: String]) throws -> Bool {
        let process = Process()
        process.executableURL = DossierBinary.url
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: seconds)
        let killed = process.isRunning
        if killed { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return killed
    }

    /// Starts an intake with `--verbose` and kills it with SIGKILL once it has stored `files`
    /// files, after `jitter` seconds more: the kill lands wherever the work then in flight is
    /// (mid-read, mid-copy, mid-commit), however fast or loaded the machine. Returns true when
    /// the kill came before the end.
    static func intakeAndKill(_ arguments: [String], afterStoring files: Int, jitter: Double, environment: [String: String]) throws -> Bool {
        let process = Process()
        process.executableURL = DossierBinary.url
        process.arguments = arguments + ["--verbose"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        let log = Pipe()
        process.standardError = log
        try process.run()
        var stored = 0
        var pending = ""
        while stored < files {
            let chunk = log.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            pending += String(decoding: chunk, as: UTF8.self)
            while let newline = pending.firstIndex(of: "\n") {
                if pending[..<newline].contains(": stored, ") { stored += 1 }
                pending.removeSubrange(...newline)
            }
        }
        if stored >= files { Thread.sleep(forTimeInterval: jitter) }
        let killed = process.isRunning
        if killed { kill(process.processIdentifier, SIGKILL) }
        try? log.fileHandleForReading.close()
        process.waitUntilExit()
        return killed
    }

    /// The review items of a case, as JSON objects.
    static func items(case caseID: String, store: String, session: [String: String]) throws -> [[String: Any]] {
        let list = try DossierBinary.run(["review", "list", "--case", caseID, "--store", store, "--json"], environment: session)
        return try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
    }

    @Test("Intake killed five times, then run again: every file stored once, no scratch files, the audit trail intact",
          arguments: SharedServer.kinds)
    func intakeResumes(kind: String) async throws {
        let folder = try TemporaryFolder("dossier-crash")
        let inputs = folder.url.appendingPathComponent("inputs")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let count = 100
        for number in 0..<count {
            try MadePDF.letter(number).write(to: inputs.appendingPathComponent("brief-\(number).pdf"))
        }
        let store = kind == "postgres" ? try SharedServer.freshDatabase() : folder.url.appendingPathComponent("store").path
        let session = try await CLIClient.supervisorEnvironment(store: store, in: folder)
        let command = ["intake", inputs.path, "--case", "ZAAK-K", "--store", store, "--today", "2026-12-01"]
        var kills = 0
        for _ in 0..<5 {
            // Each run stores a few more files and dies somewhere in the next ones.
            if try Self.intakeAndKill(command, afterStoring: Int.random(in: 2...8), jitter: Double.random(in: 0...0.1), environment: session) { kills += 1 }
        }
        // Each run is killed once it has logged 2–8 stored files (and up to 0.1 s later); files
        // in flight and logged late add about 7 more on this machine: some 75 of the 100 at
        // most, so every kill comes before the end.
        #expect(kills == 5)
        let final = try DossierBinary.run(command + ["--quiet", "--json"], environment: session)
        #expect(final.status == 0, "\(final.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(final.stdout.utf8)) as? [String: Any])
        let outcomes = try #require(report["files"] as? [[String: Any]]).compactMap { $0["status"] as? String }
        // The killed runs had stored some files: the last run found them and skipped them.
        #expect(outcomes.filter { $0 == "duplicate" }.count > 0, "\(kills) kills")
        #expect(outcomes.filter { $0 == "failed" }.isEmpty)

        let documentTypes = try Self.items(case: "ZAAK-K", store: store, session: session).filter { $0["kind"] as? String == "document-type" }
        let documents = documentTypes.compactMap { $0["document"] as? String }
        #expect(documents.count == count, "\(kills) kills: every file stored, none twice")
        #expect(Set(documents) == Set((0..<count).map { "brief-\($0).pdf" }))
        if kind == "sqlite" {
            let originals = folder.url.appendingPathComponent("store/originals")
            var stored: [String] = []
            for shard in try FileManager.default.contentsOfDirectory(atPath: originals.path) {
                stored += try FileManager.default.contentsOfDirectory(atPath: originals.appendingPathComponent(shard).path)
            }
            #expect(stored.count == count, "one original per document, no scratch copies: \(stored.filter { $0.hasPrefix(".") })")
        }
        let verify = try DossierBinary.run(["audit", "verify", "--store", store], environment: session)
        #expect(verify.status == 0, "\(verify.stderr)")
    }

    @Test("An export killed at any moment leaves either no case file or a whole one; the next export clears its scratch folder")
    func exportIsWholeOrAbsent() async throws {
        let folder = try TemporaryFolder("dossier-crash-export")
        let inputs = folder.url.appendingPathComponent("inputs")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        for number in 0..<12 {
            try MadePDF.letter(number).write(to: inputs.appendingPathComponent("brief-\(number).pdf"))
        }
        let store = folder.url.appendingPathComponent("store").path
        let session = try await CLIClient.supervisorEnvironment(store: store, in: folder)
        let intake = try DossierBinary.run(["intake", inputs.path, "--case", "ZAAK-E", "--store", store, "--quiet", "--today", "2026-12-01"], environment: session)
        #expect(intake.status == 0, "\(intake.stderr)")
        // Redaction sets take two reviewers and are not what this is about: the others are approved.
        let ids = try Self.items(case: "ZAAK-E", store: store, session: session).filter { $0["kind"] as? String != "redaction" }
            .compactMap { $0["id"] as? Int }.map(String.init)
        let approve = try DossierBinary.run(["review", "approve"] + ids + ["--store", store], environment: session)
        #expect(approve.status == 0, "\(approve.stderr)")
        let exports = folder.url.appendingPathComponent("exports")
        let target = exports.appendingPathComponent("ZAAK-E")
        let command = ["export", "--case", "ZAAK-E", "--store", store, "--to", target.path]
        // What an export killed long ago left: a scratch folder named for a process that has ended.
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let abandoned = exports.appendingPathComponent(".ZAAK-E.partial-\(ended.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: abandoned.appendingPathComponent("originals"), withIntermediateDirectories: true)
        for _ in 0..<8 {
            _ = try Self.runAndKill(command, after: Double.random(in: 0.03...0.25), environment: session)
            guard FileManager.default.fileExists(atPath: target.path) else { continue }
            // Whole: the manifest is there and every file it lists has its hash.
            let manifest = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: target.appendingPathComponent("manifest.json"))) as? [String: Any]
            )
            for file in try #require(manifest["files"] as? [[String: Any]]) {
                let path = try #require(file["path"] as? String)
                let data = try Data(contentsOf: target.appendingPathComponent(path))
                #expect(FileDigest.sha256(of: data) == file["sha256"] as? String, "\(path) is whole")
            }
            try FileManager.default.removeItem(at: target)
        }
        let export = try DossierBinary.run(command, environment: session)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("manifest.json").path))
        // What the killed exports left is gone; only the case file remains.
        #expect(try FileManager.default.contentsOfDirectory(atPath: exports.path) == ["ZAAK-E"])
    }

    @Test("The same export command after a stop between writing and filing checks the case file whole and files its items")
    func exportStoppedBeforeFiling() async throws {
        let folder = try TemporaryFolder("dossier-crash-export-filing")
        let inputs = folder.url.appendingPathComponent("inputs")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        for number in 0..<3 {
            try MadePDF.letter(number).write(to: inputs.appendingPathComponent("brief-\(number).pdf"))
        }
        let store = folder.url.appendingPathComponent("store")
        let session = try await CLIClient.supervisorEnvironment(store: store.path, in: folder)
        _ = try DossierBinary.run(["intake", inputs.path, "--case", "ZAAK-F", "--store", store.path, "--quiet", "--today", "2026-12-01"], environment: session)
        let ids = try Self.items(case: "ZAAK-F", store: store.path, session: session).filter { $0["kind"] as? String != "redaction" }
            .compactMap { $0["id"] as? Int }.map(String.init)
        _ = try DossierBinary.run(["review", "approve"] + ids + ["--store", store.path], environment: session)
        // The store as it stood when a stopped export had written its case file but not yet
        // filed anything: a copy taken before the export.
        let stopped = folder.url.appendingPathComponent("store-stopped")
        try FileManager.default.copyItem(at: store, to: stopped)
        let target = folder.url.appendingPathComponent("dossier-ZAAK-F")
        let first = try DossierBinary.run(["export", "--case", "ZAAK-F", "--store", store.path, "--to", target.path], environment: session)
        #expect(first.status == 0, "\(first.stderr)")

        // A case file that does not verify is never taken for a finished one.
        let tampered = folder.url.appendingPathComponent("dossier-ZAAK-F-gewijzigd")
        try FileManager.default.copyItem(at: target, to: tampered)
        let manifestData = try Data(contentsOf: tampered.appendingPathComponent("manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: manifestData) as? [String: Any])
        let firstItemFile = try #require((manifest["files"] as? [[String: Any]])?.last?["path"] as? String)
        try Data("{}".utf8).write(to: tampered.appendingPathComponent(firstItemFile))
        let refused = try DossierBinary.run(["export", "--case", "ZAAK-F", "--store", stopped.path, "--to", tampered.path], environment: session)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("already exists"))

        let again = try DossierBinary.run(["export", "--case", "ZAAK-F", "--store", stopped.path, "--to", target.path], environment: session)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("stopped before it filed its items; checked it whole and marked its \(ids.count) approved items filed"))
        let states = Set(try Self.items(case: "ZAAK-F", store: stopped.path, session: session)
            .filter { $0["kind"] as? String != "redaction" }.compactMap { $0["state"] as? String })
        #expect(states == ["filed"])
        // Once filed, the folder is simply taken.
        let third = try DossierBinary.run(["export", "--case", "ZAAK-F", "--store", stopped.path, "--to", target.path], environment: session)
        #expect(third.status != 0 && third.stderr.contains("already exists"))
    }
}

/// File names from everywhere: newlines, direction overrides, decomposed accents, names near
/// the file system's limit. They go through intake, review and export without breaking a
/// one-line message or leaving the case-file folder.
@Suite("Odd file names")
struct OddNameTests {
    static let names = [
        "brief\nmet regeleinde.pdf",
        "\u{202E}fdp.exe",
        "verklaring e\u{0301}e\u{0308}n.pdf",
        String(repeating: "ü", count: 125) + ".pdf",
        "-begint met streep 'en' \"aanhalingstekens\".pdf",
        "paspoort 🛂 kopie.pdf",
        "tab\tin naam.pdf",
    ]

    @Test("Odd names are stored, printed on one line each with hidden characters escaped, and exported inside the folder")
    func throughIntakeAndExport() async throws {
        let folder = try TemporaryFolder("dossier-names")
        let inputs = folder.url.appendingPathComponent("inputs")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        for (number, name) in Self.names.enumerated() {
            try MadePDF.letter(100 + number).write(to: inputs.appendingPathComponent(name))
        }
        let store = folder.url.appendingPathComponent("store").path
        let session = try await CLIClient.supervisorEnvironment(store: store, in: folder)
        let intake = try DossierBinary.run(["intake", inputs.path, "--case", "ZAAK-N", "--store", store, "--today", "2026-12-01"], environment: session)
        #expect(intake.status == 0, "\(intake.stderr)")
        let lines = intake.stdout.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        // One line per file, one for the case, one for the redaction sets and the total line.
        #expect(lines.filter { $0.hasPrefix("stored ") }.count == Self.names.count)
        #expect(lines.count == Self.names.count + 3, "\(lines)")
        #expect(intake.stdout.contains("brief\\nmet regeleinde.pdf"))
        #expect(intake.stdout.contains("\\u{202e}fdp.exe"))
        #expect(!intake.stdout.unicodeScalars.contains("\u{202E}"))

        let list = try DossierBinary.run(["review", "list", "--case", "ZAAK-N", "--store", store, "--json"], environment: session)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        // JSON keeps the names exactly.
        let documents = Set(items.compactMap { $0["document"] as? String })
        #expect(documents.count == Self.names.count)
        #expect(documents.contains("brief\nmet regeleinde.pdf"))
        let ids = items.filter { $0["kind"] as? String != "redaction" }.compactMap { $0["id"] as? Int }.map(String.init)
        let approve = try DossierBinary.run(["review", "approve"] + ids + ["--store", store], environment: session)
        #expect(approve.status == 0, "\(approve.stderr)")
        #expect(approve.stdout.split(separator: "\n").count == ids.count)

        let target = folder.url.appendingPathComponent("export")
        let export = try DossierBinary.run(["export", "--case", "ZAAK-N", "--store", store, "--to", target.path], environment: session)
        #expect(export.status == 0, "\(export.stderr)")
        let originals = try FileManager.default.contentsOfDirectory(atPath: target.appendingPathComponent("originals").path)
        #expect(originals.count == Self.names.count)
        for name in originals {
            #expect(name.utf8.count <= 180)
            #expect(!name.unicodeScalars.contains { PrintableName.isHidden($0) }, "\(PrintableName.of(name))")
            #expect(!name.hasPrefix(".") && !name.contains("/"))
        }
        #expect(originals.contains("verklaring \u{e9}\u{eb}n.pdf"), "composed form")
        #expect(originals.contains { $0.hasSuffix(".pdf") && $0.hasPrefix("üüü") }, "a long name keeps its extension")
        let transcripts = try FileManager.default.contentsOfDirectory(atPath: target.appendingPathComponent("transcripts").path)
        #expect(transcripts.count == Self.names.count)
    }

    @Test("Case ids that could leave the store or the export folder are refused in one line", arguments: [
        "../buiten", "/etc", ".verborgen", "a/b", "ZAAK\u{202E}1", "zaak één", String(repeating: "Z", count: 65), "",
    ])
    func hostileCaseIDs(caseID: String) async throws {
        let folder = try TemporaryFolder("dossier-case-ids")
        let store = folder.url.appendingPathComponent("store").path
        let session = try await CLIClient.supervisorEnvironment(store: store, in: folder)
        for command in [
            ["intake", SampleFiles.letterPDF.path, "--case", caseID, "--store", store],
            ["export", "--case", caseID, "--store", store, "--to", folder.url.appendingPathComponent("uit").path],
        ] {
            let run = try DossierBinary.run(command, environment: session)
            #expect(run.status != 0)
            let errors = run.stderr.split(separator: "\n").filter { !$0.isEmpty && !$0.hasPrefix("Usage") && !$0.hasPrefix("  See") }
            #expect(errors.count == 1, "\(run.stderr)")
        }
        // Nothing was written outside the temporary folder, and no case file was made.
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("uit").path))
        #expect(!FileManager.default.fileExists(atPath: folder.url.deletingLastPathComponent().appendingPathComponent("buiten").path))
    }
}

@Suite("A store inside the folder taken in")
struct StoreInsideFolderTests {
    @Test("The store's own database and originals are never taken in as evidence")
    func storeIsSkipped() async throws {
        let folder = try TemporaryFolder("dossier-store-inside")
        try MadePDF.letter(1).write(to: folder.url.appendingPathComponent("brief.pdf"))
        let store = folder.url.appendingPathComponent("opslag").path
        let session = try await CLIClient.supervisorEnvironment(store: store, in: folder)
        for run in 0..<2 {
            let intake = try DossierBinary.run(["intake", folder.url.path, "--case", "ZAAK-S", "--store", store, "--json", "--today", "2026-12-01"], environment: session)
            #expect(intake.status == 0, "run \(run): \(intake.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(intake.stdout.utf8)) as? [String: Any])
            let files = try #require(report["files"] as? [[String: Any]]).compactMap { $0["file"] as? String }
            #expect(files.count == 1 && files[0].hasSuffix("brief.pdf"), "run \(run): \(files)")
        }
    }
}
