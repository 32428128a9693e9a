import DossierCore
import Extraction
import Foundation
import Intake
import Review
import StoreSQLite
import Synchronization
import Testing
import TestSupport

private let sharedPool = OCRWorkerPool(workers: 2, languages: "nld+eng")

@Suite("Batch intake")
struct IntakeRunnerTests {
    let folder: TemporaryFolder
    let store: SQLiteReviewStore
    let runner: IntakeRunner
    let caseID = CaseID("ZAAK-3")!

    init() throws {
        folder = try TemporaryFolder("dossier-intake")
        store = try SQLiteReviewStore(directory: folder.url.appendingPathComponent("store"))
        runner = IntakeRunner(
            store: store, transcriber: DocumentTranscriber(options: TranscriptionOptions(), pool: sharedPool),
            concurrentFiles: 2
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
        #expect(items.count == 4)
        #expect(items.allSatisfy { $0.state == .proposed })
        #expect(Set(items.map(\.kind)) == [.documentType, .transcript])
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
        #expect(try await store.items(ReviewItemFilter()).count == 2)
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
            store: store,
            transcriber: DocumentTranscriber(options: TranscriptionOptions(deskew: false), pool: sharedPool),
            concurrentFiles: 1
        )
        let third = await english.run(paths: [SampleFiles.payslipPNG.path], caseID: CaseID("ZAAK-5")!)
        #expect(third.files[0].reusedTranscript == false)
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
