public import DossierCore

/// Where a sentence stands in the evidence: page, line and characters of the page text.
public struct Citation: Codable, Sendable, Equatable {
    public let page: Int
    /// 1-based line of the page text where the sentence starts.
    public let line: Int
    /// Character offsets in the page text (start inclusive, end exclusive).
    public let start: Int
    public let end: Int
}

/// A sentence of a document, cleaned for reading (hyphenation across lines undone, lines
/// joined), with where it stands.
public struct SourceSentence: Sendable, Equatable {
    /// The sentence as a reader should see it.
    public let text: String
    public let citation: Citation
    /// Position in the document's reading order (0-based).
    public let index: Int
    /// First sentence of its paragraph.
    public let opensParagraph: Bool
    /// Not a sentence a summary should quote on its own: a list item that is a heading or
    /// finishes the sentence before the list ("- anders te verdelen over …"), or a piece that
    /// starts in lower case because a sentence was cut off before it.
    public let isFragment: Bool

    public init(text: String, citation: Citation, index: Int, opensParagraph: Bool, isFragment: Bool = false) {
        self.text = text
        self.citation = citation
        self.index = index
        self.opensParagraph = opensParagraph
        self.isFragment = isFragment
    }
}

/// Turns extracted or OCR'd pages into sentences a summary can quote.
///
/// Page furniture goes first: lines repeated on most pages (running headers and footers) and
/// page numbers ("pagina 3 van 12", "- 3 -", "3"). Then lines join into paragraphs, a word
/// broken over a line end ("maat-\nschappij") is joined again, headings and list items are
/// kept apart from running text, and ``SentenceSplitter`` cuts the paragraphs.
public struct SourceText: Sendable {
    public let sentences: [SourceSentence]
    /// Headings found (not quoted in summaries, but they tell what sections are about).
    public let headings: [String]

    public init(pages: [PageTranscript]) {
        let furniture = Self.repeatedLines(pages)
        var sentences: [SourceSentence] = []
        var headings: [String] = []
        for page in pages where !page.isBlank && Self.isReadable(page) {
            for paragraph in Self.paragraphs(of: page, furniture: furniture) {
                if paragraph.isHeading {
                    headings.append(paragraph.text)
                    continue
                }
                // A list item is quoted only when it is a sentence of its own: a capital after
                // its marker and eight words or more. "1. Slimmer en anders werken." is a
                // heading; "- anders te verdelen over …" finishes the sentence before the list.
                // Both stay in the text (a hearing's numbered questions are list items) but are
                // marked as fragments.
                let fragment = paragraph.isListItem && !Self.isSentenceItem(paragraph.text)
                for (number, piece) in SentenceSplitter.split(paragraph.characters).enumerated() {
                    let start = paragraph.origin[piece.lowerBound]
                    let end = paragraph.origin[piece.upperBound - 1] + 1
                    let text = String(paragraph.characters[piece]).trimmingWhitespace()
                    guard text.count >= 2 else { continue }
                    // A piece that starts in lower case is the rest of a sentence cut off
                    // before it (a column break, a list's lead-in), not a sentence of its own.
                    let cutOff = text.first(where: \.isLetter)?.isLowercase == true
                        && !Self.lowerCaseOpenings.contains(where: { text.hasPrefix($0) }) && (!paragraph.isListItem || number > 0)
                    sentences.append(SourceSentence(
                        text: text,
                        citation: Citation(page: page.number, line: paragraph.lineOf(piece.lowerBound), start: start, end: end),
                        index: sentences.count, opensParagraph: number == 0, isFragment: fragment || cutOff
                    ))
                }
            }
        }
        self.sentences = sentences
        self.headings = headings
    }

    /// Whether a page's text can be quoted: not a page OCR'd in a script its languages do not
    /// read (its text is then letters of the wrong alphabet: "Greek read as Latin"), nor an OCR
    /// reading so unsure it is mostly guesswork.
    static func isReadable(_ page: PageTranscript) -> Bool {
        if let script = page.needsLanguage, script.first?.isUppercase == true { return false }
        if page.unreadableReason != nil { return false }
        if page.method == .ocr, let confidence = page.confidence, confidence < minimumOCRConfidence { return false }
        return true
    }

