import Foundation
import Review
import Stores
import TestSupport

extension CLIClient {
    /// A client on `store` (a folder or postgres:// URL) whose test accounts exist and are
    /// logged in, each with a client folder of their own under `folder`.
    static func withTestAccounts(store: String, in folder: TemporaryFolder) async throws -> CLIClient {
        let opened = try await StoreLocation(store).open()
        try await TestAccounts.add(to: opened)
        let client = CLIClient(store: store, homes: folder.url.appendingPathComponent("clients"))
        try client.loginAll()
        return client
    }
}

extension CLIClient {
    /// The environment of a client logged in as the supervisor `lead` on `store` (a fresh one
    /// whose test accounts are made here): for tests about intake, export and crashes, where
    /// who acts is not the point.
    static func supervisorEnvironment(store: String, in folder: TemporaryFolder) async throws -> [String: String] {
        let client = CLIClient(store: store, homes: folder.url.appendingPathComponent("clients"))
        let opened = try await StoreLocation(store).open()
        try await TestAccounts.add(to: opened)
        try client.login(TestAccounts.supervisor)
        return ["DOSSIER_CONFIG_HOME": client.home(TestAccounts.supervisor).path]
    }
}
