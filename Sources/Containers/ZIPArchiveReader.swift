public import Foundation
internal import DossierCore
internal import ZIPFoundation

/// Takes the members of a ZIP archive out into private scratch files, checked before and
/// while they expand.
///
/// Before anything is unpacked: the member count the archive declares, the sizes its members
/// declare (together, and each against its packed size). While unpacking: the bytes really
/// written, so an archive that lies about its sizes is stopped at the limit. No member is
/// written under its own name: names are labels only, and a name that would leave the archive
/// (`../`, an absolute path, a drive letter) or a link is left out with a reason. Hidden
/// entries (`.name`, `__MACOSX/`) are the archiver's metadata, not documents, and are passed
/// over as a folder walk passes over hidden files. Encrypted members cannot be read and are
/// left out with that reason.
///
/// The archive's directory is walked here, every offset and size checked against the file;
/// only the inflating of a member's packed bytes is ZIPFoundation's, fed from a bounded
/// window of the file, so a member whose packed data ends early or claims more than the
/// file holds fails with a reason instead of reading on forever.
public enum ZIPArchiveReader {
    /// Checks an archive against `limits` from its directory alone, unpacking nothing: the
    /// member count, the bytes the members declare together, each member's ratio. For ZIP-based
    /// document formats (Word, OpenDocument) before another program unpacks them.
    public static func inspect(_ url: URL, limits: ContainerLimits) throws(ContainerError) {
        let (_, directory) = try readDirectory(url, limits: limits)
        try checkDeclaredSizes(directory, limits: limits)
    }

    /// Unpacks `url` into `folder` (made private, 0700; each member 0600).
    public static func expand(_ url: URL, into folder: URL, limits: ContainerLimits) throws(ContainerError) -> ContainerExpansion {
        let (file, directory) = try readDirectory(url, limits: limits)
        // Sizes as declared: refused before a byte is unpacked.
        try checkDeclaredSizes(directory, limits: limits)
        do { try PrivateFiles.makeFolder(folder) } catch { throw .scratch("no scratch folder") }

        var members: [ContainerMember] = []
        var written: Int64 = 0
        var position = 0
        let unreadable = max(0, directory.declared - directory.entries.count)
        for entry in directory.entries {
            let name = entry.name
            if entry.isDirectory || isHidden(name) { continue }
            position += 1
            if entry.isLink {
                members.append(ContainerMember(position: position, name: name, content: .skipped("a link, not followed")))
                continue
            }
            if leavesArchive(name) {
                members.append(ContainerMember(position: position, name: name, content: .skipped("a name that leaves the archive")))
                continue
            }
            if entry.isEncrypted {
                members.append(ContainerMember(position: position, name: name, content: .skipped("it is encrypted")))
                continue
            }
            let target = folder.appendingPathComponent(String(format: "member-%04d", position))
            do {
                try PrivateFiles.createFile(target, contents: Data())
                let handle = try FileHandle(forWritingTo: target)
                defer { try? handle.close() }
                var memberBytes: Int64 = 0
                try entry.unpack(from: file) { chunk in
                    memberBytes += Int64(chunk.count)
                    written += Int64(chunk.count)
                    // The declared sizes were checked; the real bytes may lie about them.
                    if written > limits.maxExpandedBytes { throw ContainerError.expandsTooFar(bytes: written, limit: limits.maxExpandedBytes) }
                    if memberBytes > entry.uncompressedSize { throw ContainerError.damaged("member \(position) unpacks to more than it declares") }
                    try checkRatio(expanded: memberBytes, packed: entry.compressedSize, member: position, limits: limits)
                    try handle.write(contentsOf: chunk)
                }
                members.append(ContainerMember(position: position, name: name, content: .file(target)))
            } catch let error as ContainerError {
                guard case .damaged = error else { throw error }
                try? FileManager.default.removeItem(at: target)
                members.append(ContainerMember(position: position, name: name, content: .skipped("its bytes cannot be read (damaged)")))
            } catch {
                try? FileManager.default.removeItem(at: target)
                members.append(ContainerMember(position: position, name: name, content: .skipped("its bytes cannot be read (damaged or a packing method not supported)")))
            }
        }
        return ContainerExpansion(members: members, unreadable: unreadable)
    }

    /// A member may expand at most `maxRatio` times its packed size, once it is over 1 MB.
    private static func checkRatio(expanded: Int64, packed: Int64, member: Int, limits: ContainerLimits) throws(ContainerError) {
        guard expanded > 1 << 20 else { return }
        let ratio = packed > 0 ? expanded / packed : .max
        if ratio > Int64(limits.maxRatio) { throw .bomb(member: member, ratio: Int(clamping: ratio), limit: limits.maxRatio) }
    }

