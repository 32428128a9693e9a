import Analysis
import ArgumentParser
import DossierCore
import Extraction
import Foundation
import Summaries

extension Dossier {
    /// `dossier summarize FILE`: an extractive summary whose every sentence cites its source.
    struct Summarize: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "summarize",
            abstract: "Summarise a document in its own sentences, each with page, line and characters it came from."
        )

        @Argument(help: "A PDF, image (PNG, JPEG, TIFF, WebP, HEIC), plain-text, HTML, e-mail (.eml, .msg) or Office (.docx, .odt, .doc, .rtf) file.")
        var file: String

        @Option(help: "At most this many words (the first sentence always goes in).")
        var maxWords: Int?

        @Option(help: "This many sentences (default 5 when --max-words is not given).")
        var sentences: Int?

        @Option(help: "The date deadlines in the key facts count from, YYYY-MM-DD (default: today).")
        var today: String?

        @ArgumentParser.Flag(help: "Print JSON: each sentence with its citation and score, and key facts from screening.")
        var json = false

        @ArgumentParser.Flag(help: "With --json: also list every sentence that could have been quoted, with its scores and pick order.")
        var candidates = false

        @OptionGroup var ocr: OCROptions

        func validate() throws {
            if maxWords != nil, sentences != nil { throw ValidationError("give --max-words or --sentences, not both") }
            if let maxWords, maxWords < 1 { throw ValidationError("--max-words must be at least 1") }
            if let sentences, sentences < 1 { throw ValidationError("--sentences must be at least 1") }
            if let today, CivilDate(iso: today) == nil { throw ValidationError("--today takes a date as YYYY-MM-DD") }
            if candidates, !json { throw ValidationError("--candidates goes with --json") }
        }

        func run() async throws {
            let pool = ocr.makePool()
            defer { pool.shutdown() }
            let transcript: DocumentTranscript
            do {
                transcript = try await DocumentTranscriber(options: ocr.transcriptionOptions, pool: pool)
                    .transcribe(URL(fileURLWithPath: file), displayName: file)
            } catch {
                throw CLIError.fileFailed(file: file, reason: error.localizedDescription)
            }
            let length: SummaryLength = maxWords.map(SummaryLength.words) ?? .sentences(sentences ?? 5)
            let source = SourceText(pages: transcript.pages)
            let rules: ScreeningRules
            do { rules = try ScreeningRules.bundled() } catch { throw CLIError.message(error.description) }
            let day = today.flatMap(CivilDate.init(iso:)) ?? CivilDate.today()
            // The document's type decides the kind of summary (a hearing report's by topic).
            let analysis = DocumentAnalyzer(rules: rules, today: day).analyze(transcript)
            let summary = Summarizer().summarize(source, length: length, type: analysis.type.type)
            if json {
                let ranking = candidates ? Summarizer().rank(source) : nil
                try JSONOutput.print(SummaryJSON(transcript: transcript, summary: summary, analysis: analysis, ranking: ranking))
            } else {
                printLine(summary.map(\.text).joined(separator: " "))
            }
        }
    }
}

/// The JSON shape of `dossier summarize --json`.
struct SummaryJSON: Encodable {
    struct Sentence: Encodable {
        struct Source: Encodable {
            let document: String
            let page: Int
            let line: Int
            let span: [Int]
        }
        let text: String
        let score: Double
        /// A hearing report's topic (`identity`, `travel-route`, `reasons-for-flight`).
        let topic: String?
        let citation: Source
    }
    struct KeyFacts: Encodable {
        struct Fact: Encodable {
            let kind: String
            let value: String
            let page: Int
        }
        let type: String
        let typeConfidence: Double
        let language: String?
        let dates: [Fact]
        let identifiers: [Fact]
        let deadline: String?
        let deadlineRule: String?

        enum CodingKeys: String, CodingKey {
            case type, typeConfidence = "type_confidence", language, dates, identifiers, deadline, deadlineRule = "deadline_rule"
        }
    }
    let file: String
    let sha256: String
    let keyFacts: KeyFacts
    let sentences: [Sentence]
    /// Every quotable sentence with its scores (`--candidates`).
    let candidates: [RankedSentence]?

    enum CodingKeys: String, CodingKey { case file, sha256, keyFacts = "key_facts", sentences, candidates }

    init(transcript: DocumentTranscript, summary: [SummarySentence], analysis: DocumentAnalysis, ranking: [RankedSentence]?) {
        candidates = ranking
        file = transcript.file
        sha256 = transcript.sha256
        sentences = summary.map {
            Sentence(text: $0.text, score: $0.score, topic: $0.topic, citation: .init(
                document: transcript.file, page: $0.citation.page, line: $0.citation.line, span: [$0.citation.start, $0.citation.end]
            ))
        }
        let deadline = analysis.deadlines.min { $0.term.date < $1.term.date }
        keyFacts = KeyFacts(
            type: analysis.type.type.rawValue, typeConfidence: analysis.type.confidence, language: analysis.language?.code,
            dates: analysis.dates.filter { $0.role != nil }.map { .init(kind: $0.role?.rawValue ?? "", value: $0.date.description, page: $0.evidence.page) },
            identifiers: analysis.identifiers.filter { $0.kind != .postcode }.map { .init(kind: $0.kind.rawValue, value: $0.value, page: $0.evidence.page) },
            deadline: deadline?.term.date.description, deadlineRule: deadline?.term.rule
        )
    }
}
