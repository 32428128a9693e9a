/// A small, fast, reproducible random number generator (SplitMix64): the same seed gives the
/// same numbers on every machine, so a fuzz input is fully named by (seed, index).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Turns seed inputs into damaged ones the way broken scanners, cut-off downloads and crafted
/// files do: flipped bits, odd bytes, cut, repeated or spliced ranges, and numbers in the file's
/// own syntax replaced by extreme ones (page counts, lengths, sizes, offsets, dates).
public struct Mutator: Sendable {
    /// Tokens worth inserting for this kind of input (a PDF's keywords, MRZ fillers, month names).
    public let dictionary: [[UInt8]]

    public init(dictionary: [String]) {
        self.dictionary = dictionary.map { Array($0.utf8) }
    }

    static let interestingBytes: [UInt8] = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x0A, 0x0D, 0x3C, 0x28, 0x29, 0x25]
    static let interestingNumbers = [
        "0", "-1", "1", "255", "256", "65535", "65536", "2147483647", "2147483648", "-2147483648",
        "4294967295", "4294967296", "9223372036854775807", "99999999999999999999999", "1e308", "0.0000001", "NaN",
    ]

    /// Input number `index` of a run with `seed`, made from `seeds`.
    public func input(seed: UInt64, index: Int, seeds: [[UInt8]]) -> [UInt8] {
        var random = SplitMix64(seed: seed ^ (UInt64(index) &* 0xD6E8_FEB8_6659_FD93))
        var bytes = seeds[Int(random.next() % UInt64(seeds.count))]
        let rounds = 1 + Int(random.next() % 4)
        for _ in 0..<rounds { mutate(&bytes, seeds: seeds, random: &random) }
        return bytes
    }

    private func mutate(_ bytes: inout [UInt8], seeds: [[UInt8]], random: inout SplitMix64) {
        func position(_ count: Int) -> Int { count == 0 ? 0 : Int(random.next() % UInt64(count)) }
        switch random.next() % 10 {
        case 0 where !bytes.isEmpty:
            let at = position(bytes.count)
            bytes[at] ^= UInt8(1) << UInt8(random.next() % 8)
        case 1 where !bytes.isEmpty:
            bytes[position(bytes.count)] = Self.interestingBytes[position(Self.interestingBytes.count)]
        case 2 where bytes.count > 1:
            let start = position(bytes.count)
            let length = 1 + position(min(bytes.count - start, 64))
            bytes.removeSubrange(start..<start + length)
        case 3 where !bytes.isEmpty:
            let start = position(bytes.count)
            let length = 1 + position(min(bytes.count - start, 256))
            let copies = 1 + position(8)
            let slice = Array(bytes[start..<start + length])
            bytes.insert(contentsOf: Array(repeating: slice, count: copies).flatMap { $0 }, at: position(bytes.count + 1))
        case 4:
            let count = 1 + position(16)
            bytes.insert(contentsOf: (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }, at: position(bytes.count + 1))
        case 5 where bytes.count > 1:
            // Cut off the end: mostly a little (a download cut short), sometimes most of it.
            let cut = random.next() % 4 == 0 ? position(bytes.count) : bytes.count - 1 - position(max(1, bytes.count / 10))
            bytes.removeSubrange(max(1, cut)...)
        case 6:
            let other = seeds[position(seeds.count)]
            guard !other.isEmpty else { return }
            let from = position(other.count)
            let part = other[from..<min(other.count, from + 1 + position(512))]
            let at = position(bytes.count + 1)
            bytes.replaceSubrange(at..<min(bytes.count, at + part.count), with: part)
        case 7:
            replaceNumber(&bytes, random: &random)
        case 8 where !dictionary.isEmpty:
            bytes.insert(contentsOf: dictionary[position(dictionary.count)], at: position(bytes.count + 1))
        case 9 where bytes.count > 2:
            let a = position(bytes.count), b = position(bytes.count)
            bytes.swapAt(a, b)
        default:
            bytes.append(Self.interestingBytes[position(Self.interestingBytes.count)])
        }
    }

    /// Replaces a run of ASCII digits (a length, a count, an offset, a day) with an extreme number.
    private func replaceNumber(_ bytes: inout [UInt8], random: inout SplitMix64) {
        guard !bytes.isEmpty else { return }
        var start = Int(random.next() % UInt64(bytes.count))
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        var tries = 0
        while !isDigit(bytes[start]) {
            start = (start + 1) % bytes.count
            tries += 1
            if tries == bytes.count { return }
        }
        while start > 0, isDigit(bytes[start - 1]) { start -= 1 }
        var end = start
        while end < bytes.count, isDigit(bytes[end]) { end += 1 }
        let number = Self.interestingNumbers[Int(random.next() % UInt64(Self.interestingNumbers.count))]
        bytes.replaceSubrange(start..<end, with: Array(number.utf8))
    }
}
