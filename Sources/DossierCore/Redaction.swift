internal import Foundation

/// What kind of personal datum a redaction hides; a recipient's policy lists the categories
/// that go.
public enum RedactionCategory: String, Codable, Sendable, CaseIterable, Comparable {
    case bsn
    case vNumber = "v-number"
    case documentNumber = "document-number"
    case mrz
    case iban
    case kvk
    case phone
    case email
    /// A street address or a postcode with its town.
    case address
    case birthDate = "birth-date"
    case name
    /// A box a reviewer drew or typed that fits no other category.
    case other

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Who put a mark in a redaction set.
public enum RedactionSource: String, Codable, Sendable {
    /// Proposed by the machine, with its reason.
    case machine
    /// Added by a reviewer (by text or by page area).
    case reviewer
}

/// One area to black out: a category, a page, the character span it covers (when it covers
/// text) and the boxes on the page it takes.
public struct RedactionMark: Codable, Sendable, Equatable {
    public let category: RedactionCategory
    /// 1-based page number.
    public let page: Int
    /// First character of the covered text (Unicode characters of the page text); `nil` for an
    /// area a reviewer drew.
    public let start: Int?
    /// One past the last covered character; `nil` for a drawn area.
    public let end: Int?
    /// The areas on the page, in the unit of the page's layout (points or pixels, origin top
    /// left). Empty for a page without word positions (a text file's page).
    public let boxes: [PageBox]
    /// Why it is proposed, in words (never the hidden text itself).
    public let reason: String
    public let source: RedactionSource
    /// Whether the mark's boxes cover every character of its text on the page image (or the
    /// page is text without an image, where the text itself is replaced). A mark that is not
    /// placed cannot be blacked out: the set it is in cannot be approved until a reviewer
    /// draws its area or removes it.
    public let placed: Bool
    /// Whether a reviewer drew the mark's area by hand for text the page's layout does not
    /// place: its boxes then stand for the text, whatever the word boxes say.
    public let drawnByReviewer: Bool

    /// Makes a mark.
    public init(
        category: RedactionCategory, page: Int, start: Int?, end: Int?, boxes: [PageBox], reason: String, source: RedactionSource,
        placed: Bool = true, drawnByReviewer: Bool = false
    ) {
        self.category = category
        self.page = page
        self.start = start
        self.end = end
        self.boxes = boxes
        self.reason = reason
        self.source = source
        self.placed = placed
        self.drawnByReviewer = drawnByReviewer
    }

    /// Whether a mark over characters `start..<end` of `page` with `boxes` can be blacked out:
    /// a text file's page is redacted in its text; any other page needs boxes over every
    /// character of the span.
    public static func isPlaced(boxes: [PageBox], start: Int, end: Int, on page: PageTranscript, words: WordBoxes) -> Bool {
        if page.method == .textFile { return true }
        guard page.layout != nil, !boxes.isEmpty else { return false }
        return words.covers(start: start, end: end, in: page.text)
    }

    /// The same mark with `area` drawn over it by a reviewer: placed.
    public func placed(over area: PageBox) -> RedactionMark {
        RedactionMark(category: category, page: page, start: start, end: end, boxes: boxes + [area],
                      reason: reason + "; area drawn by a reviewer", source: source, placed: true, drawnByReviewer: true)
    }

    enum CodingKeys: String, CodingKey { case category, page, start, end, boxes, reason, source, placed, drawnByReviewer = "drawn_by_reviewer" }

    /// Reads a mark; one stored before marks said whether they are placed counts as placed
    /// (the export checks its boxes again).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        category = try container.decode(RedactionCategory.self, forKey: .category)
        page = try container.decode(Int.self, forKey: .page)
        start = try container.decodeIfPresent(Int.self, forKey: .start)
        end = try container.decodeIfPresent(Int.self, forKey: .end)
        boxes = try container.decode([PageBox].self, forKey: .boxes)
        reason = try container.decode(String.self, forKey: .reason)
        source = try container.decode(RedactionSource.self, forKey: .source)
        placed = try container.decodeIfPresent(Bool.self, forKey: .placed) ?? true
        drawnByReviewer = try container.decodeIfPresent(Bool.self, forKey: .drawnByReviewer) ?? false
    }

    /// Writes a mark; `placed` only when it is not (sets of placed marks read as before).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(category, forKey: .category)
        try container.encode(page, forKey: .page)
        try container.encodeIfPresent(start, forKey: .start)
        try container.encodeIfPresent(end, forKey: .end)
        try container.encode(boxes, forKey: .boxes)
        try container.encode(reason, forKey: .reason)
        try container.encode(source, forKey: .source)
        if !placed { try container.encode(false, forKey: .placed) }
        if drawnByReviewer { try container.encode(true, forKey: .drawnByReviewer) }
    }
}

/// A page's size as the redaction set measures it (the unit and size of its layout).
public struct RedactionPage: Codable, Sendable, Equatable {
    public let number: Int
    /// `pt` or `px`; `text` for a page without positions.
    public let unit: String
    public let width: Double
    public let height: Double

    /// Makes a page size.
    public init(number: Int, unit: String, width: Double, height: Double) {
        self.number = number
        self.unit = unit
        self.width = width
        self.height = height
    }
}

/// A document's redaction set: what a review item of kind `redaction` proposes and a reviewer
/// approves. An approved set, empty or not, lets the document into a redacted export.
public struct RedactionSet: Codable, Sendable, Equatable {
    public let marks: [RedactionMark]
    public let pages: [RedactionPage]

    /// Makes a set.
    public init(marks: [RedactionMark], pages: [RedactionPage]) {
        self.marks = marks
        self.pages = pages
    }

    /// The 1-based numbers of the marks that cannot be placed on their page.
    public var unplacedMarks: [Int] {
        marks.enumerated().filter { !$0.element.placed }.map { $0.offset + 1 }
    }

    /// Marks per category, in category order: `name 3, bsn 1`.
    public var counts: String {
        let counted = Dictionary(grouping: marks, by: \.category).mapValues(\.count)
        return counted.keys.sorted().map { "\($0.rawValue) \(counted[$0]!)" }.joined(separator: ", ")
    }

    /// The set as JSON text with sorted keys (equal sets are equal text).
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Reads a set from its JSON text; `nil` when the text is not one.
    public init?(json: String) {
        guard let set = try? JSONDecoder().decode(RedactionSet.self, from: Data(json.utf8)) else { return nil }
        self = set
    }

    /// The marks that a policy lets through: those of `categories`.
    public func marks(in categories: Set<RedactionCategory>) -> [RedactionMark] {
        marks.filter { categories.contains($0.category) }
    }
}

extension PageBox {
    /// Word boxes joined line by line: boxes in a row (overlapping by half their height, apart
    /// by less than two heights) become one box, so the black bar also covers the spaces and
    /// tells nothing of the words' lengths.
    public static func joinedInLines(_ boxes: [PageBox]) -> [PageBox] {
        var joined: [PageBox] = []
        for box in boxes {
            if let last = joined.last {
                let top = max(last.y, box.y), bottom = min(last.y + last.height, box.y + box.height)
                let height = min(last.height, box.height)
                let gap = box.x - (last.x + last.width)
                if bottom - top >= height / 2, gap >= -height, gap <= 2 * max(last.height, box.height) {
                    joined[joined.count - 1] = PageBox.enclosing([last, box])
                    continue
                }
            }
            joined.append(box)
        }
        return joined
    }
}
