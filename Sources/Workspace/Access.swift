internal import Crypto
internal import Foundation
internal import Review

/// Sessions of the web workspace: the store's own sessions (made by ``AccountService/login``,
/// kept as the SHA-256 of their token), carried in an HttpOnly, SameSite=Strict cookie, plus an
/// idle timeout kept by this server.
actor IdleSessions {
    private var lastSeen: [String: Date] = [:]
    let timeout: TimeInterval

    init(timeout: TimeInterval) { self.timeout = timeout }

    /// Records a session made by this server.
    func started(_ tokenHash: String, at now: Date) { lastSeen[tokenHash] = now }

    /// Whether the session was used within the idle timeout (and made by this server); if so it
    /// counts as used now.
    func touch(_ tokenHash: String, at now: Date) -> Bool {
        guard let seen = lastSeen[tokenHash], now.timeIntervalSince(seen) <= timeout else {
            lastSeen[tokenHash] = nil
            return false
        }
        lastSeen[tokenHash] = now
        return true
    }

    func ended(_ tokenHash: String) { lastSeen[tokenHash] = nil }
}

/// Tokens that tie a form to the session that was shown it: HMAC-SHA256 of the session's token
/// hash under a key made when the server starts. A form posted without it, or from another
/// session, is refused.
struct FormTokens: Sendable {
    /// The key's bytes (the key itself is made from them for each use).
    private let keyBytes: [UInt8] = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }

    func token(for sessionHash: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(("form:" + sessionHash).utf8), using: SymmetricKey(data: keyBytes))
            .map { String(format: "%02x", $0) }.joined()
    }

    /// Constant-time comparison of a posted token with the session's.
    func accepts(_ posted: String?, for sessionHash: String) -> Bool {
        guard let posted else { return false }
        let expected = Array(token(for: sessionHash).utf8)
        let given = Array(posted.utf8)
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for index in expected.indices { difference |= expected[index] ^ given[index] }
        return difference == 0
    }
}
