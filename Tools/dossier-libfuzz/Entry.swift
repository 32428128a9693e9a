// dossier-libfuzz: the parser fuzz targets under libFuzzer's coverage-guided search (not
// shipped). Built only with the fuzzer sanitizer, by scripts/libfuzz, which also picks the
// target (DOSSIER_FUZZ_TARGET) and gives libFuzzer the project's seed corpus.

import Foundation
import FuzzTargets

/// The target named by DOSSIER_FUZZ_TARGET, and what it keeps between inputs.
final class LibFuzzerState: @unchecked Sendable {
    let target: FuzzTarget
    let context = FuzzContext()

    init() {
        let name = ProcessInfo.processInfo.environment["DOSSIER_FUZZ_TARGET"] ?? "mrz"
        guard let target = FuzzTarget(rawValue: name), target.runsWithoutAwaiting else {
            fatalError("DOSSIER_FUZZ_TARGET must name a parser target (wire, mrz, dates, identifiers, text)")
        }
        self.target = target
    }

    static let shared = LibFuzzerState()
}

/// libFuzzer calls this once per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let state = LibFuzzerState.shared
    state.target.runWithoutAwaiting(bytes, context: state.context)
    return 0
}

#if DOSSIER_LIBFUZZER
/// libFuzzer's driver (`int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*)(const uint8_t *, size_t))`),
/// linked in by -sanitize=fuzzer. Swift Package Manager gives executables their own entry
/// point, so libFuzzer is started from it rather than from libFuzzer's own main.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@main
enum LibFuzzerMain {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
    }
}
#else
/// Without the fuzzer sanitizer there is no libFuzzer: say how to build it.
@main
enum NotBuiltForFuzzing {
    static func main() {
        FileHandle.standardError.write(Data("dossier-libfuzz: build and run it with scripts/libfuzz\n".utf8))
        exit(2)
    }
}
#endif
