internal import Foundation
internal import NIOSSL
internal import PostgresNIO
internal import Review

/// Where a PostgreSQL store is: `postgres://user[:password]@host[:port]/database`, with
/// `?host=/socket/folder` for a Unix socket and `?sslmode=require` for TLS.
struct PostgresLocation {
    let configuration: PostgresClient.Configuration
    /// The location without the password.
    let display: String

    init(_ text: String) throws(ReviewStoreError) {
        guard let components = URLComponents(string: text), ["postgres", "postgresql"].contains(components.scheme ?? "") else {
            throw .storage("'\(text.prefix(40))' is not a postgres:// location")
        }
        let user = components.user.flatMap { $0.removingPercentEncoding } ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        let password = components.password.flatMap { $0.removingPercentEncoding } ?? ProcessInfo.processInfo.environment["PGPASSWORD"]
        let database = components.path.count > 1 ? String(components.path.dropFirst()) : user
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        if let socketFolder = query["host"], socketFolder.hasPrefix("/") {
            let port = components.port ?? 5432
            configuration = PostgresClient.Configuration(
                unixSocketPath: "\(socketFolder)/.s.PGSQL.\(port)", username: user, password: password, database: database
            )
            display = "postgres://\(user)@\(socketFolder):\(port)/\(database)"
            return
        }
        let host = components.host ?? "localhost"
        let tls: PostgresClient.Configuration.TLS
        switch query["sslmode"] ?? "disable" {
        case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
        case "prefer": tls = .prefer(.makeClientConfiguration())
        default: tls = .disable
        }
        configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: user, password: password, database: database, tls: tls
        )
        display = "postgres://\(user)@\(host):\(components.port ?? 5432)/\(database)"
    }
}
