import ArgumentParser
import DossierCore
import Foundation
import Review

extension Dossier {
    /// `dossier review`: the review queue: claim, inspect, edit and decide on proposals.
    struct Review: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            abstract: "Claim, show, edit, approve and reject the machine's proposals.",
            subcommands: [List.self, Next.self, Show.self, Claim.self, Release.self, Edit.self, Redact.self, Approve.self, Reject.self,
                          Repropose.self, FourEyes.self]
        )
    }
}

extension Dossier.Review {
    /// `dossier review list [--case ID] [--state S]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List review items.")

        @Option(name: .customLong("case"), help: "Only this case.")
        var caseID: String?

        @Option(help: "Only items in this state: \(ReviewState.allCases.map(\.rawValue).joined(separator: ", ")), or claimed.")
        var state: String?

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            if let caseID { _ = try parseCaseID(caseID) }
            if let state, state != "claimed", ReviewState(rawValue: state) == nil {
                throw ValidationError("--state must be one of: \(ReviewState.allCases.map(\.rawValue).joined(separator: ", ")), claimed")
            }
        }

        func run() async throws {
            let store = try await storeOptions.signedIn(for: .readQueue).store
            let filter = ReviewItemFilter(
                caseID: try caseID.map(parseCaseID), state: state.flatMap(ReviewState.init), claimed: state == "claimed" ? true : nil
            )
            let items: [ReviewItem]
            do { items = try await store.items(filter) } catch { throw CLIError(error) }
            if json {
                try JSONOutput.print(items.map(ReviewItemJSON.init))
                return
            }
            if items.isEmpty {
                printLine("no review items")
                return
            }
            for item in items {
                printLine("\(item.id)\t\(stateText(item))\t\(item.caseID)\t\(item.kind.rawValue)\t\(item.subject)\t\(item.currentSummary)")
            }
        }
    }

    /// `dossier review next [--case ID]`: claim the most urgent item.
    struct Next: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "next",
            abstract: "Claim the most urgent item you can decide (priority from deadlines, flag severity and age only) and show it."
        )

        @Option(name: .customLong("case"), help: "Only this case.")
        var caseID: String?

        @Option(help: "Minutes the claim lasts (default 30).")
        var lease: Int = 30

        @Flag(help: "Print the claimed item as JSON.")
        var json = false

        @OptionGroup var removedReviewer: RemovedReviewerOption
        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            if let caseID { _ = try parseCaseID(caseID) }
            guard lease >= 1 else { throw ValidationError("--lease must be at least 1 minute") }
        }

        func run() async throws {
            let signedIn = try await storeOptions.signedIn(for: .claim)
            let store = signedIn.store
            let claimed: ReviewItem?
            do {
                claimed = try await store.claimNext(by: signedIn.name, in: try caseID.map(parseCaseID), lease: TimeInterval(lease * 60))
            } catch {
                throw CLIError(error)
            }
            guard let claimed else {
                if json { printLine("null") } else { printLine("nothing to review" + (caseID.map { " in case \($0)" } ?? "")) }
                return
            }
            if json {
                try JSONOutput.print(ReviewItemJSON(claimed))
            } else {
                try await ItemPrinter.show(claimed, store: store)
            }
        }
    }

    /// `dossier review show ITEM`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a proposal, its evidence and the source lines it cites (a summary: each sentence with its source)."
        )

        @Argument(help: "The item id (from `review list`).")
        var item: Int64

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let store = try await storeOptions.signedIn(for: .readQueue).store
            let found: ReviewItem?
            do { found = try await store.item(item) } catch { throw CLIError(error) }
            guard let found else { throw CLIError.message("there is no review item \(item)") }
            if json {
                let document = try await ItemPrinter.document(of: found, store: store)
                let contexts = found.currentEvidence.map { EvidenceContext(evidence: $0, document: document, kind: found.kind) }
                try JSONOutput.print(ReviewItemShowJSON(item: ReviewItemJSON(found), sources: contexts))
                return
            }
            try await ItemPrinter.show(found, store: store)
        }
    }

    /// `dossier review claim ITEM`.
    struct Claim: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "claim", abstract: "Claim items so nobody else decides them meanwhile.")

        @Argument(help: "Item ids.")
        var items: [Int64]

        @Option(help: "Minutes the claim lasts (default 30).")
        var lease: Int = 30

        @OptionGroup var removedReviewer: RemovedReviewerOption
        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let signedIn = try await storeOptions.signedIn(for: .claim)
            try await actOnAll(items, store: signedIn.store, verb: "claimed", action: .claim(lease: TimeInterval(max(1, lease) * 60)), actor: signedIn.name)
        }
    }

    /// `dossier review release ITEM`.
    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "release", abstract: "Give claimed items back to the queue.")

        @Argument(help: "Item ids.")
        var items: [Int64]

        @OptionGroup var removedReviewer: RemovedReviewerOption
        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let signedIn = try await storeOptions.signedIn(for: .claim)
            try await actOnAll(items, store: signedIn.store, verb: "released", action: .release, actor: signedIn.name)
        }
    }

    /// `dossier review edit ITEM`.
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Write your own version of an item: in $EDITOR, or from --text / --file.",
            discussion: """
                A summary is edited one sentence per line, each keeping its [n] tag: delete a line to drop \
                the sentence, move lines to reorder, change the words to rewrite (marked as written by \
                you, citation kept). Other items are edited as their summary line and proposal JSON. The \
                machine's original is kept beside your version, with a diff.
                """
        )

        @Argument(help: "The item id.")
        var item: Int64

        @Option(help: "The edited text (as `review edit` shows it in the editor).")
        var text: String?

        @Option(help: "A file holding the edited text.")
        var file: String?

        @OptionGroup var removedReviewer: RemovedReviewerOption
        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            if text != nil, file != nil { throw ValidationError("give --text or --file, not both") }
        }

        func run() async throws {
            let signedIn = try await storeOptions.signedIn(for: .edit)
            let store = signedIn.store
            let name = signedIn.name
            let found: ReviewItem?
            do { found = try await store.item(item) } catch { throw CLIError(error) }
            guard let found else { throw CLIError.message("there is no review item \(item)") }
            let edited: String
            if let text {
                edited = text
            } else if let file {
                do { edited = try String(contentsOfFile: file, encoding: .utf8) } catch {
                    throw CLIError.fileFailed(file: file, reason: "cannot read it as UTF-8 text")
                }
            } else {
                edited = try EditorSession.edit(ItemEditText.render(found), itemID: found.id)
            }
            if ItemEditText.body(edited) == ItemEditText.body(ItemEditText.render(found)) {
                printLine("item \(found.id): nothing changed")
                return
            }
            do {
                let draft = try ItemEditText.parse(edited, for: found)
                let after = try await store.act(found.id, .edit(draft), by: name)
                let policy = try await store.fourEyesPolicy()
                printLine("edited  \(after.id)  \(after.kind.rawValue)  \(after.subject)  by \(name)"
                          + (policy.needsSecondReviewer(after) ? "; another reviewer must approve it (four-eyes)" : ""))
                printLine(draft.diff.split(separator: "\n").filter { $0.hasPrefix("-") || $0.hasPrefix("+") }.joined(separator: "\n"))
            } catch {
                let wrapped = CLIError(error)
                throw CLIError("item \(found.id): \(wrapped.description)", status: wrapped.status)
            }
        }
    }

    /// `dossier review approve ITEM…`.
    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "approve", abstract: "Approve proposals (or a reviewer's version of them) as the named reviewer.")

        @Argument(help: "Item ids.")
        var items: [Int64]

        @OptionGroup var removedReviewer: RemovedReviewerOption
        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let signedIn = try await storeOptions.signedIn(for: .decide)
            try await actOnAll(items, store: signedIn.store, verb: "approved", action: .approve, actor: signedIn.name)
        }
    }

    /// `dossier review reject ITEM --reason TEXT`.
    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reject", abstract: "Reject proposals, saying why.")

        @Argument(help: "Item ids.")
        var items: [Int64]

        @Option(help: "Why the proposal is wrong (required).")
        var reason: String

        @OptionGroup var removedReviewer: RemovedReviewerOption
        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw ValidationError("--reason must say why the proposal is rejected")
            }
        }

        func run() async throws {
            let signedIn = try await storeOptions.signedIn(for: .decide)
            try await actOnAll(items, store: signedIn.store, verb: "rejected", action: .reject(reason: reason), actor: signedIn.name)
        }
    }

    /// `dossier review repropose ITEM`.
    struct Repropose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "repropose", abstract: "Propose rejected items again, as new items in the queue.")

        @Argument(help: "Ids of rejected items.")
        var items: [Int64]

        @OptionGroup var removedReviewer: RemovedReviewerOption
        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let signedIn = try await storeOptions.signedIn(for: .repropose)
            let store = signedIn.store
            let name = signedIn.name
            var failures = 0
            for id in items {
                do {
                    let created = try await store.repropose(id, by: name)
                    printLine("reproposed  \(id) as \(created.id)  \(created.kind.rawValue)  \(created.subject)")
                } catch {
                    failures += 1
                    StandardError.writeLine("dossier: item \(id): \(error.localizedDescription)")
                }
            }
            if failures > 0 { throw ExitCode(ExitStatus.someFailed.rawValue) }
        }
    }

    /// `dossier review four-eyes`.
    struct FourEyes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "four-eyes",
            abstract: "Show or set which edited items need a second reviewer's approval."
        )

        @Option(help: "Item kinds where any edit needs a second reviewer, comma-separated (\(ReviewItemKind.allCases.map(\.rawValue).joined(separator: ", ")); 'none' for none).")
        var kinds: String?

        @Option(help: "Whether summaries with a rewritten sentence need a second reviewer: on or off.")
        var rewrittenSummaries: String?

        @OptionGroup var removedReviewer: RemovedReviewerOption
        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            if let kinds, kinds != "none" {
                for kind in kinds.split(separator: ",") where ReviewItemKind(rawValue: kind.trimmingCharacters(in: .whitespaces)) == nil {
                    throw ValidationError("unknown item kind '\(kind)'")
                }
            }
            if let rewrittenSummaries, !["on", "off"].contains(rewrittenSummaries) {
                throw ValidationError("--rewritten-summaries takes on or off")
            }
        }

        func run() async throws {
            let changing = kinds != nil || rewrittenSummaries != nil
            let signedIn = try await storeOptions.signedIn(for: changing ? .setPolicy : .readPolicy)
            let store = signedIn.store
            var policy: FourEyesPolicy
            do { policy = try await store.fourEyesPolicy() } catch { throw CLIError(error) }
            if changing {
                if let kinds {
                    policy.kinds = kinds == "none" ? [] : Set(kinds.split(separator: ",").compactMap {
                        ReviewItemKind(rawValue: $0.trimmingCharacters(in: .whitespaces))
                    })
                }
                if let rewrittenSummaries { policy.rewrittenSummaries = rewrittenSummaries == "on" }
                do { try await store.setFourEyesPolicy(policy, by: signedIn.name) } catch {
                    throw CLIError(error)
                }
            }
            let kindsText = policy.kinds.isEmpty ? "none" : policy.kinds.map(\.rawValue).sorted().joined(separator: ", ")
            printLine("four-eyes on any edit of: \(kindsText)")
            printLine("four-eyes on summaries with a rewritten sentence: \(policy.rewrittenSummaries ? "on" : "off")")
        }
    }
}

