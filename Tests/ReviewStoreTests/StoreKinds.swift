import DossierCore
import Foundation
import GRDB
import Logging
import PostgresNIO
import Review
import StorePostgres
import StoreSQLite
import Testing
import TestSupport

/// The stores every workflow test runs against: SQLite, and PostgreSQL on the server
/// `$DOSSIER_TEST_POSTGRES` names (scripts/test starts one); without it the PostgreSQL cases are
/// recorded as skipped (cancelled), never left out.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    static var adminURL: String? {
        ProcessInfo.processInfo.environment["DOSSIER_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var available: [StoreKind] { allCases }

    /// The server's admin URL; without one the running test case is recorded as skipped.
    static func requireServer() throws -> String {
        guard let adminURL else { try Test.cancel("PostgreSQL not tested: DOSSIER_TEST_POSTGRES names no server") }
        return adminURL
    }
}

/// Raw SQL on a store's database, for tests that play the tamperer.
struct RawDatabase: Sendable {
    let kind: StoreKind
    let sqlitePath: String?
    let postgresURL: String?
    let connection = SharedConnection()

    /// The statements that remove the audit trail's guards, as anyone holding the database could.
    var dropGuards: [String] {
        switch kind {
        case .sqlite: ["DROP TRIGGER audit_events_are_append_only", "DROP TRIGGER audit_events_are_never_deleted"]
        case .postgres: ["DROP TRIGGER audit_events_are_append_only ON audit_events"]
        }
    }

    func execute(_ sql: String) async throws {
        switch kind {
        case .sqlite:
            let queue = try DatabaseQueue(path: sqlitePath ?? "")
            try await queue.write { try $0.execute(sql: sql) }
        case .postgres:
            let client = try await connection.get(postgresURL ?? "")
            _ = try await client.query(PostgresQuery(unsafeSQL: sql), logger: PostgresTestServer.logger).collect()
        }
    }

    /// The first column of every row, as text.
    func texts(_ sql: String) async throws -> [String?] {
        switch kind {
        case .sqlite:
            let queue = try DatabaseQueue(path: sqlitePath ?? "")
            return try await queue.read { db in try Row.fetchAll(db, sql: sql).map { row in row[0] as String? } }
        case .postgres:
            let client = try await connection.get(postgresURL ?? "")
            return try await client.query(PostgresQuery(unsafeSQL: sql), logger: PostgresTestServer.logger).collect()
                .map { try $0.decode(String?.self) }
        }
    }

    /// A text value as an SQL literal.
    static func literal(_ value: String?) -> String {
        value.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? "NULL"
    }
}

/// A pooled client, made on first use and kept for the test; it shuts down with the test.
actor SharedConnection {
    private var client: PostgresClient?
    private var runner: Task<Void, Never>?

    func get(_ url: String) throws -> PostgresClient {
        if let client { return client }
        let components = try #require(URLComponents(string: url))
        let made = PostgresClient(configuration: .init(
            host: components.host ?? "127.0.0.1", port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: String(components.path.dropFirst()), tls: .disable
        ))
        runner = Task { await made.run() }
        client = made
        return made
    }

    deinit { runner?.cancel() }
}

/// Test databases on the server scripts/test started.
enum PostgresTestServer {
    static let logger = Logger(label: "dossier.tests", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Makes a fresh database and returns its URL.
    static func freshDatabase() async throws -> String {
        let admin = try StoreKind.requireServer()
        let name = "dossier_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await run(url: admin) { connection in
            _ = try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger).collect()
        }
        var components = try #require(URLComponents(string: admin))
        components.path = "/" + name
        return try #require(components.string)
    }

    /// Runs `body` on one connection to `url`.
    static func connect(url: String) async throws -> PostgresConnection {
        let components = try #require(URLComponents(string: url))
        let configuration = PostgresConnection.Configuration(
            host: components.host ?? "127.0.0.1", port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: String(components.path.dropFirst()), tls: .disable
        )
        return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
    }

    static func run<T: Sendable>(url: String, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection = try await connect(url: url)
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

/// A fresh store of a kind, with what the tests need to reach it from outside.
struct StoreUnderTest {
    let store: any ReviewStore
    let raw: RawDatabase
    /// Opens another store on the same data (another reviewer's connection).
    let reopen: @Sendable () async throws -> any ReviewStore
    let folder: TemporaryFolder

    /// A fresh store; with `accounts`, holding ``TestAccounts``.
    static func make(_ kind: StoreKind, accounts: Bool = true, clock: @escaping @Sendable () -> Date = Date.init) async throws -> StoreUnderTest {
        let folder = try TemporaryFolder("dossier-\(kind.rawValue)")
        switch kind {
        case .sqlite:
            let directory = folder.url.appendingPathComponent("store")
            let store = try SQLiteReviewStore(directory: directory, clock: clock)
            if accounts { try await TestAccounts.add(to: store) }
            return StoreUnderTest(
                store: store, raw: RawDatabase(kind: kind, sqlitePath: directory.appendingPathComponent("dossier.sqlite").path, postgresURL: nil),
                reopen: { try SQLiteReviewStore(directory: directory, clock: clock) }, folder: folder
            )
        case .postgres:
            let url = try await PostgresTestServer.freshDatabase()
            let store = try await PostgresReviewStore(url: url, clock: clock)
            if accounts { try await TestAccounts.add(to: store) }
            return StoreUnderTest(
                store: store, raw: RawDatabase(kind: kind, sqlitePath: nil, postgresURL: url),
                reopen: { try await PostgresReviewStore(url: url, clock: clock) }, folder: folder
            )
        }
    }
}

@Suite("Store configuration")
struct StoreConfigurationTests {
    @Test("When scripts/test asks for PostgreSQL, a server is there")
    func postgresConfigured() {
        if ProcessInfo.processInfo.environment["DOSSIER_TEST_POSTGRES_REQUIRED"] == "1" {
            #expect(StoreKind.adminURL != nil, "scripts/test starts a PostgreSQL server and sets $DOSSIER_TEST_POSTGRES")
        }
    }
}
