import DossierCore
import Foundation
import Testing
import TestSupport
@testable import Extraction

private let sharedPool = OCRWorkerPool(workers: 1, languages: "nld+eng")

/// The statement every made Office document holds.
private let statement = [
    "Verklaring van de heer A. Yilmaz",
    "Ik verklaar dat ik op 3 maart 2019 in Nederland ben aangekomen en dat mijn broer Mehmet in Istanbul woont.",
    "Correctie: op pagina 3 van het rapport moet 2015 worden vervangen door 2016.",
]

@Suite("Office documents through LibreOffice", .serialized)
struct OfficeTests {
    let transcriber = DocumentTranscriber(options: TranscriptionOptions(), pool: sharedPool)

    /// Converts `source` with LibreOffice by hand (for the old Word format, which is only made that way).
    static func convertByHand(_ source: URL, to format: String, in folder: URL) throws -> URL {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/soffice")
        process.arguments = ["--headless", "--norestore", "-env:UserInstallation=\(folder.appendingPathComponent("profile").absoluteURL.absoluteString)",
                             "--convert-to", format, "--outdir", folder.path, source.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return folder.appendingPathComponent(source.deletingPathExtension().lastPathComponent + "." + format)
    }

    @Test("Word, OpenDocument, RTF and Word 97 files are recognised by content and read through LibreOffice's PDF, as born-digital text")
    func kinds() async throws {
        let folder = try TemporaryFolder()
        let docx = folder.url.appendingPathComponent("verklaring.docx")
        try MadeOffice.docx(statement, to: docx)
        let odt = folder.url.appendingPathComponent("verklaring.odt")
        try MadeOffice.odt(statement, to: odt)
        let rtf = try folder.write("verklaring.rtf", MadeOffice.rtf(statement))
        let doc = try Self.convertByHand(docx, to: "doc", in: folder.url.appendingPathComponent("oud"))
        for (file, format) in [(docx, FileFormat.docx), (odt, .odt), (rtf, .rtf), (doc, .doc)] {
            // Named as anything: the content decides.
            let renamed = folder.url.appendingPathComponent("bijlage-\(format.rawValue).bin")
            try FileManager.default.copyItem(at: file, to: renamed)
            #expect(try FileFormat.sniff(renamed) == format)
            let transcript = try await transcriber.transcribe(renamed)
            let text = transcript.pages.map(\.text).joined(separator: "\n")
            #expect(transcript.pages.allSatisfy { $0.method == .textLayer }, "\(format)")
            #expect(normalisedWords(text).contains("ik verklaar dat ik op 3 maart 2019 in nederland ben aangekomen"), "\(format): \(text)")
            #expect(normalisedWords(text).contains("vervangen door 2016"), "\(format)")
        }
    }

    @Test("A damaged Word file, a spreadsheet, old slides and a conversion over its time each say why in one line")
    func refusals() async throws {
        let folder = try TemporaryFolder()
        let docx = folder.url.appendingPathComponent("heel.docx")
        try MadeOffice.docx(statement, to: docx)
        let whole = try Data(contentsOf: docx)
        let cut = try folder.write("kapot.docx", whole.prefix(whole.count / 2))
        await #expect(throws: ExtractionError.packageRefused("the document is damaged (no end record)")) { try await transcriber.transcribe(cut) }
        #expect(ExtractionError.packageRefused("the document is damaged (no end record)").localizedDescription
            == "the document is damaged (no end record); not converted")
        // Whole as a package but not a Word document inside: LibreOffice itself gives up.
        let hollow = folder.url.appendingPathComponent("hol.docx")
        try MadeArchive.write([.file("word/document.xml", Data("<niet-word/>".utf8))], to: hollow)
        await #expect(throws: ExtractionError.conversionFailed) { try await transcriber.transcribe(hollow) }
        #expect(ExtractionError.conversionFailed.localizedDescription == "LibreOffice could not convert it to PDF (damaged, or protected with a password)")
        let sheet = folder.url.appendingPathComponent("tabel.xlsx")
        try MadeArchive.write([.file("[Content_Types].xml", Data("<Types/>".utf8)), .file("xl/workbook.xml", Data("<workbook/>".utf8))], to: sheet)
        #expect(throws: ExtractionError.officeDocument(kind: "an Excel or PowerPoint file")) { try FileFormat.sniff(sheet) }
        var compound = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(count: 600)
        compound += Data("PowerPoint Document".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let slides = try folder.write("dia.ppt", compound)
        #expect(throws: ExtractionError.officeDocument(kind: "an old Office file that is not a Word document")) { try FileFormat.sniff(slides) }
        #expect(throws: ExtractionError.conversionTimedOut(seconds: 0.2)) {
            try OfficeConverter(timeout: 0.2).convert(docx, format: .docx, in: folder.url.appendingPathComponent("te-laat"))
        }
        #expect(ExtractionError.conversionTimedOut(seconds: 120).localizedDescription == "LibreOffice did not finish converting it within 120 s")
    }

