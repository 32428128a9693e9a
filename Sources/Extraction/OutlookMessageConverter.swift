public import Foundation
internal import DossierCore
internal import Containers

/// Turns an Outlook message (`.msg`, a compound file) into a MIME message with Debian's
/// `msgconvert` (libemail-outlook-message-perl), run as a supervised worker: in a private
/// folder, with no network where the machine allows it, its address space capped and a time
/// limit. The MIME message is then read as any e-mail.
public struct OutlookMessageConverter: Sendable {
    /// Seconds a conversion may take.
    public let timeout: Double
    /// Address space `msgconvert` may use, in megabytes.
    public let memoryLimitMB: Int

    public init(timeout: Double = 60, memoryLimitMB: Int = 1024) {
        self.timeout = max(0.1, timeout)
        self.memoryLimitMB = max(128, memoryLimitMB)
    }

    /// Converts `source` into `folder` (made private) and returns the `.eml` written there.
    public func convert(_ source: URL, in folder: URL) throws(ExtractionError) -> URL {
        let input = folder.appendingPathComponent("message.msg")
        let output = folder.appendingPathComponent("message.eml")
        do {
            try PrivateFiles.makeFolder(folder)
            try FileManager.default.copyItem(at: source, to: input)
        } catch {
            throw .unreadable("cannot prepare the conversion")
        }
        let started = Date()
        switch SupervisedCommand(timeout: timeout, memoryLimitMB: memoryLimitMB).run(["msgconvert", "--outfile", output.path, input.path], in: folder) {
        case .timedOut: throw .messageConversionFailed("msgconvert did not finish within \(String(format: "%g", timeout)) s")
        case .missing: throw .messageConverterMissing
        case .exited: break
        }
        guard let data = try? Data(contentsOf: output), !data.isEmpty else {
            throw .messageConversionFailed("msgconvert could not read it (damaged, or not a mail message)")
        }
        // msgconvert writes what it could read, and nothing but a date when it read nothing.
        guard let message = try? MIMEMessage(data: data),
              message.header("From") != nil || message.header("Subject") != nil || !message.body.isEmpty || !message.attachments.isEmpty
        else {
            throw .messageConversionFailed("msgconvert found no message in it (damaged, or not a mail message)")
        }
        // A message without a sending time gets the time of the conversion as its date: that
        // is no fact about the message, and deadlines must never count from it.
        if let date = message.header("Date"), Self.isConversionTime(date, started: started) {
            do { try Self.droppingDate(data).write(to: output) } catch { throw .unreadable("cannot write the converted message") }
        }
        return output
    }

    /// True when `date` (RFC 5322) falls within the conversion, i.e. msgconvert made it up.
    static func isConversionTime(_ date: String, started: Date) -> Bool {
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_US_POSIX")
        parser.dateFormat = "EEE, d MMM yyyy HH:mm:ss Z"
        guard let parsed = parser.date(from: date) else { return false }
        return parsed >= started.addingTimeInterval(-2) && parsed <= Date().addingTimeInterval(2)
    }

    /// The message with its `Date:` header line left out (the header section only).
    static func droppingDate(_ data: Data) -> Data {
        var lines = [UInt8](data).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        for index in lines.indices {
            let line = lines[index]
            if line.isEmpty || line == [0x0D] { break }
            if line.prefix(5).map({ $0 | 0x20 }) == Array("date:".utf8) {
                lines.remove(at: index)
                break
            }
        }
        return Data(lines.joined(separator: [UInt8(0x0A)]))
    }
}
