public import DossierCore
public import Extraction
public import Foundation
public import Review
public import Analysis
public import Containers

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
    /// An archive turned out to hold `count` more files to take in.
    case discovered(count: Int)
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
    /// Ids of the review items the case as a whole raised after this run (contradictions,
    /// duplicates, missing documents…).
    public var caseItems: [Int64] = []
    /// Ids of the redaction sets this run proposed (one per document whose set is new or changed).
    public var redactionItems: [Int64] = []
    /// Why screening the case as a whole failed, if it did (the files themselves are stored).
    public var caseScreeningError: String?

    /// Files stored.
    public var storedCount: Int { files.filter { $0.status == .stored }.count }
    /// Files skipped as duplicates.
    public var duplicateCount: Int { files.filter { $0.status == .duplicate }.count }
    /// Files that failed.
    public var failedCount: Int { files.filter { $0.status == .failed }.count }
    /// Pages transcribed.
    public var pageCount: Int { files.reduce(0) { $0 + $1.pages } }
}

/// How intake screens what it takes in: the rules, the date deadlines count from, and the
/// procedure's checklist if one was named.
public struct IntakeScreening: Sendable {
    public let rules: ScreeningRules
    public let today: CivilDate
    public let checklist: Checklist?

    public init(rules: ScreeningRules, today: CivilDate, checklist: Checklist? = nil) {
        self.rules = rules
        self.today = today
        self.checklist = checklist
    }

    var documentAnalyzer: DocumentAnalyzer { DocumentAnalyzer(rules: rules, today: today) }
}

/// Takes files into a case: walk, hash, skip duplicates, transcribe, recognise, propose, store.
///
/// A file that fails is reported and the batch goes on; each stored file is one store
/// transaction, so nothing is half stored.
public struct IntakeRunner: Sendable {
    private let store: any ReviewStore
    /// The logged-in account taking the files in.
    private let actor: String
    private let transcriber: any FileTranscribing
    private let screening: IntakeScreening
    private let concurrentFiles: Int
    /// The versions every proposal of this runner records (``ModelVersions``).
    private let versions: String
    /// Follow links inside the given folders to files outside them.
    private let followLinksOutside: Bool
    /// Folders never walked into (the store's own folder, when it lies inside a given folder).
    private let skippedFolders: [URL]
    /// How much an archive may hold.
    private let containerLimits: ContainerLimits
    /// How large a file may be (`--max-file-mb`), checked for every file before it is opened,
    /// archives, messages and Office documents included.
    private let maxFileBytes: Int64

    /// Makes a runner that stores into `store` as `actor` (an intake or supervisor account),
    /// transcribes with `transcriber` and screens with `screening`, working on up to
    /// `concurrentFiles` files at once; `skippedFolders` are never walked into.
    public init(
        store: any ReviewStore, actor: String, transcriber: any FileTranscribing, screening: IntakeScreening, concurrentFiles: Int,
        followLinksOutside: Bool = false, skippedFolders: [URL] = [], containerLimits: ContainerLimits = ContainerLimits(),
        maxFileBytes: Int64 = ExtractionLimits().maxFileBytes
    ) {
        self.containerLimits = containerLimits
        self.maxFileBytes = maxFileBytes
        self.followLinksOutside = followLinksOutside
        self.skippedFolders = skippedFolders
        self.store = store
        self.actor = actor
        self.transcriber = transcriber
        self.screening = screening
        self.concurrentFiles = max(1, concurrentFiles)
        versions = ModelVersions.json(transcription: transcriber.fingerprint, procedure: screening.checklist?.procedure)
    }

