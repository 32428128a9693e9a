public import Foundation
public import DossierCore

/// Transcripts kept on disk by the SHA-256 of the file's content and the settings they were
/// made with, so the same content is never OCR'd twice (`dossier transcribe --cache DIR`).
///
/// The cache holds document text, so it is opt-in and private: its folders are made readable
/// by their owner only (0700) and each entry is written whole under a temporary name, then
/// renamed (0600). An entry that cannot be read or decoded is treated as missing.
public struct TranscriptCache: Sendable {
    /// The cache folder.
    public let directory: URL

    /// Opens (and makes, when missing) the cache folder at `directory`.
    public init(directory: URL) throws(ExtractionError) {
        do {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw .unreadable("cannot make the cache folder: \(ExtractionError.describe(error))")
        }
        self.directory = directory
    }

    /// The pages stored for content `sha256` read with `settings`, or `nil`.
    public func pages(sha256: String, settings: String) -> [PageTranscript]? {
        guard let data = try? Data(contentsOf: entryURL(sha256: sha256, settings: settings)),
              let entry = try? JSONDecoder().decode(Entry.self, from: data),
              entry.sha256 == sha256, entry.settings == settings else { return nil }
        return entry.pages
    }

    /// Stores `pages` for content `sha256` read with `settings`; a cache that cannot be
    /// written costs only the next run's time, so failures are returned, not thrown.
    @discardableResult
    public func keep(_ pages: [PageTranscript], sha256: String, settings: String) -> Bool {
        let url = entryURL(sha256: sha256, settings: settings)
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(UUID().uuidString).tmp")
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]
            )
            let data = try JSONEncoder().encode(Entry(sha256: sha256, settings: settings, pages: pages))
            guard FileManager.default.createFile(
                atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o600]
            ) else { return false }
            guard rename(temporary.path, url.path) == 0 else {
                try? FileManager.default.removeItem(at: temporary)
                return false
            }
            return true
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            return false
        }
    }

    /// `<dir>/<first two hex digits>/<sha256>-<hash of the settings>.json`.
    private func entryURL(sha256: String, settings: String) -> URL {
        let settingsHash = FileDigest.sha256(of: Data(settings.utf8)).prefix(16)
        return directory
            .appendingPathComponent(String(sha256.prefix(2)), isDirectory: true)
            .appendingPathComponent("\(sha256)-\(settingsHash).json")
    }

    /// One cache file: the key it answers for (checked on read) and the pages.
    private struct Entry: Codable {
        let sha256: String
        let settings: String
        let pages: [PageTranscript]
    }
}
