internal import Foundation
internal import DossierCore
internal import Analysis
internal import Summaries
internal import Review

/// Turns the machine's outputs for one document into review proposals.
enum ProposalMaker {
    /// Proposals are stored as JSON with sorted keys, so equal proposals are equal text.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    struct TypeProposal: Encodable {
        let type: String
        /// Calibrated (``TypeConfidenceCalibration``).
        let confidence: Double
        /// For `unknown`: the likeliest type and why it was not taken.
        let likeliest: String?
        let reason: String?
    }

    struct TranscriptProposal: Encodable {
        struct Page: Encodable {
            let number: Int
            let method: String
            let confidence: Double?
            let characters: Int
        }
        let pages: [Page]
    }

    static func proposals(pages: [PageTranscript], guess: DocumentTypeGuess) -> [ProposedItem] {
        let encoder = Self.encoder()
        let typeJSON = (try? encoder.encode(TypeProposal(type: guess.type.rawValue, confidence: guess.confidence,
                                                                   likeliest: guess.likeliest?.rawValue, reason: guess.reason)))
            .map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let typeItem = ProposedItem(
            kind: .documentType,
            summary: "\(guess.type.rawValue) (confidence \(String(format: "%.2f", guess.confidence)))"
                + (guess.reason.map { ": " + $0 } ?? ""),
            proposal: typeJSON,
            evidence: guess.evidence
        )

        let ocrPages = pages.filter { $0.method == .ocr }
        let confidences = ocrPages.compactMap(\.confidence)
        var summary = "\(pages.count) page\(pages.count == 1 ? "" : "s"): "
        summary += "\(pages.count - ocrPages.count) from the text layer, \(ocrPages.count) by OCR"
        if !confidences.isEmpty {
            let mean = confidences.reduce(0, +) / Double(confidences.count)
            summary += String(format: " (mean confidence %.0f)", mean)
        }
        let blank = pages.filter(\.isBlank).map { String($0.number) }
        if !blank.isEmpty { summary += "; blank: page \(blank.joined(separator: ", "))" }
        let foreign = pages.filter { $0.needsLanguage != nil }
        if !foreign.isEmpty {
            let needed = Set(foreign.compactMap(\.needsLanguage)).sorted().joined(separator: ", ")
            summary += "; needs OCR in another language (\(needed)): page "
                + foreign.map { String($0.number) }.joined(separator: ", ")
        }
        let transcriptJSON = (try? encoder.encode(TranscriptProposal(pages: pages.map {
            .init(number: $0.number, method: $0.method.rawValue, confidence: $0.confidence, characters: $0.text.count)
        }))).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let transcriptItem = ProposedItem(
            kind: .transcript,
            summary: summary,
            proposal: transcriptJSON,
            evidence: pages.map { page in
                Evidence(page: page.number, start: 0, end: page.text.count, quote: String(page.text.prefix(80)))
            }
        )
        return [typeItem, transcriptItem]
    }

    /// One review item per screening flag: the reason as its summary, the flag (with evidence
    /// in every document it cites) as its proposal, the evidence in `document` as its evidence.
    static func flagProposals(_ flags: [ScreeningFlag], document: String, today: CivilDate, scope: String) -> [ProposedItem] {
        let encoder = Self.encoder()
        return flags.map { flag in
            let json = (try? encoder.encode(FlagProposal(scope: scope, flag: flag))).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            let daysLeft = flag.details["deadline"].flatMap(CivilDate.init(iso:)).map { today.days(until: $0) }
            return ProposedItem(
                kind: .flag,
                summary: "\(flag.severity.rawValue) \(flag.kind): \(flag.reason)",
                proposal: json,
                evidence: flag.evidence.filter { $0.document == document }.map {
                    Evidence(page: $0.page, start: $0.start, end: $0.end, quote: $0.quote)
                },
                priority: ReviewPriority.score(severities: [flag.severity], deadlineDaysLeft: daysLeft.map { [$0] } ?? [], ageDays: 0),
                scope: scope == "case" ? .case : .document
            )
        }
    }

    /// A document's summary: its sentences (in order) as the summary, each with its citation
    /// as evidence. `nil` when the document has no running text to summarise.
    static func summaryProposal(pages: [PageTranscript], analysis: DocumentAnalysis) -> ProposedItem? {
        let sentences = Summarizer().summarize(SourceText(pages: pages), length: .words(Self.summaryWords), type: analysis.type.type)
        guard !sentences.isEmpty else { return nil }
        let content = SummaryContent(
            scope: "document", type: analysis.type.type.rawValue,
            sentences: sentences.map { .init(text: $0.text, page: $0.citation.page, line: $0.citation.line,
                                             span: [$0.citation.start, $0.citation.end], score: $0.score, humanWritten: false,
                                             topic: $0.topic) }
        )
        return ProposedItem(kind: .summary, summary: content.oneLine, proposal: content.json, evidence: content.evidence)
    }

    /// A document's redaction set: every finding with the boxes of its words.
    static func redactionProposal(pages: [PageTranscript], file: String, findings: [RedactionFinding]) -> ProposedItem {
        let set = RedactionPlanner.set(pages: pages, findings: findings)
        return ProposedItem(kind: .redaction, summary: RedactionEditing.summary(set, file: file), proposal: set.json,
                            evidence: RedactionEditing.evidence(set, pages: pages))
    }

    /// Words in a document summary at intake.
    static let summaryWords = 80

    /// A case overview: its documents by type and its open flags, one line each.
    static func caseOverview(documents: [DocumentAnalysis], caseFlags: [ScreeningFlag], caseID: CaseID) -> ProposedItem {
        var lines = ["Case \(caseID): \(documents.count) document\(documents.count == 1 ? "" : "s")."]
        for document in documents {
            let flags = document.flags.filter { $0.severity >= .medium }
            lines.append("\(document.file): \(document.type.type.rawValue), \(document.pages) page\(document.pages == 1 ? "" : "s")"
                + (flags.isEmpty ? "" : "; " + flags.map { "\($0.severity.rawValue) \($0.kind)" }.joined(separator: ", ")))
        }
        for flag in caseFlags where flag.severity >= .medium {
            lines.append("case: \(flag.severity.rawValue) \(flag.kind): \(flag.reason)")
        }
        let encoder = Self.encoder()
        let json = (try? encoder.encode(["scope": "case", "lines": lines.joined(separator: "\n")]))
            .map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return ProposedItem(kind: .summary, summary: lines.joined(separator: " "), proposal: json, evidence: [], scope: .case)
    }


    struct FlagProposal: Encodable {
        /// `document` for a flag about the document alone, `case` for one the whole case raised.
        let scope: String
        let flag: ScreeningFlag
    }
}
