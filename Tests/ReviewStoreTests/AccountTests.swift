import DossierCore
import Foundation
import Review
import Testing
import TestSupport

@Suite("Accounts and sessions (every store)")
struct AccountTests {
    /// A store with the test accounts and a service on a clock the test moves.
    struct Fixture {
        let clock = ManualClock()
        let subject: StoreUnderTest
        let service: AccountService

        init(_ kind: StoreKind) async throws {
            let clock = clock
            subject = try await StoreUnderTest.make(kind, clock: { clock.read() })
            service = AccountService(store: subject.store, hashCost: 4, failureDelay: .zero, clock: { clock.read() })
        }

        func account(_ name: String) async throws -> Account {
            try #require(try await subject.store.accounts().first { $0.name == name })
        }
    }

    @Test("Only the first account comes without a login, and it is a supervisor", arguments: StoreKind.available)
    func firstAccount(kind: StoreKind) async throws {
        let subject = try await StoreUnderTest.make(kind, accounts: false)
        defer { withExtendedLifetime(subject) {} }
        let store = subject.store
        let service = AccountService(store: store, hashCost: 4, failureDelay: .zero)
        await #expect(throws: ReviewStoreError.invalidAccount("the first account of a store must be a supervisor")) {
            try await service.addAccount(name: "anna", role: .reviewer, password: TestAccounts.password, by: nil)
        }
        let lead = try await service.addAccount(name: "lead", role: .supervisor, password: TestAccounts.password, by: nil)
        #expect(lead.createdBy == nil && lead.active)
        await #expect(throws: ReviewStoreError.notSignedIn(reason: "this store has accounts; a supervisor adds new ones")) {
            try await service.addAccount(name: "eve", role: .supervisor, password: TestAccounts.password, by: nil)
        }
        let anna = try await service.addAccount(name: "anna", role: .reviewer, password: TestAccounts.password, by: lead)
        #expect(anna.createdBy == "lead")
        await #expect(throws: ReviewStoreError.notAllowed(account: "anna", role: .reviewer, operation: .manageAccounts)) {
            try await service.addAccount(name: "eve", role: .supervisor, password: TestAccounts.password, by: anna)
        }
        await #expect(throws: ReviewStoreError.invalidAccount("there is already an account Anna")) {
            try await service.addAccount(name: "Anna", role: .reviewer, password: TestAccounts.password, by: lead)
        }
        let events = try await store.auditEvents(caseID: nil)
        #expect(events.map(\.action) == [.accountAdd, .accountAdd])
        #expect(events.map(\.actor) == ["lead", "lead"])
        #expect(!events.contains { $0.versions.contains("$2") }, "no password hash in the trail")
    }

    @Test("Names and passwords that cannot be used are refused before anything is stored", arguments: StoreKind.available)
    func badNamesAndPasswords(kind: StoreKind) async throws {
        let fixture = try await Fixture(kind)
        let lead = try await fixture.account("lead")
        for name in ["", " ", "dossier", "Dossier", "-x", ".x", "a b", "ann\n", "ünï", String(repeating: "a", count: 65), "../etc"] {
            await #expect(throws: ReviewStoreError.self, "name \(name.debugDescription)") {
                try await fixture.service.addAccount(name: name, role: .reviewer, password: TestAccounts.password, by: lead)
            }
        }
        for password in ["", "short", String(repeating: "x", count: 73), "tab\there-and-more"] {
            await #expect(throws: ReviewStoreError.self) {
                try await fixture.service.addAccount(name: "newcomer", role: .reviewer, password: password, by: lead)
            }
        }
        #expect(try await fixture.subject.store.accounts().count == 6, "no partial account")
    }

    @Test("A login gives a session; wrong password and unknown name get the same refusal; the store keeps only the token's hash", arguments: StoreKind.available)
    func login(kind: StoreKind) async throws {
        let fixture = try await Fixture(kind)
        let grant = try await fixture.service.login(name: "anna", password: TestAccounts.password, hours: 12)
        #expect(grant.account.name == "anna" && SessionToken.isWellFormed(grant.token))
        #expect(grant.expiresAt == fixture.clock.read().addingTimeInterval(12 * 3600))
        let session = try await fixture.service.signedIn(token: grant.token)
        #expect(session.account.role == .reviewer)
        let stored = try await fixture.subject.raw.texts("SELECT token_hash FROM sessions")
        #expect(stored == [SessionToken.hash(grant.token)])
        await #expect(throws: ReviewStoreError.loginRefused) { try await fixture.service.login(name: "anna", password: "wrong password!") }
        await #expect(throws: ReviewStoreError.loginRefused) { try await fixture.service.login(name: "nobody", password: TestAccounts.password) }
        let events = try await fixture.subject.store.auditEvents(caseID: nil).suffix(3)
        #expect(events.map(\.action) == [.login, .loginFailed, .loginFailed])
        #expect(events.map(\.actor) == ["anna", "dossier", "dossier"])
        #expect(!events.contains { $0.versions.contains("nobody") }, "an unknown name is not recorded (it may be a password)")
        // A made-up or damaged token is no session.
        await #expect(throws: ReviewStoreError.self) { try await fixture.service.signedIn(token: SessionToken.make()) }
        await #expect(throws: ReviewStoreError.self) { try await fixture.service.signedIn(token: "../../etc/passwd") }
    }

    @Test("Repeated failures lock an account for a while, even against the right password", arguments: StoreKind.available)
    func lockout(kind: StoreKind) async throws {
        let fixture = try await Fixture(kind)
        for _ in 0..<5 {
            await #expect(throws: ReviewStoreError.loginRefused) { try await fixture.service.login(name: "bram", password: "not the password") }
        }
        await #expect(throws: ReviewStoreError.loginRefused) { try await fixture.service.login(name: "bram", password: TestAccounts.password) }
        #expect(try await fixture.subject.store.auditEvents(caseID: nil).last?.versions.contains("locked_until") == false)
        #expect(try await fixture.subject.store.auditEvents(caseID: nil).contains { $0.versions.contains("locked_until") })
        fixture.clock.advance(15 * 60 + 1)
        _ = try await fixture.service.login(name: "bram", password: TestAccounts.password)
    }

    @Test("Sessions end: at expiry, on logout, when the account is disabled, when its password is reset", arguments: StoreKind.available)
    func sessionsEnd(kind: StoreKind) async throws {
        let fixture = try await Fixture(kind)
        let service = fixture.service
        let short = try await service.login(name: "anna", password: TestAccounts.password, hours: 1)
        fixture.clock.advance(3601)
        await #expect(throws: ReviewStoreError.self) { try await service.signedIn(token: short.token) }
        let out = try await service.login(name: "anna", password: TestAccounts.password)
        try await service.logout(token: out.token)
        await #expect(throws: ReviewStoreError.notSignedIn(reason: "the session has ended or belongs to another store; log in again")) {
            try await service.signedIn(token: out.token)
        }
        // Disabled mid-session: the next command is refused, and the account cannot act at all.
        let carla = try await service.login(name: "carla", password: TestAccounts.password)
        let lead = try await service.signedIn(token: try await service.login(name: "lead", password: TestAccounts.password).token)
        try await service.disable("carla", by: lead.account)
        await #expect(throws: ReviewStoreError.self) { try await service.signedIn(token: carla.token) }
        await #expect(throws: ReviewStoreError.loginRefused) { try await service.login(name: "carla", password: TestAccounts.password) }
        await #expect(throws: ReviewStoreError.invalidAccount("you cannot disable your own account; ask another supervisor")) {
            try await service.disable("lead", by: lead.account)
        }
        // A reset by a supervisor ends the account's sessions; one's own change keeps the session it was made in.
        let bramFirst = try await service.login(name: "bram", password: TestAccounts.password)
        let bramGrant = try await service.login(name: "bram", password: TestAccounts.password)
        let bramSecond = try await service.signedIn(token: bramGrant.token)
        try await service.changePassword(of: "bram", to: "a new password 2", currentPassword: TestAccounts.password, by: bramSecond)
        await #expect(throws: ReviewStoreError.self) { try await service.signedIn(token: bramFirst.token) }
        _ = try await service.signedIn(token: bramGrant.token)
        await #expect(throws: ReviewStoreError.loginRefused) { try await service.login(name: "bram", password: TestAccounts.password) }
        await #expect(throws: ReviewStoreError.invalidAccount("the current password is not right")) {
            try await service.changePassword(of: "bram", to: "another one 33", currentPassword: "wrong", by: bramSecond)
        }
        await #expect(throws: ReviewStoreError.notAllowed(account: "bram", role: .reviewer, operation: .manageAccounts)) {
            try await service.changePassword(of: "anna", to: "another one 33", currentPassword: nil, by: bramSecond)
        }
        try await service.changePassword(of: "bram", to: "reset by lead 1", currentPassword: nil, by: lead)
        await #expect(throws: ReviewStoreError.self) { try await service.signedIn(token: bramGrant.token) }
        _ = try await service.login(name: "bram", password: "reset by lead 1")
        try await service.setRole("bram", .intake, by: lead.account)
        #expect(try await fixture.account("bram").role == .intake)
        await #expect(throws: ReviewStoreError.invalidAccount("you cannot take away your own supervisor role; ask another supervisor")) {
            try await service.setRole("lead", .reviewer, by: lead.account)
        }
        guard case .intact = try await fixture.subject.store.verifyAudit() else { Issue.record("the trail does not verify"); return }
    }
}
