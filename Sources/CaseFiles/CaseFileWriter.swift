internal import DossierCore
internal import Foundation
internal import Review

/// Writes the files of one case-file folder; used by ``CaseFileExporter`` on a staging folder.
struct CaseFileWriter {
    let root: URL

    struct Manifest: Encodable {
        struct File: Encodable {
            /// Where a member of an archive or message came from: the container's own file in
            /// this case file (written once), the member's position and its name there.
            struct MemberOf: Encodable {
                let container: String
                let position: Int
                let name: String
            }
            let path: String
            let sha256: String
            let bytes: Int
            var memberOf: MemberOf? = nil
            /// For the PDF an Office document was read through: that document's own file.
            var renditionOf: String? = nil
        }
        struct Approval: Encodable {
            let item: Int64
            let kind: String
            /// `document` or `case` (then there is no document).
            let scope: String
            let document: String?
            let documentSHA256: String?
            let summary: String
            let approvedBy: String
            let approvedAt: Date
        }
        let format = "dossier-case-file/1"
        let caseID: String
        let exportedAt: Date
        let files: [File]
        let approvals: [Approval]
        let withheldItems: Int
        /// The audit trail's last hash when the case file was written.
        let auditHead: String
        let note: String
    }

    struct ItemFile: Encodable {
        let id: Int64
        let kind: String
        /// `document` or `case` (then there is no document).
        let scope: String
        let document: String?
        let documentSHA256: String?
        let summary: String
        let proposal: String
        let evidence: [Evidence]
        let approvedBy: String
        let approvedAt: Date
        /// Who wrote the approved version when it is not the machine's, and the diff to it.
        let editedBy: String?
        let machineProposal: String?
        let diff: String?
    }

