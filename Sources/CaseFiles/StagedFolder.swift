internal import DossierCore
internal import Foundation
internal import Review

/// What both exports share: the audit trail checked first, and a folder built under a scratch
/// name beside its target, made private and durable, then renamed into place, so an interrupted
/// export leaves nothing under the target's name.
struct StagedFolder {
    let target: URL
    let staging: URL
    private let parent: URL

    /// The audit trail's head hash; refuses when the trail does not verify.
    static func auditHead(of store: any ReviewStore) async throws(ExportError) -> String {
        do {
            switch try await store.verifyAudit() {
            case .intact(_, let last): return last
            case .broken(let sequence, let reason): throw ExportError.auditBroken(sequence: sequence, reason: reason)
            }
        } catch let error as ExportError {
            throw error
        } catch let error as ReviewStoreError {
            throw .store(error)
        } catch {
            throw .writeFailed(String(describing: type(of: error)))
        }
    }

    /// Makes the scratch folder for `target` (what a killed export of the same target left is
    /// cleared first).
    init(for target: URL) throws(ExportError) {
        self.target = target
        parent = target.deletingLastPathComponent()
        let prefix = ".\(target.lastPathComponent).partial"
        staging = parent.appendingPathComponent(ScratchName.make(prefix))
        do {
            try PrivateFiles.makeFolder(parent)
            ScratchName.clearAbandoned(in: parent, prefix: prefix)
            try PrivateFiles.makeFolder(staging)
        } catch {
            throw .writeFailed("cannot create \(staging.path)")
        }
    }

    /// The written folder made private (0700/0600) and on disk, then renamed to the target.
    func commit() throws {
        try PrivateFiles.restrictTree(staging)
        // On disk before the rename makes it visible, so a power cut cannot leave a folder
        // under the target name whose contents were never written.
        try DurableFiles.synchronizeTree(staging)
        guard rename(staging.path, target.path) == 0 else {
            throw ExportError.writeFailed("cannot move the folder into place (errno \(errno))")
        }
        try DurableFiles.synchronize(parent)
    }

    /// Removes what was written (after a failure).
    func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}
