import ArgumentParser
import CaseFiles
import DossierCore
import Foundation

extension Dossier {
    /// `dossier export --case ID --to DIR`: write a case file from approved items only.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a case-file folder: originals, approved transcripts and items, manifest.json."
        )

        @Option(name: .customLong("case"), help: "The case id.")
        var caseID: String

        @Option(help: "The new case-file folder (must not exist).")
        var to: String

        @Flag(help: "Print the result as JSON.")
        var json = false

        @OptionGroup var removedReviewer: RemovedReviewerOption

        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            _ = try parseCaseID(caseID)
        }

        func run() async throws {
            let caseID = try parseCaseID(caseID)
            let signedIn = try await storeOptions.signedIn(for: .export)
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
    }
}
