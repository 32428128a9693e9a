public import Foundation
internal import ZIPFoundation

/// ZIP archives made for the tests, member by member, with ZIPFoundation.
public enum MadeArchive {
    /// One member: its name in the archive and its bytes, or a link to `linkTarget`.
    public struct Member {
        public let name: String
        public let data: Data
        public let isLink: Bool
        /// Stored as it is, not deflated (an OpenDocument file's `mimetype` must be).
        public var stored = false

        public static func file(_ name: String, _ data: Data) -> Member { Member(name: name, data: data, isLink: false) }
        public static func storedFile(_ name: String, _ data: Data) -> Member { Member(name: name, data: data, isLink: false, stored: true) }
        public static func link(_ name: String, to target: String) -> Member { Member(name: name, data: Data(target.utf8), isLink: true) }
    }

    /// Writes an archive holding `members` (deflated, dated alike) to `url` and returns its bytes.
    @discardableResult
    public static func write(_ members: [Member], to url: URL) throws -> Data {
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for member in members {
            // A fixed time, so the same members make the same bytes (the fuzz seeds rely on it).
            try archive.addEntry(with: member.name, type: member.isLink ? .symlink : .file, uncompressedSize: Int64(member.data.count),
                                 modificationDate: Date(timeIntervalSince1970: 1_780_000_000),
                                 compressionMethod: member.isLink || member.stored ? .none : .deflate) { position, size in
                member.data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try Data(contentsOf: url)
    }

    /// `data` with the "encrypted" flag set on every member (local and central headers), as an
    /// archiver with a password writes them; the bytes themselves are left as they are.
    public static func markedEncrypted(_ data: Data) -> Data {
        var bytes = [UInt8](data)
        var index = 0
        while index + 8 < bytes.count {
            let local = bytes[index] == 0x50 && bytes[index + 1] == 0x4B && bytes[index + 2] == 0x03 && bytes[index + 3] == 0x04
            let central = bytes[index] == 0x50 && bytes[index + 1] == 0x4B && bytes[index + 2] == 0x01 && bytes[index + 3] == 0x02
            if local { bytes[index + 6] |= 1 }
            if central { bytes[index + 8] |= 1 }
            index += 1
        }
        return Data(bytes)
    }
}
