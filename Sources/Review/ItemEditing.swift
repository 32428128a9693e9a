public import DossierCore
internal import Foundation

/// The proposal of a document summary: its sentences in order, each with where it stands.
public struct SummaryContent: Codable, Sendable, Equatable {
    public struct Sentence: Codable, Sendable, Equatable {
        public let text: String
        public let page: Int
        public let line: Int
        /// Character offsets in the page text, start and end.
        public let span: [Int]
        public let score: Double
        /// A reviewer rewrote it; the citation says where the original stands.
        public let humanWritten: Bool
        /// The topic it speaks to in a summary by topic (a hearing report's `identity`,
        /// `travel-route`, `reasons-for-flight`); absent in an ordinary summary.
        public let topic: String?

        public init(text: String, page: Int, line: Int, span: [Int], score: Double, humanWritten: Bool, topic: String? = nil) {
            self.text = text
            self.page = page
            self.line = line
            self.span = span
            self.score = score
            self.humanWritten = humanWritten
            self.topic = topic
        }
    }

    /// `document` (a case overview has another shape and is edited as JSON).
    public let scope: String
    public let type: String
    public let sentences: [Sentence]

    public init(scope: String, type: String, sentences: [Sentence]) {
        self.scope = scope
        self.type = type
        self.sentences = sentences
    }

    /// Reads a summary proposal; `nil` for anything else.
    public init?(json: String) {
        guard let value = try? JSONDecoder().decode(SummaryContent.self, from: Data(json.utf8)), value.scope == "document" else { return nil }
        self = value
    }

    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The one-line summary of a review item: the text, cut at 160 characters.
    public var oneLine: String {
        let text = sentences.map(\.text).joined(separator: " ")
        return text.count > 160 ? String(text.prefix(160)) + "…" : text
    }

    /// One piece of evidence per sentence.
    public var evidence: [Evidence] {
        sentences.map { Evidence(page: $0.page, start: $0.span.first ?? 0, end: $0.span.last ?? 0, quote: $0.text) }
    }
}

