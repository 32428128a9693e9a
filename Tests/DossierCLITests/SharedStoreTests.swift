import Foundation
import Testing
import TestSupport

/// A store on the PostgreSQL server scripts/test started: a fresh database made with psql.
enum SharedServer {
    static var adminURL: String? {
        ProcessInfo.processInfo.environment["DOSSIER_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Both kinds always: without a server the PostgreSQL cases are recorded as skipped.
    static var kinds: [String] { ["sqlite", "postgres"] }

    static func freshDatabase() throws -> String {
        guard let admin = adminURL else { try Test.cancel("PostgreSQL not tested: DOSSIER_TEST_POSTGRES names no server") }
        let name = "dossier_cli_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", admin, "-q", "-c", "CREATE DATABASE \(name)"]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "psql could not make a test database")
        var components = try #require(URLComponents(string: admin))
        components.path = "/" + name
        return try #require(components.string)
    }
}

@Suite("Several intake workers on one store")
struct SharedStoreTests {
    @Test("Three intake processes on overlapping folders store each file exactly once", arguments: SharedServer.kinds)
    func overlappingWorkers(kind: String) async throws {
        let folder = try TemporaryFolder("dossier-workers")
        let samples = SampleFiles.repositoryRoot.appendingPathComponent("Samples")
        let files = ["ingebrekestelling.pdf", "loonstrook-met-stempel.pdf", "ingebrekestelling-kapotte-tekstlaag.pdf"]
        // Worker 1 gets files 1 and 2, worker 2 files 2 and 3, worker 3 files 3 and 1.
        var folders: [String] = []
        for worker in 0..<3 {
            let own = folder.url.appendingPathComponent("worker-\(worker)")
            try FileManager.default.createDirectory(at: own, withIntermediateDirectories: true)
            for name in [files[worker], files[(worker + 1) % 3]] {
                try FileManager.default.copyItem(at: samples.appendingPathComponent(name), to: own.appendingPathComponent(name))
            }
            folders.append(own.path)
        }
        let store = kind == "postgres" ? try SharedServer.freshDatabase() : folder.url.appendingPathComponent("store").path
        let session = try await CLIClient.supervisorEnvironment(store: store, in: folder)
        let results = LockedResults()
        let workerFolders = folders
        DispatchQueue.concurrentPerform(iterations: 3) { worker in
            let result = try? DossierBinary.run(["intake", workerFolders[worker], "--case", "ZAAK-W", "--store", store, "--json", "--today", "2026-11-23"], environment: session)
            results.set(worker, result)
        }
        var stored = 0, duplicates = 0
        for worker in 0..<3 {
            let result = try #require(results.get(worker))
            #expect(result.status == 0, "worker \(worker): \(result.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let outcomes = try #require(report["files"] as? [[String: Any]]).compactMap { $0["status"] as? String }
            stored += outcomes.filter { $0 == "stored" }.count
            duplicates += outcomes.filter { $0 == "duplicate" }.count
        }
        #expect(stored == 3, "each file stored once")
        #expect(duplicates == 3, "and found as a duplicate by the other worker")
        let list = try DossierBinary.run(["review", "list", "--case", "ZAAK-W", "--store", store, "--json"], environment: session)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(items.filter { $0["kind"] as? String == "document-type" }.count == 3)
        #expect(items.filter { $0["kind"] as? String == "transcript" }.count == 3)
        let flags = items.filter { $0["kind"] as? String == "flag" }.map { "\($0["document"] ?? "")|\($0["summary"] ?? "")" }
        #expect(!flags.isEmpty)
        #expect(flags.count == Set(flags).count, "no flag proposed twice on a document")
        let verify = try DossierBinary.run(["audit", "verify", "--store", store], environment: session)
        #expect(verify.status == 0, "\(verify.stderr)")
    }
}

/// Results written from concurrent workers.
final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Int: DossierBinary.Result] = [:]

    func set(_ index: Int, _ result: DossierBinary.Result?) { lock.withLock { results[index] = result } }
    func get(_ index: Int) -> DossierBinary.Result? { lock.withLock { results[index] } }
}
