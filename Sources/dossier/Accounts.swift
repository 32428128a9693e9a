import ArgumentParser
import DossierCore
import Foundation
import Review

extension Dossier {
    /// `dossier login NAME`: start a session on a store.
    struct Login: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "login",
            abstract: "Log in to the store as an account; later commands act as it until the session ends or expires."
        )

        @Argument(help: "The account name.")
        var name: String

        @Flag(help: "Read the password from standard input (one line) instead of asking on the terminal.")
        var passwordStdin = false

        @Option(help: "Hours the session lasts (default 12, at most 720).")
        var hours: Int = AccountService.defaultSessionHours

        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            guard (1...720).contains(hours) else { throw ValidationError("--hours must be 1 to 720") }
        }

        func run() async throws {
            let password = try PasswordInput.read(prompt: "Password for \(PrintableName.of(name)): ", fromStandardInput: passwordStdin)
            let store = try await storeOptions.open()
            let saved = SavedSessions(environment: ProcessInfo.processInfo.environment)
            do {
                let storeID = try await store.storeID()
                let service = AccountService(store: store)
                let grant = try await saved.withLock(storeID: storeID) {
                    let previous = try? saved.load(storeID: storeID)
                    let grant = try await service.login(name: name, password: password, hours: hours)
                    try saved.save(.init(store: storeID, account: grant.account.name, token: grant.token, expiresAt: grant.expiresAt))
                    // The session this one replaces ends now rather than at its expiry.
                    if let previous { try? await service.logout(token: previous.token) }
                    return grant
                }
                printLine("logged in as \(grant.account.name) (\(grant.account.role.rawValue)) to \(storeOptions.displayLocation) until \(AuditClock.text(grant.expiresAt))")
            } catch {
                throw CLIError(error)
            }
        }
    }

    /// `dossier logout`.
    struct Logout: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "logout", abstract: "End this client's session on the store.")

        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let store = try await storeOptions.open()
            let saved = SavedSessions(environment: ProcessInfo.processInfo.environment)
            do {
                let storeID = try await store.storeID()
                let current = try? saved.load(storeID: storeID)
                if let current { try await AccountService(store: store).logout(token: current.token) }
                saved.remove(storeID: storeID)
                printLine(current.map { "logged out \($0.account) from \(storeOptions.displayLocation)" } ?? "not logged in to \(storeOptions.displayLocation)")
            } catch {
                throw CLIError(error)
            }
        }
    }

    /// `dossier whoami`.
    struct Whoami: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "whoami", abstract: "Show the account this client acts as on the store.")

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let signedIn = try await storeOptions.signedIn(for: .verifyAudit)
            let account = signedIn.account
            if json {
                try JSONOutput.print(WhoamiJSON(account: account.name, role: account.role.rawValue, store: storeOptions.displayLocation,
                                                storeID: signedIn.storeID, expiresAt: signedIn.session.expiresAt))
            } else {
                printLine("\(account.name) (\(account.role.rawValue)) on \(storeOptions.displayLocation), session until \(AuditClock.text(signedIn.session.expiresAt))")
            }
        }
    }

    /// `dossier users`: the store's accounts.
    struct Users: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "users",
            abstract: "Add, list, disable and change accounts (supervisors); change your own password.",
            subcommands: [Add.self, List.self, Disable.self, SetRole.self, Passwd.self]
        )
    }
}

/// `whoami --json`.
struct WhoamiJSON: Encodable {
    let account: String
    let role: String
    let store: String
    let storeID: String
    let expiresAt: Date

    enum CodingKeys: String, CodingKey {
        case account, role, store
        case storeID = "store_id", expiresAt = "expires_at"
    }
}

/// `--role` values.
enum RoleArgument: String, ExpressibleByArgument, CaseIterable {
    case reviewer, intake, supervisor
    var role: AccountRole { AccountRole(rawValue: rawValue) ?? .reviewer }
}

