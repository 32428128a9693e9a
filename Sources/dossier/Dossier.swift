import ArgumentParser
import Foundation
import Intake

/// The `dossier` command: recognise, screen and review immigration evidence on this machine.
@main
struct Dossier: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Transcribe, screen and review case documents. Nothing leaves this machine.",
        discussion: "Commands on a store act as the account logged in to it (dossier login NAME).\n\nExit codes:\n"
            + ExitStatus.allCases.map { status in
                // Padded by hand: Foundation's padding(toLength:) costs a quarter of a millisecond at every start.
                let code = String(status.rawValue)
                return "  " + code + String(repeating: " ", count: max(0, 4 - code.count)) + status.meaning
            }.joined(separator: "\n"),
        version: ModelVersions.program,
        subcommands: [Transcribe.self, Analyze.self, Summarize.self, Redactions.self, Intake.self, Review.self, Search.self, Audit.self, Export.self,
                      Login.self, Logout.self, Whoami.self, Users.self, Serve.self, Check.self, ExtractWorker.self]
    )

    /// Runs the command; Dossier's own errors print as `dossier: …` with their exit status.
    static func main() async {
        // Whatever this process creates (stores, case files, sessions, caches) is private.
        umask(0o077)
        if RemovedReviewerOption.isUsed(in: Array(CommandLine.arguments.dropFirst())) {
            StandardError.writeLine("dossier: \(RemovedReviewerOption.message)")
            Foundation.exit(ExitStatus.usage.rawValue)
        }
        do {
            var command = try parseAsRoot(Array(CommandLine.arguments.dropFirst()))
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as CLIError {
            StandardError.writeLine("dossier: \(error.description)")
            Foundation.exit(error.exitCode)
        } catch {
            exit(withError: error)
        }
    }
}