/// The state as a reviewer reads it: with the claim when someone holds the item.
func stateText(_ item: ReviewItem, now: Date = Date()) -> String {
    guard item.state.isOpen, let claim = item.claim, claim.until > now else { return item.state.rawValue }
    return "\(item.state.rawValue) (claimed by \(claim.reviewer) until \(AuditClock.text(claim.until)))"
}

/// Does one action to every item; one line per item, exit status 1 if any was refused.
func actOnAll(_ items: [Int64], store: some ReviewStore, verb: String, action: ReviewAction, actor: String) async throws {
    var failures = 0
    for id in items {
        do {
            let after = try await store.act(id, action, by: actor)
            printLine("\(verb)  \(after.id)  \(after.kind.rawValue)  \(after.subject)  \(stateText(after))  by \(actor)")
        } catch {
            failures += 1
            let message = error.localizedDescription
            StandardError.writeLine("dossier: " + (message.hasPrefix("item \(id) ") ? message : "item \(id): \(message)"))
        }
    }
    if failures > 0 { throw ExitCode(ExitStatus.someFailed.rawValue) }
}

/// A review item as `review list --json` prints it.
struct ReviewItemJSON: Encodable {
    let id: Int64
    let caseID: String
    let document: String?
    let documentSHA256: String?
    let scope: String
    let kind: String
    let state: String
    let summary: String
    let proposal: String
    let evidence: [Evidence]
    let reviewer: String?
    let decidedAt: Date?
    let reason: String?
    let createdAt: Date
    let priority: Int
    let claimedBy: String?
    let claimedUntil: Date?
    let edit: ReviewEdit?
    let currentSummary: String
    let currentProposal: String
    let reproposedFrom: Int64?
    let versions: String

