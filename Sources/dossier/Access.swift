import ArgumentParser
import DossierCore
import Foundation
import Review

/// A store opened as the account logged in to it.
struct SignedInStore {
    let store: any ReviewStore
    let session: SessionRecord
    let storeID: String

    /// The account acting.
    var account: Account { session.account }
    var name: String { session.account.name }
}

/// How `dossier` ends: one table, in the README and `dossier help exit-codes`.
enum ExitStatus: Int32, CaseIterable {
    case success = 0
    case someFailed = 1
    case failed = 2
    case notLoggedIn = 3
    case notAllowed = 4
    case loginRefused = 5
    case storeBroken = 6
    case auditBroken = 7
    case usage = 64

    var meaning: String {
        switch self {
        case .success: "done"
        case .someFailed: "some files or items failed (each named on stderr); the rest were done"
        case .failed: "the command could not do what it was asked (a file it cannot read, an item the rules refuse, …)"
        case .notLoggedIn: "no live session for this store: dossier login NAME"
        case .notAllowed: "the logged-in account's role does not allow this command"
        case .loginRefused: "login refused: unknown name, wrong password, disabled or locked account"
        case .storeBroken: "the review store cannot be opened, read or written"
        case .auditBroken: "the audit trail does not verify"
        case .usage: "wrong options or arguments (the message says which)"
        }
    }
}

/// Errors the CLI reports itself; each prints as one line `dossier: …` and ends with its status.
struct CLIError: Error, LocalizedError, CustomStringConvertible {
    let description: String
    let status: ExitStatus

    init(_ description: String, status: ExitStatus = .failed) {
        self.description = description
        self.status = status
    }

    /// Any library error, with the status its kind gets; library messages stay as they are.
    init(_ error: any Error) {
        if let error = error as? CLIError {
            self = error
        } else if let error = error as? ReviewStoreError {
            self.init(error.localizedDescription, status: Self.status(of: error))
        } else {
            self.init(error.localizedDescription)
        }
    }

    static func fileFailed(file: String, reason: String) -> CLIError { CLIError("\(file): \(reason)", status: .someFailed) }
    static func message(_ text: String) -> CLIError { CLIError(text) }
    static func someFilesFailed(_ count: Int) -> CLIError {
        CLIError("\(count) file\(count == 1 ? "" : "s") failed", status: .someFailed)
    }

    static func status(of error: ReviewStoreError) -> ExitStatus {
        switch error {
        case .notSignedIn: .notLoggedIn
        case .notAllowed, .accountDisabled: .notAllowed
        case .loginRefused: .loginRefused
        case .storage: .storeBroken
        case .auditBroken: .auditBroken
        default: .failed
        }
    }

    var errorDescription: String? { description }
    var exitCode: Int32 { status.rawValue }
}

/// `--reviewer` is gone: decisions are made by the logged-in account. Kept hidden so that using
/// it says so in one line.
struct RemovedReviewerOption: ParsableArguments {
    @Option(name: .customLong("reviewer"), help: .hidden)
    var reviewer: String?

    static let message = "--reviewer is gone: commands act as the logged-in account; log in as that account with `dossier login NAME`"

    func validate() throws {
        if reviewer != nil { throw ValidationError(Self.message) }
    }

    /// Whether `arguments` use `--reviewer` as an option (not as the value of another option).
    static func isUsed(in arguments: [String]) -> Bool {
        guard arguments.contains(where: { $0.hasPrefix("--reviewer") }) else { return false }
        let takesValue: Set<String> = ["--text", "--reason", "--file", "--case", "--store", "--to"]
        var previous = ""
        for argument in arguments {
            if argument == "--" { return false }
            if (argument == "--reviewer" || argument.hasPrefix("--reviewer=")) && !takesValue.contains(previous) { return true }
            previous = argument
        }
        return false
    }
}

/// Reading passwords: from standard input (`--password-stdin`, one line each) or from the
/// terminal without echo. Passwords are never printed, logged or kept.
enum PasswordInput {
    /// Reads one password line; `prompt` is shown on the terminal only.
    static func read(prompt: String, fromStandardInput: Bool) throws -> String {
        if fromStandardInput {
            guard let line = readLine(strippingNewline: true) else {
                throw CLIError("no password on standard input (it was closed or empty)", status: .usage)
            }
            return line
        }
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard tty >= 0, isatty(tty) == 1 else {
            if tty >= 0 { close(tty) }
            throw CLIError("no terminal to ask for the password on; pass --password-stdin and give it on standard input", status: .usage)
        }
        defer { close(tty) }
        var original = termios()
        tcgetattr(tty, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(tty, TCSAFLUSH, &silent)
        defer {
            tcsetattr(tty, TCSAFLUSH, &original)
            _ = Glibc.write(tty, "\n", 1)
        }
        _ = prompt.withCString { Glibc.write(tty, $0, strlen($0)) }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while Glibc.read(tty, &byte, 1) == 1, byte != 0x0A, byte != 0x0D {
            bytes.append(byte)
            if bytes.count > 1024 { break }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A new password: asked twice on a terminal, once from standard input.
    static func readNew(fromStandardInput: Bool, prompt: String = "New password: ") throws -> String {
        let first = try read(prompt: prompt, fromStandardInput: fromStandardInput)
        if !fromStandardInput {
            let second = try read(prompt: "Again: ", fromStandardInput: false)
            guard first == second else { throw CLIError("the two passwords differ; nothing was changed") }
        }
        return first
    }
}
