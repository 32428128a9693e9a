import ArgumentParser
import Foundation

/// The `dossier` command: recognise, screen and review immigration evidence on this machine.
@main
struct Dossier: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Transcribe, screen and review case documents. Nothing leaves this machine.",
        subcommands: [Transcribe.self, Analyze.self, Summarize.self, Intake.self, Review.self, Search.self, Audit.self, Export.self, Check.self, ExtractWorker.self]
    )

    /// Runs the command; Dossier's own errors print as `dossier: …` with their exit status.
    static func main() async {
        do {
            var command = try parseAsRoot()
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
