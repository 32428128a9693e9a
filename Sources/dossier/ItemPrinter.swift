import DossierCore
import Foundation
import Review

/// Where a member document came from, in words.
enum OriginText {
    /// "file 2 (scans/paspoort.png) of stukken.zip (sha256 ab12…)".
    static func describe(_ origin: DocumentOrigin) -> String {
        let parent = origin.parentFileName.map(PrintableName.of) ?? "a container"
        return "file \(origin.position) (\(PrintableName.of(origin.name))) of \(parent) (sha256 \(origin.parentSHA256.prefix(12))…)"
    }
}

/// How `review show` and `review next` print an item for a reviewer.
enum ItemPrinter {
    /// The stored document an item is about (its pages are the evidence's source).
    static func document(of item: ReviewItem, store: some ReviewStore) async throws -> StoredDocument? {
        guard let sha256 = item.documentSHA256 else { return nil }
        do { return try await store.document(sha256: sha256, in: item.caseID) } catch {
            throw CLIError.message(error.localizedDescription)
        }
    }

    static func show(_ item: ReviewItem, store: some ReviewStore) async throws {
        let document = try await document(of: item, store: store)
        printLine("item      \(item.id)")
        printLine("case      \(item.caseID)")
        printLine(item.documentSHA256.map { "document  \(item.subject)  (sha256 \($0))" } ?? "document  none: about the case as a whole")
        if let origin = document?.origin {
            printLine("from      \(OriginText.describe(origin))")
        }
        if let rendition = document?.renditionSHA256 {
            printLine("read as   the PDF LibreOffice made of it (sha256 \(rendition)); the original is kept as it came")
        }
        printLine("kind      \(item.kind.rawValue)")
        printLine("state     \(stateText(item))")
        printLine("priority  \(item.priority)")
        printLine("proposal  \(item.currentSummary)")
        if let edit = item.edit {
            printLine("edited    by \(edit.editor) at \(AuditClock.text(edit.editedAt)); the machine's version is kept, the diff below")
        }
        if let reviewer = item.reviewer, let decidedAt = item.decidedAt {
            printLine("decided   \(item.state.rawValue) by \(reviewer) at \(AuditClock.text(decidedAt))")
        }
        if let reason = item.reason { printLine("reason    \(reason)") }
        if let from = item.reproposedFrom { printLine("again     proposes rejected item \(from) again") }
        if item.kind == .summary, let summary = SummaryContent(json: item.currentProposal) {
            printLine("")
            printLine("sentences, each with the source lines it cites:")
            for (number, sentence) in summary.sentences.enumerated() {
                printLine("[\(number + 1)] \(sentence.humanWritten ? "(rewritten by a reviewer) " : "")\(sentence.text)")
                let page = document?.pages.first { $0.number == sentence.page }
                for (line, text) in sourceLines(page?.text ?? "", start: sentence.span.first ?? 0, end: sentence.span.last ?? 0) {
                    printLine("      p\(sentence.page) l\(line) │ \(text)")
                }
            }
        } else if item.kind == .redaction, let set = try? RedactionEditing.set(of: item) {
            printLine("")
            let unit = set.pages.first { $0.unit != "text" }.map { " (boxes in \($0.unit), from the page's top left)" } ?? ""
            printLine("what a redacted copy hides\(unit); change it with dossier review redact \(item.id):")
            let pages = document?.pages ?? []
            for (line, mark) in zip(RedactionEditing.lines(set, pages: pages), set.marks) {
                printLine(line)
                for box in mark.boxes {
                    printLine(String(format: "      box x %.0f y %.0f  %.0f × %.0f", box.x, box.y, box.width, box.height))
                }
            }
            if set.marks.isEmpty { printLine("(nothing)") }
        } else {
            printLine("details   \(item.currentProposal)")
            let contexts = item.currentEvidence.map { EvidenceContext(evidence: $0, document: document, kind: item.kind) }
            if contexts.isEmpty {
                printLine("evidence  none: no phrase in the document supports this proposal")
            }
            for context in contexts {
                printLine("")
                if item.kind == .transcript, let page = document?.pages.first(where: { $0.number == context.page }) {
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
        if let edit = item.edit {
            printLine("")
            printLine("diff (machine → reviewer):")
            printLine(edit.diff)
        }
    }

    /// The lines of `text` (1-based numbers) that characters `start..<end` fall on.
    static func sourceLines(_ text: String, start: Int, end: Int) -> [(Int, String)] {
        var result: [(Int, String)] = []
        var offset = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let length = line.count
            if offset < max(end, start + 1), offset + length >= start { result.append((index + 1, String(line))) }
            offset += length + 1
            if offset > end { break }
        }
        return result
    }
}

/// Opens `$EDITOR` (or `$VISUAL`) on a private temporary file and reads it back.
enum EditorSession {
    static func edit(_ text: String, itemID: Int64) throws -> String {
        let environment = ProcessInfo.processInfo.environment
        guard let editor = environment["VISUAL"] ?? environment["EDITOR"], !editor.isEmpty else {
            throw CLIError.message("no editor: set $EDITOR, or pass the edited text with --text or --file")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-edit-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CLIError.message("cannot make a temporary folder for the editor")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("item-\(itemID).txt")
        guard FileManager.default.createFile(atPath: file.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CLIError.message("cannot write the temporary file for the editor")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The editor may carry arguments ("code --wait"); the file goes last, quoted by the shell.
        process.arguments = ["-c", "\(editor) \"$1\"", "dossier-editor", file.path]
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            throw CLIError.message("cannot start the editor '\(editor)'")
        }
        guard process.terminationStatus == 0 else {
            throw CLIError.message("the editor exited with status \(process.terminationStatus); nothing was changed")
        }
        do { return try String(contentsOf: file, encoding: .utf8) } catch {
            throw CLIError.message("cannot read the edited file back")
        }
    }
}
