import Foundation
import Testing
import TestSupport
@testable import Containers

@Suite("ZIP archives, member by member")
struct ZIPArchiveReaderTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder("dossier-zip") }

    private func expand(_ data: Data, limits: ContainerLimits = ContainerLimits()) throws -> ContainerExpansion {
        let url = try folder.write("archief-\(UUID().uuidString).zip", data)
        return try ZIPArchiveReader.expand(url, into: folder.url.appendingPathComponent("uit-\(UUID().uuidString)"), limits: limits)
    }

    @Test("Files come out byte for byte under scratch names, private; links, escaping names and hidden entries do not")
    func members() throws {
        let pdf = try Data(contentsOf: SampleFiles.letterPDF)
        let archive = try MadeArchive.write([
            .file("brief.pdf", pdf),
            .file("scans/verklaring.txt", Data("Geachte heer,\n".utf8)),
            .file("../../etc/passwd", Data("root:x:0:0\n".utf8)),
            .file("/etc/shadow", Data("x".utf8)),
            .file("C:\\Windows\\win.ini", Data("x".utf8)),
            .link("snelkoppeling.pdf", to: "/etc/passwd"),
            .file("__MACOSX/._brief.pdf", Data("metadata".utf8)),
            .file(".DS_Store", Data("metadata".utf8)),
        ], to: folder.url.appendingPathComponent("gemaakt.zip"))
        let expansion = try expand(archive)
        #expect(expansion.unreadable == 0)
        #expect(expansion.members.map(\.name) == ["brief.pdf", "scans/verklaring.txt", "../../etc/passwd", "/etc/shadow",
                                                  "C:\\Windows\\win.ini", "snelkoppeling.pdf"])
        #expect(expansion.members.map(\.position) == [1, 2, 3, 4, 5, 6])
        guard case .file(let first) = expansion.members[0].content, case .file(let second) = expansion.members[1].content else {
            Issue.record("the two documents were not taken out")
            return
        }
        #expect(try Data(contentsOf: first) == pdf)
        #expect(first.lastPathComponent == "member-0001", "never written under its own name")
        #expect(try String(contentsOf: second, encoding: .utf8) == "Geachte heer,\n")
        #expect(expansion.members[1].fileName == "verklaring.txt")
        let mode = try FileManager.default.attributesOfItem(atPath: first.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        for index in 2...4 {
            #expect(expansion.members[index].content == .skipped("a name that leaves the archive"), "\(expansion.members[index].name)")
        }
        #expect(expansion.members[5].content == .skipped("a link, not followed"))
        #expect(!FileManager.default.fileExists(atPath: "/etc/passwd.zipped"))
    }

    @Test("Too many members, too many bytes and a bomb are refused whole before anything is kept")
    func limits() throws {
        let many = try MadeArchive.write((1...12).map { .file("p\($0).txt", Data("x".utf8)) }, to: folder.url.appendingPathComponent("veel.zip"))
        #expect(throws: ContainerError.tooManyMembers(count: 12, limit: 10)) { try expand(many, limits: ContainerLimits(maxMembers: 10)) }
        let zeros = try MadeArchive.write([.file("nullen.txt", Data(count: 20 << 20))], to: folder.url.appendingPathComponent("bom.zip"))
        #expect(zeros.count < 100_000, "twenty megabytes of zeros pack into a few kilobytes")
        do {
            _ = try expand(zeros)
            Issue.record("the bomb was unpacked")
        } catch let error as ContainerError {
            guard case .bomb(member: 1, _, limit: 200) = error else { Issue.record("\(error)"); return }
            #expect(error.localizedDescription.hasSuffix("(an archive bomb)"))
        }
        let big = try MadeArchive.write([.file("a.txt", Data(repeating: 65, count: 3 << 20))], to: folder.url.appendingPathComponent("groot.zip"))
        #expect(throws: ContainerError.self) { try expand(big, limits: ContainerLimits(maxExpandedBytes: 1 << 20, maxRatio: 1 << 30)) }
    }

    @Test("Encrypted members are listed with that reason, not silently dropped; a damaged archive says so")
    func unreadable() throws {
        let archive = try MadeArchive.write([.file("een.txt", Data("een".utf8)), .file("twee.txt", Data("twee".utf8))],
                                            to: folder.url.appendingPathComponent("slot.zip"))
        let expansion = try expand(MadeArchive.markedEncrypted(archive))
        #expect(expansion.members.map(\.content) == [.skipped("it is encrypted"), .skipped("it is encrypted")])
        #expect(ContainerListing.text(kind: "ZIP archive", members: expansion.members, unreadable: expansion.unreadable)
            == "ZIP archive with 2 files:\n1. een.txt — not taken in: it is encrypted\n2. twee.txt — not taken in: it is encrypted\n")
        #expect(throws: ContainerError.damaged("no end record")) { try expand(archive.prefix(archive.count / 2)) }
        #expect(throws: ContainerError.self) { try expand(Data("PK\u{3}\u{4}".utf8) + Data(count: 40)) }
    }

    @Test("Every cut and many bit flips of an archive end in members or a reason, never a crash")
    func damagedBytes() throws {
        let archive = try MadeArchive.write([.file("brief.txt", Data("Geachte heer, ik verklaar dit.\n".utf8)),
                                             .file("b.txt", Data(repeating: 66, count: 500))],
                                            to: folder.url.appendingPathComponent("heel.zip"))
        for cut in stride(from: 0, to: archive.count, by: 7) { _ = try? expand(archive.prefix(cut)) }
        // The same flips every run: a linear congruential sequence from a fixed seed.
        var state: UInt64 = 20_261_202
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<200 {
            var bytes = [UInt8](archive)
            for _ in 0..<3 { bytes[next(bytes.count)] ^= UInt8(1 + next(255)) }
            _ = try? expand(Data(bytes))
        }
    }
}
