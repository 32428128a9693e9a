// dossier-fuzz: a corpus-mutation fuzzer over document opening and the MRZ, date and identifier
// parsers (see FuzzTargets). Not shipped to users.
//
//   dossier-fuzz run [--target NAME]… [--inputs N] [--seed N] [--crashes DIR] [--hang-seconds S]
//       Runs inputs 0..<N of each target in a child process; a child that dies by a signal or
//       exits badly marks its current input a crasher, which is saved to DIR and skipped; one
//       that stops advancing for S seconds is a hang. Exit status 1 when anything was found.
//   dossier-fuzz replay --target NAME FILE…
//       Feeds saved inputs to the target in this process (to debug a crasher).
//   dossier-fuzz write --target NAME --seed N --index I FILE
//       Writes input I of a run to FILE.
//   dossier-fuzz seeds DIR
//       Writes every target's seed corpus to DIR/<target>/.
//   dossier-fuzz child …   (what run starts)

import Foundation
import FuzzTargets
import Glibc

struct Arguments {
    var values: [String: [String]] = [:]
    var positional: [String] = []

    init(_ list: ArraySlice<String>) {
        var iterator = list.makeIterator()
        while let word = iterator.next() {
            if word.hasPrefix("--"), let value = iterator.next() {
                values[String(word.dropFirst(2)), default: []].append(value)
            } else {
                positional.append(word)
            }
        }
    }

    func one(_ name: String) -> String? { values[name]?.last }
    func int(_ name: String, _ fallback: Int) -> Int { one(name).flatMap(Int.init) ?? fallback }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("dossier-fuzz: \(message)\n".utf8))
    exit(2)
}

func target(_ name: String?) -> FuzzTarget {
    guard let name, let target = FuzzTarget(rawValue: name) else {
        fail("--target must be one of \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return target
}

/// The child: runs inputs `from..<to`, writing the index of each to `progress` before it runs.
func child(_ arguments: Arguments) async {
    let target = target(arguments.one("target"))
    let seed = UInt64(arguments.int("seed", 1))
    let from = arguments.int("from", 0), to = arguments.int("to", 0)
    guard let progressPath = arguments.one("progress"), let scratchPath = arguments.one("scratch") else { fail("child needs --progress and --scratch") }
    let progress = open(progressPath, O_WRONLY | O_CREAT, 0o600)
    guard progress >= 0 else { fail("cannot open the progress file") }
    // Libraries complain on stderr about broken files; the parent has no use for it.
    let null = open("/dev/null", O_WRONLY)
    dup2(null, STDERR_FILENO)
    let context = FuzzContext()
    let seeds = target.seeds
    let mutator = target.mutator
    let scratch = URL(fileURLWithPath: scratchPath)
    for index in from..<to {
        var value = Int64(index)
        _ = withUnsafeBytes(of: &value) { pwrite(progress, $0.baseAddress, 8, 0) }
        await target.run(mutator.input(seed: seed, index: index, seeds: seeds), scratch: scratch, context: context)
    }
    var done = Int64(to)
    _ = withUnsafeBytes(of: &done) { pwrite(progress, $0.baseAddress, 8, 0) }
}

func readProgress(_ path: String) -> Int? {
    guard let data = FileManager.default.contents(atPath: path), data.count >= 8 else { return nil }
    return Int(data.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) })
}

