public import Review

/// The accounts tests act as: the supervisor `lead` (the store's first account), the reviewers
/// `anna`, `bram`, `carla` and `dirk`, and `inga`, who takes files in. bcrypt at its lowest cost, so
/// that making them takes milliseconds.
public enum TestAccounts {
    public static let supervisor = "lead"
    public static let reviewers = ["anna", "bram", "carla", "dirk"]
    public static let intake = "inga"
    /// Every test account's password.
    public static let password = "test-password-1"

    /// Adds the accounts to an empty store.
    public static func add(to store: any ReviewStore) async throws {
        let service = AccountService(store: store, hashCost: 4, failureDelay: .zero)
        let lead = try await service.addAccount(name: supervisor, role: .supervisor, password: password, by: nil)
        for name in reviewers {
            try await service.addAccount(name: name, role: .reviewer, password: password, by: lead)
        }
        try await service.addAccount(name: intake, role: .intake, password: password, by: lead)
    }
}