    @Test("An Outlook message is turned into MIME by msgconvert and read as an e-mail; a damaged one keeps what can be read or says why")
    func outlookMessage() async throws {
        let folder = try TemporaryFolder()
        let msg = folder.url.appendingPathComponent("bericht.bin")
        try MadeOutlookMessage.write(to: msg, subject: "Aanvulling aanvraag cliënt", body: "Geachte heer, mevrouw,\r\n\r\nNamens mijn cliënt stuur ik u de ingebrekestelling.\r\n",
                                     attachment: SampleFiles.letterPDF, name: "ingebrekestelling.pdf")
        #expect(try FileFormat.sniff(msg) == .msg)
        let transcript = try await transcriber.transcribe(msg)
        let envelope = try #require(transcript.pages.first?.text)
        #expect(envelope.contains("Subject: Aanvulling aanvraag cliënt\n"))
        #expect(envelope.contains("From: mr. J. de Vries <devries@advocaat.example>\n"))
        #expect(envelope.contains("Attachments (1):\n1. ingebrekestelling.pdf\n"))
        #expect(transcript.pages.dropFirst().map(\.text).joined().contains("Namens mijn cliënt stuur ik u de ingebrekestelling."))
        #expect(!envelope.contains("Date:"), "a message with no sending time gets no date made up at conversion")
        // Its small streams wiped: what can still be read is kept (the attachment), never NULs for text.
        var bytes = try Data(contentsOf: msg)
        bytes.replaceSubrange(512..<2048, with: Data(count: 1536))
        let damaged = try folder.write("kapot.msg", bytes)
        do {
            let read = try await transcriber.transcribe(damaged)
            #expect(read.pages.allSatisfy { !$0.text.unicodeScalars.contains("\u{0}") })
            #expect(read.pages.first?.text.contains("1. ingebrekestelling.pdf") == true)
        } catch {
            #expect(error.localizedDescription.hasPrefix("an Outlook message: msgconvert "), "\(error.localizedDescription)")
        }
        // Cut before its directory it is no message at all, and says so.
        #expect(throws: ExtractionError.officeDocument(kind: "an old Office file that is not a Word document")) {
            try FileFormat.sniff(try folder.write("kort.msg", try Data(contentsOf: msg).prefix(700)))
        }
    }

    @Test("A Word file that is an archive bomb is refused from its directory before LibreOffice unpacks it")
    func bomb() async throws {
        let folder = try TemporaryFolder()
        let docx = folder.url.appendingPathComponent("bom.docx")
        try MadeOffice.docx(statement, to: docx, extraParts: [.file("word/media/leeg.xml", Data(count: 40 << 20))])
        do {
            _ = try await transcriber.transcribe(docx)
            Issue.record("the bomb was converted")
        } catch {
            #expect(error.localizedDescription.hasPrefix("member 4 of the document expands"))
            #expect(error.localizedDescription.hasSuffix("(an archive bomb); not converted"))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("profile").path))
    }

    @Test("A Word file with a macro project is converted without running it; nothing of the conversion is left behind")
    func macrosNeverRun() async throws {
        let folder = try TemporaryFolder()
        let docm = folder.url.appendingPathComponent("met-macro.docx")
        // A macro project part that would write a file if it ever ran; LibreOffice is told never to run one.
        let macro = Data("Sub AutoOpen()\n Open \"/tmp/dossier-macro-ran\" For Output As #1\nEnd Sub\n".utf8)
        try MadeOffice.docx(statement, to: docm, extraParts: [.file("word/vbaProject.bin", macro)])
        let work = folder.url.appendingPathComponent("omzetting")
        let pdf = try OfficeConverter().convert(docm, format: .docx, in: work)
        #expect(try Data(contentsOf: pdf).starts(with: Data("%PDF-".utf8)))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/dossier-macro-ran"))
        let settings = try String(contentsOf: work.appendingPathComponent("profile/user/registrymodifications.xcu"), encoding: .utf8)
        #expect(settings.contains("<prop oor:name=\"DisableMacrosExecution\" oor:op=\"fuse\"><value>true</value></prop>"))
        let mode = try FileManager.default.attributesOfItem(atPath: work.path)[.posixPermissions] as? Int
        #expect(mode == 0o700, "the conversion's folder, holding the document, is private")
    }
}
