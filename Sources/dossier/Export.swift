import Analysis
import ArgumentParser
import CaseFiles
import DossierCore
import Foundation
import Review

extension Dossier {
    /// `dossier export --case ID --to DIR`: write a case file from approved items only.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write a case-file folder: originals, approved transcripts and items, manifest.json."
        )

        @Option(name: .customLong("case"), help: "The case id.")
        var caseID: String

        @Option(help: "The new case-file folder (must not exist).")
        var to: String

        @Flag(help: "Write redacted copies (only documents whose redaction set a reviewer approved) instead of the case file.")
        var redacted = false

        @Option(name: .customLong("for"), help: "With --redacted: the recipient whose policy says what is hidden (\(RedactionPolicy.recipients().joined(separator: ", "))); default: every category.")
        var recipient: String?

        @Flag(help: "Print the result as JSON.")
        var json = false

        @OptionGroup var removedReviewer: RemovedReviewerOption

        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            _ = try parseCaseID(caseID)
            if recipient != nil, !redacted { throw ValidationError("--for goes with --redacted") }
        }

        func run() async throws {
            let caseID = try parseCaseID(caseID)
            let signedIn = try await storeOptions.signedIn(for: .export)
            if redacted {
                try await exportRedacted(caseID, store: signedIn.store, actor: signedIn.name)
                return
            }
            let report: ExportReport
            do {
                report = try await CaseFileExporter(store: signedIn.store, actor: signedIn.name).export(caseID, to: URL(fileURLWithPath: to))
            } catch {
                throw CLIError(error)
            }
            if json {
                try JSONOutput.print(report)
                return
            }
            if report.completedInterruptedExport {
                printLine("case \(caseID): \(report.folder) was written by an export that stopped before it filed its items; checked it whole and marked its \(report.approvedItems) approved items filed")
            } else if report.approvedItems == 0 {
                printLine("case \(caseID): nothing approved yet; exported \(report.originals) originals and no items to \(report.folder)")
            } else {
                printLine("case \(caseID): exported \(report.originals) originals, \(report.transcripts) approved transcripts, \(report.approvedItems) approved items to \(report.folder); \(report.withheldItems) unapproved items stay in the store")
            }
        }

        /// `--redacted`: the copies for one recipient.
        func exportRedacted(_ caseID: CaseID, store: any ReviewStore, actor: String) async throws {
            let policy: RedactionPolicy
            do { policy = try recipient.map(RedactionPolicy.named) ?? .everything } catch { throw CLIError.message(error.description) }
            let report: RedactedExportReport
            do {
                report = try await RedactedCaseExporter(store: store, actor: actor).export(
                    caseID, to: URL(fileURLWithPath: to),
                    for: RedactionRecipient(name: policy.recipient, title: policy.title, categories: policy.categories)
                )
            } catch {
                throw CLIError(error)
            }
            for failure in report.failed {
                StandardError.writeLine("dossier: document \(failure.document): \(failure.reason)")
            }
            if json {
                try JSONOutput.print(report)
            } else {
                printLine("case \(caseID): \(report.documents) redacted cop\(report.documents == 1 ? "y" : "ies") for \(report.recipient) (\(report.pages) page\(report.pages == 1 ? "" : "s"), \(report.redactions) areas blacked out) in \(report.folder); \(report.withheld) document\(report.withheld == 1 ? "" : "s") without an approved redaction set not written")
            }
            if !report.failed.isEmpty { throw CLIError.someFilesFailed(report.failed.count) }
        }
    }
}
