import DossierCore
import Foundation
import Testing
import TestSupport
@testable import Extraction

private let sharedPool = OCRWorkerPool(workers: 1, languages: "nld+eng")

@Suite("Plain-text and HTML files")
struct TextFileTests {
    let transcriber = DocumentTranscriber(options: TranscriptionOptions(), pool: sharedPool)

    @Test("HTML shows what a browser shows: no head, script, style or comment; paragraphs, lists, cells and breaks")
    func htmlText() {
        let markup = """
            <!DOCTYPE html><html><head><title>Titel</title><style>p { color: red }</style>
            <script>if (a < b && c > d) { document.write("<p>verborgen</p>") }</script></head>
            <body><h1>Beslissing   op
            aanvraag</h1><p>Geachte&nbsp;heer &amp; mevrouw,<br>tweede regel<br><br>na een lege regel</p>
            <ul><li>een<li>twee</ul><ol><li>eerste</li><li>tweede</li></ol>
            <table><tr><th>Datum</th><th>Bedrag</th></tr><tr><td>1 maart</td><td>&euro;&#160;5</td></tr></table>
            <!-- <p>commentaar</p> --><p>a &lt; b, cli&euml;nt, &#x131;, &#8364;, &#150;, &onbekend;</p>
            <PRE>  ingesprongen
              blijft</PRE><p>einde</body></html>
            """
        #expect(HTMLText.text(ofMarkup: markup) == """
            Beslissing op aanvraag

            Geachte heer & mevrouw,
            tweede regel

            na een lege regel

            - een
            - twee

            1. eerste
            2. tweede

            Datum\tBedrag
            1 maart\t€ 5

            a < b, cliënt, ı, €, –, &onbekend;

              ingesprongen
              blijft

            einde

            """)
    }

    @Test("An HTML page's declared charset, byte-order mark or UTF-8 is honoured; an undeclared Latin page reads as Windows-1252")
    func htmlEncodings() {
        let latin = Data("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head><body><p>caf".utf8)
            + Data([0xE9]) + Data("</p></body></html>".utf8)
        #expect(HTMLText.text(of: latin) == "café\n")
        let undeclared = Data("<html><body>".utf8) + Data([0x80, 0x20, 0x35]) + Data("</body></html>".utf8)
        #expect(HTMLText.text(of: undeclared) == "€ 5\n")
        let bom = Data([0xEF, 0xBB, 0xBF]) + Data("<html><body>Ç</body></html>".utf8)
        #expect(HTMLText.text(of: bom) == "Ç\n")
        #expect(HTMLText.text(of: Data("<html><body>a\u{0}b</body></html>".utf8)) == nil)
    }

    @Test("Broken markup never fails: a stray <, an unclosed tag, an unclosed comment, an unclosed script")
    func brokenMarkup() {
        #expect(HTMLText.text(ofMarkup: "3 < 4 en <b>vet") == "3 < 4 en vet\n")
        #expect(HTMLText.text(ofMarkup: "tekst <a href=\"x>y") == "tekst\n")
        #expect(HTMLText.text(ofMarkup: "voor<!-- nooit gesloten") == "voor\n")
        #expect(HTMLText.text(ofMarkup: "voor<script>var x = 1;") == "voor\n")
        #expect(HTMLText.text(ofMarkup: "") == "")
        #expect(HTMLText.text(ofMarkup: "<html><head><title>t</title><body><p>De brief</p>") == "De brief\n", "a head left open ends at the body")
    }

    @Test("Content decides: text and HTML are recognised as such; text under a binary document's name is refused")
    func sniffing() throws {
        #expect(try FileFormat.sniff(head: Data("Geachte heer,\n".utf8), fileExtension: "txt") == .text)
        #expect(try FileFormat.sniff(head: Data("Geachte heer,\n".utf8), fileExtension: "") == .text)
        #expect(try FileFormat.sniff(head: Data("  <!doctype HTML>\n<html>".utf8), fileExtension: "txt") == .html)
        #expect(try FileFormat.sniff(head: Data("<html><body>x".utf8), fileExtension: "htm") == .html)
        #expect(try FileFormat.sniff(head: Data([0xFF, 0xFE, 0x41, 0x00]), fileExtension: "txt") == .text)
        #expect(try FileFormat.sniff(head: Data("tekst met een \u{0C} pagina-einde".utf8), fileExtension: "md") == .text)
        #expect(throws: ExtractionError.unsupportedFormat(claimed: "pdf", looksLikeText: true)) {
            try FileFormat.sniff(head: Data("<html><body>404 Not Found".utf8), fileExtension: "pdf")
        }
        #expect(throws: ExtractionError.unsupportedFormat(claimed: "txt", looksLikeText: false)) {
            try FileFormat.sniff(head: Data([0x41, 0x00, 0x01, 0x42]), fileExtension: "txt")
        }
        #expect(!FileFormat.text.hasPageImages && FileFormat.pdf.hasPageImages)
    }

    @Test("The employer's statement (Windows-1252, CRLF) is read as one page of its own text")
    func plainTextSample() async throws {
        let transcript = try await transcriber.transcribe(SampleFiles.employerStatementText)
        #expect(transcript.pages.count == 1)
        let page = try #require(transcript.pages.first)
        #expect(page.method == .textFile)
        #expect(page.decision == .plainText)
        #expect(page.confidence == nil && page.layout == nil)
        #expect(page.text.contains("de heer Mehmet Öztürk, geboren op 4 mei 1991"))
        #expect(page.text.contains("€ 2.650,00"))
        #expect(!page.text.contains("\r"))
        #expect(transcript.sha256 == (try FileDigest.sha256(of: SampleFiles.employerStatementText)))
    }

    @Test("The corrections page is read as its shown text: the script, the style and the comment are not")
    func htmlSample() async throws {
        let transcript = try await transcriber.transcribe(SampleFiles.hearingCorrectionsHTML)
        let page = try #require(transcript.pages.first)
        #expect(transcript.pages.count == 1)
        #expect(page.decision == .htmlText)
        #expect(page.text.hasPrefix("Advocatenkantoor De Vries & Bakker\nPostbus 1234\n"))
        #expect(page.text.contains("van 4 november 2026."))
        #expect(page.text.contains("\n1. Op pagina 3 staat dat cliënt in 2015"))
        #expect(page.text.contains("5\tmet de bus\tmet een vrachtwagen"))
        for hidden in ["Dit staat niet op de pagina", "font-family", "interne notitie", "Correcties nader gehoor\n"] {
            #expect(!page.text.contains(hidden), "\(hidden) is not shown by a browser")
        }
    }

    @Test("A long text is cut into pages at paragraph ends, each within the page limit")
    func longTextPages() async throws {
        let folder = try TemporaryFolder()
        let paragraph = String(repeating: "Cliënt verklaart dat hij op 3 maart 2019 in Nederland is aangekomen. ", count: 10)
        let file = try folder.write("verslag.txt", Data(Array(repeating: paragraph, count: 20).joined(separator: "\n\n").utf8))
        let transcript = try await transcriber.transcribe(file)
        #expect(transcript.pages.count == 5)
        #expect(transcript.pages.map(\.number) == [1, 2, 3, 4, 5])
        #expect(transcript.pages.allSatisfy { $0.text.count <= PlainTextPages.targetPageLength + 1 })
        let limited = DocumentTranscriber(options: TranscriptionOptions(limits: ExtractionLimits(maxPages: 2)), pool: sharedPool)
        await #expect(throws: ExtractionError.tooManyPages(count: 5, limit: 2)) { try await limited.transcribe(file) }
    }

    @Test("Text in an encoding that cannot be told, and a searchable PDF of text, each say why in one line")
    func refusals() async throws {
        let folder = try TemporaryFolder()
        // Bytes that are neither UTF-8 nor Windows-1252 (0x81 is undefined there).
        let unknown = try folder.write("brief.txt", Data([0x47, 0x65, 0x81, 0x61, 0x63, 0x68, 0x74]))
        await #expect(throws: ExtractionError.unknownTextEncoding) { try await transcriber.transcribe(unknown) }
        #expect(ExtractionError.unknownTextEncoding.localizedDescription
            == "the text is in an encoding that cannot be told (not UTF-8, UTF-16 or Windows-1252)")
        let transcript = try await transcriber.transcribe(SampleFiles.employerStatementText)
        #expect(throws: ExtractionError.noPageImages("text")) {
            try SearchablePDFMaker().make(source: SampleFiles.employerStatementText, transcript: transcript,
                                          output: folder.url.appendingPathComponent("uit.pdf"))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("uit.pdf").path))
    }
}
