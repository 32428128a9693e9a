import Analysis
import ArgumentParser
import DossierCore
import Extraction
import Foundation

extension Dossier {
    /// `dossier analyze FILE…`: screens the files as one case.
    struct Analyze: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "analyze",
            abstract: "Screen files as one case: type, language, identifiers, dates, deadlines and flags.",
            discussion: """
                Every flag is a proposal for a reviewer, with its reason and where it stands \
                (document, page, characters, quoted text). Nothing is decided.
                """
        )

        @Argument(help: "The case's files: PDF, PNG, JPEG or TIFF.")
        var files: [String]

        @OptionGroup var screening: ScreeningOptions

        @ArgumentParser.Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var ocr: OCROptions

        func run() async throws {
            let (rules, checklist, day) = try screening.load()
            let analyzer = DocumentAnalyzer(rules: rules, today: day)
            let pool = ocr.makePool()
            defer { pool.shutdown() }
            let transcriber = DocumentTranscriber(options: ocr.transcriptionOptions, pool: pool)

            var documents: [DocumentAnalysis] = []
            var failed: [AnalyzeJSON.Failure] = []
            for file in files {
                do {
                    let transcript = try await transcriber.transcribe(URL(fileURLWithPath: file), displayName: file)
                    documents.append(analyzer.analyze(transcript))
                } catch {
                    // One line per bad file; the case goes on without it.
                    StandardError.writeLine("dossier: \(file): \(error.localizedDescription)")
                    failed.append(.init(file: file, reason: error.localizedDescription))
                }
            }
            let analysis = CaseAnalyzer(rules: rules).analyze(documents, checklist: checklist)
            if json {
                try JSONOutput.print(AnalyzeJSON(analysis, today: day, failed: failed))
            } else {
                print(Self.report(analysis))
            }
            if !failed.isEmpty { throw CLIError.someFilesFailed(failed.count) }
        }

        /// The human-readable report: per document its type, language and flags; then the
        /// case's flags.
        static func report(_ analysis: CaseAnalysis) -> String {
            var lines: [String] = []
            for document in analysis.documents {
                let type = document.type.type.rawValue
                let language = document.language.map { " · \($0.code)" } ?? ""
                lines.append("\(document.file): \(type) (\(percent(document.type.confidence)))\(language) · \(document.pages) page\(document.pages == 1 ? "" : "s")")
                if let reason = document.type.reason { lines.append("  type unknown: \(reason)") }
                for identifier in document.identifiers where identifier.kind != .postcode {
                    lines.append("  \(identifier.kind.rawValue) \(identifier.value): \(identifier.valid ? "valid" : "NOT valid") (p. \(identifier.evidence.page))")
                }
                for deadline in document.deadlines {
                    lines.append("  deadline \(deadline.term.date): \(deadline.term.rule)")
                }
                lines += document.flags.map(flagLine)
                if document.flags.isEmpty { lines.append("  no flags") }
            }
            if !analysis.caseFlags.isEmpty {
                lines.append("case:")
                lines += analysis.caseFlags.map(flagLine)
            }
            return lines.joined(separator: "\n")
        }

        static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }

        static func flagLine(_ flag: ScreeningFlag) -> String {
            let place = flag.evidence.first.map { " [\($0.document) p. \($0.page)]" } ?? ""
            return "  \(flag.severity.rawValue.uppercased()) \(flag.kind): \(flag.reason)\(place)"
        }
    }
}

/// Screening settings shared by `analyze` and `intake`.
struct ScreeningOptions: ParsableArguments {
    @Option(help: "Hold the case against this procedure's checklist (\(Checklist.procedures().joined(separator: ", "))).")
    var procedure: String?

    @Option(help: "The date deadlines are counted from, YYYY-MM-DD (default: today).")
    var today: String?

    func validate() throws {
        if let today, CivilDate(iso: today) == nil { throw ValidationError("--today takes a date as YYYY-MM-DD") }
    }

    /// The screening rules, the checklist (if a procedure was named) and the day to count from.
    func load() throws -> (ScreeningRules, Checklist?, CivilDate) {
        let rules: ScreeningRules
        do { rules = try ScreeningRules.bundled() } catch { throw CLIError.message(error.description) }
        var checklist: Checklist?
        if let procedure {
            do { checklist = try Checklist.named(procedure) } catch { throw CLIError.message(error.description) }
        }
        return (rules, checklist, today.flatMap(CivilDate.init(iso:)) ?? CivilDate.today())
    }
}

extension CivilDate {
    /// Today's date where this machine is.
    static func today() -> CivilDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CivilDate(year: parts.year ?? 2000, month: parts.month ?? 1, day: parts.day ?? 1) ?? CivilDate(dayNumber: 2_451_545)
    }
}

