public import Foundation
public import Review
internal import StorePostgres
internal import StoreSQLite

/// Where a review store lives, parsed once: a folder (the embedded SQLite store) or a
/// PostgreSQL server (`postgres://…` or `postgresql://…`).
public enum StoreLocation: Sendable, Equatable {
    /// An SQLite store in this folder.
    case folder(URL)
    /// A PostgreSQL store at this URL (which may hold a password).
    case server(String)

    /// Reads a location as typed (`--store`, `$DOSSIER_STORE`).
    public init(_ text: String) {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .server(text)
        } else {
            self = .folder(URL(fileURLWithPath: text))
        }
    }

    /// The SQLite store's folder; `nil` for a server.
    public var folder: URL? {
        if case .folder(let url) = self { return url }
        return nil
    }

    /// The location as it may be shown: the folder, or the server without password or query.
    public var display: String {
        switch self {
        case .folder(let url): return url.relativePath
        case .server(let text):
            guard var components = URLComponents(string: text) else { return "postgres://…" }
            components.password = nil
            components.query = nil
            return components.string ?? "postgres://…"
        }
    }

    /// Opens (creating or migrating as needed) the store.
    public func open() async throws(ReviewStoreError) -> any ReviewStore {
        switch self {
        case .folder(let url): try SQLiteReviewStore(directory: url)
        case .server(let text): try await PostgresReviewStore(url: text)
        }
    }
}
