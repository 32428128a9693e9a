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
    public init(store: any ReviewStore, actor: String = "dossier", clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.actor = actor
        self.clock = clock
    }

    /// Exports `caseID` into the new folder `target`.
    public func export(_ caseID: CaseID, to target: URL) async throws(ExportError) -> ExportReport {
        let manager = FileManager.default
        guard !manager.fileExists(atPath: target.path) else { throw .targetExists(target.path) }
        let head: String
        do {
            switch try await store.verifyAudit() {
            case .intact(_, let last): head = last
            case .broken(let sequence, let reason): throw ExportError.auditBroken(sequence: sequence, reason: reason)
            }
        } catch let error as ExportError {
            throw error
        } catch let error as ReviewStoreError {
            throw .store(error)
        } catch {
            throw .writeFailed(String(describing: type(of: error)))
        }
        let documents: [StoredDocument]
        let items: [ReviewItem]
        do {
            documents = try await store.documents(in: caseID)
            items = try await store.items(ReviewItemFilter(caseID: caseID))
        } catch {
            throw .store(error)
        }
        guard !documents.isEmpty else { throw .unknownCase(caseID) }
        // The gate: only items a named reviewer approved can become ApprovedItems.
        let approved = items.compactMap(ApprovedItem.init)
        var originalURLs: [String: URL] = [:]
        for document in documents {
            do { originalURLs[document.sha256] = try await store.originalURL(sha256: document.sha256) } catch {
                throw .store(error)
            }
        }

        let parent = target.deletingLastPathComponent()
        // Written under a scratch name and renamed at the end; what a killed export of the same
        // target left behind is cleared first.
        let stagingPrefix = ".\(target.lastPathComponent).partial"
        let staging = parent.appendingPathComponent(ScratchName.make(stagingPrefix))
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
            ScratchName.clearAbandoned(in: parent, prefix: stagingPrefix)
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw .writeFailed("cannot create \(staging.path)")
        }
        do {
            let writer = CaseFileWriter(root: staging)
            let report = try writer.write(
                caseID: caseID, documents: documents, originals: originalURLs, approved: approved,
                withheld: items.count - approved.count, exportedAt: clock(), folderName: target.path, auditHead: head
            )
            // On disk before the rename makes it visible, so a power cut cannot leave a case
            // file under the target name whose contents were never written.
            try DurableFiles.synchronizeTree(staging)
            guard rename(staging.path, target.path) == 0 else {
                throw ExportError.writeFailed("cannot move the case file into place (errno \(errno))")
            }
            try DurableFiles.synchronize(parent)
            do {
                try await store.markFiled(approved.map(\.item.id), by: actor)
            } catch {
                throw ExportError.store(error)
            }
            return report
        } catch {
            try? manager.removeItem(at: staging)
            if let error = error as? ExportError { throw error }
            throw .writeFailed(String(describing: type(of: error)))
        }
    }
}
