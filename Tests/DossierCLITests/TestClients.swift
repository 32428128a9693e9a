import Foundation
import Review
import Stores
import TestSupport

extension CLIClient {
    /// A client on `store` (a folder or postgres:// URL, fresh) whose test accounts are made
    /// here, each with a client folder of its own under `folder`; nobody is logged in yet.
    static func withTestAccountsMade(store: String, in folder: TemporaryFolder) async throws -> CLIClient {
        try await TestAccounts.add(to: try await StoreLocation(store).open())
        return CLIClient(store: store, homes: folder.url.appendingPathComponent("clients"))
    }

    /// The same, with every test account logged in.
    static func withTestAccounts(store: String, in folder: TemporaryFolder) async throws -> CLIClient {
        let client = try await withTestAccountsMade(store: store, in: folder)
        try client.loginAll()
        return client
    }

    /// The environment of a client logged in as the supervisor `lead` on a fresh `store`: for
    /// tests about intake, export and crashes, where who acts is not the point.
    static func supervisorEnvironment(store: String, in folder: TemporaryFolder) async throws -> [String: String] {
        let client = try await withTestAccountsMade(store: store, in: folder)
        try client.login(TestAccounts.supervisor)
        return ["DOSSIER_CONFIG_HOME": client.home(TestAccounts.supervisor).path]
    }
}