    /// Below this mean OCR confidence a page is not quoted (clean scans read at 90 and more;
    /// a page in an unread script at 30–50).
    static let minimumOCRConfidence = 55.0

    /// Words a Dutch sentence may begin with in lower case.
    static let lowerCaseOpenings = ["mr. ", "dr. ", "drs. ", "ir. ", "prof. ", "ing. ", "’s ", "'s ", "’t ", "'t ", "’s-", "'s-", "e-mail", "iPhone"]

    /// A list item that reads as a sentence: a capital letter first after the marker, eight
    /// words or more.
    static func isSentenceItem(_ text: String) -> Bool {
        var body = Substring(text.trimmingWhitespace())
        if let marker = bulletStarts.first(where: { body.hasPrefix($0) }) { body = body.dropFirst(marker.count) }
        else { body = body.drop { $0.isNumber || $0.isLetter && body.prefix(3).contains(")") }.drop { $0 == "." || $0 == ")" } }
        let words = body.split(separator: " ")
        guard let first = body.first(where: \.isLetter) else { return false }
        return first.isUppercase && words.count >= 8
    }

    // MARK: Furniture

    /// A line's shape for comparison across pages: trimmed, lower case, digits as `#`.
    static func shape(_ line: Substring) -> String {
        String(line.trimmingWhitespace().lowercased().map { $0.isNumber ? "#" : $0 })
    }

    /// Line shapes that stand on at least half of the pages (three pages or more).
    static func repeatedLines(_ pages: [PageTranscript]) -> Set<String> {
        let readable = pages.filter { !$0.isBlank }
        guard readable.count >= 3 else { return [] }
        var counts: [String: Int] = [:]
        for page in readable {
            for shape in Set(page.text.split(separator: "\n").map(shape)) where !shape.isEmpty { counts[shape, default: 0] += 1 }
        }
        return Set(counts.filter { $0.value * 2 >= readable.count }.keys)
    }

    /// Page numbers alone on a line: "3", "- 3 -", "pagina 3 van 12", "page 3 of 12", "3/12".
    static func isPageNumber(_ shape: String) -> Bool {
        // The longest form ("pagina ## van ##") has fewer than 24 characters: a quick no for running text.
        guard shape.utf8.count < 24 else { return false }
        let compact = shape.replacingOccurrences(of: " ", with: "")
        let patterns = ["#", "##", "###", "-#-", "-##-", "#/#", "#/##", "##/##", "pagina#", "pagina##", "page#", "page##",
                        "blz.#", "p.#"]
        if patterns.contains(compact) { return true }
        for word in ["pagina", "page", "blad"] where compact.hasPrefix(word) {
            let rest = compact.dropFirst(word.count).replacingOccurrences(of: "van", with: "/").replacingOccurrences(of: "of", with: "/")
            if rest.allSatisfy({ $0 == "#" || $0 == "/" }) { return true }
        }
        return false
    }

    // MARK: Paragraphs

    /// A paragraph's text with, for each of its characters, the offset in the page text it came from.
    struct Paragraph {
        var characters: [Character] = []
        var origin: [Int] = []
        var lineStarts: [(offset: Int, line: Int)] = []
        var isHeading = false
        /// Opens with a bullet or a number ("- ", "1. ", "a) ").
        var isListItem = false
        var text: String { String(characters) }

        func lineOf(_ offset: Int) -> Int {
            lineStarts.last { $0.offset <= offset }?.line ?? lineStarts.first?.line ?? 1
        }
    }

    static let bulletStarts: [String] = ["- ", "• ", "* ", "– ", "· ", "▪ "]