/// The JSON shape of `dossier analyze --json`.
struct AnalyzeJSON: Encodable {
    struct Span: Encodable {
        let page: Int
        let span: [Int]
        let quote: String
        init(_ evidence: Evidence) {
            page = evidence.page
            span = [evidence.start, evidence.end]
            quote = evidence.quote
        }
    }
    struct TypeJSON: Encodable {
        let id: String
        /// Calibrated: how likely the type is right.
        let confidence: Double
        /// The raw score the confidence was calibrated from.
        let score: Double?
        /// For `unknown`: the likeliest type and why it was not taken.
        let likeliest: String?
        let reason: String?
        let evidence: [Span]
    }
    struct Identifier: Encodable {
        let kind: String
        let value: String
        let valid: Bool
        let failures: [String]
        let meaning: String
        let page: Int
        let span: [Int]
        let quote: String
        let mrz: MRZ?
    }
    struct DateJSON: Encodable {
        let role: String?
        let date: String
        let page: Int
        let span: [Int]
        let quote: String
        /// For a date in another calendar: which, and the date as written in it.
        let calendar: String?
        let asWritten: String?

        enum CodingKeys: String, CodingKey {
            case role, date, page, span, quote, calendar
            case asWritten = "as_written"
        }
    }
    struct Amount: Encodable {
        let amount: String
        let currency: String
        let page: Int
        let span: [Int]
    }
    struct DeadlineJSON: Encodable {
        let date: String
        let rule: String
        let source: String
        let page: Int
        let span: [Int]
    }
    struct FlagJSON: Encodable {
        struct Place: Encodable {
            let document: String
            let page: Int
            let span: [Int]
            let quote: String
        }
        let kind: String
        let severity: String
        let reason: String
        let rule: String
        let evidence: [Place]
        let details: [String: String]

        init(_ flag: ScreeningFlag) {
            kind = flag.kind
            severity = flag.severity.rawValue
            reason = flag.reason
            rule = flag.rule
            evidence = flag.evidence.map { Place(document: $0.document, page: $0.page, span: [$0.start, $0.end], quote: $0.quote) }
            details = flag.details
        }
    }
    struct Document: Encodable {
        let file: String
        let sha256: String
        let type: TypeJSON
        let language: LanguageFinding?
        let pageLanguages: [PageLanguage]
        let pages: Int
        let identifiers: [Identifier]
        let dates: [DateJSON]
        let amounts: [Amount]
        let deadlines: [DeadlineJSON]
        let flags: [FlagJSON]

        enum CodingKeys: String, CodingKey {
            case file, sha256, type, language, pageLanguages = "page_languages", pages, identifiers, dates, amounts, deadlines, flags
        }
    }
    struct Failure: Encodable {
        let file: String
        let reason: String
    }

    let today: String
    let procedure: String?
    let documents: [Document]
    let caseFlags: [FlagJSON]
    let failed: [Failure]

    enum CodingKeys: String, CodingKey {
        case today, procedure, documents, caseFlags = "case_flags", failed
    }

    init(_ analysis: CaseAnalysis, today: CivilDate, failed: [Failure]) {
        self.today = today.description
        procedure = analysis.procedure
        self.failed = failed
        caseFlags = analysis.caseFlags.map(FlagJSON.init)
        documents = analysis.documents.map { document in
            Document(
                file: document.file, sha256: document.sha256,
                type: TypeJSON(id: document.type.type.rawValue, confidence: document.type.confidence, score: document.type.score,
                                 likeliest: document.type.likeliest?.rawValue, reason: document.type.reason,
                                 evidence: document.type.evidence.map(Span.init)),
                language: document.language, pageLanguages: document.pageLanguages, pages: document.pages,
                identifiers: document.identifiers.map {
                    Identifier(kind: $0.kind.rawValue, value: $0.value, valid: $0.valid, failures: $0.failures, meaning: $0.meaning,
                               page: $0.evidence.page, span: [$0.evidence.start, $0.evidence.end], quote: $0.evidence.quote, mrz: $0.mrz)
                },
                dates: document.dates.map {
                    DateJSON(role: $0.role?.rawValue, date: $0.date.description, page: $0.evidence.page,
                             span: [$0.evidence.start, $0.evidence.end], quote: $0.evidence.quote,
                             calendar: $0.calendar, asWritten: $0.asWritten)
                },
                amounts: document.amounts.map {
                    Amount(amount: $0.amount, currency: $0.currency, page: $0.evidence.page, span: [$0.evidence.start, $0.evidence.end])
                },
                deadlines: document.deadlines.map {
                    DeadlineJSON(date: $0.term.date.description, rule: $0.term.rule, source: $0.source,
                                 page: $0.evidence.page, span: [$0.evidence.start, $0.evidence.end])
                },
                flags: document.flags.map(FlagJSON.init)
            )
        }
    }
}
