import ArgumentParser
import DossierCore
import Foundation
import Review

extension Dossier {
    /// `dossier review`: list, inspect and decide on proposals.
    struct Review: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List, show, approve and reject the machine's proposals.",
            subcommands: [List.self, Show.self, Approve.self, Reject.self]
        )
    }
}

extension Dossier.Review {
    /// `dossier review list [--case ID] [--state S]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List review items.")

        @Option(name: .customLong("case"), help: "Only this case.")
        var caseID: String?

        @Option(help: "Only items in this state: proposed, approved, rejected.")
        var state: String?

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            if let caseID { _ = try parseCaseID(caseID) }
            if let state, ReviewState(rawValue: state) == nil {
                throw ValidationError("--state must be one of: proposed, approved, rejected")
            }
        }

        func run() async throws {
            let store = try storeOptions.open()
            let filter = ReviewItemFilter(caseID: try caseID.map(parseCaseID), state: state.flatMap(ReviewState.init))
            let items: [ReviewItem]
            do { items = try await store.items(filter) } catch { throw CLIError.message(error.localizedDescription) }
            if json {
                try JSONOutput.print(items.map(ReviewItemJSON.init))
                return
            }
            if items.isEmpty {
                printLine("no review items")
                return
            }
            for item in items {
                printLine("\(item.id)\t\(item.state.rawValue)\t\(item.caseID)\t\(item.kind.rawValue)\t\(item.fileName)\t\(item.summary)")
            }
        }
    }

    /// `dossier review show ITEM`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a proposal, its evidence and the source text around it.")

        @Argument(help: "The item id (from `review list`).")
        var item: Int64

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let store = try storeOptions.open()
            let found: ReviewItem?
            let document: StoredDocument?
            do {
                found = try await store.item(item)
                if let found {
                    document = try await store.document(sha256: found.documentSHA256, in: found.caseID)
                } else {
                    document = nil
                }
            } catch {
                throw CLIError.message(error.localizedDescription)
            }
            guard let found else { throw CLIError.message("there is no review item \(item)") }
            let contexts = found.evidence.map { EvidenceContext(evidence: $0, document: document, kind: found.kind) }
            if json {
                try JSONOutput.print(ReviewItemShowJSON(item: ReviewItemJSON(found), sources: contexts))
                return
            }
            printLine("item      \(found.id)")
            printLine("case      \(found.caseID)")
            printLine("document  \(found.fileName)  (sha256 \(found.documentSHA256))")
            printLine("kind      \(found.kind.rawValue)")
            printLine("proposal  \(found.summary)")
            printLine("state     \(found.state.rawValue)" + (found.reviewer.map { " by \($0)" } ?? "")
                + (found.decidedAt.map { " at \(ISO8601DateFormatter().string(from: $0))" } ?? ""))
            if let reason = found.reason { printLine("reason    \(reason)") }
            printLine("details   \(found.proposal)")
            if contexts.isEmpty {
                printLine("evidence  none: no phrase in the document supports this proposal")
            }
            for context in contexts {
                printLine("")
                if found.kind == .transcript, let page = document?.pages.first(where: { $0.number == context.page }) {
                    printLine("page \(page.number)    \(PageDescription.describe(page))")
                    printLine(context.source.split(separator: "\n", omittingEmptySubsequences: false)
                        .map { "  │ " + $0 }.joined(separator: "\n"))
                    continue
                }
                printLine("evidence  page \(context.page), characters \(context.start)–\(context.end): \"\(context.quote)\"")
                printLine(context.source.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { "  │ " + $0 }.joined(separator: "\n"))
            }
        }
    }

    /// `dossier review approve ITEM…`.
    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve proposals as the named reviewer.")

        @Argument(help: "Item ids.")
        var items: [Int64]

        @Option(help: "Who approves (default: $USER).")
        var reviewer: String?

        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let name = try reviewerName(reviewer)
            try await decideAll(items, store: try storeOptions.open(), verb: "approved", decision: .approve(reviewer: name))
        }
    }

    /// `dossier review reject ITEM --reason TEXT`.
    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject proposals, saying why.")

        @Argument(help: "Item ids.")
        var items: [Int64]

        @Option(help: "Why the proposal is wrong (required).")
        var reason: String

        @Option(help: "Who rejects (default: $USER).")
        var reviewer: String?

        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw ValidationError("--reason must say why the proposal is rejected")
            }
        }

        func run() async throws {
            let name = try reviewerName(reviewer)
            try await decideAll(
                items, store: try storeOptions.open(), verb: "rejected", decision: .reject(reviewer: name, reason: reason)
            )
        }
    }
}

