internal import DossierCore
internal import Foundation
public import Review
internal import GRDB

/// Accounts and sessions in the SQLite store: rows and events only; ``AccountService`` decides.
extension SQLiteReviewStore {
    public func storeID() async throws(ReviewStoreError) -> String {
        try await read { db in
            guard let id = try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'store-id'") else {
                throw ReviewStoreError.storage("the store has no id")
            }
            return id
        }
    }

    public func accounts() async throws(ReviewStoreError) -> [Account] {
        try await read { db in try Row.fetchAll(db, sql: "SELECT * FROM accounts ORDER BY name").map(Self.decodeAccount) }
    }

    public func credentials(named name: String) async throws(ReviewStoreError) -> AccountCredentials? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE name = ?", arguments: [name]).map { row in
                AccountCredentials(account: try Self.decodeAccount(row), passwordHash: row["password_hash"],
                                   failedLogins: row["failed_logins"], lockedUntil: row["locked_until"])
            }
        }
    }

    public func changeAccount(_ change: AccountChange, by actor: String?) async throws(ReviewStoreError) -> Account {
        let now = clock()
        return try await write { db in
            // Supervisors change accounts; anyone active changes their own password.
            if let actor {
                let account = try Self.actingAccount(db, actor)
                if !(change.isOwnPasswordChange(by: actor)) { try account.require(.manageAccounts) }
            }
            switch change {
            case .add(let name, let role, let hash):
                if try Row.fetchOne(db, sql: "SELECT 1 FROM accounts WHERE lower(name) = lower(?)", arguments: [name]) != nil {
                    throw ReviewStoreError.invalidAccount("there is already an account \(name)")
                }
                if actor == nil, try Int.fetchOne(db, sql: "SELECT count(*) FROM accounts") ?? 0 > 0 {
                    throw ReviewStoreError.notSignedIn(reason: "this store has accounts; a supervisor adds new ones")
                }
                try db.execute(
                    sql: "INSERT INTO accounts (name, role, password_hash, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [name, role.rawValue, hash, actor, now]
                )
            case .disable(let name):
                try Self.requireAccount(db, name)
                try db.execute(sql: "UPDATE accounts SET active = 0 WHERE name = ?", arguments: [name])
                try db.execute(sql: "UPDATE sessions SET ended_at = ? WHERE account = ? AND ended_at IS NULL", arguments: [now, name])
            case .setRole(let name, let role):
                try Self.requireAccount(db, name)
                try db.execute(sql: "UPDATE accounts SET role = ? WHERE name = ?", arguments: [role.rawValue, name])
            case .setPassword(let name, let hash, let keep):
                try Self.requireAccount(db, name)
                try db.execute(sql: "UPDATE accounts SET password_hash = ?, failed_logins = 0, locked_until = NULL WHERE name = ?",
                               arguments: [hash, name])
                try db.execute(
                    sql: "UPDATE sessions SET ended_at = ? WHERE account = ? AND ended_at IS NULL AND token_hash IS NOT ?",
                    arguments: [now, name, keep]
                )
            }
            try SQLiteAuditWriter.append(db, at: now, actor: actor ?? change.name, action: change.auditAction, caseID: "-",
                                         versions: Self.jsonObject(change.auditDetails))
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE name = ?", arguments: [change.name]) else {
                throw ReviewStoreError.noSuchAccount(change.name)
            }
            return try Self.decodeAccount(row)
        }
    }

    public func recordLogin(_ record: LoginRecord) async throws(ReviewStoreError) {
        let now = clock()
        try await write { db in
            switch record {
            case .succeeded(let name, let tokenHash, let expiresAt, let method):
                try db.execute(sql: "UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE name = ?", arguments: [name])
                try db.execute(sql: "INSERT INTO sessions (token_hash, account, created_at, expires_at) VALUES (?, ?, ?, ?)",
                               arguments: [tokenHash, name, now, expiresAt])
                try SQLiteAuditWriter.append(db, at: now, actor: name, action: .login, caseID: "-",
                                             versions: Self.jsonObject(["expires": AuditClock.text(expiresAt), "method": method]))
            case .failed(let name, let lockUntil):
                var details = ["account": name ?? "(unknown name)"]
                if let name {
                    if let lockUntil {
                        try db.execute(sql: "UPDATE accounts SET failed_logins = 0, locked_until = ? WHERE name = ?",
                                       arguments: [lockUntil, name])
                        details["locked_until"] = AuditClock.text(lockUntil)
                    } else {
                        try db.execute(sql: "UPDATE accounts SET failed_logins = failed_logins + 1 WHERE name = ?", arguments: [name])
                    }
                }
                try SQLiteAuditWriter.append(db, at: now, actor: AccountRules.machineActor, action: .loginFailed, caseID: "-",
                                             versions: Self.jsonObject(details))
            }
        }
    }

    public func session(tokenHash: String) async throws(ReviewStoreError) -> SessionRecord? {
        try await read { db in
            try Row.fetchOne(db, sql: """
                SELECT s.token_hash, s.created_at AS session_created_at, s.expires_at, a.*
                FROM sessions s JOIN accounts a ON a.name = s.account
                WHERE s.token_hash = ? AND s.ended_at IS NULL
                """, arguments: [tokenHash]).map { row in
                SessionRecord(account: try Self.decodeAccount(row), tokenHash: row["token_hash"],
                              createdAt: row["session_created_at"], expiresAt: row["expires_at"])
            }
        }
    }

    public func endSession(tokenHash: String) async throws(ReviewStoreError) {
        let now = clock()
        try await write { db in
            guard let account = try String.fetchOne(
                db, sql: "SELECT s.account FROM sessions s JOIN accounts a ON a.name = s.account WHERE s.token_hash = ? AND s.ended_at IS NULL AND a.active = 1",
                arguments: [tokenHash]
            ) else { return }
            try db.execute(sql: "UPDATE sessions SET ended_at = ? WHERE token_hash = ?", arguments: [now, tokenHash])
            try SQLiteAuditWriter.append(db, at: now, actor: account, action: .logout, caseID: "-")
        }
    }

    // MARK: - Rows

    /// The account `name` acting in this transaction: it must exist and be active.
    static func actingAccount(_ db: Database, _ name: String) throws -> Account {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE name = ?", arguments: [name]) else {
            throw ReviewStoreError.noSuchAccount(name)
        }
        let account = try decodeAccount(row)
        guard account.active else { throw ReviewStoreError.accountDisabled(name: name) }
        return account
    }

    private static func requireAccount(_ db: Database, _ name: String) throws {
        guard try Row.fetchOne(db, sql: "SELECT 1 FROM accounts WHERE name = ?", arguments: [name]) != nil else {
            throw ReviewStoreError.noSuchAccount(name)
        }
    }

    static func decodeAccount(_ row: Row) throws -> Account {
        guard let role = AccountRole(rawValue: row["role"]) else {
            throw ReviewStoreError.storage("an account row holds a role this version does not know")
        }
        return Account(name: row["name"], role: role, active: row["active"], createdBy: row["created_by"], createdAt: row["created_at"])
    }
}
