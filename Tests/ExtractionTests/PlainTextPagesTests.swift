import Foundation
import Testing
@testable import Extraction

@Suite("Plain-text files: encoding and pages")
struct PlainTextPagesTests {
    let letter = "Geachte heer Jansen,\r\n\r\nHierbij stuur ik de gevraagde verklaring. Ik ben op 3 maart 2019 in Nederland aangekomen.\r\n"

    @Test("UTF-8 with and without a byte-order mark, UTF-16 both ways, Windows-1252: one text, line ends as \\n")
    func encodings() throws {
        let text = "Verklaring van de heer Çelik: ‘ik woonde in Doğubeyazıt’ – € 250,00\r\nTweede regel"
        let expected = "Verklaring van de heer Çelik: ‘ik woonde in Doğubeyazıt’ – € 250,00\nTweede regel"
        let utf8 = Data(text.utf8)
        #expect(PlainTextPages.decode(utf8)?.0 == expected)
        #expect(PlainTextPages.decode(Data([0xEF, 0xBB, 0xBF]) + utf8)?.1 == .utf8)
        var little = Data([0xFF, 0xFE]), big = Data([0xFE, 0xFF])
        for unit in text.utf16 {
            little += Data([UInt8(unit & 0xFF), UInt8(unit >> 8)])
            big += Data([UInt8(unit >> 8), UInt8(unit & 0xFF)])
        }
        #expect(PlainTextPages.decode(little).map { [$0.0, $0.1.rawValue] } == [expected, "utf-16le"])
        #expect(PlainTextPages.decode(big).map { [$0.0, $0.1.rawValue] } == [expected, "utf-16be"])
        // "Één café – € 5" as Windows-1252 writes it.
        let ansi = Data([0xC9, 0xE9, 0x6E, 0x20, 0x63, 0x61, 0x66, 0xE9, 0x20, 0x96, 0x20, 0x80, 0x20, 0x35])
        let decoded = try #require(PlainTextPages.decode(ansi))
        #expect(decoded.0 == "Één café – € 5")
        #expect(decoded.1 == .windows1252)
    }

    @Test("Binary bytes, a NUL, a byte Windows-1252 leaves undefined or a broken UTF-16 body are refused")
    func refused() {
        #expect(PlainTextPages(data: Data([0x25, 0x00, 0x41])) == nil)
        #expect(PlainTextPages(data: Data([0x41, 0x81, 0x42])) == nil)
        #expect(PlainTextPages(data: Data([0xFF, 0xFE, 0x41])) == nil)
        #expect(PlainTextPages(data: Data([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00])) == nil)
    }

    @Test("Form feeds make the pages; one closing the file opens no empty page")
    func formFeeds() throws {
        let pages = try #require(PlainTextPages(data: Data("Pagina een\n\u{0C}Pagina twee\n\u{0C}\n".utf8))).pages
        #expect(pages == ["Pagina een\n", "Pagina twee\n"])
    }

    @Test("Without form feeds, pages close at a paragraph end near 3,000 characters and nothing is lost")
    func paragraphPages() throws {
        let paragraph = String(repeating: "De aanvrager verklaart dat hij zijn land heeft verlaten. ", count: 9) + "\n\n"
        let text = String(repeating: paragraph, count: 40)
        let pages = try #require(PlainTextPages(data: Data(text.utf8))).pages
        #expect(pages.count > 1)
        #expect(pages.joined() == text)
        #expect(pages.allSatisfy { $0.count <= PlainTextPages.targetPageLength })
        #expect(pages.dropLast().allSatisfy { $0.hasSuffix("\n\n") && $0.count > PlainTextPages.targetPageLength - paragraph.count })
    }

    @Test("A paragraph longer than a page is cut at line ends, and a line longer than a page at spaces")
    func longParagraph() throws {
        let line = String(repeating: "woord ", count: 1200)
        let pages = try #require(PlainTextPages(data: Data((line + "\n" + line).utf8))).pages
        #expect(pages.joined() == line + "\n" + line)
        #expect(pages.allSatisfy { $0.count <= PlainTextPages.targetPageLength })
        #expect(pages.count == 6)
    }

    @Test("A short letter is one page; an empty file one empty page")
    func short() throws {
        #expect(try #require(PlainTextPages(data: Data(letter.utf8))).pages.count == 1)
        #expect(try #require(PlainTextPages(data: Data())).pages == [""])
    }
}
