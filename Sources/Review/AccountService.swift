internal import DossierCore
public import Foundation
internal import HummingbirdBcrypt

/// Logins, sessions and account changes over a store: the one place that hashes passwords,
/// checks them, locks accounts after repeated failures and decides who may change an account.
///
/// Password hashes are bcrypt (cost 12 by default: about a quarter of a second here, paid once
/// per login, never per command). A session is a random 256-bit token; the store keeps only its
/// SHA-256.
public struct AccountService: Sendable {
    /// The store the accounts live in.
    public let store: any ReviewStore
    /// bcrypt's cost (log2 of its rounds).
    public let hashCost: UInt8
    /// How long a refused login waits before it answers.
    public let failureDelay: Duration
    /// Failed logins in a row that lock an account…
    public let lockAfter: Int
    /// …for this long.
    public let lockDuration: TimeInterval
    private let clock: @Sendable () -> Date

    /// Default session length: 12 hours.
    public static let defaultSessionHours = 12

    public init(
        store: any ReviewStore, hashCost: UInt8 = 12, failureDelay: Duration = .seconds(1), lockAfter: Int = 5,
        lockDuration: TimeInterval = 15 * 60, clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.hashCost = hashCost
        self.failureDelay = failureDelay
        self.lockAfter = lockAfter
        self.lockDuration = lockDuration
        self.clock = clock
    }

    // MARK: - Sessions

    /// A new session for `name` if `password` is theirs: the token to keep (the store keeps its hash).
    ///
    /// An unknown name, a wrong password, a disabled or a locked account all get the same
    /// refusal after the same delay; which one it was goes into the audit trail for existing accounts.
    public func login(name: String, password: String, hours: Int = defaultSessionHours) async throws(ReviewStoreError) -> SessionGrant {
        guard (1...24 * 30).contains(hours) else { throw .invalidAccount("a session lasts 1 to 720 hours") }
        let credentials = try await store.credentials(named: name)
        let now = clock()
        // A hash is checked even for an unknown name, so timing does not tell names apart.
        let hash = credentials?.passwordHash ?? Bcrypt.hash(SessionToken.make(), cost: hashCost)
        let matches = password.utf8.count <= AccountRules.maximumPasswordBytes && Bcrypt.verify(password, hash: hash)
        let open = credentials.map { $0.account.active && ($0.lockedUntil.map { $0 <= now } ?? true) } ?? false
        guard let credentials, matches, open else {
            var lockUntil: Date?
            if let credentials, open, credentials.failedLogins + 1 >= lockAfter {
                lockUntil = now.addingTimeInterval(lockDuration)
            }
            try await store.recordLogin(.failed(name: credentials?.account.name, lockUntil: lockUntil))
            try? await Task.sleep(for: failureDelay)
            throw .loginRefused
        }
        let token = SessionToken.make()
        let expiresAt = now.addingTimeInterval(TimeInterval(hours) * 3600)
        try await store.recordLogin(.succeeded(name: credentials.account.name, tokenHash: SessionToken.hash(token), expiresAt: expiresAt,
                                               method: "password"))
        return SessionGrant(token: token, account: credentials.account, expiresAt: expiresAt)
    }

    /// A session for `name` as a reverse proxy that authenticated the person vouches (single
    /// sign-on): no password is checked, so only a server configured to trust that proxy calls
    /// this. The account must exist and be active; the login event says how it was made.
    public func trustedLogin(name: String, hours: Int = defaultSessionHours) async throws(ReviewStoreError) -> SessionGrant {
        guard let credentials = try await store.credentials(named: name), credentials.account.active else { throw .loginRefused }
        let token = SessionToken.make()
        let expiresAt = clock().addingTimeInterval(TimeInterval(hours) * 3600)
        try await store.recordLogin(.succeeded(name: credentials.account.name, tokenHash: SessionToken.hash(token), expiresAt: expiresAt,
                                               method: "trusted-header"))
        return SessionGrant(token: token, account: credentials.account, expiresAt: expiresAt)
    }

