import Foundation
import Testing
import TestSupport

/// `dossier transcribe PATH… --output-dir FOLDER`: many files in one run.
@Suite("transcribe into a folder")
struct TranscribeFolderTests {
    /// A case folder: two born-digital letters (one in a sub-folder, under the same name), the
    /// letter with a junk layer's sibling text file, and a broken PDF.
    private func caseFolder(in folder: TemporaryFolder) throws -> URL {
        let input = folder.url.appendingPathComponent("zaak")
        let sub = input.appendingPathComponent("bijlagen")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: SampleFiles.letterPDF, to: input.appendingPathComponent("brief.pdf"))
        try FileManager.default.copyItem(at: SampleFiles.letterPDF, to: sub.appendingPathComponent("brief.pdf"))
        try FileManager.default.copyItem(at: SampleFiles.employerStatementText, to: input.appendingPathComponent("brief.txt"))
        try FileManager.default.copyItem(at: SampleFiles.encryptedPDF, to: input.appendingPathComponent("dicht.pdf"))
        return input
    }

    private func mode(_ url: URL) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
    }

    private func files(under url: URL) -> [String] {
        (FileManager.default.enumerator(atPath: url.path)?.compactMap { $0 as? String } ?? []).sorted()
    }

    @Test("every file of a folder and of the command line gets its own private output; a bad one fails alone")
    func folderAndFiles() throws {
        let folder = try TemporaryFolder("dossier-transcribe-folder")
        let input = try caseFolder(in: folder)
        let out = folder.url.appendingPathComponent("uit")
        // A file named on the command line whose name a file in the folder already has.
        let result = try DossierBinary.run(["transcribe", input.path, SampleFiles.letterPDF.path, "--output-dir", out.path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines == [
            "dossier: \(input.path)/dicht.pdf: the PDF is encrypted and needs a password",
            "transcribed 4 of 5 files into \(out.path)",
            "dossier: 1 file failed",
        ])
        #expect(files(under: out) == [
            "bijlagen", "bijlagen/brief.pdf.txt", "brief.pdf.txt", "brief.txt.txt", "ingebrekestelling.pdf.txt",
        ])
        let alone = try DossierBinary.run(["transcribe", SampleFiles.letterPDF.path])
        for name in ["brief.pdf.txt", "bijlagen/brief.pdf.txt", "ingebrekestelling.pdf.txt"] {
            let written = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            #expect(written == alone.stdout, "\(name) holds what transcribe prints for the file alone")
        }
        let statement = try String(contentsOf: out.appendingPathComponent("brief.txt.txt"), encoding: .utf8)
        #expect(statement.hasPrefix("WERKGEVERSVERKLARING"))
        #expect(try mode(out) == 0o700)
        #expect(try mode(out.appendingPathComponent("bijlagen")) == 0o700)
        #expect(try mode(out.appendingPathComponent("brief.pdf.txt")) == 0o600)
    }

    @Test("two inputs with one name get (2); JSON outputs name their file")
    func sameNameAndJSON() throws {
        let folder = try TemporaryFolder("dossier-transcribe-folder")
        let input = try caseFolder(in: folder)
        let out = folder.url.appendingPathComponent("uit")
        let first = input.appendingPathComponent("brief.pdf").path
        let second = input.appendingPathComponent("bijlagen/brief.pdf").path
        let result = try DossierBinary.run(["transcribe", first, second, "--format", "json", "--output-dir", out.path, "--jobs", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(files(under: out) == ["brief (2).pdf.json", "brief.pdf.json"])
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("brief (2).pdf.json")))
        #expect((json as? [String: Any])?["file"] as? String == second)
    }

    @Test("an output folder inside the input folder is not read back; the input folder itself is refused")
    func outputInsideInput() throws {
        let folder = try TemporaryFolder("dossier-transcribe-folder")
        let input = try caseFolder(in: folder)
        let out = input.appendingPathComponent("tekst")
        for _ in 0..<2 {
            let result = try DossierBinary.run(["transcribe", input.path, "--output-dir", out.path])
            #expect(result.stderr.contains("transcribed 3 of 4 files"))
        }
        #expect(files(under: out).count == 4, "three transcripts and the sub-folder, nothing of its own output")

        let same = try DossierBinary.run(["transcribe", input.path, "--output-dir", input.path + "/"])
        #expect(same.status == 64)
        #expect(same.stderr == "dossier: \(input.path)/ is also an input: write the transcripts to another folder\n")
    }

    @Test("several files or a folder without --output-dir is a usage error naming the option")
    func needsOutputFolder() throws {
        let folder = try TemporaryFolder("dossier-transcribe-folder")
        let input = try caseFolder(in: folder)
        let two = try DossierBinary.run(["transcribe", SampleFiles.letterPDF.path, SampleFiles.employerStatementText.path])
        #expect(two.status == 64)
        #expect(two.stderr.contains("several files need --output-dir FOLDER"))
        let whole = try DossierBinary.run(["transcribe", input.path])
        #expect(whole.status == 64)
        #expect(whole.stderr.contains("\(input.path) is a folder: give --output-dir FOLDER"))
        #expect(files(under: folder.url).allSatisfy { !$0.hasSuffix(".txt.txt") })
    }

    @Test("--output naming a pipe writes into it and leaves it a pipe (renaming over it, as over /dev/null, would replace it)")
    func outputIntoAPipe() throws {
        let folder = try TemporaryFolder("dossier-transcribe-pipe")
        let pipe = folder.url.appendingPathComponent("uit")
        #expect(mkfifo(pipe.path, 0o600) == 0)
        // A reader drains the pipe while dossier writes to it.
        let received = LockedData()
        let reader = Thread {
            if let handle = FileHandle(forReadingAtPath: pipe.path) { received.set(handle.readDataToEndOfFile()) }
        }
        reader.start()
        let run = try DossierBinary.run(["transcribe", SampleFiles.letterPDF.path, "--output", pipe.path])
        // Should dossier never have opened the pipe, a writer opened and closed here ends the
        // reader's wait; a test that fails must not hang.
        let release = open(pipe.path, O_WRONLY | O_NONBLOCK)
        if release >= 0 { close(release) }
        let deadline = Date().addingTimeInterval(20)
        while !received.isSet, Date() < deadline { usleep(10_000) }
        #expect(received.isSet)
        #expect(run.status == 0)
        var info = stat()
        #expect(stat(pipe.path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        #expect(String(decoding: received.get(), as: UTF8.self).contains("Ingebrekestelling"))
    }

    @Test("A page no given language reads is, on standard output, the line that says so, not its noise")
    func unreadablePageOnStandardOutput() throws {
        let run = try DossierBinary.run(["transcribe", SampleFiles.persianPNG.path, "--lang", "nld+eng"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("[page 1"))
        #expect(run.stdout.contains("a person must read this page"))
        let auto = try DossierBinary.run(["transcribe", SampleFiles.persianPNG.path])
        #expect(auto.stdout.contains("به نام خدا"))
    }
}

/// Bytes handed from a reader thread to the test.
private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?

    func set(_ value: Data) { lock.withLock { data = value } }
    var isSet: Bool { lock.withLock { data != nil } }
    func get() -> Data { lock.withLock { data ?? Data() } }
}
