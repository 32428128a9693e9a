import Analysis
import ArgumentParser
import DossierCore
import Extraction
import Foundation

extension Dossier {
    /// `dossier redactions FILE…`: what a redacted copy of each file would hide, as proposals.
    struct Redactions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "redactions",
            abstract: "Propose what redacted copies of files (one case) would hide; nothing is written.",
            discussion: """
                Each proposal has a category (\(RedactionCategory.allCases.map(\.rawValue).joined(separator: ", "))), \
                its page, characters and boxes, and why. Names, birth dates and document numbers that the \
                case's identity documents give are looked for in every file. Copies are only written by \
                `dossier export --redacted`, from redaction sets a reviewer approved after intake.
                """
        )

        @Argument(help: "The case's files (any kind transcribe reads).")
        var files: [String]

        @Option(name: .customLong("for"), help: "Only what this recipient's policy hides (\(RedactionPolicy.recipients().joined(separator: ", "))); default: every category.")
        var recipient: String?

        @OptionGroup var screening: ScreeningOptions

        @ArgumentParser.Flag(help: "Print JSON.")
        var json = false

        @ArgumentParser.Flag(help: "With --json: each page's text too (the spans count its characters).")
        var text = false

        @OptionGroup var ocr: OCROptions

        func run() async throws {
            let policy: RedactionPolicy
            do { policy = try recipient.map(RedactionPolicy.named) ?? .everything } catch { throw CLIError.message(error.description) }
            let (rules, _, day) = try screening.load()
            let analyzer = DocumentAnalyzer(rules: rules, today: day)
            let pool = ocr.makePool()
            defer { pool.shutdown() }
            let transcriber = DocumentTranscriber(options: ocr.transcriptionOptions, pool: pool)

            var transcripts: [DocumentTranscript] = []
            var failed: [AnalyzeJSON.Failure] = []
            for file in files {
                do {
                    transcripts.append(try await transcriber.transcribe(URL(fileURLWithPath: file), displayName: file))
                } catch {
                    StandardError.writeLine("dossier: \(file): \(error.localizedDescription)")
                    failed.append(.init(file: file, reason: error.localizedDescription))
                }
            }
            let analyses = transcripts.map(analyzer.analyze)
            let context = RedactionContext.of(case: analyses)
            let finder = RedactionFinder()
            let documents = zip(transcripts, analyses).map { transcript, analysis in
                let findings = finder.find(in: transcript.pages, analysis: analysis, context: context)
                    .filter { policy.categories.contains($0.category) }
                return RedactionsJSON.Document(
                    file: transcript.file, sha256: transcript.sha256, findings: findings,
                    set: RedactionPlanner.set(pages: transcript.pages, findings: findings),
                    texts: text ? transcript.pages.map(\.text) : nil
                )
            }
            if json {
                try JSONOutput.print(RedactionsJSON(recipient: policy.recipient, documents: documents, failed: failed))
            } else {
                print(Self.report(documents, policy: policy))
            }
            if !failed.isEmpty { throw CLIError.someFilesFailed(failed.count) }
        }

        /// Per document its count by category, then each proposal: page, category, quoted text, why.
        static func report(_ documents: [RedactionsJSON.Document], policy: RedactionPolicy) -> String {
            var lines = ["for \(policy.recipient): hiding \(policy.hide.map(\.rawValue).joined(separator: ", "))"]
            for document in documents {
                let set = RedactionSet(marks: document.marks.map(\.mark), pages: [])
                lines.append("\(document.file): \(document.marks.count) proposed" + (document.marks.isEmpty ? "" : " (\(set.counts))"))
                for mark in document.marks {
                    let boxes = mark.mark.boxes.isEmpty ? "no position" : "\(mark.mark.boxes.count) box\(mark.mark.boxes.count == 1 ? "" : "es")"
                    lines.append("  p. \(mark.mark.page) \(mark.mark.category.rawValue) \"\(mark.quote)\": \(mark.mark.reason) (\(boxes))")
                }
            }
            return lines.joined(separator: "\n")
        }
    }
}

/// The JSON shape of `dossier redactions --json`.
struct RedactionsJSON: Encodable {
    struct Mark: Encodable {
        let mark: RedactionMark
        /// The text the mark covers, so the person reading the proposal sees what would go.
        let quote: String

        func encode(to encoder: any Encoder) throws {
            try mark.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(quote, forKey: .quote)
        }
        enum CodingKeys: String, CodingKey { case quote }
    }
    struct Document: Encodable {
        let file: String
        let sha256: String
        let marks: [Mark]
        let pages: [RedactionPage]
        /// Page texts, in page order, when asked for.
        let texts: [String]?

        init(file: String, sha256: String, findings: [RedactionFinding], set: RedactionSet, texts: [String]?) {
            self.file = file
            self.sha256 = sha256
            marks = zip(set.marks, findings).map { Mark(mark: $0, quote: $1.evidence.quote) }
            pages = set.pages
            self.texts = texts
        }
    }

    let recipient: String
    let documents: [Document]
    let failed: [AnalyzeJSON.Failure]
}
