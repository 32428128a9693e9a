public import DossierCore
internal import Foundation

/// What a reviewer does to a redaction set: remove marks, add marks by text or by page area,
/// or confirm it as it stands (an unchanged version, which four-eyes counts as the first look).
public struct RedactionChanges: Sendable {
    /// Marks to remove, by their number as `review show` lists them (1-based).
    public var remove: [Int] = []
    /// Text to hide wherever it stands (on `page` only, when given), with its category.
    public var addText: [(text: String, page: Int?, category: RedactionCategory)] = []
    /// Areas to black out: a page and a box in percent of the page's width and height.
    public var addArea: [(page: Int, x: Double, y: Double, width: Double, height: Double, category: RedactionCategory)] = []
    /// Areas drawn for marks the machine could not place (by number, as `review show` lists
    /// them), in percent of the mark's page: the mark keeps its category and text, and is placed.
    public var place: [(mark: Int, x: Double, y: Double, width: Double, height: Double)] = []

    public init() {}

    public var isEmpty: Bool { remove.isEmpty && addText.isEmpty && addArea.isEmpty && place.isEmpty }

    /// Reads a placement written `N:X,Y,W,H` (a mark's number; percent of its page, from the top left).
    public static func placement(_ text: String) -> (mark: Int, x: Double, y: Double, width: Double, height: Double)? {
        guard let area = area(text) else { return nil }
        return (area.page, area.x, area.y, area.width, area.height)
    }

    /// Reads an area written `PAGE:X,Y,W,H` (percent of the page, from its top left).
    public static func area(_ text: String) -> (page: Int, x: Double, y: Double, width: Double, height: Double)? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let page = Int(parts[0]), page >= 1 else { return nil }
        let numbers = parts[1].split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count == 4, numbers.allSatisfy({ (0...100).contains($0) }), numbers[2] > 0, numbers[3] > 0,
              numbers[0] + numbers[2] <= 100.0001, numbers[1] + numbers[3] <= 100.0001 else { return nil }
        return (page, numbers[0], numbers[1], numbers[2], numbers[3])
    }
}

/// A redaction set as a reviewer sees and changes it.
public enum RedactionEditing {
    /// The set an item proposes (the reviewer's version when there is one).
    public static func set(of item: ReviewItem) throws(ReviewStoreError) -> RedactionSet {
        guard item.kind == .redaction, let set = RedactionSet(json: item.currentProposal) else {
            throw .invalidEdit("item \(item.id) is not a redaction set")
        }
        return set
    }

    /// One line per mark, numbered as `remove` counts them: page, category, the hidden text (or
    /// the area), who put it there and why.
    public static func lines(_ set: RedactionSet, pages: [PageTranscript]) -> [String] {
        set.marks.enumerated().map { index, mark in
            let what: String
            if let start = mark.start, let end = mark.end, let page = pages.first(where: { $0.number == mark.page }) {
                what = "\"" + quote(page.text, start, end) + "\""
            } else if let box = mark.boxes.first, let size = set.pages.first(where: { $0.number == mark.page }), size.width > 0 {
                what = String(format: "area %.0f%%,%.0f%% %.0f×%.0f%%", box.x / size.width * 100, box.y / size.height * 100,
                              box.width / size.width * 100, box.height / size.height * 100)
            } else {
                what = "(no text)"
            }
            let boxes = !mark.placed ? "NOT PLACED on the page image: draw its area or remove it"
                : mark.boxes.isEmpty ? "no position" : "\(mark.boxes.count) box\(mark.boxes.count == 1 ? "" : "es")"
            return "[\(index + 1)] p\(mark.page) \(mark.category.rawValue) \(what) · \(boxes) · \(mark.source.rawValue): \(mark.reason)"
        }
    }

    /// The one-line summary of a set of `file`.
    public static func summary(_ set: RedactionSet, file: String, byReviewer: Bool = false) -> String {
        let name = PrintableName.of(file)
        let checked = byReviewer ? " (checked by a reviewer)" : ""
        guard !set.marks.isEmpty else { return "Nothing to hide found in \(name)\(checked): confirm, or add what must go" }
        let unplaced = set.unplacedMarks
        let warning = unplaced.isEmpty ? "" : "; \(unplaced.count) without a place on the page image (draw or remove before approval)"
        return "\(set.marks.count) redaction\(set.marks.count == 1 ? "" : "s") in \(name)\(checked): \(set.counts)\(warning)"
    }

    /// The evidence of a set: the characters each mark covers.
    public static func evidence(_ set: RedactionSet, pages: [PageTranscript]) -> [Evidence] {
        set.marks.compactMap { mark in
            guard let start = mark.start, let end = mark.end, let page = pages.first(where: { $0.number == mark.page }) else { return nil }
            return Evidence(page: mark.page, start: start, end: end, quote: quote(page.text, start, end))
        }
    }

    /// The reviewer's version of `item` unchanged: the first of the two looks four-eyes asks for.
    public static func confirmation(_ item: ReviewItem) throws(ReviewStoreError) -> ReviewEditDraft {
        let current = try set(of: item)
        return ReviewEditDraft(summary: summary(current, file: item.fileName ?? "", byReviewer: true), proposal: current.json,
                               evidence: item.currentEvidence, diff: "")
    }

