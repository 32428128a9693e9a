public import Foundation

/// What an account may do. Roles are fixed sets of ``Operation``s (see ``AccountRole/permits(_:)``).
public enum AccountRole: String, Codable, Sendable, CaseIterable {
    /// Claims, edits, approves, rejects and reproposes items; reads the queue and the audit trail.
    case reviewer
    /// Takes files into cases; sees nothing of the queue.
    case intake
    /// Everything a reviewer and intake may do, plus accounts, the four-eyes policy and export.
    case supervisor

    /// Whether this role allows `operation`.
    public func permits(_ operation: Operation) -> Bool {
        switch self {
        case .supervisor: true
        case .reviewer: Operation.reviewing.contains(operation) || Operation.everyone.contains(operation)
        case .intake: operation == .takeIn || Operation.everyone.contains(operation)
        }
    }
}

/// One kind of thing a logged-in account does, as the role table names it.
public enum Operation: String, Sendable, CaseIterable {
    /// Take files into a case (`intake`).
    case takeIn = "take files in"
    /// Read items, documents and search transcripts (`review list/show`, `search`).
    case readQueue = "read the review queue"
    /// Claim and release items (`review next/claim/release`).
    case claim = "claim items"
    /// Write a reviewer's version of an item (`review edit`).
    case edit = "edit items"
    /// Approve or reject items (`review approve/reject`).
    case decide = "approve or reject items"
    /// Propose a rejected item again (`review repropose`).
    case repropose = "propose rejected items again"
    /// Read the audit trail (`audit log`).
    case readAudit = "read the audit trail"
    /// Check the audit trail (`audit verify`).
    case verifyAudit = "verify the audit trail"
    /// See the four-eyes policy (`review four-eyes` without options).
    case readPolicy = "see the four-eyes policy"
    /// Change the four-eyes policy.
    case setPolicy = "change the four-eyes policy"
    /// Write case files (`export`).
    case export = "export case files"
    /// Add, disable and change accounts, reset others' passwords, list accounts.
    case manageAccounts = "manage accounts"

    /// What a reviewer does beyond what everyone may.
    static let reviewing: Set<Operation> = [.readQueue, .claim, .edit, .decide, .repropose, .readAudit]
    /// What every active account may do.
    static let everyone: Set<Operation> = [.verifyAudit, .readPolicy]
}

/// A person's account in the store. Every decision and event names one.
public struct Account: Codable, Sendable, Equatable {
    /// The login name: 1–64 letters, digits, `.`, `_`, `-` or `@`, starting with a letter or digit.
    public let name: String
    public let role: AccountRole
    /// A disabled account can no longer log in or act; its past decisions stay as they were.
    public let active: Bool
    /// The supervisor who added it; `nil` for the store's first account.
    public let createdBy: String?
    public let createdAt: Date

    public init(name: String, role: AccountRole, active: Bool, createdBy: String?, createdAt: Date) {
        self.name = name
        self.role = role
        self.active = active
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case name, role, active
        case createdBy = "created_by", createdAt = "created_at"
    }

    /// Whether the account may do `operation` now.
    public func may(_ operation: Operation) -> Bool { active && role.permits(operation) }

    /// Throws unless the account may do `operation` now.
    public func require(_ operation: Operation) throws(ReviewStoreError) {
        guard active else { throw .accountDisabled(name: name) }
        guard role.permits(operation) else { throw .notAllowed(account: name, role: role, operation: operation) }
    }
}

/// Checks on account names and passwords, before anything is stored.
public enum AccountRules {
    /// The name under which the machine itself acts (proposals, failed logins): never an account.
    public static let machineActor = "dossier"
    /// Names no person may take.
    static let reserved: Set<String> = [machineActor, "-", "root", "system"]
    /// Shortest password accepted.
    public static let minimumPasswordLength = 10
    /// Longest password in bytes: bcrypt reads no further.
    public static let maximumPasswordBytes = 72

