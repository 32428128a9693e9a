public import DossierCore
public import Foundation
public import Review

/// Why a case file could not be written.
public enum ExportError: Error, Equatable, Sendable {
    /// The case has no documents in the store.
    case unknownCase(CaseID)
    /// The target folder exists already; case files are never merged or overwritten.
    case targetExists(String)
    /// Writing failed.
    case writeFailed(String)
    /// The store failed.
    case store(ReviewStoreError)
    /// The audit trail does not verify: nothing is exported until it is looked into.
    case auditBroken(sequence: Int64, reason: String)
}

extension ExportError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .unknownCase(let id): "case \(id) has no documents in this store"
        case .targetExists(let path): "\(path) already exists; choose a new folder"
        case .writeFailed(let reason): "cannot write the case file: \(reason)"
        case .store(let error): error.localizedDescription
        case .auditBroken(let sequence, let reason):
            "the audit trail does not verify (event \(sequence): \(reason)); nothing was exported"
        }
    }
}

/// What an export wrote.
public struct ExportReport: Sendable, Codable, Equatable {
    /// The case.
    public let caseID: CaseID
    /// The case-file folder.
    public let folder: String
    /// Originals written.
    public let originals: Int
    /// Approved transcripts written.
    public let transcripts: Int
    /// Approved items written.
    public let approvedItems: Int
    /// Items left in the store because no reviewer approved them.
    public let withheldItems: Int
    /// The audit trail's head hash at export, as written into manifest.json.
    public let auditHead: String
    /// True when this run found the case file written by an export that was stopped before it
    /// marked its items filed, checked it whole, and marked them.
    public var completedInterruptedExport = false

    public init(
        caseID: CaseID, folder: String, originals: Int, transcripts: Int, approvedItems: Int, withheldItems: Int,
        auditHead: String, completedInterruptedExport: Bool = false
    ) {
        self.caseID = caseID
        self.folder = folder
        self.originals = originals
        self.transcripts = transcripts
        self.approvedItems = approvedItems
        self.withheldItems = withheldItems
        self.auditHead = auditHead
        self.completedInterruptedExport = completedInterruptedExport
    }
}

/// What ``CaseFileExporter`` reads back from a case file it wrote.
struct WrittenManifest: Decodable {
    struct File: Decodable {
        let path: String
        let sha256: String
    }
    struct Approval: Decodable {
        let item: Int64
    }
    let format: String
    let caseId: String
    let files: [File]
    let approvals: [Approval]
    let withheldItems: Int
    let auditHead: String
}

/// Writes a case-file folder from a case's originals and its approved items only.
///
/// Layout: `originals/` (byte-identical copies), `transcripts/` (only transcripts a reviewer
/// approved), `items/` (one JSON file per approved item) and `manifest.json` (every file with its
/// SHA-256, who approved what, when, and the audit trail's head hash). The folder is built under
/// a temporary name beside the target and renamed at the end, so an interrupted export leaves no
/// partial case file. Export refuses to run when the audit trail does not verify, and records an
/// `export` event for each item it files.
public struct CaseFileExporter: Sendable {
    private let store: any ReviewStore
    private let clock: @Sendable () -> Date
    /// Who exports (recorded in the audit trail).
    private let actor: String

    /// Makes an exporter reading from `store`, exporting as `actor`.
    public init(store: any ReviewStore, actor: String, clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.actor = actor
        self.clock = clock
    }

    /// Exports `caseID` into the new folder `target`.
    public func export(_ caseID: CaseID, to target: URL) async throws(ExportError) -> ExportReport {
        let manager = FileManager.default
        if manager.fileExists(atPath: target.path) {
            // The same command after an export stopped between writing and filing: finish it.
            if let finished = try await finishInterruptedExport(caseID, at: target) { return finished }
            throw .targetExists(target.path)
        }
        let head = try await StagedFolder.auditHead(of: store)
        let documents: [StoredDocument]
        let items: [ReviewItem]
        let approved: [ApprovedItem]
        do {
            documents = try await store.documents(in: caseID)
            items = try await store.items(ReviewItemFilter(caseID: caseID))
            // The gate: only the store makes ApprovedItems, from rows a named reviewer approved.
            approved = try await store.approvedItems(in: caseID)
        } catch {
            throw .store(error)
        }
        guard !documents.isEmpty else { throw .unknownCase(caseID) }
        var originalURLs: [String: URL] = [:]
        var renditionURLs: [String: URL] = [:]
        for document in documents {
            do {
                originalURLs[document.sha256] = try await store.originalURL(sha256: document.sha256)
                if let rendition = document.renditionSHA256 { renditionURLs[rendition] = try await store.originalURL(sha256: rendition) }
            } catch {
                throw .store(error)
            }
        }

        let folder = try StagedFolder(for: target)
        do {
            let writer = CaseFileWriter(root: folder.staging)
            let report = try writer.write(
                caseID: caseID, documents: documents, originals: originalURLs, renditions: renditionURLs, approved: approved,
                withheld: max(0, items.count - approved.count), exportedAt: clock(), folderName: target.path, auditHead: head
            )
            // A case file holds the evidence: its folders 0700, its files 0600 (originals 0400).
            try folder.commit()
            do {
                try await store.markFiled(approved.map(\.item.id), by: actor)
            } catch {
                throw ExportError.store(error)
            }
            return report
        } catch {
            folder.discard()
            if let error = error as? ExportError { throw error }
            throw .writeFailed(String(describing: type(of: error)))
        }
    }
}

extension CaseFileExporter {
    /// When `target` is a whole case file of `caseID` whose items are all still approved and
    /// none yet filed (its export was stopped after the rename, before the filing), marks them
    /// filed and reports it; `nil` for anything else (the folder then stays untouched).
    func finishInterruptedExport(_ caseID: CaseID, at target: URL) async throws(ExportError) -> ExportReport? {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let data = FileManager.default.contents(atPath: target.appendingPathComponent("manifest.json").path),
              let manifest = try? decoder.decode(WrittenManifest.self, from: data),
              manifest.format == "dossier-case-file/1", manifest.caseId == caseID.rawValue, !manifest.approvals.isEmpty
        else { return nil }
        // Whole: every file the manifest lists is there with its hash.
        for file in manifest.files {
            let path = target.appendingPathComponent(file.path).standardizedFileURL
            guard path.path.hasPrefix(target.standardizedFileURL.path + "/"),
                  (try? FileDigest.sha256(of: path)) == file.sha256 else { return nil }
        }
        let items: [ReviewItem]
        do { items = try await store.items(ReviewItemFilter(caseID: caseID)) } catch { throw .store(error) }
        let listed = Set(manifest.approvals.map(\.item))
        let unfiled = items.filter { listed.contains($0.id) && $0.state.isApproved && $0.state != .filed }
        guard unfiled.count == listed.count else { return nil }
        do { try await store.markFiled(unfiled.map(\.id).sorted(), by: actor) } catch { throw .store(error) }
        return ExportReport(
            caseID: caseID, folder: target.path,
            originals: manifest.files.filter { $0.path.hasPrefix("originals/") }.count,
            transcripts: manifest.files.filter { $0.path.hasPrefix("transcripts/") }.count,
            approvedItems: listed.count, withheldItems: manifest.withheldItems, auditHead: manifest.auditHead,
            completedInterruptedExport: true
        )
    }
}
