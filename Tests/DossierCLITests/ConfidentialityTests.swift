import Foundation
import Testing
import TestSupport

/// Confidential data stays on the machine and out of the logs.
@Suite("Confidentiality")
struct ConfidentialityTests {
    /// `unshare` with a new network namespace: no interface but a loopback that is down. As
    /// root `-n` does it; otherwise a user namespace (`-r`) as well.
    static let offline = ["/usr/bin/unshare"] + (getuid() == 0 ? ["-n"] : ["-r", "-n"]) + ["--"]

    @Test("A whole intake, review and export runs in a network namespace with no interfaces")
    func noNetwork() async throws {
        let folder = try TemporaryFolder("dossier-offline")
        let store = folder.url.appendingPathComponent("store").path
        let session = try await CLIClient.supervisorEnvironment(store: store, in: folder)
        let samples = SampleFiles.repositoryRoot.appendingPathComponent("Samples")
        // The namespace really has no way out: only a loopback interface, and it is down.
        // (The shell runs only its script; the dossier path the launcher appends is its unused $1.)
        let interfaces = try DossierBinary.run([], launcher: Self.offline + ["/bin/sh", "-c", "cat /proc/net/dev", "sh"])
        try #require(interfaces.status == 0, "unshare could not make a network namespace here: \(interfaces.stderr)")
        let names = interfaces.stdout.split(separator: "\n").dropFirst(2).compactMap { $0.split(separator: ":").first?.trimmingCharacters(in: .whitespaces) }
        #expect(names == ["lo"])
        let files = ["ingebrekestelling.pdf", "paspoort-scan.png", "loonstrook-met-stempel.pdf"].map { samples.appendingPathComponent($0).path }
        let intake = try DossierBinary.run(["intake"] + files + ["--case", "ZAAK-OFF", "--store", store, "--json", "--today", "2026-11-23"], environment: session, launcher: Self.offline)
        #expect(intake.status == 0, "\(intake.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(intake.stdout.utf8)) as? [String: Any])
        #expect((report["files"] as? [[String: Any]])?.filter { $0["status"] as? String == "stored" }.count == 3)
        let next = try DossierBinary.run(["review", "next", "--store", store, "--json"], environment: session, launcher: Self.offline)
        let item = try #require(try JSONSerialization.jsonObject(with: Data(next.stdout.utf8)) as? [String: Any])
        let approve = try DossierBinary.run(["review", "approve", "\(try #require(item["id"] as? Int))", "--store", store], environment: session, launcher: Self.offline)
        #expect(approve.status == 0)
        let export = try DossierBinary.run(["export", "--case", "ZAAK-OFF", "--to", folder.url.appendingPathComponent("dossier").path, "--store", store], environment: session, launcher: Self.offline)
        #expect(export.status == 0, "\(export.stderr)")
    }

    @Test("A --verbose intake logs no document text, identifier or name, whatever happens to the files")
    func noLeaks() async throws {
        let folder = try TemporaryFolder("dossier-leaks")
        let store = folder.url.appendingPathComponent("store").path
        let session = try await CLIClient.supervisorEnvironment(store: store, in: folder)
        let samples = SampleFiles.repositoryRoot.appendingPathComponent("Samples")
        let files = ["ingebrekestelling.pdf", "paspoort-scan.png", "loonstrook-met-stempel.pdf", "ingebrekestelling-kapotte-tekstlaag.pdf",
                     "afgebroken.pdf", "versleuteld.pdf"].map { samples.appendingPathComponent($0).path }
        // What the documents hold that must not leak: every identifier screening finds, and
        // the names and birth date in them.
        let analysis = try DossierBinary.run(["analyze", "--json", "--today", "2026-11-23"] + files)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(analysis.stdout.utf8)) as? [String: Any])
        var secrets = Set(["Jansen", "JANSEN", "de Vries", "14 maart 1988", "1988-03-14"])
        for document in json["documents"] as? [[String: Any]] ?? [] {
            for identifier in document["identifiers"] as? [[String: Any]] ?? [] where identifier["kind"] as? String != "postcode" {
                if let value = identifier["value"] as? String { secrets.insert(value) }
                if let quote = identifier["quote"] as? String { secrets.insert(quote) }
            }
        }
        #expect(secrets.contains("NL91ABNA0417164300") && secrets.contains("1234567890") && secrets.contains("NX5R2K7C1"),
                "the samples hold an IBAN, a V-number and a passport number")
        // Run twice: the second run finds duplicates and a failing store path is not needed.
        for _ in 0..<2 {
            let run = try DossierBinary.run(["intake", "--verbose", "--case", "ZAAK-LEAK", "--store", store, "--today", "2026-11-23"] + files, environment: session)
            #expect(run.stderr.contains("stored") || run.stderr.contains("duplicate"), "the log says what happened")
            #expect(run.stderr.contains("failed:"), "and why files failed")
            for secret in secrets {
                #expect(!run.stderr.contains(secret), "the log holds '\(secret.prefix(3))…'")
                #expect(!run.stdout.contains(secret), "the output holds '\(secret.prefix(3))…'")
            }
        }
        // Review commands print documents to the reviewer on stdout (that is their job); their
        // errors do not.
        let refused = try DossierBinary.run(["review", "approve", "99999", "--store", store], environment: session)
        for secret in secrets { #expect(!refused.stderr.contains(secret)) }
    }
}