    func write(
        caseID: CaseID, documents: [StoredDocument], originals: [String: URL], renditions: [String: URL] = [:], approved: [ApprovedItem],
        withheld: Int, exportedAt: Date, folderName: String, auditHead: String
    ) throws -> ExportReport {
        let manager = FileManager.default
        for folder in ["originals", "transcripts", "items"] {
            try manager.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        var files: [Manifest.File] = []
        var names: [String: String] = [:]  // sha256 → unique file name in the case file
        var used = Set<String>()
        for document in documents {
            var name = Self.safeName(document.fileName)
            if used.contains(name) { name = "\(document.id)-\(name)" }
            used.insert(name)
            names[document.sha256] = name
            guard let source = originals[document.sha256] else { continue }
            let path = "originals/\(name)"
            let bytes = try copyVerified(source, to: path, sha256: document.sha256, what: "original of \(name)")
            let memberOf = document.origin.flatMap { origin in
                names[origin.parentSHA256].map { Manifest.File.MemberOf(container: "originals/\($0)", position: origin.position, name: origin.name) }
            }
            files.append(.init(path: path, sha256: document.sha256, bytes: bytes, memberOf: memberOf))
            if let rendition = document.renditionSHA256, let renditionSource = renditions[rendition] {
                let renditionPath = "originals/\(name).pdf"
                let renditionBytes = try copyVerified(renditionSource, to: renditionPath, sha256: rendition, what: "rendition of \(name)")
                files.append(.init(path: renditionPath, sha256: rendition, bytes: renditionBytes, renditionOf: path))
            }
        }

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        var transcripts = 0
        for approval in approved {
            let item = approval.item
            let name = item.documentSHA256.flatMap { names[$0] } ?? item.fileName
            if item.kind == .transcript, let name, let document = documents.first(where: { $0.sha256 == item.documentSHA256 }) {
                let path = "transcripts/\(name).txt"
                let data = Data(DocumentTranscript(file: name, sha256: document.sha256, pages: document.pages).plainText.utf8)
                try data.write(to: root.appendingPathComponent(path), options: .atomic)
                files.append(.init(path: path, sha256: FileDigest.sha256(of: data), bytes: data.count))
                transcripts += 1
            }
            let itemFile = ItemFile(
                id: item.id, kind: item.kind.rawValue, scope: item.scope.rawValue, document: name, documentSHA256: item.documentSHA256,
                summary: item.currentSummary, proposal: item.currentProposal, evidence: item.currentEvidence,
                approvedBy: approval.reviewer, approvedAt: approval.approvedAt,
                editedBy: item.edit?.editor, machineProposal: item.edit == nil ? nil : item.proposal, diff: item.edit?.diff
            )
            let path = "items/\(item.id)-\(item.kind.rawValue).json"
            let data = try encoder.encode(itemFile)
            try data.write(to: root.appendingPathComponent(path), options: .atomic)
            files.append(.init(path: path, sha256: FileDigest.sha256(of: data), bytes: data.count))
        }

        let manifest = Manifest(
            caseID: caseID.rawValue, exportedAt: exportedAt, files: files,
            approvals: approved.map {
                .init(item: $0.item.id, kind: $0.item.kind.rawValue, scope: $0.item.scope.rawValue,
                      document: $0.item.documentSHA256.flatMap { names[$0] } ?? $0.item.fileName,
                      documentSHA256: $0.item.documentSHA256, summary: $0.item.currentSummary,
                      approvedBy: $0.reviewer, approvedAt: $0.approvedAt)
            },
            withheldItems: withheld,
            auditHead: auditHead,
            note: approved.isEmpty
                ? "No item of this case has been approved; no machine output is included."
                : "Only items approved by a named reviewer are included; \(withheld) other items stay in the review store."
        )
        try encoder.encode(manifest).write(to: root.appendingPathComponent("manifest.json"), options: .atomic)
        return ExportReport(
            caseID: caseID, folder: folderName, originals: documents.count, transcripts: transcripts,
            approvedItems: approved.count, withheldItems: withheld, auditHead: auditHead
        )
    }

    /// A file name that stays inside its folder and is safe to open anywhere: no separators,
    /// no leading dots, no control or direction-changing characters (each becomes `_`), in
    /// composed Unicode form, and at most 180 bytes of UTF-8 (cut at a character boundary,
    /// keeping a short extension), so that the prefixes and suffixes the case file adds stay
    /// under the file system's 255 bytes.
    /// Copies `source` to `path` in the case file and checks the copy against `sha256`;
    /// returns its size in bytes.
    private func copyVerified(_ source: URL, to path: String, sha256: String, what: String) throws -> Int {
        let target = root.appendingPathComponent(path)
        try FileManager.default.copyItem(at: source, to: target)
        guard try FileDigest.sha256(of: target) == sha256 else {
            throw ExportError.writeFailed("the stored \(what) does not match its hash")
        }
        return (try FileManager.default.attributesOfItem(atPath: target.path)[.size] as? NSNumber)?.intValue ?? 0
    }

    static func safeName(_ name: String) -> String {
        let composed = name.precomposedStringWithCanonicalMapping
        var cleaned = String(String.UnicodeScalarView(composed.unicodeScalars.map { scalar in
            scalar == "/" || scalar == "\\" || PrintableName.isHidden(scalar) ? "_" : scalar
        }))
        while cleaned.hasPrefix(".") { cleaned.removeFirst() }
        if cleaned.isEmpty { cleaned = "document" }
        let limit = 180
        guard cleaned.utf8.count > limit else { return cleaned }
        var stem = Substring(cleaned)
        var suffix = ""
        if let dot = cleaned.lastIndex(of: "."), cleaned.utf8.distance(from: dot, to: cleaned.endIndex) <= 10 {
            stem = cleaned[..<dot]
            suffix = String(cleaned[dot...])
        }
        var kept = ""
        for character in stem {
            guard kept.utf8.count + character.utf8.count + suffix.utf8.count <= limit else { break }
            kept.append(character)
        }
        return kept + suffix
    }
}
