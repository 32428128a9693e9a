public import Foundation

/// Small 8-bit grey PNG and TIFF files made on the spot (uncompressed data, correct checksums),
/// for tests and for the fuzz seed corpus.
public enum MadeImage {
    /// A pattern of dark bars on white, different for each `variant`, `width` × `height` pixels.
    public static func pattern(width: Int, height: Int, variant: Int = 0) -> [UInt8] {
        var pixels = [UInt8](repeating: 255, count: width * height)
        for y in 0..<height where (y / 6 + variant) % 3 == 0 {
            for x in 0..<width where (x * 7 + y + variant) % 11 < 6 { pixels[y * width + x] = 20 }
        }
        return pixels
    }

    /// A grey PNG of `pixels` (row-major, `width` per row).
    public static func png(width: Int, height: Int, pixels: [UInt8], dpi: Int = 300) -> Data {
        var raw: [UInt8] = []
        for y in 0..<height {
            raw.append(0)  // filter: none
            raw += pixels[y * width..<(y + 1) * width]
        }
        // zlib with stored (uncompressed) deflate blocks.
        var zlib: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(65535, raw.count - offset)
            let final: UInt8 = offset + length == raw.count ? 1 : 0
            zlib += [final, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            zlib += raw[offset..<offset + length]
            offset += length
        } while offset < raw.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        zlib += bigEndian(b << 16 | a)
        let metres = UInt32(Double(dpi) / 0.0254)
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += chunk("IHDR", bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, 0, 0, 0, 0])
        png += chunk("pHYs", bigEndian(metres) + bigEndian(metres) + [1])
        png += chunk("IDAT", zlib)
        png += chunk("IEND", [])
        return Data(png)
    }

    /// A grey TIFF with one uncompressed page per element of `pages` (each `width` × `height`).
    public static func tiff(width: Int, height: Int, pages: [[UInt8]], dpi: Int = 300) -> Data {
        var file: [UInt8] = [0x49, 0x49, 42, 0, 0, 0, 0, 0]  // little-endian; first IFD offset patched below
        var previousLink = 4
        for pixels in pages {
            let dataOffset = file.count
            file += pixels
            let rationalOffset = file.count
            file += littleEndian(UInt32(dpi)) + littleEndian(1)
            if file.count % 2 == 1 { file.append(0) }
            let ifdOffset = file.count
            file.replaceSubrange(previousLink..<previousLink + 4, with: littleEndian(UInt32(ifdOffset)))
            // (tag, type, value): type 3 SHORT, 4 LONG, 5 RATIONAL (value is an offset).
            let entries: [(UInt16, UInt16, UInt32)] = [
                (256, 4, UInt32(width)), (257, 4, UInt32(height)), (258, 3, 8), (259, 3, 1), (262, 3, 1),
                (273, 4, UInt32(dataOffset)), (277, 3, 1), (278, 4, UInt32(height)), (279, 4, UInt32(pixels.count)),
                (282, 5, UInt32(rationalOffset)), (283, 5, UInt32(rationalOffset)), (296, 3, 2),
            ]
            file += littleEndian16(UInt16(entries.count))
            for (tag, type, value) in entries {
                file += littleEndian16(tag) + littleEndian16(type) + littleEndian(1)
                file += type == 3 ? littleEndian16(UInt16(value)) + [0, 0] : littleEndian(value)
            }
            previousLink = file.count
            file += [0, 0, 0, 0]
        }
        return Data(file)
    }

    private static func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + body
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in typed {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return bigEndian(UInt32(body.count)) + typed + bigEndian(crc ^ 0xFFFF_FFFF)
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    private static func littleEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
    }

    private static func littleEndian16(_ value: UInt16) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8)]
    }
}
