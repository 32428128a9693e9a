public import Foundation

/// People using `dossier` on one store, each with a client configuration of their own (as if on
/// their own machines): `login` once, then `run` commands as them.
public struct CLIClient: Sendable {
    /// The store location (`--store`).
    public let store: String
    /// Where each person's `$DOSSIER_CONFIG_HOME` lives.
    public let homes: URL

    public init(store: String, homes: URL) {
        self.store = store
        self.homes = homes
    }

    /// The configuration folder of `account`.
    public func home(_ account: String) -> URL { homes.appendingPathComponent("client-\(account)") }

    /// Logs `account` in with the test password (or `password`).
    @discardableResult
    public func login(_ account: String, password: String = TestAccounts.password) throws -> DossierBinary.Result {
        let result = try run(["login", account, "--password-stdin"], as: account, input: password + "\n")
        guard result.status == 0 else { throw CLIClientError.loginFailed(account: account, stderr: result.stderr) }
        return result
    }

    /// Logs in every test account.
    public func loginAll() throws {
        for account in [TestAccounts.supervisor, TestAccounts.intake] + TestAccounts.reviewers { try login(account) }
    }

    /// Runs `dossier ARGUMENTS --store STORE` as `account` (`nil`: a client nobody logged in on).
    public func run(
        _ arguments: [String], as account: String?, environment: [String: String] = [:], input: String? = nil
    ) throws -> DossierBinary.Result {
        var env = environment
        env["DOSSIER_CONFIG_HOME"] = home(account ?? "nobody").path
        return try DossierBinary.run(arguments + ["--store", store], environment: env, input: input)
    }
}

/// Why a test client could not be set up.
public enum CLIClientError: Error, CustomStringConvertible {
    case loginFailed(account: String, stderr: String)

    public var description: String {
        switch self {
        case .loginFailed(let account, let stderr): "login of \(account) failed: \(stderr)"
        }
    }
}
