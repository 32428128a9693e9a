import ArgumentParser
import DossierCore
import Foundation
import Review

extension Dossier {
    /// `dossier audit`: the hash-chained trail of everything done to the queue.
    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "Verify and print the audit trail: who did what to which item, when, chained by SHA-256.",
            subcommands: [Verify.self, Log.self]
        )
    }
}

extension Dossier.Audit {
    /// `dossier audit verify`.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check that no audit event was changed, removed or reordered; exit 1 and name the first bad event if one was."
        )

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let result: AuditVerification
            let signedIn = try await storeOptions.signedIn(for: .verifyAudit)
            do { result = try await signedIn.store.verifyAudit() } catch { throw CLIError(error) }
            // Files of a local store that others can read: told, whatever the trail says.
            let exposed = storeOptions.localFolder.map { PrivateFiles.exposed(under: $0) } ?? []
            if !exposed.isEmpty {
                let shown = exposed.prefix(5).map { PrintableName.of($0) }.joined(separator: ", ") + (exposed.count > 5 ? ", …" : "")
                StandardError.writeLine("dossier: warning: \(exposed.count) of the store's files or folders can be read or entered by others (\(shown)); make them private: chmod -R go-rwx \(storeOptions.location)")
            }
            switch result {
            case .intact(let events, let head):
                if json {
                    try JSONOutput.print(["intact": "true", "events": String(events), "head": head])
                } else {
                    printLine("audit trail intact: \(events) events, head \(head)")
                }
            case .broken(let sequence, let reason):
                if json {
                    try JSONOutput.print(["intact": "false", "first_bad_event": String(sequence), "reason": reason])
                } else {
                    StandardError.writeLine("dossier: audit trail broken at event \(sequence): \(reason)")
                }
                throw ExitCode(ExitStatus.auditBroken.rawValue)
            }
        }
    }

    /// `dossier audit log [--case ID]`.
    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "log", abstract: "Print the audit trail, oldest first.")

        @Option(name: .customLong("case"), help: "Only this case.")
        var caseID: String?

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            if let caseID { _ = try parseCaseID(caseID) }
        }

        func run() async throws {
            let events: [AuditEvent]
            do {
                events = try await storeOptions.signedIn(for: .readAudit).store.auditEvents(caseID: try caseID.map(parseCaseID))
            } catch {
                throw CLIError(error)
            }
            if json {
                try JSONOutput.print(events)
                return
            }
            for event in events {
                var line = "\(event.sequence)\t\(event.at)\t\(event.actor)\t\(event.actionName)\t\(event.caseID)"
                line += "\t" + (event.itemID.map { "item \($0)" } ?? (event.documentSHA256.map { "document \($0.prefix(12))…" } ?? "-"))
                line += "\t" + (event.state ?? "-")
                if let before = event.beforeHash, let after = event.afterHash, before != after {
                    line += "\t\(before.prefix(12))… → \(after.prefix(12))…"
                } else if let after = event.afterHash {
                    line += "\t\(after.prefix(12))…"
                }
                line += "\t#\(event.hash.prefix(16))"
                printLine(line)
            }
        }
    }
}

extension Dossier {
    /// `dossier search QUERY`.
    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Search every stored transcript: all words must occur, diacritics ignored; \"a phrase\" in quotes, word* for a prefix."
        )

        @Argument(help: "The words to look for.")
        var query: String

        @Option(name: .customLong("case"), help: "Only this case.")
        var caseID: String?

        @Option(help: "At most this many pages (default 20).")
        var limit: Int = 20

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            if let caseID { _ = try parseCaseID(caseID) }
            guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
            guard SearchQuery.ftsMatch(query) != nil else { throw ValidationError("the query has no word to look for") }
        }

        func run() async throws {
            let hits: [SearchHit]
            do {
                hits = try await storeOptions.signedIn(for: .readQueue).store.search(query, in: try caseID.map(parseCaseID), limit: limit)
            } catch {
                throw CLIError(error)
            }
            if json {
                try JSONOutput.print(hits)
                return
            }
            if hits.isEmpty { printLine("no page matches") }
            for hit in hits {
                printLine("\(hit.caseID)\t\(hit.fileName)\tpage \(hit.page)\t\(hit.snippet)")
            }
        }
    }
}
