public import Foundation

/// One file found by ``FileWalker``, or a path that could not be used.
public enum WalkedPath: Sendable, Equatable {
    /// A regular file to take in; `display` is the path as the user would recognise it.
    case file(url: URL, display: String)
    /// A path that cannot be taken in, with the reason.
    case unusable(display: String, reason: String)
}

/// Expands the paths a user gives into the files to take in.
///
/// Folders are walked recursively in name order; hidden entries (starting with `.`) inside
/// folders are skipped. Symbolic links to files are followed while they stay inside the folder
/// the user gave (a link out of it, to `/etc/shadow` say, is refused unless
/// `followLinksOutside`); symbolic links to folders are not descended into, so a link loop
/// cannot trap the walk. A link the user names directly is followed. Broken links, link loops
/// and unreadable folders come back as ``WalkedPath/unusable(display:reason:)``.
public struct FileWalker: Sendable {
    /// Follow links inside the given folders to files outside them.
    public let followLinksOutside: Bool
    /// Resolved paths of folders that are never walked into (a store inside a given folder:
    /// its database and originals are not evidence).
    private let skipped: Set<String>

    /// Makes a walker that never enters `skipping`.
    public init(followLinksOutside: Bool = false, skipping: [URL] = []) {
        self.followLinksOutside = followLinksOutside
        skipped = Set(skipping.compactMap { Self.realPath($0.path) })
    }

    /// Every file under `paths`, in order, each file at most once.
    public func expand(_ paths: [String]) -> [WalkedPath] {
        var results: [WalkedPath] = []
        var seen = Set<String>()
        for path in paths {
            walk(path, isTopLevel: true, root: Self.realPath(path), into: &results, seen: &seen)
        }
        return results
    }

    private func walk(_ path: String, isTopLevel: Bool, root: String?, into results: inout [WalkedPath], seen: inout Set<String>) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            results.append(.unusable(display: path, reason: Self.reason(errno)))
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            addFile(path, into: &results, seen: &seen)
        case S_IFDIR:
            if !skipped.isEmpty, let resolved = Self.realPath(path), skipped.contains(resolved) { return }
            let entries: [String]
            do {
                entries = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
            } catch {
                results.append(.unusable(display: path, reason: "cannot list the folder (permission denied or unreadable)"))
                return
            }
            for entry in entries where !entry.hasPrefix(".") {
                walk((path as NSString).appendingPathComponent(entry), isTopLevel: false, root: root, into: &results, seen: &seen)
            }
        case S_IFLNK:
            var target = stat()
            guard stat(path, &target) == 0 else {
                let reason = errno == ELOOP ? "symbolic link loop" : "broken symbolic link"
                results.append(.unusable(display: path, reason: reason))
                return
            }
            if target.st_mode & S_IFMT == S_IFREG {
                if !isTopLevel, !followLinksOutside, let root {
                    guard let resolved = Self.realPath(path), resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
                        results.append(.unusable(display: path, reason: "symbolic link to a file outside the given folder, not followed unless asked for"))
                        return
                    }
                }
                addFile(path, into: &results, seen: &seen)
            } else if target.st_mode & S_IFMT == S_IFDIR, isTopLevel {
                // A link the user named explicitly is followed once; links inside folders are not.
                guard let resolved = Self.realPath(path) else {
                    results.append(.unusable(display: path, reason: "symbolic link cannot be resolved"))
                    return
                }
                walk(resolved, isTopLevel: false, root: resolved, into: &results, seen: &seen)
            } else if !isTopLevel, target.st_mode & S_IFMT == S_IFDIR {
                results.append(.unusable(display: path, reason: "symbolic link to a folder, not followed"))
            } else {
                results.append(.unusable(display: path, reason: "not a regular file"))
            }
        default:
            results.append(.unusable(display: path, reason: "not a regular file"))
        }
    }

    /// The path with every link and `..` resolved, or `nil`.
    public static func realPath(_ path: String) -> String? {
        var resolved = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard realpath(path, &resolved) != nil else { return nil }
        let length = resolved.firstIndex(of: 0) ?? resolved.count
        return String(decoding: resolved[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private func addFile(_ path: String, into results: inout [WalkedPath], seen: inout Set<String>) {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        guard seen.insert(url.path).inserted else { return }
        results.append(.file(url: url, display: path))
    }

    private static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file or folder"
        case EACCES: "permission denied"
        case ELOOP: "symbolic link loop"
        case ENAMETOOLONG: "path too long"
        default: String(cString: strerror(code)).lowercased()
        }
    }
}
