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

    /// Makes a mark.
    public init(category: RedactionCategory, page: Int, start: Int?, end: Int?, boxes: [PageBox], reason: String, source: RedactionSource) {
        self.category = category
        self.page = page
        self.start = start
        self.end = end
        self.boxes = boxes
        self.reason = reason
        self.source = source
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
                    let x = min(last.x, box.x), y = min(last.y, box.y)
                    joined[joined.count - 1] = PageBox(
                        x: x, y: y, width: max(last.x + last.width, box.x + box.width) - x,
                        height: max(last.y + last.height, box.y + box.height) - y
                    )
                    continue
                }
            }
            joined.append(box)
        }
        return joined
    }
}