    static func isListItem(_ line: Substring) -> Bool {
        let trimmed = line.trimmingWhitespace()
        if bulletStarts.contains(where: { trimmed.hasPrefix($0) }) { return true }
        // "1. ", "12) ", "a) "
        var digits = 0
        for character in trimmed {
            if character.isNumber { digits += 1; continue }
            return digits > 0 && digits <= 2 && (character == "." || character == ")") && trimmed.dropFirst(digits + 1).first == " "
        }
        return false
    }

    static func paragraphs(of page: PageTranscript, furniture: Set<String>) -> [Paragraph] {
        var paragraphs: [Paragraph] = []
        var current = Paragraph()
        func close() {
            guard !current.characters.isEmpty else { return }
            let text = current.text
            let words = text.split(separator: " ").count
            let lastCharacter = text.trimmingWhitespace().last
            current.isHeading = current.lineStarts.count == 1 && words <= 12 && !isListItem(Substring(text))
                && !(lastCharacter.map { ".!?:;,".contains($0) } ?? false)
            paragraphs.append(current)
            current = Paragraph()
        }
        let characters = Array(page.text)
        // A full line's length on this page: lines well short of it end a paragraph (an
        // address line, a closing formula, the last line of a paragraph).
        let lengths = page.text.split(separator: "\n").map { $0.trimmingWhitespace().count }.filter { $0 > 0 }.sorted()
        let fullLine = lengths.isEmpty ? 0 : lengths[min(lengths.count - 1, lengths.count * 9 / 10)]
        var previousLine: String?
        var lineStart = 0
        var lineNumber = 0
        while lineStart <= characters.count {
            var lineEnd = lineStart
            while lineEnd < characters.count, characters[lineEnd] != "\n" { lineEnd += 1 }
            lineNumber += 1
            let line = Substring(String(characters[lineStart..<lineEnd]))
            let shape = Self.shape(line)
            if shape.isEmpty {
                close()
                previousLine = nil
            } else if furniture.contains(shape) || isPageNumber(shape) {
                // Running header or footer, page number: not part of any paragraph.
            } else {
                let trimmed = line.trimmingWhitespace()
                if isListItem(line) {
                    close()
                    current.isListItem = true
                } else if let previous = previousLine, !previous.hasSuffix("-"),
                          trimmed.first.map({ $0.isUppercase || $0.isNumber }) == true,
                          Double(previous.count) < Double(fullLine) * 0.6 || ".!?:".contains(previous.last ?? " ") && Double(previous.count) < Double(fullLine) * 0.85 {
                    close()
                }
                appendLine(characters, from: lineStart, to: lineEnd, number: lineNumber, into: &current)
                previousLine = trimmed
            }
            lineStart = lineEnd + 1
        }
        close()
        return paragraphs
    }

    /// Adds one line to a paragraph: a word hyphenated at the previous line's end is joined
    /// ("maat-" + "schappij"), other lines are joined with a space.
    static func appendLine(_ page: [Character], from start: Int, to end: Int, number: Int, into paragraph: inout Paragraph) {
        var first = start
        while first < end, page[first] == " " || page[first] == "\t" { first += 1 }
        var last = end
        while last > first, page[last - 1] == " " || page[last - 1] == "\t" || page[last - 1] == "\r" { last -= 1 }
        guard first < last else { return }
        if let previous = paragraph.characters.last {
            let continuesWord = page[first].isLowercase
            if previous == "-", continuesWord, paragraph.characters.count >= 2, paragraph.characters[paragraph.characters.count - 2].isLetter {
                paragraph.characters.removeLast()
                paragraph.origin.removeLast()
            } else {
                paragraph.characters.append(" ")
                paragraph.origin.append(first)
            }
        }
        paragraph.lineStarts.append((paragraph.characters.count, number))
        for index in first..<last {
            paragraph.characters.append(page[index])
            paragraph.origin.append(index)
        }
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var characters = Substring(self)
        while let first = characters.first, first.isWhitespace { characters.removeFirst() }
        while let last = characters.last, last.isWhitespace { characters.removeLast() }
        return String(characters)
    }
}
