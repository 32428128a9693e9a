internal import DossierCore
internal import Foundation
internal import PostgresNIO
public import Review

/// Accounts and sessions on PostgreSQL: rows and events only; ``AccountService`` decides.
extension PostgresReviewStore {
    public func storeID() async throws(ReviewStoreError) -> String {
        try await transaction { connection in
            guard let id = try await Self.rows(connection, "SELECT value FROM settings WHERE key = 'store-id'").first?.decode(String.self) else {
                throw ReviewStoreError.storage("the store has no id")
            }
            return id
        }
    }

    public func accounts() async throws(ReviewStoreError) -> [Account] {
        try await transaction { connection in
            try await Self.rows(connection, "SELECT \(unescaped: Self.accountColumns) FROM accounts ORDER BY name").map(Self.decodeAccount)
        }
    }

    public func credentials(named name: String) async throws(ReviewStoreError) -> AccountCredentials? {
        try await transaction { connection in
            guard let row = try await Self.rows(connection, """
                SELECT \(unescaped: Self.accountColumns), password_hash, failed_logins, locked_until FROM accounts WHERE name = \(name)
                """).first else { return nil }
            let cells = row.makeRandomAccess()
            return AccountCredentials(
                account: try Self.decodeAccount(row), passwordHash: try cells["password_hash"].decode(String.self),
                failedLogins: Int(try cells["failed_logins"].decode(Int32.self)), lockedUntil: try cells["locked_until"].decode(Date?.self)
            )
        }
    }

    public func changeAccount(_ change: AccountChange, by actor: String?) async throws(ReviewStoreError) -> Account {
        let now = clock()
        return try await transaction { connection in
            // One account change at a time, so two "first accounts" cannot both be made.
            try await Self.run(connection, "SELECT pg_advisory_xact_lock(726154)")
            // Supervisors change accounts; anyone active changes their own password.
            if let actor {
                let account = try await Self.actingAccount(connection, actor)
                if !(change.isOwnPasswordChange(by: actor)) { try account.require(.manageAccounts) }
            }
            switch change {
            case .add(let name, let role, let hash):
                if !(try await Self.rows(connection, "SELECT 1 FROM accounts WHERE lower(name) = lower(\(name))")).isEmpty {
                    throw ReviewStoreError.invalidAccount("there is already an account \(name)")
                }
                if actor == nil, !(try await Self.rows(connection, "SELECT 1 FROM accounts LIMIT 1")).isEmpty {
                    throw ReviewStoreError.notSignedIn(reason: "this store has accounts; a supervisor adds new ones")
                }
                try await Self.run(connection, """
                    INSERT INTO accounts (name, role, password_hash, created_by, created_at)
                    VALUES (\(name), \(role.rawValue), \(hash), \(actor), \(now))
                    """)
            case .disable(let name):
                try await Self.requireAccount(connection, name)
                try await Self.run(connection, "UPDATE accounts SET active = false WHERE name = \(name)")
                try await Self.run(connection, "UPDATE sessions SET ended_at = \(now) WHERE account = \(name) AND ended_at IS NULL")
            case .setRole(let name, let role):
                try await Self.requireAccount(connection, name)
                try await Self.run(connection, "UPDATE accounts SET role = \(role.rawValue) WHERE name = \(name)")
            case .setPassword(let name, let hash, let keep):
                try await Self.requireAccount(connection, name)
                try await Self.run(connection, "UPDATE accounts SET password_hash = \(hash), failed_logins = 0, locked_until = NULL WHERE name = \(name)")
                try await Self.run(connection, """
                    UPDATE sessions SET ended_at = \(now) WHERE account = \(name) AND ended_at IS NULL AND token_hash IS DISTINCT FROM \(keep)
                    """)
            }
            try await self.appendEvent(connection, at: now, actor: actor ?? change.name, action: change.auditAction, caseID: "-",
                                       versions: try Self.encodeJSON(change.auditDetails))
            guard let row = try await Self.rows(connection, "SELECT \(unescaped: Self.accountColumns) FROM accounts WHERE name = \(change.name)").first else {
                throw ReviewStoreError.noSuchAccount(change.name)
            }
            return try Self.decodeAccount(row)
        }
    }

