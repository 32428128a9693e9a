public import Foundation
internal import CGMime

/// An e-mail message (RFC 5322 with MIME, RFC 2045–2049) taken apart: its headers, the parts
/// that are its body, and its attachments.
///
/// Parsed by GMime 3, lenient about damage as mail readers are (a missing closing boundary ends
/// the part at the end of the message, base64 with stray characters decodes what it can, encoded
/// words in any charset iconv knows). Dossier adds its limits: a message that breaks one (parts,
/// nesting, header fields) is refused, so one hostile mail cannot flood a case.
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

    /// Parses `data` as a message; throws when it is no message at all or breaks `limits`.
    public init(data: Data, limits: ContainerLimits = ContainerLimits()) throws(ContainerError) {
        GMimeLibrary.start()
        let outcome: Result<(headers: [Header], collector: Collector)?, ContainerError> = data.withUnsafeBytes { raw in
            do throws(ContainerError) { return .success(try Self.parse(raw, limits: limits)) } catch { return .failure(error) }
        }
        let parsed = try outcome.get()
        guard let parsed else { throw .damaged("it is not an e-mail message") }
        headers = parsed.headers
        body = parsed.collector.body
        attachments = parsed.collector.attachments
        leftOut = parsed.collector.leftOut
    }

    /// GMime's reading of the bytes: the header fields and the parts sorted; `nil` when they are
    /// no message at all.
    private static func parse(_ raw: UnsafeRawBufferPointer, limits: ContainerLimits) throws(ContainerError) -> (headers: [Header], collector: Collector)? {
        // A memory stream holding a copy of the bytes, for GMime to parse.
        guard let stream = g_mime_stream_mem_new_with_buffer(raw.baseAddress?.assumingMemoryBound(to: CChar.self), raw.count)
        else { return nil }
        defer { g_object_unref(stream) }
        guard let parser = g_mime_parser_new_with_stream(stream) else { return nil }
        defer { g_object_unref(parser) }
        let options = g_mime_parser_options_new()
        defer { g_mime_parser_options_free(options) }
        // Encoded words as mailers really write them (inside words, unquoted), not only as
        // RFC 2047 allows.
        g_mime_parser_options_set_rfc2047_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE)
        guard let message = g_mime_parser_construct_message(parser, options) else { return nil }
        defer { g_object_unref(message) }
        // GMime keeps the Content-* fields with the message's top part: together they are the
        // message's own header fields.
        let root = g_mime_message_get_mime_part(message)
        var headers = try Self.headers(of: dossier_gmime_object(message))
        if let root { headers += try Self.headers(of: root) }
        var collector = Collector(limits: limits)
        if let root {
            try collector.walk(root, depth: 0, inAlternative: false)
        }
        return (headers, collector)
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

    /// An object's header fields in order, unfolded and decoded by GMime.
    static func headers(of object: UnsafeMutablePointer<GMimeObject>?) throws(ContainerError) -> [Header] {
        guard let list = g_mime_object_get_header_list(object) else { return [] }
        let count = Int(g_mime_header_list_get_count(list))
        if count > 2000 { throw .damaged("it has more than 2,000 header fields") }
        return (0..<count).compactMap { index in
            guard let header = g_mime_header_list_get_header_at(list, Int32(index)),
                  let name = g_mime_header_get_name(header) else { return nil }
            let value = g_mime_header_get_value(header).map { String(cString: $0) } ?? ""
            return Header(name: String(cString: name), value: value.trimmingCharacters(in: .whitespaces))
        }
    }

    // MARK: - Parts

    /// Walks the MIME tree GMime built, sorting leaf parts into body and attachments.
    struct Collector {
        let limits: ContainerLimits
        var body: [Part] = []
        var attachments: [Part] = []
        var leftOut: [String] = []
        var parts = 0

        mutating func walk(_ object: UnsafeMutablePointer<GMimeObject>, depth: Int, inAlternative: Bool) throws(ContainerError) {
            parts += 1
            if parts > limits.maxMembers * 2 + 10 { throw .tooManyMembers(count: parts, limit: limits.maxMembers) }
            if depth > 30 { throw .damaged("its parts nest more than 30 deep") }
            let type = Self.contentType(of: object)
            if dossier_gmime_is_multipart(object) != 0 {
                let multipart = dossier_gmime_multipart(object)
                let children = (0..<Int(g_mime_multipart_get_count(multipart))).compactMap {
                    g_mime_multipart_get_part(multipart, Int32($0))
                }
                if children.isEmpty {
                    // A multipart without parts (no boundary, or none found): its content is
                    // kept whole, as a file.
                    if let prologue = g_mime_multipart_get_prologue(multipart), prologue.pointee != 0 {
                        try attach(Part(contentType: type, charset: nil, fileName: nil, isAttachment: false,
                                        data: Data(bytes: prologue, count: strlen(prologue))))
                    }
                    return
                }
                guard type == "multipart/alternative" else {
                    for child in children { try walk(child, depth: depth + 1, inAlternative: false) }
                    return
                }
                // One rendering of the body: plain text when there is one, else the richest.
                let chosen = children.firstIndex { Self.contentType(of: $0) == "text/plain" } ?? children.count - 1
                for (offset, child) in children.enumerated() {
                    if offset == chosen {
                        try walk(child, depth: depth + 1, inAlternative: true)
                    } else if Self.isAttachment(child) {
                        // The renderings not chosen are dropped unless they are attachments of their own.
                        try walk(child, depth: depth + 1, inAlternative: false)
                    } else {
                        leftOut.append("another rendering of the text (\(Self.contentType(of: child)))")
                    }
                }
                return
            }
            if dossier_gmime_is_message_part(object) != 0 {
                // A forwarded message: a file of its own, read as an e-mail in turn.
                let inner = g_mime_message_part_get_message(dossier_gmime_message_part(object))
                let data = inner.map { message in
                    Self.bytes { stream in g_mime_object_write_to_stream(dossier_gmime_object(message), nil, stream) }
                } ?? Data()
                try attach(Part(contentType: "message/rfc822", charset: nil, fileName: Self.fileName(of: object),
                                isAttachment: Self.isAttachment(object), data: data))
                return
            }
            guard dossier_gmime_is_part(object) != 0 else { return }
            let part = dossier_gmime_part(object)
            let data = g_mime_part_get_content(part).map { wrapper in
                // The data wrapper undoes the transfer encoding (base64, quoted-printable, uuencode).
                Self.bytes { stream in g_mime_data_wrapper_write_to_stream(wrapper, stream) }
            } ?? Data()
            let fileName = Self.fileName(of: object)
            let isAttachment = Self.isAttachment(object)
            let charset = g_mime_object_get_content_type_parameter(object, "charset").map { String(cString: $0).lowercased() }
            let isBodyText = (type == "text/plain" || type == "text/html") && !isAttachment && (fileName == nil || inAlternative)
            let found = Part(contentType: type, charset: charset, fileName: fileName, isAttachment: isAttachment, data: data)
            if isBodyText {
                if !data.isEmpty { body.append(found) }
            } else if type.hasPrefix("image/"), fileName == nil, !isAttachment, data.count < 20_000 {
                // A small unnamed picture in the text: a signature's logo, an icon. Noted, not a document.
                leftOut.append("a small picture in the text (\(type), \(max(1, data.count / 1024)) KB)")
            } else if Self.signatureTypes.contains(type) {
                // The sender's digital signature over the message: no content of its own, and
                // not checked here. Noted, not a document.
                leftOut.append("the sender's digital signature (\(type)), not checked")
            } else {
                try attach(found)
            }
        }

        private mutating func attach(_ part: Part) throws(ContainerError) {
            attachments.append(part)
            if attachments.count > limits.maxMembers { throw .tooManyMembers(count: attachments.count, limit: limits.maxMembers) }
        }

        /// Parts that sign a message (S/MIME, OpenPGP) rather than carry content.
        static let signatureTypes: Set<String> = [
            "application/pkcs7-signature", "application/x-pkcs7-signature", "application/pgp-signature",
        ]

        /// `type/subtype` of a part, lower case (GMime gives `text/plain` when the part names none).
        static func contentType(of object: UnsafeMutablePointer<GMimeObject>) -> String {
            guard let type = g_mime_object_get_content_type(object), let raw = g_mime_content_type_get_mime_type(type) else {
                return "text/plain"
            }
            defer { g_free(raw) }
            return String(cString: raw).lowercased()
        }

        /// Whether the part's disposition says attachment.
        static func isAttachment(_ object: UnsafeMutablePointer<GMimeObject>) -> Bool {
            g_mime_object_get_disposition(object).map { String(cString: $0).lowercased() == "attachment" } ?? false
        }

        /// The part's file name (disposition `filename`, else content type `name`; RFC 2231 and
        /// 2047 decoded by GMime).
        static func fileName(of object: UnsafeMutablePointer<GMimeObject>) -> String? {
            if dossier_gmime_is_part(object) != 0, let name = g_mime_part_get_filename(dossier_gmime_part(object)) {
                return String(cString: name)
            }
            if let name = g_mime_object_get_content_disposition_parameter(object, "filename") ?? g_mime_object_get_content_type_parameter(object, "name") {
                return String(cString: name)
            }
            return nil
        }

        /// What `write` puts into a memory stream.
        static func bytes(_ write: (UnsafeMutablePointer<GMimeStream>?) -> Int) -> Data {
            guard let stream = g_mime_stream_mem_new() else { return Data() }
            defer { g_object_unref(stream) }
            guard write(stream) >= 0, let array = g_mime_stream_mem_get_byte_array(dossier_gmime_stream_mem(stream)),
                  let bytes = array.pointee.data else { return Data() }
            return Data(bytes: bytes, count: Int(array.pointee.len))
        }
    }
}

/// GMime's one-time set-up, made before the first message is parsed.
enum GMimeLibrary {
    private static let started: Bool = {
        g_mime_init()
        return true
    }()

    /// Initialises GMime once per process (thread-safe: a lazily made static).
    static func start() { _ = started }
}
