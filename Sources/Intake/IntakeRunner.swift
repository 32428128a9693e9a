public import DossierCore
public import Extraction
internal import Foundation
public import Review
internal import Analysis

/// What happened to one file in an intake run.
public struct FileOutcome: Sendable, Equatable, Codable {
    /// How the file ended.
    public enum Status: String, Sendable, Codable {
        /// Stored with its transcript and review items.
        case stored
        /// Its bytes were already in the case; nothing was added.
        case duplicate
        /// It could not be taken in; `reason` says why.
        case failed
    }

    /// The path as the user gave or the walk found it.
    public let file: String
    /// How it ended.
    public let status: Status
    /// SHA-256 of the file, when it could be read.
    public let sha256: String?
    /// Pages transcribed.
    public let pages: Int
    /// Ids of the review items it produced.
    public let items: [Int64]
    /// The guessed document type, when stored.
    public let type: String?
    /// Why it failed, or which earlier file it duplicates.
    public let reason: String?
    /// True when the transcript was taken from the same bytes stored earlier (in another case)
    /// with the same settings, instead of being made again.
    public var reusedTranscript = false
}

/// Progress of an intake run, for a progress display.
public enum IntakeEvent: Sendable {
    /// The walk found `total` files.
    case planned(total: Int)
    /// Work on a file began.
    case started(file: String)
    /// A page of the current files was transcribed.
    case pageDone
    /// A file ended.
    case finished(FileOutcome)
}

/// The result of an intake run.
public struct IntakeReport: Sendable, Codable {
    /// The case taken in to.
    public let caseID: CaseID
    /// Every file, in walk order.
    public let files: [FileOutcome]
    /// Wall time of the run in seconds.
    public let seconds: Double

    /// Files stored.
    public var storedCount: Int { files.filter { $0.status == .stored }.count }
    /// Files skipped as duplicates.
    public var duplicateCount: Int { files.filter { $0.status == .duplicate }.count }
    /// Files that failed.
    public var failedCount: Int { files.filter { $0.status == .failed }.count }
    /// Pages transcribed.
    public var pageCount: Int { files.reduce(0) { $0 + $1.pages } }
}

/// Takes files into a case: walk, hash, skip duplicates, transcribe, recognise, propose, store.
///
/// A file that fails is reported and the batch goes on; each stored file is one store
/// transaction, so nothing is half stored.
public struct IntakeRunner: Sendable {
    private let store: any ReviewStore
    private let transcriber: DocumentTranscriber
    private let guesser = DocumentTypeGuesser()
    private let concurrentFiles: Int

    /// Makes a runner that stores into `store` and transcribes with `transcriber`, working on up
    /// to `concurrentFiles` files at once.
    public init(store: any ReviewStore, transcriber: DocumentTranscriber, concurrentFiles: Int) {
        self.store = store
        self.transcriber = transcriber
        self.concurrentFiles = max(1, concurrentFiles)
    }

    /// Takes `paths` (files and folders) into `caseID`.
    public func run(
        paths: [String], caseID: CaseID, events: @escaping @Sendable (IntakeEvent) -> Void = { _ in }
    ) async -> IntakeReport {
        let started = Date()
        let walked = FileWalker().expand(paths)
        events(.planned(total: walked.count))
        var outcomes = [FileOutcome?](repeating: nil, count: walked.count)
        await withTaskGroup(of: (Int, FileOutcome).self) { group in
            var next = 0
            func addNext() {
                guard next < walked.count else { return }
                let index = next
                next += 1
                group.addTask {
                    let outcome = await process(walked[index], caseID: caseID, events: events)
                    return (index, outcome)
                }
            }
            for _ in 0..<concurrentFiles { addNext() }
            for await (index, outcome) in group {
                outcomes[index] = outcome
                events(.finished(outcome))
                addNext()
            }
        }
        return IntakeReport(caseID: caseID, files: outcomes.compactMap { $0 }, seconds: Date().timeIntervalSince(started))
    }

    private func process(_ path: WalkedPath, caseID: CaseID, events: @escaping @Sendable (IntakeEvent) -> Void) async -> FileOutcome {
        switch path {
        case .unusable(let display, let reason):
            return FileOutcome(file: display, status: .failed, sha256: nil, pages: 0, items: [], type: nil, reason: reason)
        case .file(let url, let display):
            events(.started(file: display))
            var sha256: String?
            do {
                let format = try FileFormat.sniff(url)
                let digest: String
                do { digest = try FileDigest.sha256(of: url) } catch { throw ExtractionError.unreadable(ExtractionError.describe(error)) }
                sha256 = digest
                // Preflight: the same bytes already in the case are not transcribed again.
                if let existing = try await store.document(sha256: digest, in: caseID) {
                    return FileOutcome(file: display, status: .duplicate, sha256: digest, pages: 0, items: [],
                                       type: nil, reason: "already in case \(caseID) as \(existing.fileName)")
                }
                // The same bytes in another case, transcribed the same way: reuse, do not OCR again.
                let settings = transcriber.options.fingerprint
                let pages: [PageTranscript]
                var reused = false
                if let stored = try await store.reusableTranscript(sha256: digest, settings: settings) {
                    pages = stored
                    reused = true
                    for _ in pages { events(.pageDone) }
                } else {
                    pages = try await transcriber.transcribePages(url, format: format) { _ in events(.pageDone) }
                }
                let guess = guesser.guess(pages)
                let submission = DocumentSubmission(
                    caseID: caseID, originalURL: url, sha256: digest, fileName: url.lastPathComponent,
                    format: format.rawValue, pages: pages,
                    proposals: ProposalMaker.proposals(pages: pages, guess: guess), transcriptionSettings: settings
                )
                switch try await store.submit(submission) {
                case .stored(_, let itemIDs):
                    var outcome = FileOutcome(file: display, status: .stored, sha256: digest, pages: pages.count,
                                              items: itemIDs, type: guess.type.rawValue, reason: nil)
                    outcome.reusedTranscript = reused
                    return outcome
                case .duplicate(let existing):
                    return FileOutcome(file: display, status: .duplicate, sha256: digest, pages: 0, items: [],
                                       type: nil, reason: "already in case \(caseID) as \(existing)")
                }
            } catch {
                return FileOutcome(file: display, status: .failed, sha256: sha256, pages: 0, items: [], type: nil,
                                   reason: (error as? any LocalizedError)?.errorDescription ?? "unexpected failure")
            }
        }
    }
}
