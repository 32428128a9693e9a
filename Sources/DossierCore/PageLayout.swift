/// A rectangle on a page: origin top-left, in the page's unit (points for PDFs, pixels for images).
public struct PageBox: Codable, Sendable, Equatable {
    public let x: Double
    public let y: Double
    public let width: Double
    public let height: Double

    /// Makes a box.
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// A recognised word and where it stands on the page.
public struct LaidOutWord: Codable, Sendable, Equatable {
    public let text: String
    /// Tesseract's word confidence, 0–100.
    public let confidence: Double
    public let box: PageBox
    /// One box per character of `text` (grapheme clusters), where the reader placed each
    /// character: kept for the lines of a machine-readable zone, so that a value inside a zone
    /// line (a citizen number in its optional data) can be covered on its own. `nil` for
    /// ordinary words.
    public let characters: [PageBox]?

    /// Makes a word.
    public init(text: String, confidence: Double, box: PageBox, characters: [PageBox]? = nil) {
        self.text = text
        self.confidence = confidence
        self.box = box
        self.characters = characters
    }
}

/// A line of words, left to right.
public struct LaidOutLine: Codable, Sendable, Equatable {
    public let box: PageBox
    public let words: [LaidOutWord]

    /// Makes a line.
    public init(box: PageBox, words: [LaidOutWord]) {
        self.box = box
        self.words = words
    }

    /// The words joined by single spaces.
    public var text: String { words.map(\.text).joined(separator: " ") }
}

/// A block of lines (a paragraph, a column, a cell).
public struct LaidOutBlock: Codable, Sendable, Equatable {
    public let box: PageBox
    public let lines: [LaidOutLine]

    /// Makes a block.
    public init(box: PageBox, lines: [LaidOutLine]) {
        self.box = box
        self.lines = lines
    }
}

/// Where the words of a page stand, in reading order (a two-column page reads column by column).
public struct PageLayout: Codable, Sendable, Equatable {
    /// The unit of every box: `pt` (1/72 inch, PDF pages) or `px` (image pixels).
    public let unit: String
    /// Page width in `unit`.
    public let width: Double
    /// Page height in `unit`.
    public let height: Double
    /// Blocks in reading order.
    public let blocks: [LaidOutBlock]

    /// Makes a layout.
    public init(unit: String, width: Double, height: Double, blocks: [LaidOutBlock]) {
        self.unit = unit
        self.width = width
        self.height = height
        self.blocks = blocks
    }
}