/// The parent: children over every target, crashers saved.
func run(_ arguments: Arguments) -> Int32 {
    let targets = arguments.values["target"].map { $0.map { target($0) } } ?? FuzzTarget.allCases
    let inputs = arguments.int("inputs", 2000)
    let seed = arguments.int("seed", 20261201)
    let hangSeconds = Double(arguments.int("hang-seconds", 20))
    let crashes = URL(fileURLWithPath: arguments.one("crashes") ?? "out/fuzz-crashes")
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-fuzz-\(getpid())")
    try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var found = 0
    print("target       inputs  crashes  hangs  seconds  inputs/s")
    for target in targets {
        let started = Date()
        var from = 0, crashed = 0, hung = 0
        let progress = work.appendingPathComponent("progress-\(target.rawValue)").path
        while from < inputs {
            try? FileManager.default.removeItem(atPath: progress)
            let process = Process()
            process.executableURL = me
            process.arguments = ["child", "--target", target.rawValue, "--seed", String(seed), "--from", String(from), "--to", String(inputs),
                                 "--progress", progress, "--scratch", work.appendingPathComponent("input-\(target.rawValue)").path]
            process.standardOutput = FileHandle.nullDevice
            do { try process.run() } catch { fail("cannot start a child: \(error)") }
            var last = readProgress(progress) ?? from, lastChange = Date(), timedOut = false
            while process.isRunning {
                usleep(50_000)
                let now = readProgress(progress) ?? from
                if now != last {
                    last = now
                    lastChange = Date()
                } else if Date().timeIntervalSince(lastChange) > hangSeconds {
                    kill(process.processIdentifier, SIGKILL)
                    timedOut = true
                }
            }
            process.waitUntilExit()
            let index = readProgress(progress) ?? from
            if !timedOut, process.terminationReason == .exit, process.terminationStatus == 0, index >= inputs { break }
            // The input the child was on: a crasher or a hang.
            let bytes = target.mutator.input(seed: UInt64(seed), index: index, seeds: target.seeds)
            try? FileManager.default.createDirectory(at: crashes, withIntermediateDirectories: true)
            let kind = timedOut ? "hang" : "crash"
            let file = crashes.appendingPathComponent("\(target.rawValue)-\(kind)-\(seed)-\(index).bin")
            try? Data(bytes).write(to: file)
            let how = timedOut ? "no progress for \(Int(hangSeconds)) s" :
                process.terminationReason == .uncaughtSignal ? "signal \(process.terminationStatus)" : "exit \(process.terminationStatus)"
            FileHandle.standardError.write(Data("dossier-fuzz: \(target.rawValue) input \(index): \(how); saved to \(file.path)\n".utf8))
            if timedOut { hung += 1 } else { crashed += 1 }
            from = index + 1
        }
        let seconds = Date().timeIntervalSince(started)
        found += crashed + hung
        let name = target.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)
        print(name + String(format: " %7d  %7d  %5d  %7.1f  %8.0f", inputs, crashed, hung, seconds, Double(inputs) / max(seconds, 0.001)))
    }
    return found == 0 ? 0 : 1
}

let all = Arguments(CommandLine.arguments.dropFirst(2))
switch CommandLine.arguments.dropFirst().first {
case "child":
    await child(all)
case "run":
    exit(run(all))
case "replay":
    let target = target(all.one("target"))
    let context = FuzzContext()
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-fuzz-replay-\(getpid())")
    defer { try? FileManager.default.removeItem(at: scratch) }
    for path in all.positional {
        guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
        await target.run([UInt8](data), scratch: scratch, context: context)
        print("\(path): returned")
    }
case "seeds":
    guard let folder = all.positional.first.map({ URL(fileURLWithPath: $0) }) else { fail("seeds needs a DIR") }
    for target in FuzzTarget.allCases {
        let place = folder.appendingPathComponent(target.rawValue)
        try? FileManager.default.createDirectory(at: place, withIntermediateDirectories: true)
        for (index, seed) in target.seeds.enumerated() {
            try? Data(seed).write(to: place.appendingPathComponent("seed-\(index).bin"))
        }
    }
case "write":
    let target = target(all.one("target"))
    guard let path = all.positional.first else { fail("write needs a FILE") }
    let bytes = target.mutator.input(seed: UInt64(all.int("seed", 20261201)), index: all.int("index", 0), seeds: target.seeds)
    do { try Data(bytes).write(to: URL(fileURLWithPath: path)) } catch { fail("cannot write \(path)") }
default:
    fail("usage: dossier-fuzz run|replay|write|child … (see the top of Tools/dossier-fuzz/main.swift)")
}