    /// The name, if it is a valid new or existing account name.
    public static func validName(_ text: String) throws(ReviewStoreError) -> String {
        guard let first = text.unicodeScalars.first, text.unicodeScalars.count <= 64,
              first.properties.isAlphabetic || ("0"..."9").contains(first),
              text.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-@".unicodeScalars.contains($0)) })
        else {
            throw .invalidAccount("an account name is 1–64 letters, digits, '.', '_', '-' or '@', starting with a letter or digit")
        }
        guard !reserved.contains(text.lowercased()) else { throw .invalidAccount("'\(text)' is reserved and cannot be an account name") }
        return text
    }

    /// Throws unless `role` may be the role of a store's first account (added without a login).
    public static func checkFirstAccount(role: AccountRole) throws(ReviewStoreError) {
        guard role == .supervisor else { throw .invalidAccount("the first account of a store must be a supervisor") }
    }

    /// Throws unless `password` may be used as a new password.
    public static func checkNewPassword(_ password: String) throws(ReviewStoreError) {
        if password.count < minimumPasswordLength {
            throw .invalidAccount("a password needs at least \(minimumPasswordLength) characters")
        }
        if password.utf8.count > maximumPasswordBytes {
            throw .invalidAccount("a password may be at most \(maximumPasswordBytes) bytes long")
        }
        if password.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw .invalidAccount("a password may not hold control characters")
        }
    }
}

/// What the store keeps to check a login: the account, its password hash and its failures.
public struct AccountCredentials: Sendable, Equatable {
    public let account: Account
    /// A bcrypt hash (`$2b$…`).
    public let passwordHash: String
    /// Failed logins since the last successful one.
    public let failedLogins: Int
    /// Until when logins are refused after repeated failures.
    public let lockedUntil: Date?

    public init(account: Account, passwordHash: String, failedLogins: Int, lockedUntil: Date?) {
        self.account = account
        self.passwordHash = passwordHash
        self.failedLogins = failedLogins
        self.lockedUntil = lockedUntil
    }
}

/// A change to the accounts, decided by ``AccountService`` and written by a store (with its
/// audit event) in one transaction.
public enum AccountChange: Sendable, Equatable {
    /// A new account with its password hash.
    case add(name: String, role: AccountRole, passwordHash: String)
    /// The account can no longer log in or act; its sessions end.
    case disable(name: String)
    case setRole(name: String, role: AccountRole)
    /// A new password hash; the account's sessions end, but for `keepingSession` (a token hash).
    case setPassword(name: String, passwordHash: String, keepingSession: String?)

    /// Whether this is `actor` changing their own password (which needs no supervisor).
    public func isOwnPasswordChange(by actor: String) -> Bool {
        if case .setPassword(let name, _, _) = self { return name == actor }
        return false
    }

    /// The account changed.
    public var name: String {
        switch self {
        case .add(let name, _, _), .disable(let name), .setRole(let name, _), .setPassword(let name, _, _): name
        }
    }

    /// The audit trail's name for the change.
    public var auditAction: AuditAction {
        switch self {
        case .add: .accountAdd
        case .disable: .accountDisable
        case .setRole: .accountRole
        case .setPassword: .accountPassword
        }
    }

    /// What the audit event records about it (never a hash).
    public var auditDetails: [String: String] {
        switch self {
        case .add(let name, let role, _): ["account": name, "role": role.rawValue]
        case .disable(let name): ["account": name]
        case .setRole(let name, let role): ["account": name, "role": role.rawValue]
        case .setPassword(let name, _, _): ["account": name]
        }
    }
}

/// The outcome of a login attempt as the store records it.
public enum LoginRecord: Sendable, Equatable {
    /// A session with this token hash runs until `expiresAt`; the failure count is reset.
    /// `method` says how the person was known: `password`, or `trusted-header` (single sign-on).
    case succeeded(name: String, tokenHash: String, expiresAt: Date, method: String)
    /// A failed attempt on an existing account (`name`), locking it until `lockUntil` if set;
    /// `name` is `nil` for an unknown name, which is not recorded.
    case failed(name: String?, lockUntil: Date?)
}

/// A live session as the store finds it from its token's hash.
public struct SessionRecord: Sendable, Equatable {
    public let account: Account
    public let tokenHash: String
    public let createdAt: Date
    public let expiresAt: Date

    public init(account: Account, tokenHash: String, createdAt: Date, expiresAt: Date) {
        self.account = account
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
