import Foundation
import FuzzTargets
import Testing
import TestSupport

/// The fuzz harness itself: its seeds are real inputs, its inputs are reproducible, and every
/// crasher it ever found (kept in Regressions/<target>/) now returns normally.
@Suite("Fuzz harness and regressions")
struct FuzzTests {
    static let regressions = SampleFiles.repositoryRoot.appendingPathComponent("Tests/FuzzTests/Regressions")

    @Test("Every seed goes through its target", arguments: FuzzTarget.allCases)
    func seeds(target: FuzzTarget) async throws {
        let folder = try TemporaryFolder("dossier-fuzz-seeds")
        let context = FuzzContext()
        #expect(target.seeds.count >= 4)
        for seed in target.seeds {
            await target.run(seed, scratch: folder.url.appendingPathComponent("input"), context: context)
        }
    }

    @Test("The document seeds are documents dossier reads")
    func documentSeedsAreReal() throws {
        let folder = try TemporaryFolder("dossier-fuzz-seeds")
        for (index, seed) in FuzzTarget.documents.seeds.enumerated() {
            let url = try folder.write("seed-\(index)", Data(seed))
            let run = try DossierBinary.run(["transcribe", url.path, "--ocr", "never"])
            #expect(run.status == 0 || !seed.starts(with: Array("%PDF".utf8)), "seed \(index): \(run.stderr)")
        }
        let letter = try folder.write("letter.pdf", Data(FuzzTarget.documents.seeds[0]))
        #expect(try DossierBinary.run(["transcribe", letter.path]).stdout.contains("Voorbeeldstad"))
    }

    @Test("An input is named by its seed and index: the same pair gives the same bytes, another pair others")
    func reproducible() {
        let target = FuzzTarget.documents
        let first = (0..<50).map { target.mutator.input(seed: 7, index: $0, seeds: target.seeds) }
        let again = (0..<50).map { target.mutator.input(seed: 7, index: $0, seeds: target.seeds) }
        let otherSeed = (0..<50).map { target.mutator.input(seed: 8, index: $0, seeds: target.seeds) }
        #expect(first == again)
        #expect(first != otherSeed)
        #expect(Set(first).count >= 45, "inputs differ from one another")
        #expect(first.filter { input in target.seeds.contains(input) }.count <= 2, "inputs are mutated, not the seeds")
    }

    @Test("Crashers found by the fuzzer (and the hand-kept edge cases beside them) return normally now")
    func regressions() async throws {
        let folder = try TemporaryFolder("dossier-fuzz-regressions")
        let context = FuzzContext()
        var isFolder: ObjCBool = false
        try #require(FileManager.default.fileExists(atPath: Self.regressions.path, isDirectory: &isFolder) && isFolder.boolValue,
                     "Tests/FuzzTests/Regressions is missing: the replay would pass without replaying anything")
        let known = Set(FuzzTarget.allCases.map(\.rawValue))
        var replayed = 0
        for entry in try FileManager.default.contentsOfDirectory(atPath: Self.regressions.path).sorted() where entry != "README.md" {
            guard let target = FuzzTarget(rawValue: entry) else {
                Issue.record("Regressions/\(entry) names no fuzz target (\(known.sorted().joined(separator: ", ")))")
                continue
            }
            let place = Self.regressions.appendingPathComponent(entry)
            for name in try FileManager.default.contentsOfDirectory(atPath: place.path).sorted() {
                guard name.hasSuffix(".bin") else {
                    Issue.record("Regressions/\(entry)/\(name) is not a .bin input")
                    continue
                }
                let data = try Data(contentsOf: place.appendingPathComponent(name))
                await target.run([UInt8](data), scratch: folder.url.appendingPathComponent("input"), context: context)
                replayed += 1
            }
        }
        #expect(replayed >= 5, "every kept input was replayed")
    }
}
