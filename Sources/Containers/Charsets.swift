internal import CGMime

/// Text in the charset it declares, converted with iconv (through GMime, which knows the
/// charset names mailers write): windows-1251, KOI8-R, ISO-8859-2, GB2312, Shift_JIS,
/// ISO-2022-JP and every other iconv has. Latin-1 and ASCII are read as Windows-1252, as mail
/// readers and browsers do (mailers label Windows text so); bytes that are not in the declared
/// charset, or a charset iconv does not know, are read as UTF-8 where valid, else as Windows-1252.
public enum Charsets {
    public static func decode(_ bytes: [UInt8], charset: String?) -> String {
        var name = charset?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        if ["iso-8859-1", "latin1", "iso8859-1", "us-ascii", "ascii", "iso_8859-1"].contains(name) { name = "windows-1252" }
        if name.isEmpty || name == "utf-8" || name == "utf8" || bytes.isEmpty {
            return String(validating: bytes, as: UTF8.self) ?? windows1252(bytes)
        }
        if let converted = converted(bytes, from: name) { return converted }
        return String(validating: bytes, as: UTF8.self) ?? windows1252(bytes)
    }

    /// `bytes` from `charset` into UTF-8 by iconv; `nil` when iconv does not know the charset or
    /// the bytes are not in it.
    static func converted(_ bytes: [UInt8], from charset: String) -> String? {
        GMimeLibrary.start()
        let converter = g_mime_iconv_open("UTF-8", charset)
        guard dossier_gmime_iconv_failed(converter) == 0 else { return nil }
        defer { g_mime_iconv_close(converter) }
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) { start in
                guard let output = g_mime_iconv_strndup(converter, start, buffer.count) else { return nil }
                defer { g_free(output) }
                return String(cString: output)
            }
        }
    }

    /// UTF-16 code units from bytes taken in pairs (a last odd byte is left over).
    public static func utf16Units(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> [UInt16] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let (a, b) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            index += 2
        }
        return units
    }

    /// Windows-1252, its five undefined bytes as U+FFFD.
    static func windows1252(_ bytes: [UInt8]) -> String {
        windows1252(bytes, strict: false) ?? ""
    }

    /// Windows-1252: Latin-1 except 0x80–0x9F, five of which it leaves undefined; those give
    /// `nil` when `strict` (the bytes are then not Windows-1252 text), else U+FFFD.
    public static func windows1252(_ bytes: [UInt8], strict: Bool) -> String? {
        let high: [UInt32?] = [
            0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D, nil,
            nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E, 0x0178,
        ]
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value: UInt32
            if (0x80...0x9F).contains(byte) {
                guard let mapped = high[Int(byte - 0x80)] else {
                    if strict { return nil }
                    scalars.append("\u{FFFD}")
                    continue
                }
                value = mapped
            } else {
                value = UInt32(byte)
            }
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }
}

/// RFC 2047 encoded words in header values: `=?utf-8?B?…?=` and `=?iso-8859-1?Q?…?=`; white
/// space between two encoded words is dropped, as the RFC says.
