public import Foundation

/// An e-mail message (RFC 5322 with MIME, RFC 2045–2049) taken apart: its headers, the parts
/// that are its body, and its attachments.
///
/// The parser is small, strict about limits and lenient about damage, as mail readers are: a
/// missing closing boundary ends the part at the end of the message, base64 with stray
/// characters decodes what it can, an unknown transfer encoding is taken as it stands. It
/// never fails on the content of a message; it refuses a message only when it breaks a limit
/// (parts, nesting, header size), so one hostile mail cannot flood a case.
public struct MIMEMessage: Sendable, Equatable {
    /// One header field, its value unfolded and its encoded words (RFC 2047) decoded.
    public struct Header: Sendable, Equatable {
        public let name: String
        public let value: String
    }

    /// A leaf part: what it is, its bytes after the transfer encoding is undone, and its name.
    public struct Part: Sendable, Equatable {
        /// `type/subtype`, lower case (`text/plain` when the part gives none).
        public let contentType: String
        /// The `charset` parameter, lower case, when given.
        public let charset: String?
        /// The file name from `Content-Disposition` or `Content-Type` (RFC 2231 and 2047 decoded).
        public let fileName: String?
        /// True when the part is marked as an attachment.
        public let isAttachment: Bool
        /// The decoded bytes.
        public let data: Data
    }

    /// The message's own header fields, in order.
    public let headers: [Header]
    /// Text parts that make up the body, in order (for `multipart/alternative` the plain text
    /// when there is one, else the HTML).
    public let body: [Part]
    /// Attachments, in order: files, and forwarded messages (`message/rfc822`) as files of
    /// their own.
    public let attachments: [Part]
    /// Parts left out, each with what it was: small unnamed pictures in the text (a
    /// signature's logo), renderings of the body not chosen.
    public let leftOut: [String]

    /// The first header field named `name` (case-insensitive).
    public func header(_ name: String) -> String? { Self.field(name, in: headers) }

    /// The first of `headers` named `name` (case-insensitive).
    static func field(_ name: String, in headers: [Header]) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Parses `data` as a message; throws only when it breaks `limits`.
    public init(data: Data, limits: ContainerLimits = ContainerLimits()) throws(ContainerError) {
        let bytes = [UInt8](data)
        let (headerLines, bodyStart) = try Self.headerSection(bytes[...])
        headers = headerLines
        var collector = Collector(limits: limits)
        try collector.walk(headers: headerLines, body: bytes[bodyStart...], depth: 0, inAlternative: false)
        body = collector.body
        attachments = collector.attachments
        leftOut = collector.leftOut
    }

    /// True when `head` (a file's first bytes) opens like an e-mail message: header fields,
    /// among them the ones every message has.
    public static func looksLikeMessage(_ head: [UInt8]) -> Bool {
        guard let text = String(bytes: head.prefix(16 * 1024).filter { $0 < 0x80 }, encoding: .ascii) else { return false }
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        // The look may end inside a line: that piece says nothing.
        if !text.hasSuffix("\n"), lines.count > 1 { lines.removeLast() }
        var names = Set<String>()
        for line in lines {
            if line.isEmpty { break }
            if line.first == " " || line.first == "\t" { continue }
            // An mbox export starts with a "From " separator line.
            if names.isEmpty, line.hasPrefix("From ") { continue }
            guard let colon = line.firstIndex(of: ":"), colon > line.startIndex,
                  line[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { return false }
            names.insert(line[..<colon].lowercased())
        }
        let core: Set<String> = ["from", "to", "date", "subject", "message-id", "mime-version", "received", "return-path"]
        return names.intersection(core).count >= 2
    }

    // MARK: - Headers

    /// The header fields up to the first empty line, unfolded, and where the body starts.
    static func headerSection(_ bytes: ArraySlice<UInt8>) throws(ContainerError) -> ([Header], Int) {
        var lines: [String] = []
        var index = bytes.startIndex
        var bodyStart = bytes.endIndex
        while index < bytes.endIndex {
            var end = index
            while end < bytes.endIndex, bytes[end] != 0x0A { end += 1 }
            var line = bytes[index..<end]
            if line.last == 0x0D { line = line.dropLast() }
            let next = min(end + 1, bytes.endIndex)
            if line.isEmpty {
                bodyStart = next
                break
            }
            if index - bytes.startIndex > 1 << 20 { throw .damaged("its header section is larger than 1 MB") }
            let text = decodeHeaderBytes(line)
            if (text.first == " " || text.first == "\t"), !lines.isEmpty {
                lines[lines.count - 1] += " " + text.trimmingCharacters(in: .whitespaces)
            } else {
                lines.append(text)
            }
            index = next
        }
        var headers: [Header] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, !name.contains(" ") else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append(Header(name: name, value: EncodedWords.decode(value)))
            if headers.count > 2000 { throw .damaged("it has more than 2,000 header fields") }
        }
        return (headers, bodyStart)
    }