    /// The reviewer's version of `item` after `changes`, on the document's `pages`.
    public static func draft(_ item: ReviewItem, pages: [PageTranscript], changes: RedactionChanges) throws(ReviewStoreError) -> ReviewEditDraft {
        let current = try set(of: item)
        var marks = current.marks
        for number in changes.remove {
            guard number >= 1, number <= current.marks.count else {
                throw .invalidEdit("there is no mark \(number) (the set has \(current.marks.count))")
            }
        }
        let removing = Set(changes.remove)
        for placement in changes.place {
            guard placement.mark >= 1, placement.mark <= current.marks.count else {
                throw .invalidEdit("there is no mark \(placement.mark) (the set has \(current.marks.count))")
            }
            guard !removing.contains(placement.mark) else { throw .invalidEdit("mark \(placement.mark) is both removed and placed") }
            let mark = marks[placement.mark - 1]
            guard let size = current.pages.first(where: { $0.number == mark.page }), size.width > 0, size.height > 0 else {
                throw .invalidEdit("page \(mark.page) is text without a page image; mark \(placement.mark) needs no area")
            }
            marks[placement.mark - 1] = mark.placed(over: PageBox(
                x: placement.x / 100 * size.width, y: placement.y / 100 * size.height,
                width: placement.width / 100 * size.width, height: placement.height / 100 * size.height
            ))
        }
        marks = marks.enumerated().filter { !removing.contains($0.offset + 1) }.map(\.element)
        for addition in changes.addText {
            let text = addition.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw .invalidEdit("the text to hide is empty") }
            var found = 0
            for page in pages where addition.page == nil || page.number == addition.page {
                let words = WordBoxes(page: page)
                for (start, end) in occurrences(of: text, in: page.text) {
                    found += 1
                    guard !marks.contains(where: { $0.page == page.number && $0.start == start && $0.end == end }) else { continue }
                    let boxes = PageBox.joinedInLines(words.boxes(start: start, end: end))
                    marks.append(RedactionMark(category: addition.category, page: page.number, start: start, end: end,
                                               boxes: boxes, reason: "added by a reviewer (by text)", source: .reviewer,
                                               placed: RedactionMark.isPlaced(boxes: boxes, start: start, end: end, on: page, words: words)))
                }
            }
            if found == 0 {
                throw .invalidEdit("the text to hide does not occur in the document" + (addition.page.map { " on page \($0)" } ?? ""))
            }
        }
        for area in changes.addArea {
            guard let size = current.pages.first(where: { $0.number == area.page }) else {
                throw .invalidEdit("the document has no page \(area.page)")
            }
            guard size.width > 0, size.height > 0 else {
                throw .invalidEdit("page \(area.page) is text without a page image; hide its words by text instead")
            }
            let box = PageBox(x: area.x / 100 * size.width, y: area.y / 100 * size.height,
                              width: area.width / 100 * size.width, height: area.height / 100 * size.height)
            marks.append(RedactionMark(category: area.category, page: area.page, start: nil, end: nil, boxes: [box],
                                       reason: "added by a reviewer (by area)", source: .reviewer))
        }
        marks.sort { ($0.page, $0.start ?? Int.max, $0.boxes.first?.y ?? 0) < ($1.page, $1.start ?? Int.max, $1.boxes.first?.y ?? 0) }
        let edited = RedactionSet(marks: marks, pages: current.pages)
        let before = lines(RedactionSet(json: item.proposal) ?? current, pages: pages).map(Self.withoutNumber)
        let after = lines(edited, pages: pages).map(Self.withoutNumber)
        return ReviewEditDraft(
            summary: summary(edited, file: item.fileName ?? "", byReviewer: true), proposal: edited.json,
            evidence: evidence(edited, pages: pages),
            diff: LineDiff.diff(from: before.joined(separator: "\n"), to: after.joined(separator: "\n"))
        )
    }

    /// Character offsets of every place `needle` stands in `text`, case and runs of spaces aside.
    static func occurrences(of needle: String, in text: String) -> [(Int, Int)] {
        let words = needle.split(whereSeparator: \.isWhitespace).map { NSRegularExpression.escapedPattern(for: String($0)) }
        guard !words.isEmpty, let pattern = try? NSRegularExpression(pattern: words.joined(separator: "\\s+"), options: [.caseInsensitive]) else {
            return []
        }
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            guard let range = Range(match.range, in: text) else { return nil }
            let start = text.distance(from: text.startIndex, to: range.lowerBound)
            return (start, start + text.distance(from: range.lowerBound, to: range.upperBound))
        }
    }

    static func quote(_ text: String, _ start: Int, _ end: Int) -> String {
        let characters = Array(text)
        guard start >= 0, start <= end, end <= characters.count else { return "" }
        return String(characters[start..<end]).replacingOccurrences(of: "\n", with: " ")
    }

    static func withoutNumber(_ line: String) -> String {
        guard let close = line.firstIndex(of: "]") else { return line }
        return String(line[line.index(after: close)...]).trimmingCharacters(in: .whitespaces)
    }
}
