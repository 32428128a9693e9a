import CBlockCache
import Foundation
import Testing

/// The process's malloc and free (Sources/CBlockCache): small blocks a thread frees are kept on
/// that thread's lists and handed out again, always as blocks glibc accepts as its own.
@Suite("small-block cache in front of malloc")
struct BlockCacheTests {
    // Each test does its mallocs and frees first, with nothing in between that allocates (the
    // thread's counts would move with Swift's own allocations), and checks afterwards.

    @Test("a freed small block is kept by the thread and handed out again for the same size class")
    func keptAndReused() {
        let block = malloc(100)!
        let before = dossier_block_cache_held_bytes()
        free(block)
        let kept = dossier_block_cache_held_bytes()
        let again = malloc(97)!
        let after = dossier_block_cache_held_bytes()
        free(again)
        #expect(kept == before + 112, "100 bytes round up to the 112-byte class")
        #expect(again == block)
        #expect(after == before)
    }

    @Test("large blocks go straight back to glibc; a thread keeps no more than its limit")
    func limits() {
        let large = malloc(2 * dossier_block_cache_largest_block)!
        let before = dossier_block_cache_held_bytes()
        free(large)
        let afterLarge = dossier_block_cache_held_bytes()
        #expect(afterLarge == before)

        let count = Int(dossier_block_cache_thread_limit / 1024) + 2_000
        let blocks = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: count)
        defer { blocks.deallocate() }
        for index in 0..<count { blocks[index] = malloc(1000) }
        for index in 0..<count { free(blocks[index]) }
        let held = dossier_block_cache_held_bytes()
        #expect(held <= dossier_block_cache_thread_limit)
        #expect(held > dossier_block_cache_thread_limit - 2048)
    }

    @Test("calloc, realloc and malloc_usable_size accept kept blocks; contents survive realloc")
    func glibcAcceptsKeptBlocks() throws {
        let first = malloc(48)!.assumingMemoryBound(to: UInt8.self)
        free(first)
        let reused = malloc(40)!.assumingMemoryBound(to: UInt8.self)
        for index in 0..<40 { reused[index] = UInt8(index) }
        let grown = try #require(realloc(reused, 5000)?.assumingMemoryBound(to: UInt8.self))
        #expect((0..<40).allSatisfy { grown[$0] == UInt8($0) })
        free(grown)
        let zeroed = try #require(calloc(30, 8)?.assumingMemoryBound(to: UInt8.self))
        #expect((0..<240).allSatisfy { zeroed[$0] == 0 })
        free(zeroed)
    }

    @Test("blocks made on one thread and freed on another keep their contents; threads end cleanly")
    func acrossThreads() {
        // Eight rounds of four threads. Each allocates blocks of every size class (and some
        // larger) filled with a pattern, frees half of them itself and hands the other half to
        // whichever thread comes next, which checks and frees them.
        final class Shared: @unchecked Sendable {
            let lock = NSLock()
            var handedOver: [(block: UnsafeMutableRawPointer, size: Int, pattern: UInt8)] = []
            var damaged = 0
        }
        let shared = Shared()
        @Sendable func intact(_ entry: (block: UnsafeMutableRawPointer, size: Int, pattern: UInt8)) -> Bool {
            let bytes = entry.block.assumingMemoryBound(to: UInt8.self)
            return bytes[0] == entry.pattern && bytes[entry.size / 2] == entry.pattern && bytes[entry.size - 1] == entry.pattern
        }
        for round in 0..<8 {
            let done = DispatchGroup()
            for worker in 0..<4 {
                done.enter()
                let thread = Thread {
                    defer { done.leave() }
                    var mine: [(block: UnsafeMutableRawPointer, size: Int, pattern: UInt8)] = []
                    for index in 0..<20_000 {
                        let size = 1 + (index * 37 + worker * 11) % 1500
                        let pattern = UInt8(truncatingIfNeeded: index &+ round &* 7 &+ worker)
                        let block = malloc(size)!
                        memset(block, Int32(pattern), size)
                        mine.append((block, size, pattern))
                    }
                    let given = Array(mine[..<(mine.count / 2)])
                    shared.lock.lock()
                    let taken = shared.handedOver
                    shared.handedOver = given
                    shared.lock.unlock()
                    var damaged = 0
                    for entry in mine[(mine.count / 2)...] + taken {
                        if !intact(entry) { damaged += 1 }
                        free(entry.block)
                    }
                    shared.lock.withLock { shared.damaged += damaged }
                }
                thread.start()
            }
            done.wait()
        }
        for entry in shared.handedOver {
            if !intact(entry) { shared.damaged += 1 }
            free(entry.block)
        }
        #expect(shared.damaged == 0)
    }
}
