public import DossierCore
public import Foundation
public import Review
public import Extraction

/// Who a redacted export is for and what their policy hides.
public struct RedactionRecipient: Sendable, Equatable {
    /// `lawyer`, `court`, `agency`, or `all` when no recipient was named.
    public let name: String
    public let title: String
    public let categories: Set<RedactionCategory>

    public init(name: String, title: String, categories: Set<RedactionCategory>) {
        self.name = name
        self.title = title
        self.categories = categories
    }
}

/// What a redacted export wrote.
public struct RedactedExportReport: Sendable, Codable, Equatable {
    /// One document that could not be copied, and why.
    public struct Failure: Sendable, Codable, Equatable {
        public let document: String
        public let reason: String
    }

    public let caseID: CaseID
    public let folder: String
    public let recipient: String
    /// Redacted copies written.
    public let documents: Int
    public let pages: Int
    /// Areas blacked out over all copies.
    public let redactions: Int
    /// Documents without an approved redaction set: not written.
    public let withheld: Int
    public let failed: [Failure]
}

/// Writes redacted copies of a case's documents for one recipient: only documents whose
/// redaction set a reviewer approved, each hiding the approved marks of the categories the
/// recipient's policy lists. The folder holds `NN-type.pdf` (or `.txt` for text documents) and
/// `manifest.json`: every copy with its SHA-256, and every redaction by page, box, category and
/// who approved it, never the hidden text and never the originals' file names. It is built under
/// a scratch name and renamed at the end, private (0700/0600), and refused while the audit trail
/// does not verify.
public struct RedactedCaseExporter: Sendable {
    private let store: any ReviewStore
    private let actor: String
    private let maker: RedactedCopyMaker
    private let clock: @Sendable () -> Date

    public init(store: any ReviewStore, actor: String, maker: RedactedCopyMaker = RedactedCopyMaker(), clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.actor = actor
        self.maker = maker
        self.clock = clock
    }

    struct Manifest: Encodable {
        struct Redaction: Encodable {
            let page: Int
            let box: [Double]
            let unit: String
            let category: String
            let source: String
        }
        struct Document: Encodable {
            let file: String
            let sha256: String
            let pages: Int
            let type: String
            let redactionItem: Int64
            let checkedBy: String?
            let approvedBy: String
            let approvedAt: String
            let redactions: [Redaction]
        }
        let format = "dossier-redacted-copy/1"
        let caseId: String
        let recipient: String
        let policy: String
        let hides: [String]
        let exportedAt: String
        let exportedBy: String
        let auditHead: String
        let documents: [Document]
        let withheldDocuments: Int
        let failedDocuments: Int
    }

    /// Exports the redacted copies of `caseID` for `recipient` into the new folder `target`.
    public func export(_ caseID: CaseID, to target: URL, for recipient: RedactionRecipient) async throws(ExportError) -> RedactedExportReport {
        if FileManager.default.fileExists(atPath: target.path) { throw .targetExists(target.path) }
        let head = try await StagedFolder.auditHead(of: store)
        let documents: [StoredDocument]
        let approved: [ApprovedItem]
        do {
            documents = try await store.documents(in: caseID)
            approved = try await store.approvedItems(in: caseID)
        } catch {
            throw .store(error)
        }
        guard !documents.isEmpty else { throw .unknownCase(caseID) }
        // The latest approved set of each document; its approved type, for the copy's name.
        var sets: [String: ApprovedItem] = [:]
        var types: [String: String] = [:]
        for entry in approved.sorted(by: { $0.item.id < $1.item.id }) {
            guard let sha256 = entry.item.documentSHA256 else { continue }
            if entry.item.kind == .redaction { sets[sha256] = entry }
            if entry.item.kind == .documentType, let object = try? JSONSerialization.jsonObject(with: Data(entry.item.currentProposal.utf8)) as? [String: Any],
               let type = object["type"] as? String {
                types[sha256] = type
            }
        }

        let folder = try StagedFolder(for: target)
        let staging = folder.staging
        var written: [Manifest.Document] = []
        var failures: [RedactedExportReport.Failure] = []
        var pageCount = 0
        do {
            for document in documents {
                guard let entry = sets[document.sha256], let set = RedactionSet(json: entry.item.currentProposal) else { continue }
                let marks = set.marks(in: recipient.categories)
                let type = types[document.sha256] ?? "document"
                let number = String(format: "%02d", written.count + failures.count + 1)
                let textOnly = document.pages.allSatisfy { $0.method == .textFile }
                let name = "\(number)-\(CaseFileWriter.safeName(type)).\(textOnly ? "txt" : "pdf")"
                let output = staging.appendingPathComponent(name)
                do {
                    if textOnly {
                        let text = try RedactedCopyMaker.redactedText(pages: document.pages, marks: marks)
                        do { try Data(text.utf8).write(to: output) } catch { throw ExtractionError.unreadable("cannot write the copy") }
                    } else {
                        let sourceSHA = document.renditionSHA256 ?? document.sha256
                        let format = document.renditionSHA256 == nil ? (FileFormat(rawValue: document.format) ?? .pdf) : .pdf
                        let source = try await store.originalURL(sha256: sourceSHA)
                        try maker.makePDF(source: source, format: format, pages: document.pages, marks: marks, sizes: set.pages, output: output)
                    }
                } catch let error as ExtractionError {
                    failures.append(.init(document: "\(number) (\(PrintableName.of(document.fileName)))", reason: error.localizedDescription))
                    try? FileManager.default.removeItem(at: output)
                    continue
                }
                pageCount += document.pages.count
                let units = Dictionary(uniqueKeysWithValues: set.pages.map { ($0.number, $0.unit) })
                written.append(Manifest.Document(
                    file: name, sha256: try FileDigest.sha256(of: output), pages: document.pages.count, type: type,
                    redactionItem: entry.item.id, checkedBy: entry.item.edit?.editor, approvedBy: entry.reviewer,
                    approvedAt: ISO8601DateFormatter().string(from: entry.approvedAt),
                    redactions: marks.flatMap { mark in
                        (mark.boxes.isEmpty ? [PageBox(x: 0, y: 0, width: 0, height: 0)] : mark.boxes).map { box in
                            Manifest.Redaction(page: mark.page, box: [box.x, box.y, box.width, box.height].map { ($0 * 100).rounded() / 100 },
                                               unit: units[mark.page] ?? "text", category: mark.category.rawValue, source: mark.source.rawValue)
                        }
                    }
                ))
            }
            let manifest = Manifest(
                caseId: caseID.rawValue, recipient: recipient.name, policy: recipient.title,
                hides: recipient.categories.sorted().map(\.rawValue), exportedAt: ISO8601DateFormatter().string(from: clock()),
                exportedBy: actor, auditHead: head, documents: written,
                withheldDocuments: documents.count - written.count - failures.count, failedDocuments: failures.count
            )
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            try encoder.encode(manifest).write(to: staging.appendingPathComponent("manifest.json"))
            try folder.commit()
            // The audit trail records which approved sets went out in a copy, and by whom.
            try await store.markCopied(written.map(\.redactionItem), by: actor)
        } catch {
            folder.discard()
            if let error = error as? ExportError { throw error }
            if let error = error as? ReviewStoreError { throw .store(error) }
            throw .writeFailed(String(describing: type(of: error)))
        }
        return RedactedExportReport(
            caseID: caseID, folder: target.path, recipient: recipient.name, documents: written.count, pages: pageCount,
            redactions: written.reduce(0) { $0 + $1.redactions.count },
            withheld: documents.count - written.count - failures.count, failed: failures
        )
    }
}
