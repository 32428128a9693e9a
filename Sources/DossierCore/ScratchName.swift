public import Foundation
internal import Glibc

/// Names for work in progress (a copy not yet renamed into place) that say which process made
/// them, so that what a killed process left behind can be told apart from what a running one is
/// still writing, and cleared.
///
/// A scratch name is `PREFIX-PID-UUID`. It is abandoned when that process no longer runs.
public enum ScratchName {
    /// A fresh scratch name for this process.
    public static func make(_ prefix: String) -> String {
        "\(prefix)-\(getpid())-\(UUID().uuidString)"
    }

    /// True when `name` is a scratch name with `prefix` whose process has ended.
    public static func isAbandoned(_ name: String, prefix: String) -> Bool {
        guard name.hasPrefix(prefix + "-") else { return false }
        let rest = name.dropFirst(prefix.count + 1)
        guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[rest.startIndex..<dash]), pid > 0 else { return false }
        if pid == getpid() { return false }
        return kill(pid, 0) == -1 && errno == ESRCH
    }

    /// Removes the abandoned scratch entries with `prefix` in `folder`; returns how many.
    @discardableResult
    public static func clearAbandoned(in folder: URL, prefix: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var removed = 0
        for name in names where isAbandoned(name, prefix: prefix) {
            if (try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))) != nil { removed += 1 }
        }
        return removed
    }
}

/// Flushing files and folders to disk (fsync), for writes that must survive a power cut.
public enum DurableFiles {
    /// Flushes one file or folder.
    public static func synchronize(_ url: URL) throws {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// Flushes every file and folder under `root`, and `root` itself last.
    public static func synchronizeTree(_ root: URL) throws {
        if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) {
            for case let url as URL in walker { try synchronize(url) }
        }
        try synchronize(root)
    }
}