    /// Raw header bytes: UTF-8 when they are (RFC 6532), else Latin-1.
    static func decodeHeaderBytes(_ bytes: ArraySlice<UInt8>) -> String {
        String(validating: bytes, as: UTF8.self) ?? String(bytes.map { Character(Unicode.Scalar($0)) })
    }

    /// A structured header value (`text/plain; charset="utf-8"`): its first token, lower case,
    /// and its parameters, with RFC 2231 continuations and charsets joined and decoded.
    static func parameters(_ value: String) -> (token: String, parameters: [String: String]) {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        var previous: Character = " "
        for character in value {
            if character == "\"" && previous != "\\" { quoted.toggle() }
            if character == ";" && !quoted {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        pieces.append(current)
        let token = pieces.first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        var plain: [String: String] = [:]
        var extended: [String: [(index: Int, encoded: Bool, text: String)]] = [:]
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            var name = piece[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var text = piece[piece.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") {
                text = String(text.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
            }
            // RFC 2231: name*0*=…, name*1=…, name*=charset'lang'value.
            let encoded = name.hasSuffix("*")
            if encoded { name.removeLast() }
            if let star = name.firstIndex(of: "*"), let index = Int(name[name.index(after: star)...]) {
                extended[String(name[..<star]), default: []].append((index, encoded, text))
            } else if encoded {
                extended[name, default: []].append((0, true, text))
            } else {
                plain[name] = text
            }
        }
        for (name, sections) in extended {
            let ordered = sections.sorted { $0.index < $1.index }
            var charset = "utf-8"
            var bytes: [UInt8] = []
            for (offset, section) in ordered.enumerated() {
                var text = section.text
                if section.encoded, offset == 0, let first = text.firstIndex(of: "'"),
                   let second = text[text.index(after: first)...].firstIndex(of: "'") {
                    charset = text[..<first].lowercased()
                    text = String(text[text.index(after: second)...])
                }
                bytes += section.encoded ? PercentDecoding.bytes(text) : Array(text.utf8)
            }
            plain[name] = Charsets.decode(bytes, charset: charset)
        }
        return (token, plain.mapValues(EncodedWords.decode))
    }

    // MARK: - Parts

    /// Walks the MIME tree, sorting leaf parts into body and attachments.
    struct Collector {
        let limits: ContainerLimits
        var body: [Part] = []
        var attachments: [Part] = []
        var leftOut: [String] = []
        var parts = 0

        mutating func walk(headers: [Header], body content: ArraySlice<UInt8>, depth: Int, inAlternative: Bool) throws(ContainerError) {
            parts += 1
            if parts > limits.maxMembers * 2 + 10 { throw .tooManyMembers(count: parts, limit: limits.maxMembers) }
            if depth > 30 { throw .damaged("its parts nest more than 30 deep") }
            func field(_ name: String) -> String? { MIMEMessage.field(name, in: headers) }
            let (type, typeParameters) = field("Content-Type").map(MIMEMessage.parameters) ?? ("text/plain", [:])
            let (disposition, dispositionParameters) = field("Content-Disposition").map(MIMEMessage.parameters) ?? ("", [:])
            let fileName = dispositionParameters["filename"] ?? typeParameters["name"]
            if type.hasPrefix("multipart/"), let boundary = typeParameters["boundary"], !boundary.isEmpty {
                let pieces = Self.split(content, boundary: boundary)
                if type == "multipart/alternative" {
                    // One rendering of the body: plain text when there is one, else the richest.
                    let children = try pieces.map { piece throws(ContainerError) in
                        let (headers, start) = try MIMEMessage.headerSection(piece)
                        let type = MIMEMessage.field("Content-Type", in: headers).map { MIMEMessage.parameters($0).token } ?? "text/plain"
                        let isAttachment = MIMEMessage.field("Content-Disposition", in: headers)?.lowercased().hasPrefix("attachment") ?? false
                        return (headers: headers, body: piece[start...], type: type, isAttachment: isAttachment)
                    }
                    let chosen = children.firstIndex { $0.type == "text/plain" } ?? children.count - 1
                    for (offset, child) in children.enumerated() {
                        if offset == chosen {
                            try walk(headers: child.headers, body: child.body, depth: depth + 1, inAlternative: true)
                        } else if child.isAttachment {
                            // The renderings not chosen are dropped unless they are attachments of their own.
                            try walk(headers: child.headers, body: child.body, depth: depth + 1, inAlternative: false)
                        } else {
                            leftOut.append("another rendering of the text (\(child.type))")
                        }
                    }
                    return
                }
                for piece in pieces {
                    let (childHeaders, start) = try MIMEMessage.headerSection(piece)
                    try walk(headers: childHeaders, body: piece[start...], depth: depth + 1, inAlternative: false)
                }
                return
            }
            let encoding = field("Content-Transfer-Encoding")?.lowercased().trimmingCharacters(in: .whitespaces) ?? "7bit"
            let data = Self.decodeTransfer(content, encoding: encoding)
            let isAttachment = disposition == "attachment"
            let isBodyText = (type == "text/plain" || type == "text/html") && !isAttachment && (fileName == nil || inAlternative)
            let part = Part(contentType: type, charset: typeParameters["charset"]?.lowercased(), fileName: fileName,
                            isAttachment: isAttachment, data: data)
            if isBodyText {
                if !data.isEmpty { body.append(part) }
            } else if type.hasPrefix("image/"), fileName == nil, !isAttachment, data.count < 20_000 {
                // A small unnamed picture in the text: a signature's logo, an icon. Noted, not a document.
                leftOut.append("a small picture in the text (\(type), \(max(1, data.count / 1024)) KB)")
            } else if Self.signatureTypes.contains(type) {
                // The sender's digital signature over the message: no content of its own, and
                // not checked here. Noted, not a document.
                leftOut.append("the sender's digital signature (\(type)), not checked")
            } else {
                attachments.append(part)
                if attachments.count > limits.maxMembers { throw .tooManyMembers(count: attachments.count, limit: limits.maxMembers) }
            }
        }

        /// Parts that sign a message (S/MIME, OpenPGP) rather than carry content.
        static let signatureTypes: Set<String> = [
            "application/pkcs7-signature", "application/x-pkcs7-signature", "application/pgp-signature",
        ]

        /// The parts between `--boundary` lines; a missing closing line ends the last part at
        /// the end of the content.
        static func split(_ content: ArraySlice<UInt8>, boundary: String) -> [ArraySlice<UInt8>] {
            let delimiter = Array("--\(boundary)".utf8)
            var pieces: [ArraySlice<UInt8>] = []
            var partStart: Int?
            var lineStart = content.startIndex
            while lineStart < content.endIndex {
                var lineEnd = lineStart
                while lineEnd < content.endIndex, content[lineEnd] != 0x0A { lineEnd += 1 }
                let line = content[lineStart..<lineEnd]
                if line.starts(with: delimiter) {
                    let rest = line.dropFirst(delimiter.count)
                    let closing = rest.starts(with: [0x2D, 0x2D])
                    let onlySpace = rest.dropFirst(closing ? 2 : 0).allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
                    if onlySpace {
                        if let start = partStart {
                            // The line break before the delimiter belongs to the delimiter.
                            var end = lineStart
                            if end > start, content[end - 1] == 0x0A { end -= 1 }
                            if end > start, content[end - 1] == 0x0D { end -= 1 }
                            pieces.append(content[start..<max(start, end)])
                        }
                        if closing { return pieces }
                        partStart = min(lineEnd + 1, content.endIndex)
                    }
                }
                lineStart = min(lineEnd + 1, content.endIndex)
                if lineEnd >= content.endIndex { break }
            }
            if let start = partStart, start < content.endIndex { pieces.append(content[start...]) }
            return pieces
        }

        static func decodeTransfer(_ content: ArraySlice<UInt8>, encoding: String) -> Data {
            switch encoding {
            case "base64": Data(Base64Lenient.decode(content))
            case "quoted-printable": Data(QuotedPrintable.decode(content))
            default: Data(content)
            }
        }
    }
}

/// Base64 as mail carries it: line breaks and stray characters skipped, padding optional, a
/// dangling last character dropped.
enum Base64Lenient {
    static func decode(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 3 / 4)
        var accumulator: UInt32 = 0
        var count = 0
        func flush() {
            if count == 2 { output.append(UInt8(accumulator >> 4 & 0xFF)) }
            if count == 3 { output += [UInt8(accumulator >> 10 & 0xFF), UInt8(accumulator >> 2 & 0xFF)] }
            accumulator = 0
            count = 0
        }
        for byte in bytes {
            let value: UInt32
            switch byte {
            case 0x41...0x5A: value = UInt32(byte - 0x41)
            case 0x61...0x7A: value = UInt32(byte - 0x61 + 26)
            case 0x30...0x39: value = UInt32(byte - 0x30 + 52)
            case 0x2B, 0x2D: value = 62
            case 0x2F, 0x5F: value = 63
            case 0x3D:
                // Padding ends a group; some mailers run several encoded chunks together.
                flush()
                continue
            default: continue
            }
            accumulator = accumulator << 6 | value
            count += 1
            if count == 4 {
                output += [UInt8(accumulator >> 16 & 0xFF), UInt8(accumulator >> 8 & 0xFF), UInt8(accumulator & 0xFF)]
                accumulator = 0
                count = 0
            }
        }
        flush()
        return output
    }
}

/// Quoted-printable (RFC 2045): `=XX` bytes, soft line breaks; a broken escape stays as written.
enum QuotedPrintable {
    static func decode(_ bytes: ArraySlice<UInt8>, underscoreIsSpace: Bool = false) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: byte - 0x30
            case 0x41...0x46: byte - 0x41 + 10
            case 0x61...0x66: byte - 0x61 + 10
            default: nil
            }
        }
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x3D {
                let next = bytes.index(after: index)
                if next < bytes.endIndex, bytes[next] == 0x0A { index = bytes.index(after: next); continue }
                if next + 1 < bytes.endIndex, bytes[next] == 0x0D, bytes[next + 1] == 0x0A { index = next + 2; continue }
                if next + 1 < bytes.endIndex, let high = hex(bytes[next]), let low = hex(bytes[next + 1]) {
                    output.append(high << 4 | low)
                    index = next + 2
                    continue
                }
            }
            output.append(underscoreIsSpace && byte == 0x5F ? 0x20 : byte)
            index += 1
        }
        return output
    }
}