    init(_ item: ReviewItem) {
        priority = item.priority
        claimedBy = item.claim?.reviewer
        claimedUntil = item.claim?.until
        edit = item.edit
        currentSummary = item.currentSummary
        currentProposal = item.currentProposal
        reproposedFrom = item.reproposedFrom
        versions = item.versions
        id = item.id
        caseID = item.caseID.rawValue
        document = item.fileName
        documentSHA256 = item.documentSHA256
        scope = item.scope.rawValue
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
        case id, document, scope, kind, state, summary, proposal, evidence, reviewer, reason
        case caseID = "case"
        case documentSHA256 = "document_sha256"
        case decidedAt = "decided_at"
        case createdAt = "created_at"
        case priority, edit, versions
        case claimedBy = "claimed_by"
        case claimedUntil = "claimed_until"
        case currentSummary = "current_summary"
        case currentProposal = "current_proposal"
        case reproposedFrom = "reproposed_from"
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
        switch page.method {
        case .textLayer: return "from the PDF's text layer"
        case .textFile: return page.decision == .htmlText ? "the file's own text (HTML, as a browser shows it)" : "the file's own text"
        case .ocr: break
        }
        var parts = ["OCR"]
        if let confidence = page.confidence { parts.append(String(format: "confidence %.0f", confidence)) }
        if let corrections = page.corrections {
            if corrections.perspectiveUndone == true { parts.append("document cut out of the photo and seen from above") }
            if corrections.rotation != 0 { parts.append("turned \(corrections.rotation)° to stand upright") }
            if corrections.skew != 0 { parts.append(String(format: "straightened by %.1f°", corrections.skew)) }
            if let from = corrections.upscaledFrom { parts.append("upscaled from \(from) to \(corrections.dpi) dpi") }
            if corrections.dpiEstimated == true { parts.append("resolution estimated from the text lines") }
            if corrections.denoised == true { parts.append("grain and specks filtered out") }
            if let rules = corrections.rulesRedrawn {
                parts.append(rules == 1 ? "1 table rule redrawn clean" : "\(rules) table rules redrawn clean")
            }
        }
        return parts.joined(separator: ", ")
    }
}

