internal import Foundation
internal import Yams
internal import DossierModels
public import DossierCore

/// Which categories a redacted copy for one kind of recipient hides (`models/redaction/NAME.yaml`).
public struct RedactionPolicy: Codable, Sendable, Equatable {
    public let recipient: String
    public let title: String
    public let hide: [RedactionCategory]

    /// Why a policy cannot be used.
    public enum LoadError: Error, Equatable, CustomStringConvertible {
        case unknownRecipient(String, known: [String])
        case unreadable(String)

        public var description: String {
            switch self {
            case .unknownRecipient(let name, let known):
                "no redaction policy for recipient '\(name)'; known: \(known.joined(separator: ", "))"
            case .unreadable(let name): "the redaction policy for '\(name)' cannot be read"
            }
        }
    }

    /// Without a recipient every category is hidden.
    public static let everything = RedactionPolicy(recipient: "all", title: "Alles afschermen", hide: RedactionCategory.allCases)

    public init(recipient: String, title: String, hide: [RedactionCategory]) {
        self.recipient = recipient
        self.title = title
        self.hide = hide
    }

    /// The categories this policy hides.
    public var categories: Set<RedactionCategory> { Set(hide) }

    /// The recipients with a policy in `models/redaction/`.
    public static func recipients() -> [String] {
        guard let folder = ModelFiles.url("redaction"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The policy for `recipient`.
    public static func named(_ recipient: String) throws(LoadError) -> RedactionPolicy {
        let known = recipients()
        guard known.contains(recipient), let url = ModelFiles.url("redaction/\(recipient).yaml") else {
            throw .unknownRecipient(recipient, known: known)
        }
        do {
            return try YAMLDecoder().decode(RedactionPolicy.self, from: String(contentsOf: url, encoding: .utf8))
        } catch {
            throw .unreadable(recipient)
        }
    }
}

/// Turns findings into a document's redaction set: each finding's character span with the
/// boxes of the words it covers on its page.
public enum RedactionPlanner {
    /// The set for a document's `pages` and the `findings` on them.
    public static func set(pages: [PageTranscript], findings: [RedactionFinding]) -> RedactionSet {
        var marks: [RedactionMark] = []
        for page in pages {
            let onPage = findings.filter { $0.evidence.page == page.number }
            guard !onPage.isEmpty else { continue }
            let words = WordBoxes(page: page)
            for finding in onPage {
                let (start, end) = (finding.evidence.start, finding.evidence.end)
                let boxes = PageBox.joinedInLines(words.boxes(start: start, end: end))
                marks.append(RedactionMark(
                    category: finding.category, page: page.number, start: start, end: end, boxes: boxes, reason: finding.reason,
                    source: .machine, placed: RedactionMark.isPlaced(boxes: boxes, start: start, end: end, on: page, words: words)
                ))
            }
        }
        return RedactionSet(marks: marks, pages: pages.map(Self.size))
    }

    /// A page's unit and size from its layout; `text` and 0×0 when it has none.
    public static func size(_ page: PageTranscript) -> RedactionPage {
        guard let layout = page.layout else { return RedactionPage(number: page.number, unit: "text", width: 0, height: 0) }
        return RedactionPage(number: page.number, unit: layout.unit, width: layout.width, height: layout.height)
    }
}