    /// Takes `paths` (files and folders) into `caseID`.
    public func run(
        paths: [String], caseID: CaseID, events: @escaping @Sendable (IntakeEvent) -> Void = { _ in }
    ) async -> IntakeReport {
        let started = Date()
        let walked = FileWalker(followLinksOutside: followLinksOutside, skipping: skippedFolders).expand(paths)
        events(.planned(total: walked.count))
        var outcomes = [[FileOutcome]](repeating: [], count: walked.count)
        let order = Self.largestFirst(walked)
        transcriber.prepare(concurrentFiles: min(concurrentFiles, walked.count))
        await withTaskGroup(of: (Int, [FileOutcome]).self) { group in
            var next = 0
            func addNext() {
                guard next < order.count else { return }
                let index = order[next]
                next += 1
                group.addTask {
                    let outcome = await process(walked[index], caseID: caseID, events: events)
                    return (index, outcome)
                }
            }
            for _ in 0..<concurrentFiles { addNext() }
            for await (index, outcome) in group {
                outcomes[index] = outcome
                addNext()
            }
        }
        // An archive's members follow it, in the archive's order.
        let files = outcomes.flatMap { $0 }
        var caseItems: [Int64] = []
        var redactionItems: [Int64] = []
        var caseError: String?
        if files.contains(where: { $0.status == .stored }) {
            do {
                (caseItems, redactionItems) = try await screenCase(caseID, lastStored: files.last { $0.status == .stored }?.sha256)
            } catch {
                caseError = (error as? any LocalizedError)?.errorDescription ?? "the case could not be screened"
            }
        }
        var report = IntakeReport(caseID: caseID, files: files, seconds: Date().timeIntervalSince(started))
        report.caseItems = caseItems
        report.redactionItems = redactionItems
        report.caseScreeningError = caseError
        return report
    }

    /// The order to start files in: largest first (ties in walk order). The batch then ends on
    /// small files instead of one big scan read by a single worker while the others idle; the
    /// report keeps the walk order.
    static func largestFirst(_ walked: [WalkedPath]) -> [Int] {
        let sizes = walked.map { path -> Int64 in
            guard case .file(let url, _) = path,
                  let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value
            else { return 0 }
            return size
        }
        return walked.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
    }

    /// Screens the whole case as it now stands and proposes the flags only the documents
    /// together raise. Each goes on the document its first evidence is in; one with no
    /// evidence (a missing document) on the document this run stored last.
    private func screenCase(_ caseID: CaseID, lastStored: String?) async throws -> (case: [Int64], redactions: [Int64]) {
        let stored = try await store.documents(in: caseID)
        let analyzer = screening.documentAnalyzer
        let analyses = stored.map { document in
            analyzer.analyze(DocumentTranscript(file: document.fileName, sha256: document.sha256, pages: document.pages))
        }
        let flags = CaseAnalyzer(rules: screening.rules).analyze(analyses, checklist: screening.checklist).caseFlags
        var byDocument: [String: [ScreeningFlag]] = [:]
        for flag in flags {
            let named = flag.evidence.first.flatMap { evidence in stored.first { $0.fileName == evidence.document } }
            guard let sha256 = named?.sha256 ?? lastStored ?? stored.last?.sha256 else { continue }
            byDocument[sha256, default: []].append(flag)
        }
        var ids: [Int64] = []
        // The case overview goes with the document this run stored last; an unchanged case
        // proposes no new overview (the same text is never proposed twice).
        if let target = lastStored ?? stored.last?.sha256 {
            ids += try await store.propose(
                [ProposalMaker.caseOverview(documents: analyses, caseFlags: flags, caseID: caseID).with(versions: versions)],
                document: target, in: caseID, by: actor
            )
        }
        for (sha256, flags) in byDocument.sorted(by: { $0.key < $1.key }) {
            let name = stored.first { $0.sha256 == sha256 }?.fileName ?? ""
            let proposals = ProposalMaker.flagProposals(flags, document: name, today: screening.today, scope: "case")
                .map { $0.with(versions: versions) }
            ids += try await store.propose(proposals, document: sha256, in: caseID, by: actor)
        }
        // Every document's redaction set, with what the whole case says about its persons; a set
        // the case already has (the same summary) is not proposed again.
        let context = RedactionContext.of(case: analyses)
        let finder = RedactionFinder()
        var redactions: [Int64] = []
        for (document, analysis) in zip(stored, analyses) {
            let proposal = ProposalMaker.redactionProposal(
                pages: document.pages, file: document.fileName, findings: finder.find(in: document.pages, analysis: analysis, context: context)
            )
            redactions += try await store.propose([proposal.with(versions: versions)], document: document.sha256, in: caseID, by: actor)
        }
        return (ids.sorted(), redactions.sorted())
    }

    private func process(_ path: WalkedPath, caseID: CaseID, events: @escaping @Sendable (IntakeEvent) -> Void) async -> [FileOutcome] {
        switch path {
        case .unusable(let display, let reason):
            let outcome = FileOutcome(file: display, status: .failed, sha256: nil, pages: 0, items: [], type: nil, reason: reason)
            events(.finished(outcome))
            return [outcome]
        case .file(let url, let display):
            return await processFile(url, display: display, fileName: url.lastPathComponent, origin: nil, depth: 0, caseID: caseID, events: events)
        }
    }

