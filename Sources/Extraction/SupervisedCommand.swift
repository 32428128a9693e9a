internal import Foundation

/// A converter run as a supervised worker: in its own private folder (also its home, so
/// nothing it writes lands in the user's), in a network namespace with no interfaces when the
/// machine allows one, its address space capped (`prlimit --as`), and killed with everything it
/// started when its time is up (`timeout -k 5`, which signals its whole process group).
struct SupervisedCommand {
    /// How a run ended.
    enum Outcome: Equatable {
        /// It exited by itself with this status.
        case exited(Int32)
        /// The time limit was reached and it was killed.
        case timedOut
        /// The command is not installed.
        case missing
    }

    /// Seconds the command may take.
    let timeout: Double
    /// Address space it may use, in megabytes.
    let memoryLimitMB: Int

    /// Runs `command` (its arguments after it) in `folder`, with `environment` added to a bare
    /// one (`HOME`, `PATH`, `LANG`); standard input, output and error are closed off.
    func run(_ command: [String], in folder: URL, environment: [String: String] = [:]) -> Outcome {
        let isolation = Self.noNetwork ? ["unshare", "-rn", "--"] : []
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["-k", "5", String(format: "%.1f", timeout), "prlimit", "--as=\(memoryLimitMB << 20)", "--"] + isolation + command
        process.currentDirectoryURL = folder
        process.environment = ["HOME": folder.path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8"]
            .merging(environment) { _, added in added }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return .missing }
        process.waitUntilExit()
        // timeout(1): 124 when the limit was reached, 137 when it had to kill; 127 when the
        // command is not there.
        switch process.terminationStatus {
        case 124, 137: return .timedOut
        case 127: return .missing
        case let status: return .exited(status)
        }
    }

    /// True when a network namespace with no interfaces can be made here (it needs user
    /// namespaces, or root): checked once.
    static let noNetwork: Bool = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        probe.arguments = ["-rn", "--", "/bin/true"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()
}