extension Dossier.Users {
    /// `dossier users add NAME --role ROLE`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add an account. The first account of an empty store needs no login and must be a supervisor; after that a supervisor adds accounts."
        )

        @Argument(help: "The new account's name (letters, digits, '.', '_', '-', '@').")
        var name: String

        @Option(help: "reviewer, intake or supervisor.")
        var role: RoleArgument

        @Flag(help: "Read the password from standard input (one line) instead of asking on the terminal.")
        var passwordStdin = false

        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            do { _ = try AccountRules.validName(name) } catch { throw ValidationError(error.localizedDescription) }
        }

        func run() async throws {
            let store = try await storeOptions.open()
            let actor: Account?
            do {
                actor = try await store.accounts().isEmpty ? nil : try await storeOptions.signedIn(for: .manageAccounts).account
            } catch {
                throw CLIError(error)
            }
            // Checked before the password is asked for.
            if actor == nil {
                do { try AccountRules.checkFirstAccount(role: role.role) } catch { throw CLIError("\(error.localizedDescription) (--role supervisor)") }
            }
            let password = try PasswordInput.readNew(fromStandardInput: passwordStdin, prompt: "Password for \(name): ")
            do {
                let account = try await AccountService(store: store).addAccount(name: name, role: role.role, password: password, by: actor)
                printLine("added \(account.name) (\(account.role.rawValue))" + (actor == nil ? "; the store's first account. Log in with: dossier login \(account.name)" : ""))
            } catch {
                throw CLIError(error)
            }
        }
    }

    /// `dossier users list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the store's accounts (supervisors).")

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let signedIn = try await storeOptions.signedIn(for: .manageAccounts)
            let accounts: [Account]
            do { accounts = try await AccountService(store: signedIn.store).accounts(by: signedIn.account) } catch { throw CLIError(error) }
            if json {
                try JSONOutput.print(accounts)
                return
            }
            for account in accounts {
                printLine("\(account.name)\t\(account.role.rawValue)\t\(account.active ? "active" : "disabled")\tadded by \(account.createdBy ?? "-") \(AuditClock.text(account.createdAt))")
            }
        }
    }

    /// `dossier users disable NAME`.
    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "disable", abstract: "Disable an account: it can no longer log in or act; its sessions end (supervisors).")

        @Argument(help: "The account name.")
        var name: String

        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let signedIn = try await storeOptions.signedIn(for: .manageAccounts)
            do {
                let account = try await AccountService(store: signedIn.store).disable(name, by: signedIn.account)
                printLine("disabled \(account.name)")
            } catch {
                throw CLIError(error)
            }
        }
    }

    /// `dossier users set-role NAME ROLE`.
    struct SetRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-role", abstract: "Give an account another role (supervisors).")

        @Argument(help: "The account name.")
        var name: String

        @Argument(help: "reviewer, intake or supervisor.")
        var role: RoleArgument

        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let signedIn = try await storeOptions.signedIn(for: .manageAccounts)
            do {
                let account = try await AccountService(store: signedIn.store).setRole(name, role.role, by: signedIn.account)
                printLine("\(account.name) is now \(account.role.rawValue)")
            } catch {
                throw CLIError(error)
            }
        }
    }

    /// `dossier users passwd [NAME]`.
    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "passwd",
            abstract: "Change your password (current one first), or reset another account's as a supervisor; the account's other sessions end.",
            discussion: "With --password-stdin, your own change reads two lines (current, then new); a reset reads one."
        )

        @Argument(help: "The account (default: yours).")
        var name: String?

        @Flag(help: "Read the passwords from standard input instead of asking on the terminal.")
        var passwordStdin = false

        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let signedIn = try await storeOptions.signedIn(for: .verifyAudit)
            let target = name ?? signedIn.name
            let own = target == signedIn.name
            if !own { do { try signedIn.account.require(.manageAccounts) } catch { throw CLIError(error) } }
            let current = own ? try PasswordInput.read(prompt: "Current password: ", fromStandardInput: passwordStdin) : nil
            let new = try PasswordInput.readNew(fromStandardInput: passwordStdin)
            do {
                let account = try await AccountService(store: signedIn.store)
                    .changePassword(of: target, to: new, currentPassword: current, by: signedIn.session)
                printLine("password of \(account.name) changed" + (own ? "; your other sessions ended" : "; its sessions ended"))
            } catch {
                throw CLIError(error)
            }
        }
    }
}
