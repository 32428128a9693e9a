import DossierCore
import Extraction
import Foundation
import Intake
import Analysis
import Review
import StoreSQLite
import Synchronization
import Testing
import TestSupport

private let sharedPool = OCRWorkerPool(workers: 2, languages: "nld+eng")

/// Screening as on the samples' day: the notice of default is dated 3 November 2026.
private func screening(procedure: String? = nil) throws -> IntakeScreening {
    IntakeScreening(
        rules: try ScreeningRules.bundled(), today: CivilDate(year: 2026, month: 11, day: 23)!,
        checklist: try procedure.map(Checklist.named)
    )
}

@Suite("Batch intake")
struct IntakeRunnerTests {
    let folder: TemporaryFolder
    let store: SQLiteReviewStore
    let runner: IntakeRunner
    let caseID = CaseID("ZAAK-3")!

    init() async throws {
        folder = try TemporaryFolder("dossier-intake")
        store = try SQLiteReviewStore(directory: folder.url.appendingPathComponent("store"))
        try await TestAccounts.add(to: store)
        runner = IntakeRunner(
            store: store, actor: TestAccounts.intake, transcriber: DocumentTranscriber(options: TranscriptionOptions(), pool: sharedPool),
            screening: try screening(), concurrentFiles: 2
        )
    }

    /// An evidence folder with two good documents and every kind of bad input.
    private func makeEvidenceFolder() throws -> URL {
        let evidence = folder.url.appendingPathComponent("bewijs")
        let nested = evidence.appendingPathComponent("submap")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        let manager = FileManager.default
        try manager.copyItem(at: SampleFiles.letterPDF, to: evidence.appendingPathComponent("brief.pdf"))
        try manager.copyItem(at: SampleFiles.payslipPNG, to: nested.appendingPathComponent("loonstrook.png"))
        try manager.copyItem(at: SampleFiles.truncatedPDF, to: evidence.appendingPathComponent("kapot.pdf"))
        try manager.copyItem(at: SampleFiles.encryptedPDF, to: evidence.appendingPathComponent("versleuteld.pdf"))
        try Data().write(to: evidence.appendingPathComponent("leeg.pdf"))
        try Data("gewone tekst".utf8).write(to: evidence.appendingPathComponent("tekst.pdf"))
        try manager.createSymbolicLink(atPath: evidence.appendingPathComponent("lus-a").path, withDestinationPath: evidence.appendingPathComponent("lus-b").path)
        try manager.createSymbolicLink(atPath: evidence.appendingPathComponent("lus-b").path, withDestinationPath: evidence.appendingPathComponent("lus-a").path)
        try manager.createSymbolicLink(atPath: evidence.appendingPathComponent("terug").path, withDestinationPath: evidence.path)
        // A named pipe would block a naive reader forever.
        #expect(mkfifo(evidence.appendingPathComponent("pijp.pdf").path, 0o644) == 0)
        return evidence
    }