    public func recordLogin(_ record: LoginRecord) async throws(ReviewStoreError) {
        let now = clock()
        try await transaction { connection in
            switch record {
            case .succeeded(let name, let tokenHash, let expiresAt, let method):
                try await Self.run(connection, "UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE name = \(name)")
                try await Self.run(connection, """
                    INSERT INTO sessions (token_hash, account, created_at, expires_at) VALUES (\(tokenHash), \(name), \(now), \(expiresAt))
                    """)
                try await self.appendEvent(connection, at: now, actor: name, action: .login, caseID: "-",
                                           versions: try Self.encodeJSON(["expires": AuditClock.text(expiresAt), "method": method]))
            case .failed(let name, let lockUntil):
                var details = ["account": name ?? "(unknown name)"]
                if let name {
                    if let lockUntil {
                        try await Self.run(connection, "UPDATE accounts SET failed_logins = 0, locked_until = \(lockUntil) WHERE name = \(name)")
                        details["locked_until"] = AuditClock.text(lockUntil)
                    } else {
                        try await Self.run(connection, "UPDATE accounts SET failed_logins = failed_logins + 1 WHERE name = \(name)")
                    }
                }
                try await self.appendEvent(connection, at: now, actor: AccountRules.machineActor, action: .loginFailed, caseID: "-",
                                           versions: try Self.encodeJSON(details))
            }
        }
    }

    public func session(tokenHash: String) async throws(ReviewStoreError) -> SessionRecord? {
        try await transaction { connection in
            guard let row = try await Self.rows(connection, """
                SELECT a.name, a.role, a.active, a.created_by, a.created_at, s.token_hash, s.created_at AS session_created_at, s.expires_at
                FROM sessions s JOIN accounts a ON a.name = s.account
                WHERE s.token_hash = \(tokenHash) AND s.ended_at IS NULL
                """).first else { return nil }
            let cells = row.makeRandomAccess()
            return SessionRecord(
                account: try Self.decodeAccount(row), tokenHash: try cells["token_hash"].decode(String.self),
                createdAt: try cells["session_created_at"].decode(Date.self), expiresAt: try cells["expires_at"].decode(Date.self)
            )
        }
    }

    public func endSession(tokenHash: String) async throws(ReviewStoreError) {
        let now = clock()
        try await transaction { connection in
            guard let account = try await Self.rows(connection, """
                SELECT s.account FROM sessions s JOIN accounts a ON a.name = s.account
                WHERE s.token_hash = \(tokenHash) AND s.ended_at IS NULL AND a.active FOR UPDATE OF s
                """).first?.decode(String.self) else { return }
            try await Self.run(connection, "UPDATE sessions SET ended_at = \(now) WHERE token_hash = \(tokenHash)")
            try await self.appendEvent(connection, at: now, actor: account, action: .logout, caseID: "-")
        }
    }

    // MARK: - Rows

    static let accountColumns = "name, role, active, created_by, created_at"

    /// The account `name` acting in this transaction: it must exist and be active.
    static func actingAccount(_ connection: PostgresConnection, _ name: String) async throws -> Account {
        guard let row = try await rows(connection, "SELECT \(unescaped: accountColumns) FROM accounts WHERE name = \(name)").first else {
            throw ReviewStoreError.noSuchAccount(name)
        }
        let account = try decodeAccount(row)
        guard account.active else { throw ReviewStoreError.accountDisabled(name: name) }
        return account
    }

    private static func requireAccount(_ connection: PostgresConnection, _ name: String) async throws {
        guard !(try await rows(connection, "SELECT 1 FROM accounts WHERE name = \(name)")).isEmpty else {
            throw ReviewStoreError.noSuchAccount(name)
        }
    }

    static func decodeAccount(_ row: PostgresRow) throws -> Account {
        let cells = row.makeRandomAccess()
        guard let role = AccountRole(rawValue: try cells["role"].decode(String.self)) else {
            throw ReviewStoreError.storage("an account row holds a role this version does not know")
        }
        return Account(
            name: try cells["name"].decode(String.self), role: role, active: try cells["active"].decode(Bool.self),
            createdBy: try cells["created_by"].decode(String?.self), createdAt: try cells["created_at"].decode(Date.self)
        )
    }
}
