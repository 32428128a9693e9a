internal import Foundation
public import DossierCore
public import Containers

/// Reads an e-mail message as pages: the first page its envelope (From, To, Cc, Date, Subject,
/// and the attachments by name), then its body text (an HTML body as a browser shows it),
/// cut into pages as plain text is. The attachments themselves are documents of their own
/// (intake takes them in); here they are only named.
public enum EmailReader {
    /// The pages of the message at `url`.
    static func pages(_ url: URL, limits: ExtractionLimits, containerLimits: ContainerLimits = ContainerLimits()) throws(ExtractionError) -> [PageTranscript] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .unreadable(ExtractionError.describe(error)) }
        let message: MIMEMessage
        do { message = try MIMEMessage(data: data, limits: containerLimits) } catch {
            throw .damaged(error.localizedDescription)
        }
        return try pages(of: message, limits: limits)
    }

    /// The pages of a parsed message.
    public static func pages(of message: MIMEMessage, limits: ExtractionLimits = ExtractionLimits()) throws(ExtractionError) -> [PageTranscript] {
        var texts = [envelope(message)]
        let bodyText = message.body.map { part -> String in
            let text = Charsets.decode([UInt8](part.data), charset: part.charset)
            return part.contentType == "text/html" ? HTMLText.text(ofMarkup: text) : text
        }.joined(separator: "\n\n")
            .replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let readable = withoutNULs(bodyText)
        if !readable.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            texts += PlainTextPages.paged(readable)
        }
        try limits.checkPages(texts.count)
        return texts.enumerated().map { offset, text in
            PageTranscript(number: offset + 1, method: .textFile, text: text, confidence: nil, decision: .emailText)
        }
    }

    /// `text` without NUL characters, with the spaces and angle brackets they leave trimmed.
    static func withoutNULs(_ text: String) -> String {
        guard text.unicodeScalars.contains("\u{0}") else { return text }
        return text.replacingOccurrences(of: "\u{0}", with: "").replacingOccurrences(of: "<>", with: "")
            .trimmingCharacters(in: .whitespaces)
    }

    /// The envelope page: who wrote to whom, when, about what, with which attachments.
    static func envelope(_ message: MIMEMessage) -> String {
        var lines = ["E-mail"]
        for name in ["From", "To", "Cc", "Date", "Subject"] {
            // A damaged message may carry NULs where its text was: they are not text.
            guard var value = message.header(name).map(withoutNULs), !value.isEmpty, value != "<>" else { continue }
            if name == "Date", let day = MailDate.day(value) { value += " (\(day))" }
            lines.append("\(name): \(value)")
        }
        if !message.attachments.isEmpty {
            lines.append("Attachments (\(message.attachments.count)):")
            for (offset, part) in message.attachments.enumerated() {
                lines.append("\(offset + 1). \(AttachmentNames.name(of: part, position: offset + 1))")
            }
        }
        for note in message.leftOut { lines.append("Not taken in: \(note)") }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The calendar day of an RFC 5322 date (`Tue, 3 Nov 2026 10:15:00 +0100`), as YYYY-MM-DD in
/// the sender's own time zone, so that screening finds the message's date.
enum MailDate {
    static func day(_ value: String) -> String? {
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        let words = value.replacingOccurrences(of: ",", with: " ").split(separator: " ").map { $0.lowercased() }
        for index in words.indices.dropLast(2) {
            guard let day = Int(words[index]), (1...31).contains(day),
                  let month = months.firstIndex(of: String(words[index + 1].prefix(3))),
                  var year = Int(words[index + 2]) else { continue }
            if year < 100 { year += year < 50 ? 2000 : 1900 }
            return String(format: "%04d-%02d-%02d", year, month + 1, day)
        }
        return nil
    }
}