/// An item as text a reviewer edits (in `$EDITOR`, or passed with `--text`/`--file`), and that
/// text read back as the reviewer's version.
///
/// A document summary is one sentence per line, each starting with its tag `[n]` (its number in
/// the version being edited) and its citation: deleting a line drops the sentence, moving lines
/// reorders, changing the words rewrites it (marked human-written, citation kept). A line
/// without a tag is refused: every summary sentence must cite its source. Other items show
/// their one-line summary and their proposal as JSON, both editable; the JSON must stay valid.
public enum ItemEditText {
    /// The text to edit, from the item's current version.
    public static func render(_ item: ReviewItem) -> String {
        var lines = ["# Item \(item.id) (\(item.kind.rawValue)) of case \(item.caseID), \(item.fileName.map { "file " + PrintableName.of($0) } ?? "about the whole case").",
                     "# Lines starting with # are ignored."]
        if item.kind == .summary, let summary = SummaryContent(json: item.currentProposal) {
            lines.append("# One sentence per line. Delete a line to drop the sentence, move lines to reorder,")
            lines.append("# change the words after the tags to rewrite (marked as written by you; the citation stays).")
            lines.append("# Keep each line's [n] tag: a sentence without one has no source and is refused.")
            for (number, sentence) in summary.sentences.enumerated() {
                lines.append("[\(number + 1)] (p\(sentence.page) l\(sentence.line)) \(sentence.text)")
            }
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("# Change the summary line or the JSON after 'proposal:'; the JSON must stay valid.")
        lines.append("summary: \(item.currentSummary)")
        lines.append("proposal:")
        lines.append(prettyJSON(item.currentProposal))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The text without comments.
    public static func body(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("#") }
            .joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What the diff compares: the body without the `[n]` tags, which only number the lines.
    static func comparable(_ text: String) -> String {
        body(text).split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.hasPrefix("["), let close = line.firstIndex(of: "]"), Int(line[line.index(after: line.startIndex)..<close]) != nil
            else { return String(line) }
            return line[line.index(after: close)...].trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }

    /// The reviewer's version from the edited `text`.
    public static func parse(_ text: String, for item: ReviewItem) throws(ReviewStoreError) -> ReviewEditDraft {
        guard item.kind != .redaction else {
            throw .invalidEdit("a redaction set is changed with: dossier review redact \(item.id) [--remove N] [--add-text TEXT] [--add-area PAGE:X,Y,W,H]")
        }
        let original = render(originalOf(item))
        if item.kind == .summary, let current = SummaryContent(json: item.currentProposal) {
            var sentences: [SummaryContent.Sentence] = []
            var used = Set<Int>()
            for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.isEmpty || line.hasPrefix("#") { continue }
                guard let (number, words) = tagged(line) else {
                    throw .invalidEdit("line \(offset + 1) has no [n] tag; every summary sentence must keep the tag of the sentence it comes from")
                }
                guard (1...current.sentences.count).contains(number) else {
                    throw .invalidEdit("line \(offset + 1): there is no sentence [\(number)] (the summary has \(current.sentences.count))")
                }
                guard used.insert(number).inserted else {
                    throw .invalidEdit("line \(offset + 1): sentence [\(number)] appears twice")
                }
                guard !words.isEmpty else {
                    throw .invalidEdit("line \(offset + 1): sentence [\(number)] is empty; delete the line to drop it")
                }
                let source = current.sentences[number - 1]
                sentences.append(.init(
                    text: words, page: source.page, line: source.line, span: source.span, score: source.score,
                    humanWritten: source.humanWritten || words != source.text, topic: source.topic
                ))
            }
            guard !sentences.isEmpty else { throw .invalidEdit("no sentence is left; reject the item instead") }
            let content = SummaryContent(scope: current.scope, type: current.type, sentences: sentences)
            let edited = ReviewItem.withProposal(item, summary: content.oneLine, proposal: content.json, evidence: content.evidence)
            return ReviewEditDraft(
                summary: content.oneLine, proposal: content.json, evidence: content.evidence,
                diff: LineDiff.diff(from: comparable(original), to: comparable(render(edited)))
            )
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }
        guard let summaryIndex = lines.firstIndex(where: { $0.hasPrefix("summary:") }),
              let proposalIndex = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "proposal:" }),
              summaryIndex < proposalIndex
        else { throw .invalidEdit("keep the 'summary:' line and the 'proposal:' line") }
        let summary = lines[summaryIndex].dropFirst("summary:".count).trimmingCharacters(in: .whitespaces)
        guard !summary.isEmpty else { throw .invalidEdit("the summary line is empty") }
        let json = lines[(proposalIndex + 1)...].joined(separator: "\n")
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]) else {
            throw .invalidEdit("the proposal is not valid JSON any more")
        }
        let compact = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed]))
            .map { String(decoding: $0, as: UTF8.self) } ?? json
        let edited = ReviewItem.withProposal(item, summary: summary, proposal: compact, evidence: item.currentEvidence)
        return ReviewEditDraft(
            summary: summary, proposal: compact, evidence: item.currentEvidence,
            diff: LineDiff.diff(from: comparable(original), to: comparable(render(edited)))
        )
    }

    /// "[3] (p1 l10) words" → (3, "words"); the citation in brackets is optional.
    static func tagged(_ line: String) -> (Int, String)? {
        guard line.hasPrefix("["), let close = line.firstIndex(of: "]"),
              let number = Int(line[line.index(after: line.startIndex)..<close]) else { return nil }
        var rest = line[line.index(after: close)...].trimmingCharacters(in: .whitespaces)
        if rest.hasPrefix("("), let end = rest.firstIndex(of: ")"),
           rest[rest.index(after: rest.startIndex)..<end].hasPrefix("p") {
            rest = rest[rest.index(after: end)...].trimmingCharacters(in: .whitespaces)
        }
        return (number, rest)
    }

    static func originalOf(_ item: ReviewItem) -> ReviewItem {
        ReviewItem.withProposal(item, summary: item.summary, proposal: item.proposal, evidence: item.evidence)
    }

    static func prettyJSON(_ json: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .fragmentsAllowed])
        else { return json }
        return String(decoding: data, as: UTF8.self)
    }
}

extension ReviewItem {
    /// `item` showing another version (for rendering and diffs only; stores make real items).
    static func withProposal(_ item: ReviewItem, summary: String, proposal: String, evidence: [Evidence]) -> ReviewItem {
        ReviewItem(
            id: item.id, caseID: item.caseID, documentSHA256: item.documentSHA256, fileName: item.fileName, kind: item.kind,
            summary: summary, proposal: proposal, evidence: evidence, state: item.state, reviewer: item.reviewer,
            decidedAt: item.decidedAt, reason: item.reason, createdAt: item.createdAt, priority: item.priority,
            claim: item.claim, edit: nil, reproposedFrom: item.reproposedFrom, versions: item.versions
        )
    }
}

/// A line diff: the lines only in the old text prefixed `-`, only in the new `+`, shared ones
/// with two spaces (longest common subsequence).
public enum LineDiff {
    public static func diff(from old: String, to new: String) -> String {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var lengths = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var lines: [String] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                lines.append("  " + a[i])
                i += 1
                j += 1
            } else if j < b.count, i == a.count || lengths[i][j + 1] >= lengths[i + 1][j] {
                lines.append("+ " + b[j])
                j += 1
            } else {
                lines.append("- " + a[i])
                i += 1
            }
        }
        return lines.joined(separator: "\n")
    }
}