    @Test("Good files are stored with proposals; each bad one fails with a reason and the batch goes on")
    func mixedBatch() async throws {
        let evidence = try makeEvidenceFolder()
        let finished = Mutex<[String]>([])
        let report = await runner.run(paths: [evidence.path], caseID: caseID) { event in
            if case .finished(let outcome) = event { finished.withLock { $0.append(outcome.file) } }
        }
        let byName = Dictionary(uniqueKeysWithValues: report.files.map { (URL(fileURLWithPath: $0.file).lastPathComponent, $0) })
        #expect(byName["brief.pdf"]?.status == .stored)
        #expect(byName["brief.pdf"]?.type == "notice-of-default")
        #expect(byName["loonstrook.png"]?.status == .stored)
        #expect(byName["loonstrook.png"]?.type == "payslip")
        #expect(byName["kapot.pdf"]?.reason?.contains("damaged") == true)
        #expect(byName["versleuteld.pdf"]?.reason == "the PDF is encrypted and needs a password")
        #expect(byName["leeg.pdf"]?.reason == "the file is empty")
        #expect(byName["tekst.pdf"]?.reason == "named .pdf but the content is plain text, not a PDF or image")
        #expect(byName["lus-a"]?.reason == "symbolic link loop")
        #expect(byName["terug"]?.reason == "symbolic link to a folder, not followed")
        #expect(byName["pijp.pdf"]?.reason == "not a regular file")
        #expect(byName["kapot.pdf"]?.reason == "the document is damaged and cannot be opened")
        #expect(report.storedCount == 2)
        #expect(report.failedCount == report.files.count - 2)
        #expect(finished.withLock { $0.count } == report.files.count)

        // Every machine output waits as a proposal; nothing of the failed files was stored.
        let items = try await store.items(ReviewItemFilter(caseID: caseID))
        #expect(items.filter { $0.kind == .documentType || $0.kind == .transcript }.count == 4, "a type and a transcript for each document")
        #expect(items.contains { $0.kind == .summary && $0.fileName == "brief.pdf" && $0.evidence.count >= 1 }, "the letter's summary, cited")
        #expect(items.contains { $0.kind == .summary && $0.summary.hasPrefix("Case ZAAK-3: 2 documents.") }, "the case overview")
        #expect(items.contains { $0.kind == .flag && $0.summary.contains("deadline") }, "the letter's passed deadline")
        #expect(items.allSatisfy { $0.state == .proposed })
        #expect(Set(items.map(\.kind)) == [.documentType, .transcript, .flag, .summary, .redaction])
        #expect(items.filter { $0.kind == .redaction }.count == 2, "a redaction set for each document")
        let documents = try await store.documents(in: caseID)
        #expect(Set(documents.map(\.fileName)) == ["brief.pdf", "loonstrook.png"])
        #expect(documents.first { $0.fileName == "loonstrook.png" }?.pages.first?.method == .ocr)
    }

    @Test("Taking in the same files again adds nothing and says so")
    func secondRunIsDuplicate() async throws {
        let first = await runner.run(paths: [SampleFiles.letterPDF.path], caseID: caseID)
        #expect(first.storedCount == 1)
        let copy = folder.url.appendingPathComponent("kopie.pdf")
        try FileManager.default.copyItem(at: SampleFiles.letterPDF, to: copy)
        let second = await runner.run(paths: [SampleFiles.letterPDF.path, copy.path], caseID: caseID)
        #expect(second.duplicateCount == 2)
        #expect(second.files.allSatisfy { $0.reason?.contains("ingebrekestelling.pdf") == true })
        let before = first.files[0].items.count + first.caseItems.count + first.redactionItems.count
        #expect(try await store.items(ReviewItemFilter()).count == before, "nothing was added")
    }

    @Test("A plain-text statement and an HTML page are stored with their own text; their summaries and flags cite it")
    func textFiles() async throws {
        let report = await runner.run(paths: [SampleFiles.employerStatementText.path, SampleFiles.hearingCorrectionsHTML.path], caseID: caseID)
        #expect(report.storedCount == 2, "\(report.files.map { $0.reason ?? "" })")
        #expect(report.files.map(\.type) == ["employment-contract", "hearing-report"])
        let documents = try await store.documents(in: caseID)
        let text = try #require(documents.first { $0.fileName == "werkgeversverklaring.txt" })
        #expect(text.format == "text")
        #expect(text.pages.first?.method == .textFile)
        #expect(documents.first { $0.fileName == "correcties-nader-gehoor.html" }?.format == "html")
        // The original is kept byte for byte, Windows-1252 and all.
        let original = try await store.originalURL(sha256: text.sha256)
        #expect(try Data(contentsOf: original) == Data(contentsOf: SampleFiles.employerStatementText))
        let items = try await store.items(ReviewItemFilter(caseID: caseID))
        let summary = try #require(items.first { $0.kind == .summary && $0.fileName == "werkgeversverklaring.txt" })
        let page = try #require(text.pages.first)
        let characters = Array(page.text)
        #expect(!summary.evidence.isEmpty)
        for evidence in summary.evidence {
            #expect(evidence.page == 1)
            #expect(String(characters[evidence.start..<evidence.end]) == evidence.quote, "each sentence cites the characters it quotes")
        }
    }

