public import Foundation

/// The orientation a photo's file records in its EXIF data (tag 0x0112): how the stored
/// pixels must be turned and mirrored to stand as the camera saw them. Phones store a photo
/// as the sensor read it and set this tag instead of turning the pixels.
///
/// Read from a JPEG's APP1 segment, a PNG's `eXIf` chunk or a WebP's `EXIF` chunk. The parser
/// walks only the file's own structure, bounds-checked at every step: a damaged or hostile
/// header gives `nil` (no turn), never a crash.
public struct ExifOrientation: Sendable, Equatable {
    /// The tag's value, 1–8 (1: as stored).
    public let value: Int

    /// Clockwise quarter turns to apply to the stored pixels, after mirroring them left to
    /// right when `mirrored`.
    public var quarterTurns: Int {
        switch value {
        case 3, 4: 2
        case 5, 6: 1
        case 7, 8: 3
        default: 0
        }
    }

    /// True when the stored pixels are mirrored (values 2, 4, 5, 7).
    public var mirrored: Bool { [2, 4, 5, 7].contains(value) }

    /// Makes an orientation from a tag value; `nil` outside 1–8.
    public init?(value: Int) {
        guard (1...8).contains(value) else { return nil }
        self.value = value
    }

    /// The orientation recorded in the file at `url` of `format`, `nil` when it records none.
    public static func of(_ url: URL, format: FileFormat) -> ExifOrientation? {
        guard [.jpeg, .png, .webp].contains(format),
              let data = try? Data(contentsOf: url, options: .alwaysMapped) else { return nil }
        return of(data, format: format)
    }

    /// The orientation recorded in a file's bytes.
    public static func of(_ data: Data, format: FileFormat) -> ExifOrientation? {
        let tiff: Data?
        switch format {
        case .jpeg: tiff = jpegExif(data)
        case .png: tiff = chunk(in: data, from: 8, named: "eXIf", bigEndianLengths: true)
        case .webp: tiff = chunk(in: data, from: 12, named: "EXIF", bigEndianLengths: false).map(droppingExifHeader)
        default: tiff = nil
        }
        return tiff.flatMap { orientation(inTIFF: $0) }
    }

    // MARK: - Containers

    /// The TIFF structure inside a JPEG's `Exif` APP1 segment.
    static func jpegExif(_ data: Data) -> Data? {
        let bytes = [UInt8](data.prefix(1 << 20))
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var offset = 2
        while offset + 4 <= bytes.count {
            guard bytes[offset] == 0xFF else { return nil }
            let marker = bytes[offset + 1]
            // Fill bytes, and markers without a length.
            if marker == 0xFF { offset += 1; continue }
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { offset += 2; continue }
            // Start of scan: the metadata segments are all before it.
            if marker == 0xDA || marker == 0xD9 { return nil }
            let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            guard length >= 2, offset + 2 + length <= bytes.count else { return nil }
            let body = offset + 4
            if marker == 0xE1, length >= 8, bytes[body..<body + 6].elementsEqual([0x45, 0x78, 0x69, 0x66, 0, 0]) {
                return Data(bytes[(body + 6)..<(offset + 2 + length)])
            }
            offset += 2 + length
        }
        return nil
    }

    /// The body of the first chunk named `name` in a PNG (big-endian lengths, a CRC after each
    /// body) or a RIFF file such as WebP (little-endian lengths, bodies padded to even sizes).
    static func chunk(in data: Data, from start: Int, named name: String, bigEndianLengths: Bool) -> Data? {
        let want = Array(name.utf8)
        var offset = data.startIndex + start
        var walked = 0
        while offset + 8 <= data.endIndex, walked < 10_000 {
            walked += 1
            let first = [UInt8](data[offset..<offset + 4]), second = [UInt8](data[offset + 4..<offset + 8])
            // PNG: length, then type; RIFF: type, then length.
            let (type, lengthBytes) = bigEndianLengths ? (second, first) : (first, second)
            let length = (bigEndianLengths ? lengthBytes : lengthBytes.reversed()).reduce(0) { $0 << 8 | Int($1) }
            let body = offset + 8
            guard body + length <= data.endIndex else { return nil }
            if type == want { return data[body..<body + length] }
            if bigEndianLengths, type == Array("IEND".utf8) { return nil }
            offset = body + length + (bigEndianLengths ? 4 : length & 1)
        }
        return nil
    }

    /// A WebP `EXIF` chunk may carry the JPEG-style `Exif\0\0` before the TIFF structure.
    static func droppingExifHeader(_ data: Data) -> Data {
        data.starts(with: [0x45, 0x78, 0x69, 0x66, 0, 0]) ? data.dropFirst(6) : data
    }

    // MARK: - TIFF

    /// Tag 0x0112 of the first image directory of a TIFF structure (TIFF files themselves are
    /// turned by leptonica as their own directories say).
    static func orientation(inTIFF data: Data) -> ExifOrientation? {
        let base = data.startIndex, length = data.count
        guard length >= 8 else { return nil }
        let little: Bool
        switch (data[base], data[base + 1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: return nil
        }
        func read(_ at: Int, _ count: Int) -> Int? {
            guard at >= 0, at <= length - count else { return nil }
            let offsets = little ? Array((0..<count).reversed()) : Array(0..<count)
            return offsets.reduce(0) { $0 << 8 | Int(data[base + at + $1]) }
        }
        guard read(2, 2) == 42, let directory = read(4, 4), let entries = read(directory, 2) else { return nil }
        for index in 0..<min(entries, 512) {
            let entry = directory + 2 + index * 12
            guard let tag = read(entry, 2) else { return nil }
            guard tag == 0x0112 else { continue }
            // SHORT (type 3), one value, in the first two bytes of the value field.
            guard read(entry + 2, 2) == 3, let value = read(entry + 8, 2) else { return nil }
            return ExifOrientation(value: value)
        }
        return nil
    }
}
