public import Foundation

/// The rule data and local models that ship in `models/`, located at run time.
///
/// Everything here is read from the package's resource bundle: nothing is downloaded.
public enum ModelFiles {
    /// A file under `models/` (e.g. `vocabulary/nld.txt`), or `nil` when it is not shipped.
    public static func url(_ relativePath: String) -> URL? {
        let url = Bundle.module.resourceURL?.appendingPathComponent(relativePath)
        return url.flatMap { FileManager.default.fileExists(atPath: $0.path) ? $0 : nil }
    }

    /// The lines of a word list: trimmed, lower-cased, without blanks and `#` comments.
    public static func wordList(_ relativePath: String) -> [String] {
        guard let url = url(relativePath), let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(whereSeparator: \.isNewline).compactMap { line in
            let word = line.trimmingCharacters(in: .whitespaces).lowercased()
            return word.isEmpty || word.hasPrefix("#") ? nil : word
        }
    }
}

extension ModelFiles {
    /// Calls `body` with the bytes of a file under `models/`; `nil` when it is not shipped or
    /// cannot be read.
    public static func withContents<Result>(
        _ relativePath: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) rethrows -> Result? {
        guard let url = url(relativePath), let data = try? Data(contentsOf: url) else { return nil }
        return try data.withUnsafeBytes { raw in try body(raw.bindMemory(to: UInt8.self)) }
    }
}

/// Reads the models' text tables (tab-separated fields, `#` comment lines) straight from their
/// UTF-8 bytes: the type model, the language profiles and the weight tables hold tens of
/// thousands of numbers, which splitting Strings and parsing each through `Double(String)` made
/// the largest part of `analyze`'s and `summarize`'s start.
public enum ModelText {
    /// Calls `body` with every line that is neither blank nor a `#` comment, without its line end.
    public static func forEachLine(
        in text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows {
        var start = 0
        while start < text.count {
            var end = start
            while end < text.count, text[end] != 0x0A { end += 1 }
            var stop = end
            if stop > start, text[stop - 1] == 0x0D { stop -= 1 }
            if stop > start, text[start] != 0x23 {
                try body(UnsafeBufferPointer(rebasing: text[start..<stop]))
            }
            start = end + 1
        }
    }

    /// The tab-separated fields of `line`, empty ones included.
    public static func fields(_ line: UnsafeBufferPointer<UInt8>) -> [UnsafeBufferPointer<UInt8>] {
        var fields: [UnsafeBufferPointer<UInt8>] = []
        var start = 0
        for index in 0...line.count where index == line.count || line[index] == 0x09 {
            fields.append(UnsafeBufferPointer(rebasing: line[start..<index]))
            start = index + 1
        }
        return fields
    }

    /// The field as text.
    public static func string(_ field: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: field, as: UTF8.self)
    }

    /// A decimal number (`-7.53`, `36488`) read from its bytes: the same value `Double(String)`
    /// gives. Plain decimals of up to 15 digits are read directly (digits as an integer, divided
    /// once by a power of ten: one correctly rounded operation on exact operands); anything else
    /// (exponents, longer numbers) goes through `Double(String)`. `nil` when it is no number.
    public static func number(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        var negative = false
        if index < field.count, field[index] == 0x2D || field[index] == 0x2B {
            negative = field[index] == 0x2D
            index += 1
        }
        var digits: Int64 = 0, count = 0, decimals = 0, seenPoint = false
        while index < field.count {
            let byte = field[index]
            if byte >= 0x30, byte <= 0x39 {
                digits = digits * 10 + Int64(byte - 0x30)
                count += 1
                if seenPoint { decimals += 1 }
            } else if byte == 0x2E, !seenPoint {
                seenPoint = true
            } else {
                return Double(string(field))
            }
            index += 1
        }
        guard count > 0 else { return nil }
        guard count <= 15 else { return Double(string(field)) }
        let value = decimals == 0 ? Double(digits) : Double(digits) / powersOfTen[decimals]
        return negative ? -value : value
    }

    /// 10⁰ … 10¹⁵, all exact in a Double.
    private static let powersOfTen: [Double] = (0...15).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }
}