    /// Takes in one file: a document, or an archive and then each file in it. `origin` names the
    /// archive it came out of, `depth` how many archives deep it lies.
    private func processFile(
        _ url: URL, display: String, fileName: String, origin: DocumentOrigin?, depth: Int, caseID: CaseID,
        events: @escaping @Sendable (IntakeEvent) -> Void
    ) async -> [FileOutcome] {
        events(.started(file: display))
        var sha256: String?
        do {
            if let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value, size > maxFileBytes {
                throw ExtractionError.tooLarge(bytes: size, limit: maxFileBytes)
            }
            let format = try FileFormat.sniff(url)
            let digest: String
            do { digest = try FileDigest.sha256(of: url) } catch { throw ExtractionError.unreadable(ExtractionError.describe(error)) }
            sha256 = digest
            if format.isContainer {
                return try await processArchive(url, format: format, display: display, fileName: fileName, sha256: digest,
                                                origin: origin, depth: depth, caseID: caseID, events: events)
            }
            // Preflight: the same bytes already in the case are not transcribed again.
            if let existing = try await store.document(sha256: digest, in: caseID) {
                return [finished(FileOutcome(file: display, status: .duplicate, sha256: digest, pages: 0, items: [],
                                             type: nil, reason: "already in case \(caseID) as \(existing.fileName)"), events)]
            }
            if format.isOffice {
                return [finished(try await processOffice(url, display: display, fileName: fileName, sha256: digest, format: format,
                                                          origin: origin, caseID: caseID, events: events), events)]
            }
            // The same bytes in another case, transcribed the same way: reuse, do not OCR again.
            let settings = transcriber.fingerprint
            let pages: [PageTranscript]
            var reused = false
            if let stored = try await store.reusableTranscript(sha256: digest, settings: settings) {
                pages = stored
                reused = true
                for _ in pages { events(.pageDone) }
            } else {
                pages = try await transcriber.transcribePages(url, format: format) { _ in events(.pageDone) }
            }
            var outcome = try await submit(url, display: display, fileName: fileName, sha256: digest, format: format.rawValue,
                                           pages: pages, origin: origin, caseID: caseID)
            outcome.reusedTranscript = reused
            return [finished(outcome, events)]
        } catch {
            return [finished(FileOutcome(file: display, status: .failed, sha256: sha256, pages: 0, items: [], type: nil,
                                         reason: (error as? any LocalizedError)?.errorDescription ?? "unexpected failure"), events)]
        }
    }

    /// Takes in an Office document: LibreOffice makes a PDF of it (in a private scratch folder),
    /// that PDF is read as any born-digital PDF, and both are stored: the original as it came,
    /// the rendition beside it under its own hash.
    private func processOffice(
        _ url: URL, display: String, fileName: String, sha256: String, format: FileFormat, origin: DocumentOrigin?, caseID: CaseID,
        events: @escaping @Sendable (IntakeEvent) -> Void
    ) async throws -> FileOutcome {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-office-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let rendition = try OfficeConverter().convert(url, format: format, in: work)
        let renditionSHA256: String
        do { renditionSHA256 = try FileDigest.sha256(of: rendition) } catch { throw ExtractionError.conversionFailed }
        let pages = try await transcriber.transcribePages(rendition, format: .pdf) { _ in events(.pageDone) }
        return try await submit(url, display: display, fileName: fileName, sha256: sha256, format: format.rawValue, pages: pages,
                                origin: origin, caseID: caseID, rendition: (rendition, renditionSHA256))
    }

    /// Screens `pages`, proposes and stores the document in one transaction.
    private func submit(
        _ url: URL, display: String, fileName: String, sha256: String, format: String, pages: [PageTranscript],
        origin: DocumentOrigin?, caseID: CaseID, rendition: (url: URL, sha256: String)? = nil
    ) async throws -> FileOutcome {
        let analysis = screening.documentAnalyzer.analyze(DocumentTranscript(file: fileName, sha256: sha256, pages: pages))
        let guess = analysis.type
        let proposals = (ProposalMaker.proposals(pages: pages, guess: guess)
            + [ProposalMaker.summaryProposal(pages: pages, analysis: analysis)].compactMap { $0 }
            + ProposalMaker.flagProposals(analysis.flags, document: fileName, today: screening.today, scope: "document"))
            .map { $0.with(versions: versions) }
        let submission = DocumentSubmission(
            caseID: caseID, originalURL: url, sha256: sha256, fileName: fileName, format: format, pages: pages,
            proposals: proposals, transcriptionSettings: transcriber.fingerprint, origin: origin, rendition: rendition
        )
        switch try await store.submit(submission, by: actor) {
        case .stored(_, let itemIDs):
            return FileOutcome(file: display, status: .stored, sha256: sha256, pages: pages.count, items: itemIDs,
                               type: guess.type.rawValue, reason: nil)
        case .duplicate(let existing):
            return FileOutcome(file: display, status: .duplicate, sha256: sha256, pages: 0, items: [],
                               type: nil, reason: "already in case \(caseID) as \(existing)")
        }
    }