    /// True for names that would leave a folder they were unpacked into.
    static func leavesArchive(_ name: String) -> Bool {
        if name.isEmpty || name.hasPrefix("/") || name.hasPrefix("\\") || name.contains("\u{0}") { return true }
        let scalars = Array(name.unicodeScalars)
        if scalars.count >= 2, scalars[1] == ":", scalars[0].properties.isAlphabetic { return true }
        return name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).contains("..")
    }

    /// Archiver metadata: a part of the name starting with a dot, or macOS's `__MACOSX` folder.
    static func isHidden(_ name: String) -> Bool {
        name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).contains { $0.hasPrefix(".") && $0 != ".." || $0 == "__MACOSX" }
    }

    /// The archive mapped (never copied) and its directory, whose declared member count is held
    /// to `limits` before a single entry is read.
    private static func readDirectory(_ url: URL, limits: ContainerLimits) throws(ContainerError) -> (Data, CentralDirectory) {
        let file: Data
        do { file = try Data(contentsOf: url, options: .alwaysMapped) } catch { throw .damaged("it cannot be read") }
        return (file, try CentralDirectory(file, maxEntries: limits.maxMembers))
    }

    /// The bytes the members declare, together and each against its packed size.
    private static func checkDeclaredSizes(_ directory: CentralDirectory, limits: ContainerLimits) throws(ContainerError) {
        var total: Int64 = 0
        for (offset, entry) in directory.entries.enumerated() where !entry.isDirectory {
            total = total.addingReportingOverflow(entry.uncompressedSize).overflow ? .max : total + entry.uncompressedSize
            try checkRatio(expanded: entry.uncompressedSize, packed: entry.compressedSize, member: offset + 1, limits: limits)
        }
        if total > limits.maxExpandedBytes { throw .expandsTooFar(bytes: total, limit: limits.maxExpandedBytes) }
    }
}

/// The central directory of a ZIP file: each entry's name, kind, sizes and where its packed
/// bytes lie, read with every offset checked against the file.
struct CentralDirectory {
    struct Entry {
        let name: String
        let method: UInt16
        let flags: UInt16
        let crc: UInt32
        let compressedSize: Int64
        let uncompressedSize: Int64
        let dataRange: Range<Int>
        let isDirectory: Bool
        let isLink: Bool

        var isEncrypted: Bool { flags & 1 != 0 }

        /// Streams the unpacked bytes to `consumer`, checking the CRC at the end.
        func unpack(from file: Data, consumer: (Data) throws -> Void) throws {
            let base = file.startIndex
            switch method {
            case 0:
                var offset = dataRange.lowerBound
                var crc: UInt32 = 0
                while offset < dataRange.upperBound {
                    let end = min(offset + (1 << 16), dataRange.upperBound)
                    let chunk = file.subdata(in: (base + offset)..<(base + end))
                    crc = chunk.crc32(checksum: crc)
                    try consumer(chunk)
                    offset = end
                }
                guard crc == self.crc else { throw ContainerError.damaged("a member's checksum does not match") }
            case 8:
                let range = dataRange
                let crc = try Data.decompress(size: compressedSize, bufferSize: 1 << 16, skipCRC32: false, provider: { position, size in
                    let start = range.lowerBound + Int(position)
                    // The packed data ended before the stream did: damaged, not a reason to read on.
                    guard position >= 0, start < range.upperBound else { throw ContainerError.damaged("a member's packed data ends early") }
                    let end = min(start + size, range.upperBound)
                    return file.subdata(in: (base + start)..<(base + end))
                }, consumer: consumer)
                guard crc == self.crc else { throw ContainerError.damaged("a member's checksum does not match") }
            default:
                throw ContainerError.damaged("a member is packed with method \(method), which is not supported")
            }
        }
    }

    /// The number of entries the end record declares (ZIP64's when it defers to it).
    let declared: Int
    let entries: [Entry]