/// `%XX` escapes of RFC 2231 parameter values.
enum PercentDecoding {
    static func bytes(_ text: String) -> [UInt8] {
        let source = Array(text.utf8)
        var output: [UInt8] = []
        var index = 0
        while index < source.count {
            if source[index] == 0x25, index + 2 < source.count,
               let value = UInt8(String(decoding: source[index + 1...index + 2], as: UTF8.self), radix: 16) {
                output.append(value)
                index += 3
            } else {
                output.append(source[index])
                index += 1
            }
        }
        return output
    }
}

/// The character sets mail arrives in: UTF-8, Latin-1 and -15, Windows-1252, ASCII, UTF-16.
/// Bytes in a charset not known here are read as UTF-8 where valid, else as Windows-1252.
public enum Charsets {
    public static func decode(_ bytes: [UInt8], charset: String?) -> String {
        switch charset?.lowercased() {
        case "iso-8859-1", "latin1", "iso8859-1", "windows-1252", "cp1252", "iso-8859-15", "us-ascii", "ascii":
            return windows1252(bytes)
        case "utf-16", "utf-16le", "utf-16be":
            let little = charset?.lowercased() == "utf-16le" || bytes.starts(with: [0xFF, 0xFE])
            let marked = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
            return String(decoding: utf16Units(bytes.dropFirst(marked ? 2 : 0), littleEndian: little), as: UTF16.self)
        default:
            return String(validating: bytes, as: UTF8.self) ?? windows1252(bytes)
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
enum EncodedWords {
    static func decode(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        var result = ""
        var rest = Substring(value)
        var lastWasEncoded = false
        while let start = rest.range(of: "=?") {
            let before = rest[..<start.lowerBound]
            let afterStart = rest[start.upperBound...]
            guard let firstQ = afterStart.firstIndex(of: "?"),
                  afterStart.index(after: firstQ) < afterStart.endIndex,
                  let secondQ = afterStart[afterStart.index(after: firstQ)...].firstIndex(of: "?"),
                  let end = afterStart[afterStart.index(after: secondQ)...].range(of: "?=") else {
                break
            }
            let charset = String(afterStart[..<firstQ]).split(separator: "*").first.map(String.init) ?? ""
            let encoding = afterStart[afterStart.index(after: firstQ)..<secondQ].uppercased()
            let text = afterStart[afterStart.index(after: secondQ)..<end.lowerBound]
            let bytes: [UInt8]
            switch encoding {
            case "B": bytes = Base64Lenient.decode(Array(text.utf8)[...])
            case "Q": bytes = QuotedPrintable.decode(Array(text.utf8)[...], underscoreIsSpace: true)
            default:
                result += rest[..<end.upperBound]
                rest = rest[end.upperBound...]
                lastWasEncoded = false
                continue
            }
            if !(lastWasEncoded && before.allSatisfy(\.isWhitespace)) { result += before }
            result += Charsets.decode(bytes, charset: charset)
            rest = rest[end.upperBound...]
            lastWasEncoded = true
        }
        return result + rest
    }
}
