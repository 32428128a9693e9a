import Foundation
import Testing
import TestSupport
@testable import Poppler

@Suite("Poppler wrapper on the sample PDFs")
struct PDFDocumentTests {
    @Test("A born-digital letter has one page whose text layer holds the letter")
    func readsTextLayer() throws {
        let document = try PDFDocument(contentsOf: SampleFiles.letterPDF)
        #expect(document.pageCount == 1)
        let text = try document.page(1).text()
        #expect(text.contains("Ingebrekestelling wegens niet tijdig beslissen"))
        #expect(text.contains("cliënt"))
        #expect(text.contains("Algemene wet bestuursrecht"))
    }

    @Test("An image-only scan has no text layer")
    func scanHasNoText() throws {
        let document = try PDFDocument(contentsOf: SampleFiles.scannedLetterPDF)
        #expect(document.pageCount == 1)
        #expect(try document.page(1).text().trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }

    @Test("An A4 page renders at 300 dpi to 2480×3508 grey pixels on white")
    func rendersGray() throws {
        let page = try PDFDocument(contentsOf: SampleFiles.letterPDF).page(1)
        let bitmap = try page.renderGray(dpi: 300)
        #expect(bitmap.width == 2480)
        #expect(bitmap.height == 3509)
        #expect(bitmap.pixels[0] == 255, "the corner is white paper")
        #expect(bitmap.pixels.contains { $0 < 64 }, "there is dark ink somewhere")
    }

    @Test("An encrypted PDF without its password reports encryption")
    func encrypted() {
        #expect(throws: PDFError.encrypted) { try PDFDocument(contentsOf: SampleFiles.encryptedPDF) }
    }

    @Test("An encrypted PDF opens with its password")
    func encryptedWithPassword() throws {
        let document = try PDFDocument(contentsOf: SampleFiles.encryptedPDF, password: "geheim")
        #expect(try document.page(1).text().contains("Ingebrekestelling"))
    }

    @Test("A truncated PDF is reported as damaged")
    func truncated() {
        #expect {
            try PDFDocument(contentsOf: SampleFiles.truncatedPDF)
        } throws: { error in
            if case .damaged = error as? PDFError { return true }
            return false
        }
    }

    @Test("A missing file is unreadable, not damaged")
    func missing() {
        #expect {
            try PDFDocument(contentsOf: URL(fileURLWithPath: "/nonexistent/dossier.pdf"))
        } throws: { error in
            if case .unreadable = error as? PDFError { return true }
            return false
        }
    }

    @Test("A scan is covered by its image; a born-digital letter by none")
    func imageCoverage() throws {
        #expect(try PDFDocument(contentsOf: SampleFiles.scannedLetterPDF).page(1).imageCoverage() > 0.9)
        #expect(try PDFDocument(contentsOf: SampleFiles.letterPDF).page(1).imageCoverage() == 0)
    }

    @Test("Words come with their boxes in points from the top left, in reading order")
    func wordsAndBoxes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-poppler-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("brief.pdf")
        try MadePDF.make(pages: [["Naam: Jansen", "Kenmerk BZ-10042"]]).write(to: url)
        let page = try PDFDocument(contentsOf: url).page(1)
        let read = page.textAndWords()
        #expect(read.text == "Naam: Jansen\nKenmerk BZ-10042")
        #expect(read.lines.map { $0.map(\.text) } == [["Naam:", "Jansen"], ["Kenmerk", "BZ-10042"]])
        let first = try #require(read.lines.first?.first)
        // Helvetica 11 pt at x 72; the first line's baseline 756 pt from the bottom of an 842 pt
        // page (770 less one 14 pt line step), so 86 pt from the top: the box holds it.
        #expect(abs(first.x1 - 72) < 1)
        #expect(first.y1 > 86 - 11 && first.y1 < 86 && first.y2 > 86 && first.y2 < 86 + 4, "\(first.y1) \(first.y2)")
        #expect(read.lines[1][0].y1 > first.y2 - 1, "the second line lies below the first")
    }

    @Test("A page turned by /Rotate is measured and rendered as displayed, and its text still reads")
    func rotatedPage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-poppler-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let upright = folder.appendingPathComponent("rechtop.pdf"), turned = folder.appendingPathComponent("gedraaid.pdf")
        try MadePDF.make(pages: [["Beslissing op bezwaar"]]).write(to: upright)
        let qpdf = Process()
        qpdf.executableURL = URL(fileURLWithPath: "/usr/bin/qpdf")
        qpdf.arguments = ["--rotate=+90:1", upright.path, turned.path]
        try qpdf.run()
        qpdf.waitUntilExit()
        #expect(qpdf.terminationStatus == 0)
        let page = try PDFDocument(contentsOf: turned).page(1)
        #expect(page.width == 842 && page.height == 595)
        #expect(page.text() == "Beslissing op bezwaar")
        let bitmap = try page.renderGray(dpi: 72)
        #expect(bitmap.width == 842 && bitmap.height == 595)
        #expect(bitmap.pixels.contains { $0 < 128 }, "the text is drawn")
    }

    @Test("Asking for a page outside the document fails cleanly")
    func noSuchPage() throws {
        let document = try PDFDocument(contentsOf: SampleFiles.letterPDF)
        #expect(throws: PDFError.noSuchPage(2)) { try document.page(2) }
        #expect(throws: PDFError.noSuchPage(0)) { try document.page(0) }
    }
}

