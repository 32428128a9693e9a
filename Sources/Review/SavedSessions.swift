internal import DossierCore
public import Foundation

/// Where a command-line client keeps its session tokens: one 0600 file per store under
/// `$DOSSIER_CONFIG_HOME` (else `$XDG_CONFIG_HOME/dossier`, else `~/.config/dossier`), in
/// `sessions/STORE-ID`, the folders 0700.
public struct SavedSessions: Sendable {
    /// The client's configuration folder.
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    /// The folder from the environment, as described above.
    public init(environment: [String: String]) {
        if let home = environment["DOSSIER_CONFIG_HOME"], !home.isEmpty {
            folder = URL(fileURLWithPath: home)
        } else if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            folder = URL(fileURLWithPath: xdg).appendingPathComponent("dossier")
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            folder = URL(fileURLWithPath: home).appendingPathComponent(".config/dossier")
        }
    }

    /// What one session file holds.
    public struct Saved: Codable, Sendable, Equatable {
        public let store: String
        public let account: String
        public let token: String
        public let expiresAt: Date

        public init(store: String, account: String, token: String, expiresAt: Date) {
            self.store = store
            self.account = account
            self.token = token
            self.expiresAt = expiresAt
        }

        enum CodingKeys: String, CodingKey {
            case store, account, token
            case expiresAt = "expires_at"
        }
    }

    private var sessions: URL { folder.appendingPathComponent("sessions") }

    private func file(_ storeID: String) -> URL {
        // Store ids are hex; anything else is refused rather than used as a path.
        sessions.appendingPathComponent(storeID.allSatisfy(\.isHexDigit) ? storeID : "invalid")
    }

    /// The session saved for `storeID`, if any.
    public func load(storeID: String) throws(ReviewStoreError) -> Saved? {
        let url = file(storeID)
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return nil }
        guard info.st_mode & S_IFMT == S_IFREG, info.st_uid == getuid() else {
            throw .notSignedIn(reason: "the saved session \(url.path) is not a file of yours; remove it and log in again")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw .notSignedIn(reason: "the saved session \(url.path) is readable by others; remove it and log in again")
        }
        guard let data = FileManager.default.contents(atPath: url.path), data.count < 4096,
              let saved = try? Self.decoder.decode(Saved.self, from: data), SessionToken.isWellFormed(saved.token)
        else {
            throw .notSignedIn(reason: "the saved session \(url.path) is damaged; log in again")
        }
        guard saved.store == storeID else {
            throw .notSignedIn(reason: "the saved session \(url.path) belongs to another store; log in again")
        }
        return saved
    }

    /// Saves `saved` for its store, replacing any earlier session (written whole, then renamed).
    public func save(_ saved: Saved) throws(ReviewStoreError) {
        do {
            try PrivateFiles.makeFolder(sessions)
            try PrivateFiles.restrict(folder, mode: 0o700)
            let target = file(saved.store)
            let temporary = sessions.appendingPathComponent(ScratchName.make(".saving"))
            defer { try? FileManager.default.removeItem(at: temporary) }
            try PrivateFiles.createFile(temporary, contents: try Self.encoder.encode(saved))
            try DurableFiles.synchronize(temporary)
            guard rename(temporary.path, target.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch let error as ReviewStoreError {
            throw error
        } catch {
            throw .storage("cannot save the session under \(folder.path): \(error.localizedDescription)")
        }
    }

    /// Forgets the session for `storeID`.
    public func remove(storeID: String) {
        try? FileManager.default.removeItem(at: file(storeID))
    }

    /// Runs `body` holding this client's lock for `storeID`, so two logins at once replace one
    /// session after the other.
    public func withLock<T>(storeID: String, _ body: () async throws -> T) async throws -> T {
        try PrivateFiles.makeFolder(sessions)
        let lock = sessions.appendingPathComponent(".lock-" + (storeID.allSatisfy(\.isHexDigit) ? storeID : "invalid"))
        let descriptor = open(lock.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ReviewStoreError.storage("cannot lock \(lock.path)") }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw ReviewStoreError.storage("cannot lock \(lock.path)") }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try await body()
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