/// Records one decision on every item; one line per item, exit status 1 if any was refused.
func decideAll(_ items: [Int64], store: some ReviewStore, verb: String, decision: ReviewDecision) async throws {
    var failures = 0
    for id in items {
        do {
            let decided = try await store.decide(id, decision)
            printLine("\(verb)  \(decided.id)  \(decided.kind.rawValue)  \(decided.fileName)  by \(decided.reviewer ?? "")")
        } catch {
            failures += 1
            StandardError.writeLine("dossier: item \(id): \(error.localizedDescription)")
        }
    }
    if failures > 0 { throw ExitCode(1) }
}

/// The reviewer: `--reviewer`, else `$USER`.
func reviewerName(_ option: String?) throws -> String {
    let name = option ?? ProcessInfo.processInfo.environment["USER"] ?? ""
    guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw CLIError.message("a reviewer name is needed: pass --reviewer NAME or set $USER")
    }
    return name
}

/// A review item as `review list --json` prints it.
struct ReviewItemJSON: Encodable {
    let id: Int64
    let caseID: String
    let document: String
    let documentSHA256: String
    let kind: String
    let state: String
    let summary: String
    let proposal: String
    let evidence: [Evidence]
    let reviewer: String?
    let decidedAt: Date?
    let reason: String?
    let createdAt: Date

    init(_ item: ReviewItem) {
        id = item.id
        caseID = item.caseID.rawValue
        document = item.fileName
        documentSHA256 = item.documentSHA256
        kind = item.kind.rawValue
        state = item.state.rawValue
        summary = item.summary
        proposal = item.proposal
        evidence = item.evidence
        reviewer = item.reviewer
        decidedAt = item.decidedAt
        reason = item.reason
        createdAt = item.createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, document, kind, state, summary, proposal, evidence, reviewer, reason
        case caseID = "case"
        case documentSHA256 = "document_sha256"
        case decidedAt = "decided_at"
        case createdAt = "created_at"
    }
}

/// `review show --json`.
struct ReviewItemShowJSON: Encodable {
    let item: ReviewItemJSON
    let sources: [EvidenceContext]
}

/// A piece of evidence with the source text around it.
struct EvidenceContext: Encodable {
    let page: Int
    let start: Int
    let end: Int
    let quote: String
    /// The lines around the span (a whole page for transcripts).
    let source: String

    init(evidence: Evidence, document: StoredDocument?, kind: ReviewItemKind) {
        page = evidence.page
        start = evidence.start
        end = evidence.end
        quote = evidence.quote
        let text = document?.pages.first { $0.number == evidence.page }?.text ?? ""
        if kind == .transcript {
            source = text
            return
        }
        let characters = Array(text)
        let lower = max(0, min(characters.count, evidence.start) - 160)
        let upper = min(characters.count, evidence.end + 160)
        var window = lower < upper ? String(characters[lower..<upper]) : ""
        if lower > 0 { window = "…" + window }
        if upper < characters.count { window += "…" }
        source = window
    }
}

/// One line about how a page was transcribed, for reviewers.
enum PageDescription {
    static func describe(_ page: PageTranscript) -> String {
        guard page.method == .ocr else { return "from the PDF's text layer" }
        var parts = ["OCR"]
        if let confidence = page.confidence { parts.append(String(format: "confidence %.0f", confidence)) }
        if let corrections = page.corrections {
            if corrections.rotation != 0 { parts.append("turned \(corrections.rotation)° to stand upright") }
            if corrections.skew != 0 { parts.append(String(format: "straightened by %.1f°", corrections.skew)) }
            if let from = corrections.upscaledFrom { parts.append("upscaled from \(from) to \(corrections.dpi) dpi") }
            if corrections.dpiEstimated == true { parts.append("resolution estimated from the text lines") }
            if corrections.denoised == true { parts.append("grain and specks filtered out") }
        }
        return parts.joined(separator: ", ")
    }
}
