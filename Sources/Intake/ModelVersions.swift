internal import DossierCore
internal import DossierModels
internal import Foundation

/// The versions behind the machine's proposals, stored with each one and in its audit event: the
/// program, how the transcript was made, and a short SHA-256 of each folder of `models/` that
/// shaped the proposal. The same input with the same versions gives the same proposal.
public enum ModelVersions {
    /// Dossier's version.
    public static let program = "0.7.0"

    /// The folders of `models/` whose content decides proposals.
    static let folders = ["checklists", "doctype", "languages", "rules", "summaries", "vocabulary"]

    /// A JSON object with sorted keys: program, transcription settings, procedure and one
    /// `models/<folder>` hash per folder.
    static func json(transcription: String, procedure: String?) -> String {
        var fields = ["program": program, "transcription": transcription]
        if let procedure { fields["procedure"] = procedure }
        for folder in folders { fields["models/" + folder] = folderHash(folder) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(fields)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The first 16 hex digits of the SHA-256 over the folder's files (relative path and bytes,
    /// in path order); `missing` when the folder is not shipped.
    static func folderHash(_ folder: String) -> String {
        guard let root = ModelFiles.url(folder) else { return "missing" }
        let paths = (FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .map { ($0.path.dropFirst(root.path.count).description, $0) }
            .sorted { $0.0 < $1.0 }
        var data = Data()
        for (relative, url) in paths {
            data.append(Data(relative.utf8))
            data.append(0)
            data.append((try? Data(contentsOf: url)) ?? Data())
            data.append(0)
        }
        return String(FileDigest.sha256(of: data).prefix(16))
    }
}