    /// Takes in an archive or an e-mail: unpacked into private scratch files first (refused whole, with
    /// nothing stored, when it breaks a limit), stored as a document whose page lists its files,
    /// then each file taken in as a document of its own that names the archive it came from.
    /// An archive already in the case is not stored again, but its files are still taken in
    /// (each deduplicated), so an intake killed half-way through an archive finishes it on the
    /// next run.
    private func processArchive(
        _ url: URL, format: FileFormat, display: String, fileName: String, sha256: String, origin: DocumentOrigin?, depth: Int,
        caseID: CaseID, events: @escaping @Sendable (IntakeEvent) -> Void
    ) async throws -> [FileOutcome] {
        if depth >= containerLimits.maxDepth { throw ContainerError.nestedTooDeep(limit: containerLimits.maxDepth) }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-unpack-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let expansion: ContainerExpansion
        let pages: [PageTranscript]
        if format == .email || format == .msg {
            // An Outlook message is turned into MIME first; the original is what is stored.
            let message = format == .msg ? try OutlookMessageConverter().convert(url, in: scratch.appendingPathComponent("msg")) : url
            expansion = try EmailAttachments.expand(message, into: scratch.appendingPathComponent("members"), limits: containerLimits)
            // The message itself is read like any document, through the same readers.
            pages = try await transcriber.transcribePages(message, format: .email) { _ in events(.pageDone) }
        } else {
            expansion = try ZIPArchiveReader.expand(url, into: scratch, limits: containerLimits)
            let listing = ContainerListing.text(kind: "ZIP archive", members: expansion.members, unreadable: expansion.unreadable)
            pages = [PageTranscript(number: 1, method: .textFile, text: listing, confidence: nil, decision: .plainText)]
        }
        var outcomes: [FileOutcome]
        if let existing = try await store.document(sha256: sha256, in: caseID) {
            outcomes = [FileOutcome(file: display, status: .duplicate, sha256: sha256, pages: 0, items: [], type: nil,
                                    reason: "already in case \(caseID) as \(existing.fileName)")]
        } else {
            outcomes = [try await submit(url, display: display, fileName: fileName, sha256: sha256, format: format.rawValue,
                                         pages: pages, origin: origin, caseID: caseID)]
        }
        events(.finished(outcomes[0]))
        events(.discovered(count: expansion.members.count + (expansion.unreadable > 0 ? 1 : 0)))
        for member in expansion.members {
            let memberDisplay = "\(display) › \(member.name)"
            switch member.content {
            case .skipped(let reason):
                events(.started(file: memberDisplay))
                outcomes.append(finished(FileOutcome(file: memberDisplay, status: .failed, sha256: nil, pages: 0, items: [], type: nil,
                                                     reason: reason), events))
            case .file(let memberURL):
                let memberOrigin = DocumentOrigin(parentSHA256: sha256, position: member.position, name: member.name)
                outcomes += await processFile(memberURL, display: memberDisplay, fileName: member.fileName, origin: memberOrigin,
                                              depth: depth + 1, caseID: caseID, events: events)
            }
        }
        if expansion.unreadable > 0 {
            let rest = "\(display) › \(expansion.unreadable) more file\(expansion.unreadable == 1 ? "" : "s")"
            events(.started(file: rest))
            outcomes.append(finished(FileOutcome(file: rest, status: .failed, sha256: nil, pages: 0, items: [], type: nil,
                                                 reason: "cannot be read (encrypted or damaged)"), events))
        }
        return outcomes
    }

    private func finished(_ outcome: FileOutcome, _ events: @Sendable (IntakeEvent) -> Void) -> FileOutcome {
        events(.finished(outcome))
        return outcome
    }
}