    @Test("A ZIP archive is stored with a listing, and each file in it (an archive inside it too) as a document that names where it came from")
    func archive() async throws {
        let inner = try MadeArchive.write([.file("correcties.html", try Data(contentsOf: SampleFiles.hearingCorrectionsHTML))],
                                          to: folder.url.appendingPathComponent("binnen.zip"))
        let zip = folder.url.appendingPathComponent("stukken.zip")
        try MadeArchive.write([
            .file("brieven/ingebrekestelling.pdf", try Data(contentsOf: SampleFiles.letterPDF)),
            .file("werkgeversverklaring.txt", try Data(contentsOf: SampleFiles.employerStatementText)),
            .file("../../etc/passwd", Data("root:x:0:0\n".utf8)),
            .file("bijlagen.zip", inner),
            .file("__MACOSX/._ingebrekestelling.pdf", Data("x".utf8)),
        ], to: zip)
        let seen = Mutex<[IntakeEvent]>([])
        let report = await runner.run(paths: [zip.path], caseID: caseID) { event in seen.withLock { $0.append(event) } }
        let names = report.files.map { URL(fileURLWithPath: $0.file.components(separatedBy: " › ").last ?? "").lastPathComponent }
        #expect(names == ["stukken.zip", "ingebrekestelling.pdf", "werkgeversverklaring.txt", "passwd", "bijlagen.zip", "correcties.html"])
        #expect(report.files[0].file == zip.path)
        #expect(report.files[1].file == zip.path + " › brieven/ingebrekestelling.pdf")
        #expect(report.files[5].file == zip.path + " › bijlagen.zip › correcties.html")
        #expect(report.files.map(\.status) == [.stored, .stored, .stored, .failed, .stored, .stored])
        #expect(report.files[3].reason == "a name that leaves the archive")
        #expect(report.files[1].type == "notice-of-default")
        #expect(seen.withLock { events in events.filter { if case .finished = $0 { true } else { false } }.count } == 6, "one finish per file")
        #expect(seen.withLock { events in events.contains { if case .discovered(4) = $0 { true } else { false } } })

        let documents = try await store.documents(in: caseID)
        let byName = Dictionary(uniqueKeysWithValues: documents.map { ($0.fileName, $0) })
        let archive = try #require(byName["stukken.zip"])
        #expect(archive.format == "zip" && archive.origin == nil)
        #expect(archive.pages.first?.text == """
            ZIP archive with 4 files:
            1. brieven/ingebrekestelling.pdf
            2. werkgeversverklaring.txt
            3. ../../etc/passwd — not taken in: a name that leaves the archive
            4. bijlagen.zip

            """)
        #expect(try Data(contentsOf: try await store.originalURL(sha256: archive.sha256)) == Data(contentsOf: zip), "the archive is kept byte for byte")
        let letter = try #require(byName["ingebrekestelling.pdf"])
        #expect(letter.origin == DocumentOrigin(parentSHA256: archive.sha256, parentFileName: "stukken.zip", position: 1,
                                                name: "brieven/ingebrekestelling.pdf"))
        let nested = try #require(byName["correcties.html"])
        #expect(nested.origin?.parentFileName == "bijlagen.zip" && nested.origin?.position == 1)
        #expect(byName["bijlagen.zip"]?.origin?.parentSHA256 == archive.sha256)
        #expect(documents.count == 5)

        // Again: nothing new is stored, and the files inside are recognised as already there.
        let again = await runner.run(paths: [zip.path], caseID: caseID)
        #expect(again.files.map(\.status) == [.duplicate, .duplicate, .duplicate, .failed, .duplicate, .duplicate])
        #expect(try await store.documents(in: caseID).count == 5)
    }

    @Test("An e-mail is stored as its envelope and body; each attachment, a forwarded message and its own attachment too, names the message it came from")
    func email() async throws {
        let mail = try folder.write("aanvulling.eml", MadeMail.lawyersMessage(
            pdf: try Data(contentsOf: SampleFiles.letterPDF), statement: try Data(contentsOf: SampleFiles.employerStatementText)))
        let report = await runner.run(paths: [mail.path], caseID: caseID)
        #expect(report.files.map(\.status) == [.stored, .stored, .stored, .stored], "\(report.files.map { $0.reason ?? "" })")
        #expect(report.files.map(\.file) == [mail.path, mail.path + " › ingebrekestelling cliënt.pdf", mail.path + " › doorgestuurd.eml",
                                             mail.path + " › doorgestuurd.eml › werkgeversverklaring.txt"])
        #expect(Array(report.files.map(\.type).dropFirst()) == ["notice-of-default", "other", "employment-contract"])
        let documents = try await store.documents(in: caseID)
        let message = try #require(documents.first { $0.fileName == "aanvulling.eml" })
        #expect(message.format == "email")
        #expect(message.pages.map(\.decision) == [.emailText, .emailText])
        let envelope = try #require(message.pages.first?.text)
        #expect(envelope.contains("Subject: Aanvulling aanvraag cliënt(V-nummer)\n"))
        #expect(envelope.contains("Date: Tue, 3 Nov 2026 10:15:00 +0100 (2026-11-03)\n"))
        #expect(envelope.contains("Attachments (2):\n1. ingebrekestelling cliënt.pdf\n2. doorgestuurd.eml\n"))
        #expect(envelope.contains("Not taken in: a small picture in the text (image/png"))
        #expect(message.pages[1].text.contains("Namens mijn cliënt, de heer A. Yilmaz"))
        let letter = try #require(documents.first { $0.fileName == "ingebrekestelling cliënt.pdf" })
        #expect(letter.origin == DocumentOrigin(parentSHA256: message.sha256, parentFileName: "aanvulling.eml", position: 1,
                                                name: "ingebrekestelling cliënt.pdf"))
        #expect(try Data(contentsOf: try await store.originalURL(sha256: letter.sha256)) == Data(contentsOf: SampleFiles.letterPDF))
        let statement = try #require(documents.first { $0.fileName == "werkgeversverklaring.txt" })
        #expect(statement.origin?.parentFileName == "doorgestuurd.eml")
        // The message's own date is a dated fact of the case.
        let analysis = DocumentAnalyzer(rules: try ScreeningRules.bundled(), today: CivilDate(year: 2026, month: 11, day: 23)!).analyze(DocumentTranscript(file: message.fileName, sha256: message.sha256, pages: message.pages))
        #expect(analysis.dates.contains { $0.date == CivilDate(year: 2026, month: 11, day: 3) })
        #expect(analysis.identifiers.contains { $0.value == "1234567890" })

        // An attachment named to climb out of a folder is only ever a label: stored by its last part.
        let climbing = try folder.write("klimmer.eml", Data("""
            From: a@example.nl\r
            To: b@example.org\r
            Subject: bijlage\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary=k\r
            \r
            --k\r
            Content-Type: text/plain\r
            Content-Disposition: attachment; filename="../../etc/passwd"\r
            \r
            Geachte heer, hierbij de verklaring.\r
            --k--\r

            """.utf8))
        let climbed = await runner.run(paths: [climbing.path], caseID: caseID)
        #expect(climbed.files.map(\.status) == [.stored, .stored])
        let passwd = try #require(try await store.documents(in: caseID).first { $0.origin?.parentFileName == "klimmer.eml" })
        #expect(passwd.fileName == "passwd" && passwd.origin?.name == "../../etc/passwd")
    }

    @Test("An Outlook message is stored as it came and read through msgconvert; its attachment is a document that names it")
    func outlookMessage() async throws {
        let msg = folder.url.appendingPathComponent("aanvulling.msg")
        try MadeOutlookMessage.write(to: msg, subject: "Aanvulling", body: "Namens mijn cliënt stuur ik u de ingebrekestelling.",
                                     attachment: SampleFiles.letterPDF, name: "ingebrekestelling.pdf")
        let report = await runner.run(paths: [msg.path], caseID: caseID)
        #expect(report.files.map(\.status) == [.stored, .stored], "\(report.files.map { $0.reason ?? "" })")
        let documents = try await store.documents(in: caseID)
        let message = try #require(documents.first { $0.fileName == "aanvulling.msg" })
        #expect(message.format == "msg")
        #expect(try Data(contentsOf: try await store.originalURL(sha256: message.sha256)) == Data(contentsOf: msg))
        let letter = try #require(documents.first { $0.origin?.parentSHA256 == message.sha256 })
        #expect(letter.fileName == "ingebrekestelling.pdf")
        #expect(try Data(contentsOf: try await store.originalURL(sha256: letter.sha256)) == Data(contentsOf: SampleFiles.letterPDF))
    }

    @Test("A Word document is stored as it came, with the PDF LibreOffice made of it beside it; its text is that PDF's")
    func officeDocument() async throws {
        let docx = folder.url.appendingPathComponent("verklaring.docx")
        try MadeOffice.docx(["Werkgeversverklaring", "De heer Mehmet Öztürk is sinds 1 februari 2025 bij ons in dienst als broodbakker.",
                             "Zijn bruto maandloon bedraagt € 2.650,00."], to: docx)
        let report = await runner.run(paths: [docx.path], caseID: caseID)
        #expect(report.files.map(\.status) == [.stored], "\(report.files.map { $0.reason ?? "" })")
        let document = try #require(try await store.documents(in: caseID).first)
        #expect(document.format == "docx")
        #expect(document.pages.first?.method == .textLayer)
        #expect(document.pages.first?.text.contains("sinds 1 februari 2025 bij ons in dienst als broodbakker") == true)
        #expect(try Data(contentsOf: try await store.originalURL(sha256: document.sha256)) == Data(contentsOf: docx), "the original as it came")
        let rendition = try #require(document.renditionSHA256)
        #expect(rendition != document.sha256)
        let pdf = try Data(contentsOf: try await store.originalURL(sha256: rendition))
        #expect(pdf.starts(with: Data("%PDF-".utf8)))
        #expect(FileDigest.sha256(of: pdf) == rendition)
    }

    @Test("An archive inside archives four deep, a bomb and a damaged archive each fail in one line; nothing of them is stored")
    func hostileArchives() async throws {
        var nested = try MadeArchive.write([.file("brief.txt", Data("Geachte heer,\n".utf8))], to: folder.url.appendingPathComponent("n0.zip"))
        for level in 1...4 {
            nested = try MadeArchive.write([.file("laag-\(level).zip", nested)], to: folder.url.appendingPathComponent("n\(level).zip"))
        }
        let bomb = try MadeArchive.write([.file("nullen.txt", Data(count: 20 << 20))], to: folder.url.appendingPathComponent("bom.zip"))
        let damaged = try folder.write("kapot.zip", bomb.prefix(bomb.count / 2))
        let report = await runner.run(paths: [folder.url.appendingPathComponent("n4.zip").path, folder.url.appendingPathComponent("bom.zip").path,
                                              damaged.path], caseID: caseID)
        #expect(report.files.map(\.status) == [.stored, .stored, .stored, .failed, .failed, .failed])
        #expect(report.files[3].reason == "an archive inside archives more than 3 levels deep; not opened")
        #expect(report.files[3].file.hasSuffix("n4.zip › laag-4.zip › laag-3.zip › laag-2.zip"))
        #expect(report.files[4].reason?.hasSuffix("(an archive bomb)") == true)
        #expect(report.files[5].reason == "the archive is damaged (no end record)")
        #expect(try await store.documents(in: caseID).map(\.fileName) == ["n4.zip", "laag-4.zip", "laag-3.zip"])

        // --max-file-mb holds for archives too, before they are opened.
        let small = IntakeRunner(
            store: store, actor: TestAccounts.intake, transcriber: DocumentTranscriber(options: TranscriptionOptions(), pool: sharedPool),
            screening: try screening(), concurrentFiles: 1, maxFileBytes: 1000
        )
        let big = try MadeArchive.write([.file("brief.pdf", try Data(contentsOf: SampleFiles.letterPDF))], to: folder.url.appendingPathComponent("groot.zip"))
        let refused = await small.run(paths: [folder.url.appendingPathComponent("groot.zip").path], caseID: caseID)
        #expect(refused.files.map(\.reason) == [ExtractionError.tooLarge(bytes: Int64(big.count), limit: 1000).localizedDescription])
    }

    @Test("The same bytes in another case reuse the stored transcript instead of OCR'ing again")
    func reuseAcrossCases() async throws {
        let first = await runner.run(paths: [SampleFiles.payslipPNG.path], caseID: caseID)
        #expect(first.files[0].status == .stored)
        #expect(first.files[0].reusedTranscript == false)
        let other = CaseID("ZAAK-4")!
        let second = await runner.run(paths: [SampleFiles.payslipPNG.path], caseID: other)
        #expect(second.files[0].status == .stored)
        #expect(second.files[0].reusedTranscript == true)
        let a = try await store.documents(in: caseID)[0].pages
        let b = try await store.documents(in: other)[0].pages
        #expect(a == b)
        // Different settings make a different transcript.
        let english = IntakeRunner(
            store: store, actor: TestAccounts.intake,
            transcriber: DocumentTranscriber(options: TranscriptionOptions(deskew: false), pool: sharedPool),
            screening: try screening(), concurrentFiles: 1
        )
        let third = await english.run(paths: [SampleFiles.payslipPNG.path], caseID: CaseID("ZAAK-5")!)
        #expect(third.files[0].reusedTranscript == false)
    }

    @Test("The same input with the same versions gives the same proposals, and each records those versions")
    func proposalsAreReproducible() async throws {
        _ = await runner.run(paths: [SampleFiles.letterPDF.path], caseID: caseID)
        let other = CaseID("ZAAK-6")!
        _ = await runner.run(paths: [SampleFiles.letterPDF.path], caseID: other)
        let a = try await store.items(ReviewItemFilter(caseID: caseID)).filter { $0.kind != .summary || !$0.summary.hasPrefix("Case") }
        let b = try await store.items(ReviewItemFilter(caseID: other)).filter { $0.kind != .summary || !$0.summary.hasPrefix("Case") }
        #expect(a.count == b.count && !a.isEmpty)
        for (first, second) in zip(a, b) {
            #expect(first.kind == second.kind && first.summary == second.summary)
            #expect(first.proposal == second.proposal && first.evidence == second.evidence)
            #expect(first.versions == second.versions)
        }
        let versions = try #require(try JSONSerialization.jsonObject(with: Data(a[0].versions.utf8)) as? [String: String])
        #expect(versions["program"] != nil && versions["transcription"] != nil)
        #expect(versions["models/doctype"]?.count == 16 && versions["models/rules"]?.count == 16 && versions["models/summaries"]?.count == 16)
        // The audit trail carries them too.
        let proposed = try await store.auditEvents(caseID: caseID).filter { $0.action == .propose }
        #expect(proposed.contains { $0.versions == a[0].versions })
    }

    @Test("Every flag becomes a review item with its evidence; the case's own flags come after the batch, once")
    func flagsBecomeItems() async throws {
        let labour = IntakeRunner(
            store: store, actor: TestAccounts.intake, transcriber: DocumentTranscriber(options: TranscriptionOptions(), pool: sharedPool),
            screening: try screening(procedure: "labour"), concurrentFiles: 2
        )
        let report = await labour.run(paths: [SampleFiles.letterPDF.path, SampleFiles.scannedLetterPDF.path], caseID: caseID)
        #expect(report.storedCount == 2)
        let flags = try await store.items(ReviewItemFilter(caseID: caseID)).filter { $0.kind == .flag }
        let deadline = try #require(flags.first { $0.summary.hasPrefix("critical deadline") && $0.fileName == "ingebrekestelling.pdf" })
        #expect(deadline.evidence.first?.quote == "3 november 2026")
        #expect(deadline.proposal.contains("\"scope\":\"document\""))
        #expect(deadline.priority > 0)
        #expect(flags.contains { $0.summary.contains("near-duplicate") })
        #expect(flags.filter { $0.summary.contains("missing-document") }.count == 3, "no passport, contract or payslip")
        #expect(report.caseItems.count == flags.filter { $0.proposal.contains("\"scope\":\"case\"") }.count + 1, "and the case overview")
        // Those belong to the case, not to a document.
        let caseItems = try await store.items(ReviewItemFilter(caseID: caseID)).filter { report.caseItems.contains($0.id) }
        #expect(!caseItems.isEmpty && caseItems.allSatisfy { $0.scope == .case && $0.documentSHA256 == nil && $0.fileName == nil })
        #expect(flags.filter { $0.scope == .document }.allSatisfy { $0.proposal.contains("\"scope\":\"document\"") })
        // Screening the case again (a later intake) proposes nothing it proposed before.
        let again = await labour.run(paths: [SampleFiles.payslipPNG.path], caseID: caseID)
        let after = try await store.items(ReviewItemFilter(caseID: caseID)).filter { $0.kind == .flag }
        #expect(after.filter { $0.summary.contains("missing-document") }.count == 3,
                "the payslip meets one requirement: nothing new to say; the old items stay for the reviewer")
        #expect(again.caseItems.allSatisfy { id in !flags.contains { $0.id == id } })
    }

    @Test("A link inside a given folder to a file outside it is not followed unless asked")
    func linksOutOfTheFolder() async throws {
        let evidence = folder.url.appendingPathComponent("links")
        try FileManager.default.createDirectory(at: evidence, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: SampleFiles.letterPDF, to: evidence.appendingPathComponent("brief.pdf"))
        try FileManager.default.createSymbolicLink(atPath: evidence.appendingPathComponent("buiten.png").path, withDestinationPath: SampleFiles.payslipPNG.path)
        try FileManager.default.createSymbolicLink(atPath: evidence.appendingPathComponent("binnen.pdf").path, withDestinationPath: "brief.pdf")
        let report = await runner.run(paths: [evidence.path], caseID: caseID)
        let outside = try #require(report.files.first { $0.file.hasSuffix("buiten.png") })
        #expect(outside.status == .failed)
        #expect(outside.reason == "symbolic link to a file outside the given folder, not followed unless asked for")
        // The link inside the folder is followed: it and the file it names are the same bytes,
        // read at the same time, so one is stored and the other found as its duplicate.
        let same = report.files.filter { $0.file.hasSuffix("binnen.pdf") || $0.file.hasSuffix("brief.pdf") }.map(\.status)
        #expect(same.sorted { $0.rawValue < $1.rawValue } == [.duplicate, .stored], "\(report.files.map { $0.reason ?? "" })")
        // Named directly, or with followLinksOutside, the link is followed.
        let direct = await runner.run(paths: [evidence.appendingPathComponent("buiten.png").path], caseID: CaseID("ZAAK-L")!)
        #expect(direct.files.first?.status == .stored)
        let following = IntakeRunner(
            store: store, actor: TestAccounts.intake, transcriber: DocumentTranscriber(options: TranscriptionOptions(), pool: sharedPool),
            screening: try screening(), concurrentFiles: 1, followLinksOutside: true
        )
        let followed = await following.run(paths: [evidence.path], caseID: CaseID("ZAAK-M")!)
        #expect(followed.files.first { $0.file.hasSuffix("buiten.png") }?.status == .stored)
    }

    @Test("A missing path and an unreadable file are reported, not fatal")
    func missingAndUnreadable() async throws {
        let locked = try folder.write("geheim.pdf", try Data(contentsOf: SampleFiles.letterPDF))
        chmod(locked.path, 0o000)
        defer { chmod(locked.path, 0o644) }
        let report = await runner.run(paths: [folder.url.appendingPathComponent("weg").path, locked.path, SampleFiles.letterPDF.path], caseID: caseID)
        #expect(report.files[0].reason == "no such file or folder")
        #expect(report.storedCount == 1)
        // Root can read anything; elsewhere the locked file must fail with a permission reason.
        if getuid() != 0 {
            #expect(report.files[1].reason?.contains("permission denied") == true)
        }
    }
}