    /// The account a token belongs to, if its session is live and the account active.
    public func signedIn(token: String) async throws(ReviewStoreError) -> SessionRecord {
        guard SessionToken.isWellFormed(token) else { throw .notSignedIn(reason: "the saved session is damaged; log in again") }
        guard let session = try await store.session(tokenHash: SessionToken.hash(token)) else {
            throw .notSignedIn(reason: "the session has ended or belongs to another store; log in again")
        }
        guard session.expiresAt > clock() else { throw .notSignedIn(reason: "the session expired at \(AuditClock.text(session.expiresAt)); log in again") }
        guard session.account.active else { throw .notSignedIn(reason: "account \(session.account.name) is disabled") }
        return session
    }

    /// Ends the session of `token` (nothing happens for an unknown or ended one).
    public func logout(token: String) async throws(ReviewStoreError) {
        guard SessionToken.isWellFormed(token) else { return }
        try await store.endSession(tokenHash: SessionToken.hash(token))
    }

    // MARK: - Accounts

    /// Adds an account. With no one logged in (`by: nil`) only the first account of an empty
    /// store, and only a supervisor; after that only a logged-in supervisor.
    @discardableResult
    public func addAccount(name: String, role: AccountRole, password: String, by actor: Account?) async throws(ReviewStoreError) -> Account {
        let name = try AccountRules.validName(name)
        try AccountRules.checkNewPassword(password)
        if let actor {
            try actor.require(.manageAccounts)
        } else {
            try AccountRules.checkFirstAccount(role: role)
        }
        let hash = Bcrypt.hash(password, cost: hashCost)
        return try await store.changeAccount(.add(name: name, role: role, passwordHash: hash), by: actor?.name)
    }

    /// Disables `name`: it can no longer log in, its sessions end. A supervisor cannot disable themself.
    @discardableResult
    public func disable(_ name: String, by actor: Account) async throws(ReviewStoreError) -> Account {
        try actor.require(.manageAccounts)
        guard name != actor.name else { throw .invalidAccount("you cannot disable your own account; ask another supervisor") }
        return try await store.changeAccount(.disable(name: name), by: actor.name)
    }

    /// Gives `name` another role. A supervisor cannot take their own supervisor role away.
    @discardableResult
    public func setRole(_ name: String, _ role: AccountRole, by actor: Account) async throws(ReviewStoreError) -> Account {
        try actor.require(.manageAccounts)
        guard name != actor.name || role == .supervisor else {
            throw .invalidAccount("you cannot take away your own supervisor role; ask another supervisor")
        }
        return try await store.changeAccount(.setRole(name: name, role: role), by: actor.name)
    }

    /// Changes a password: one's own (with the current one), or another's as a supervisor.
    /// The account's other sessions end.
    @discardableResult
    public func changePassword(
        of name: String, to newPassword: String, currentPassword: String?, by session: SessionRecord
    ) async throws(ReviewStoreError) -> Account {
        let actor = session.account
        try AccountRules.checkNewPassword(newPassword)
        if name == actor.name {
            guard let currentPassword, let credentials = try await store.credentials(named: name),
                  Bcrypt.verify(currentPassword, hash: credentials.passwordHash)
            else {
                try? await Task.sleep(for: failureDelay)
                throw .invalidAccount("the current password is not right")
            }
        } else {
            try actor.require(.manageAccounts)
        }
        let hash = Bcrypt.hash(newPassword, cost: hashCost)
        let keep = name == actor.name ? session.tokenHash : nil
        return try await store.changeAccount(.setPassword(name: name, passwordHash: hash, keepingSession: keep), by: actor.name)
    }

    /// Every account, for a supervisor.
    public func accounts(by actor: Account) async throws(ReviewStoreError) -> [Account] {
        try actor.require(.manageAccounts)
        return try await store.accounts()
    }
}

/// A new session: the token is shown to the client once and never stored.
public struct SessionGrant: Sendable, Equatable {
    public let token: String
    public let account: Account
    public let expiresAt: Date
}

/// Session tokens: 32 random bytes as 64 hex digits; the store keeps their SHA-256.
public enum SessionToken {
    /// A new token from the system's secure random source.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }

    /// What the store keeps for `token`.
    public static func hash(_ token: String) -> String {
        FileDigest.sha256(of: Data(token.utf8))
    }

    /// Whether `token` could be a token at all.
    public static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 64 && token.utf8.allSatisfy { ("0"..."9").contains(Character(UnicodeScalar($0))) || ("a"..."f").contains(Character(UnicodeScalar($0))) }
    }
}
