import ArgumentParser
import Foundation

/// The `dossier` command: recognise, screen and review immigration evidence on this machine.
@main
struct Dossier: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Transcribe, screen and review case documents. Nothing leaves this machine.",
        subcommands: [Transcribe.self]
    )
}