    /// Reads the end record and, when it declares at most `maxEntries`, up to that many
    /// entries; it stops at the first entry whose record is damaged (the rest are counted as
    /// unreadable by the caller).
    init(_ file: Data, maxEntries: Int) throws(ContainerError) {
        let bytes = file
        let count = bytes.count
        let base = bytes.startIndex
        func u16(_ at: Int) -> Int? { at >= 0 && at + 2 <= count ? Int(bytes[base + at]) | Int(bytes[base + at + 1]) << 8 : nil }
        func u32(_ at: Int) -> Int? {
            guard at >= 0, at + 4 <= count else { return nil }
            return (0..<4).reversed().reduce(0) { $0 << 8 | Int(bytes[base + at + $1]) }
        }
        func u64(_ at: Int) -> Int64? {
            guard at >= 0, at + 8 <= count else { return nil }
            return (0..<8).reversed().reduce(Int64(0)) { $0 << 8 | Int64(bytes[base + at + $1]) }
        }
        // The end record (22 bytes and a comment of at most 65,535) gives the entry count and
        // where the directory starts.
        guard let end = stride(from: count - 22, through: max(0, count - 22 - 65_535), by: -1).first(where: {
            $0 >= 0 && u32($0) == 0x0605_4B50
        }) else { throw .damaged("no end record") }
        var declared = u16(end + 10) ?? 0
        var start = u32(end + 16) ?? 0
        // ZIP64: the locator just before the end record points at the ZIP64 end record, which
        // holds the fields the end record set to all ones.
        if declared == 0xFFFF || start == 0xFFFF_FFFF, end >= 20, u32(end - 20) == 0x0706_4B50, let record = u64(end - 20 + 8) {
            guard record >= 0, record < Int64(count) else { throw .damaged("its ZIP64 record lies outside it") }
            guard u32(Int(record)) == 0x0606_4B50, let entries = u64(Int(record) + 32), let zip64Start = u64(Int(record) + 48) else {
                throw .damaged("its ZIP64 record is damaged")
            }
            if declared == 0xFFFF { declared = Int(clamping: entries) }
            if start == 0xFFFF_FFFF { start = Int(clamping: zip64Start) }
        }
        if declared > maxEntries { throw .tooManyMembers(count: declared, limit: maxEntries) }
        self.declared = declared
        var entries: [Entry] = []
        var offset = start
        while entries.count < declared, u32(offset) == 0x0201_4B50 {
            guard let flags = u16(offset + 8), let method = u16(offset + 10), let crc = u32(offset + 16),
                  var packed = u32(offset + 20).map(Int64.init), var unpacked = u32(offset + 24).map(Int64.init),
                  let nameLength = u16(offset + 28), let extraLength = u16(offset + 30), let commentLength = u16(offset + 32),
                  let attributes = u32(offset + 38), var localOffset = u32(offset + 42).map(Int64.init),
                  offset + 46 + nameLength + extraLength + commentLength <= count else { break }
            let versionMadeBy = u16(offset + 4) ?? 0
            let nameBytes = bytes.subdata(in: (base + offset + 46)..<(base + offset + 46 + nameLength))
            // ZIP64 extended information: the 64-bit sizes and offset, in that order, for the
            // fields set to all ones.
            var extra = offset + 46 + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd, let tag = u16(extra), let size = u16(extra + 2), extra + 4 + size <= extraEnd {
                if tag == 1 {
                    var field = extra + 4
                    if unpacked == 0xFFFF_FFFF, field + 8 <= extra + 4 + size, let value = u64(field) { unpacked = value; field += 8 }
                    if packed == 0xFFFF_FFFF, field + 8 <= extra + 4 + size, let value = u64(field) { packed = value; field += 8 }
                    if localOffset == 0xFFFF_FFFF, field + 8 <= extra + 4 + size, let value = u64(field) { localOffset = value }
                }
                extra += 4 + size
            }
            // The packed bytes follow the local header, its name and its own extra field.
            guard localOffset >= 0, localOffset < Int64(count), packed >= 0, unpacked >= 0,
                  u32(Int(localOffset)) == 0x0403_4B50,
                  let localName = u16(Int(localOffset) + 26), let localExtra = u16(Int(localOffset) + 28) else { break }
            let dataStart = Int(localOffset) + 30 + localName + localExtra
            guard dataStart <= count, packed <= Int64(count - dataStart) else { break }
            let name = String(validating: nameBytes, as: UTF8.self) ?? String(nameBytes.map { Character(Unicode.Scalar($0)) })
            let unixMode = (versionMadeBy >> 8) == 3 ? (attributes >> 16) & 0o170000 : 0
            entries.append(Entry(
                name: name, method: UInt16(method), flags: UInt16(flags), crc: UInt32(truncatingIfNeeded: crc),
                compressedSize: packed, uncompressedSize: unpacked, dataRange: dataStart..<(dataStart + Int(packed)),
                isDirectory: name.hasSuffix("/") || name.hasSuffix("\\"), isLink: unixMode == 0o120000
            ))
            offset += 46 + nameLength + extraLength + commentLength
        }
        self.entries = entries
    }
}
