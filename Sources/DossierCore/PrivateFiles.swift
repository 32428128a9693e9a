public import Foundation

/// Files that hold case data are private to their owner: folders 0700, files 0600 (0400 when
/// read-only), whatever the process's umask.
public enum PrivateFiles {
    /// Makes `folder` and any missing parents; each folder it makes is 0700.
    public static func makeFolder(_ folder: URL) throws {
        let manager = FileManager.default
        var missing: [URL] = []
        var current = folder.standardizedFileURL
        var isFolder: ObjCBool = false
        while !manager.fileExists(atPath: current.path, isDirectory: &isFolder) {
            missing.append(current)
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { break }
            current = parent
        }
        for url in missing.reversed() {
            if mkdir(url.path, 0o700) != 0, errno != EEXIST { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            if chmod(url.path, 0o700) != 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        }
    }

    /// Writes `data` to a new file with `mode` (0600 unless told), failing if it exists.
    public static func createFile(_ url: URL, contents data: Data, mode: mode_t = 0o600) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        var offset = 0
        try data.withUnsafeBytes { buffer in
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                offset += written
            }
        }
        guard fchmod(descriptor, mode) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// Replaces `url` with a private file holding `data`, whole or not at all: written under a
    /// scratch name beside it (``ScratchName``), then renamed into place.
    public static func replaceFile(_ url: URL, contents data: Data) throws {
        let partial = url.deletingLastPathComponent().appendingPathComponent(ScratchName.make(".\(url.lastPathComponent).partial"))
        do {
            try createFile(partial, contents: data)
            guard rename(partial.path, url.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
    }

    /// Makes `url` an empty 0600 file if nothing is there (so that SQLite, which gives its
    /// journal files the database's mode, keeps them private too).
    public static func touch(_ url: URL) throws {
        guard !FileManager.default.fileExists(atPath: url.path) else { return }
        do { try createFile(url, contents: Data()) } catch let error as POSIXError where error.code == .EEXIST {}
    }

    /// Sets `mode` on `url` (a file or folder).
    public static func restrict(_ url: URL, mode: mode_t) throws {
        if chmod(url.path, mode) != 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// Makes every folder under `root` (and `root`) 0700 and every file 0600, or 0400 where it
    /// had no write permission.
    public static func restrictTree(_ root: URL) throws {
        if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) {
            for case let url as URL in walker { try restrictOne(url) }
        }
        try restrictOne(root)
    }

    private static func restrictOne(_ url: URL) throws {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: try restrict(url, mode: 0o700)
        case S_IFREG: try restrict(url, mode: info.st_mode & S_IWUSR != 0 ? 0o600 : 0o400)
        default: break
        }
    }

    /// The paths under `root` (and `root` itself) that someone other than the owner may read,
    /// write or enter, relative to `root` ("." for `root`).
    public static func exposed(under root: URL) -> [String] {
        var found: [String] = []
        func check(_ url: URL, _ name: String) {
            var info = stat()
            guard lstat(url.path, &info) == 0 else { return }
            let kind = info.st_mode & S_IFMT
            guard kind == S_IFDIR || kind == S_IFREG else { return }
            if info.st_mode & 0o077 != 0 { found.append(name) }
        }
        check(root, ".")
        let base = root.standardizedFileURL.path
        if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) {
            for case let url as URL in walker {
                let path = url.standardizedFileURL.path
                check(url, path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path)
            }
        }
        return found
    }
}