extension Dossier.Review {
    /// `dossier review redact ITEM`: change or confirm a document's redaction set.
    struct Redact: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "redact",
            abstract: "Change or confirm a redaction set: remove marks, add marks by text or by page area.",
            discussion: """
                Marks are numbered as `review show` lists them. Text is hidden wherever it stands in the \
                document (or on --page only), case and line breaks aside; an area is PAGE:X,Y,W,H in percent \
                of the page from its top left. A mark listed as NOT PLACED has no area on the page image \
                (its text has no word positions there): draw one with --place N:X,Y,W,H, or remove it; \
                until then the set cannot be approved. Without changes the set is confirmed as it stands. Four-eyes: \
                whoever confirms or changes a set cannot approve it; another reviewer does.
                """
        )

        @Argument(help: "The item id of the redaction set.")
        var item: Int64

        @Option(name: .customLong("remove"), parsing: .upToNextOption, help: "Numbers of marks to remove.")
        var remove: [Int] = []

        @Option(name: .customLong("add-text"), help: "Text to hide wherever it stands (repeatable).")
        var addText: [String] = []

        @Option(name: .customLong("add-area"), help: "An area to black out: PAGE:X,Y,W,H in percent (repeatable).")
        var addArea: [String] = []

        @Option(help: "An area for a mark that has no place on the page image: N:X,Y,W,H, the mark's number and its area in percent of its page (repeatable).")
        var place: [String] = []

        @Option(help: "Only on this page (for --add-text).")
        var page: Int?

        @Option(help: "The category of what you add (\(RedactionCategory.allCases.map(\.rawValue).joined(separator: ", "))).")
        var category: String = RedactionCategory.other.rawValue

        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            guard RedactionCategory(rawValue: category) != nil else {
                throw ValidationError("--category is one of \(RedactionCategory.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            for area in addArea where RedactionChanges.area(area) == nil {
                throw ValidationError("--add-area takes PAGE:X,Y,W,H in percent of the page (0–100), e.g. 2:10,20,30,5")
            }
            for placement in place where RedactionChanges.placement(placement) == nil {
                throw ValidationError("--place takes N:X,Y,W,H: a mark's number and its area in percent of its page (0–100), e.g. 6:5,80,90,15")
            }
        }

        func run() async throws {
            let signedIn = try await storeOptions.signedIn(for: .edit)
            let store = signedIn.store
            let found: ReviewItem?
            do { found = try await store.item(item) } catch { throw CLIError(error) }
            guard let found else { throw CLIError.message("there is no review item \(item)") }
            guard found.kind == .redaction else { throw CLIError.message("item \(item) is a \(found.kind.rawValue), not a redaction set") }
            let category = RedactionCategory(rawValue: category) ?? .other
            var changes = RedactionChanges()
            changes.remove = remove
            changes.addText = addText.map { ($0, page, category) }
            changes.addArea = addArea.compactMap(RedactionChanges.area).map { ($0.page, $0.x, $0.y, $0.width, $0.height, category) }
            changes.place = place.compactMap(RedactionChanges.placement)
            do {
                let draft: ReviewEditDraft
                if changes.isEmpty {
                    draft = try RedactionEditing.confirmation(found)
                } else {
                    let document = try await ItemPrinter.document(of: found, store: store)
                    draft = try RedactionEditing.draft(found, pages: document?.pages ?? [], changes: changes)
                }
                let after = try await store.act(found.id, .edit(draft), by: signedIn.name)
                let policy = try await store.fourEyesPolicy()
                printLine("\(changes.isEmpty ? "confirmed" : "edited")  \(after.id)  redaction  \(after.subject)  by \(signedIn.name): \(after.currentSummary)"
                          + (policy.needsSecondReviewer(after) ? "; another reviewer must approve it (four-eyes)" : ""))
                if !draft.diff.isEmpty {
                    printLine(draft.diff.split(separator: "\n").filter { $0.hasPrefix("-") || $0.hasPrefix("+") }.joined(separator: "\n"))
                }
            } catch {
                let wrapped = CLIError(error)
                throw CLIError("item \(found.id): \(wrapped.description)", status: wrapped.status)
            }
        }
    }
}
