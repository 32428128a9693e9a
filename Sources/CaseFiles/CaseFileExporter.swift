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
}

extension ExportError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .unknownCase(let id): "case \(id) has no documents in this store"
        case .targetExists(let path): "\(path) already exists; choose a new folder"
        case .writeFailed(let reason): "cannot write the case file: \(reason)"
        case .store(let error): error.localizedDescription
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
}

/// Writes a case-file folder from a case's originals and its approved items only.
///
/// Layout: `originals/` (byte-identical copies), `transcripts/` (only transcripts a reviewer
/// approved), `items/` (one JSON file per approved item) and `manifest.json` (every file with its
/// SHA-256, and who approved what, when). The folder is built under a temporary name beside the
/// target and renamed at the end, so an interrupted export leaves no partial case file.
public struct CaseFileExporter: Sendable {
    private let store: any ReviewStore
    private let clock: @Sendable () -> Date

    /// Makes an exporter reading from `store`.
    public init(store: any ReviewStore, clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.clock = clock
    }

    /// Exports `caseID` into the new folder `target`.
    public func export(_ caseID: CaseID, to target: URL) async throws(ExportError) -> ExportReport {
        let manager = FileManager.default
        guard !manager.fileExists(atPath: target.path) else { throw .targetExists(target.path) }
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
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString)")
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw .writeFailed("cannot create \(staging.path)")
        }
        do {
            let writer = CaseFileWriter(root: staging)
            let report = try writer.write(
                caseID: caseID, documents: documents, originals: originalURLs, approved: approved,
                withheld: items.count - approved.count, exportedAt: clock(), folderName: target.path
            )
            guard rename(staging.path, target.path) == 0 else {
                throw ExportError.writeFailed("cannot move the case file into place (errno \(errno))")
            }
            return report
        } catch {
            try? manager.removeItem(at: staging)
            if let error = error as? ExportError { throw error }
            throw .writeFailed(String(describing: type(of: error)))
        }
    }
}