@Suite("Restoring spaces from glyph boxes")
struct TextSpacingTests {
    private func box(_ x1: Double, _ x2: Double, y: Double = 100) -> GlyphBox {
        GlyphBox(x1: x1, y1: y, x2: x2, y2: y + 10)
    }

    @Test("A wide gap between glued characters becomes a space")
    func gapBecomesSpace() {
        let text = "1.1Aanvraag"
        var boxes: [GlyphBox] = []
        var x = 0.0
        for (index, _) in text.enumerated() {
            if index == 3 { x += 20 }
            boxes.append(box(x, x + 5))
            x += 5
        }
        #expect(TextLayoutWords.spaced(text, boxes: boxes) == "1.1 Aanvraag")
    }

    @Test("Tight characters and existing spaces stay as they are")
    func tightStays() {
        let text = "ab c"
        let boxes = [box(0, 5), box(5, 10), box(10, 13), box(13, 18)]
        #expect(TextLayoutWords.spaced(text, boxes: boxes) == "ab c")
    }

    @Test("Characters on different lines are not joined by a space")
    func differentLines() {
        let text = "a\nb"
        let boxes = [box(0, 5), box(5, 5), box(0, 5, y: 130)]
        #expect(TextLayoutWords.spaced(text, boxes: boxes) == "a\nb")
        let apartLines = "ab"
        #expect(TextLayoutWords.spaced(apartLines, boxes: [box(0, 5), box(40, 45, y: 130)]) == "ab")
    }

    @Test("Words come from the spaced text with the union of their glyph boxes")
    func wordsFromSpacedText() {
        let text = "ab cd"
        let boxes = [box(0, 5), box(5, 10), box(5, 10), box(30, 35), box(35, 40)]
        let lines = Array(text.utf8).withUnsafeBufferPointer { bytes in
            boxes.withUnsafeBufferPointer { TextLayoutWords.words(utf8: bytes, boxes: $0) }
        }
        #expect(lines == [[PDFWord(text: "ab", x1: 0, y1: 100, x2: 10, y2: 110), PDFWord(text: "cd", x1: 30, y1: 100, x2: 40, y2: 110)]])
    }

    @Test("When the layout does not match the text, there are no words")
    func mismatch() {
        let lines = Array("abc".utf8).withUnsafeBufferPointer { bytes in
            [box(0, 1)].withUnsafeBufferPointer { TextLayoutWords.words(utf8: bytes, boxes: $0) }
        }
        #expect(lines.isEmpty)
    }
}

@Suite("poppler's shared settings held across documents")
struct PopplerSettingsHoldTests {
    @Test("The hold's own document is well formed: every cross-reference offset points at its object")
    func emptyDocumentIsWellFormed() throws {
        let text = String(decoding: PopplerSettingsHold.emptyDocument, as: UTF8.self)
        let bytes = Array(text.utf8)
        let startxref = try #require(text.range(of: "startxref\n"))
        let tableOffset = try #require(Int(text[startxref.upperBound...].prefix { $0.isNumber }))
        let table = String(decoding: bytes[tableOffset...], as: UTF8.self)
        #expect(table.hasPrefix("xref\n0 4\n"))
        let entries = table.split(separator: "\n").dropFirst(3).prefix(3)
        #expect(entries.count == 3)
        for (index, entry) in entries.enumerated() {
            #expect(entry.count == 19, "an entry is 20 bytes with its end of line")
            let offset = try #require(Int(entry.prefix(10)))
            let object = String(decoding: bytes[offset...].prefix(8), as: UTF8.self)
            #expect(object == "\(index + 1) 0 obj\n")
        }
    }

    @Test("A hold opens its document when asked, and PDFs read while it lives and after it goes read the same")
    func readsAlike() throws {
        let before = try PDFDocument(contentsOf: SampleFiles.letterPDF).page(1).text()
        var during: [String] = []
        do {
            let hold = PopplerSettingsHold()
            #expect(!hold.isHolding, "nothing is loaded before a PDF is read")
            hold.keepLoaded()
            #expect(hold.isHolding)
            for _ in 0..<3 { during.append(try PDFDocument(contentsOf: SampleFiles.letterPDF).page(1).text()) }
        }
        let after = try PDFDocument(contentsOf: SampleFiles.letterPDF).page(1).text()
        #expect(!before.isEmpty)
        #expect(during == [before, before, before])
        #expect(after == before)
    }
}
