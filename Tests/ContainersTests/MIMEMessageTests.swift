import Foundation
import Testing
import TestSupport
@testable import Containers

@Suite("E-mail messages (MIME)")
struct MIMEMessageTests {
    let pdf: Data
    let statement: Data
    init() throws {
        pdf = try Data(contentsOf: SampleFiles.letterPDF)
        statement = try Data(contentsOf: SampleFiles.employerStatementText)
    }

    @Test("Headers unfolded and decoded; the plain-text rendering is the body; attachments byte for byte, a forwarded message whole; the logo noted")
    func lawyersMessage() throws {
        let message = try MIMEMessage(data: MadeMail.lawyersMessage(pdf: pdf, statement: statement))
        #expect(message.header("subject") == "Aanvulling aanvraag cliënt(V-nummer)")
        #expect(message.header("From") == "\"mr. J. de Vries\" <devries@advocaat.example>")
        #expect(message.header("Content-Type") == "multipart/mixed; boundary=\"grens-1\"")
        #expect(message.body.count == 1)
        let body = String(decoding: message.body[0].data, as: UTF8.self)
        #expect(body.contains("Namens mijn cliënt, de heer A. Yilmaz (V-nummer 1234567890), stuur ik u de ingebrekestelling"))
        #expect(!body.contains("HTML-versie"))
        #expect(message.attachments.count == 2)
        #expect(message.attachments[0].fileName == "ingebrekestelling cliënt.pdf")
        #expect(message.attachments[0].data == pdf, "base64 undone byte for byte")
        #expect(message.attachments[1].contentType == "message/rfc822")
        let forwarded = try MIMEMessage(data: message.attachments[1].data)
        #expect(forwarded.header("Subject") == "Werkgeversverklaring")
        #expect(Charsets.decode([UInt8](forwarded.body[0].data), charset: forwarded.body[0].charset).contains("uw cliënt"))
        #expect(forwarded.attachments.first?.data == statement)
        #expect(message.leftOut.contains { $0.hasPrefix("a small picture in the text (image/png") })
        #expect(message.leftOut.contains("another rendering of the text (text/html)"))
    }

    @Test("A signed message: its signature part is noted as left out, not taken for an attachment")
    func signed() throws {
        let signed = """
            From: ind@example.org\r
            To: advocaat@example.nl\r
            Subject: Besluit\r
            MIME-Version: 1.0\r
            Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="s"\r
            \r
            --s\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            Het besluit is bijgevoegd.\r
            --s\r
            Content-Type: application/pkcs7-signature; name="smime.p7s"\r
            Content-Disposition: attachment; filename="smime.p7s"\r
            Content-Transfer-Encoding: base64\r
            \r
            MIIGmQYJKoZIhvcNAQcCoIIGijCCBoYCAQExDzANBglghkgBZQMEAgEFADALBgkq\r
            --s--\r

            """
        let message = try MIMEMessage(data: Data(signed.utf8))
        #expect(message.attachments.isEmpty)
        #expect(message.leftOut == ["the sender's digital signature (application/pkcs7-signature), not checked"])
        #expect(message.body.map { String(decoding: $0.data, as: UTF8.self) } == ["Het besluit is bijgevoegd."])
    }

    @Test("Sniffing: a message is told from plain text by its header fields")
    func looksLikeMessage() {
        #expect(MIMEMessage.looksLikeMessage(Array("From: a@b\r\nTo: c@d\r\nSubject: x\r\n\r\nhoi".utf8)))
        #expect(MIMEMessage.looksLikeMessage(Array("From someone Tue Nov  3 10:15:00 2026\nDate: x\nSubject: y\n\n".utf8)))
        #expect(!MIMEMessage.looksLikeMessage(Array("Geachte heer,\n\nIk schrijf u.".utf8)))
        #expect(!MIMEMessage.looksLikeMessage(Array("Onderwerp: aanvraag\n\nTekst".utf8)))
        #expect(!MIMEMessage.looksLikeMessage(Array("Subject: only one\n\n".utf8)))
        // A webmail export: kilobytes of routing and signature fields before From and Subject,
        // and the look cut inside a line.
        var routed = "Delivered-To: post@ind.example\r\nReceived: by 2002:a05:6400:1234 with SMTP id x; Tue, 3 Nov 2026 01:15:00 -0800\r\n"
        for index in 0..<6 {
            routed += "ARC-Seal: i=\(index); a=rsa-sha256; t=1793700900; cv=none; d=example.com; s=arc-20160816;\r\n"
                + String(repeating: "        b=" + String(repeating: "Q", count: 60) + "\r\n", count: 8)
        }
        routed += "From: advocaat@example.nl\r\nSubject: Aanvulling\r\nMessage-ID: <1@example.nl>\r\n\r\nTekst\r\n"
        #expect(routed.utf8.count > 4096)
        #expect(MIMEMessage.looksLikeMessage(Array(routed.utf8)))
        #expect(MIMEMessage.looksLikeMessage(Array(routed.utf8.prefix(routed.utf8.count - 40))))
    }

    @Test("Damage read as mail readers read it: no closing boundary, base64 with garbage, a bad escape, no boundary at all")
    func damaged() throws {
        let noClose = "From: a\r\nTo: b\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nde tekst\r\n--x\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBE!!Ri0x\r\n~~LjQ=\r\n"
        let message = try MIMEMessage(data: Data(noClose.utf8))
        #expect(message.body.map { String(decoding: $0.data, as: UTF8.self) } == ["de tekst"])
        #expect(message.attachments.first.map { String(decoding: $0.data, as: UTF8.self) } == "%PDF-1.4")
        let badEscape = try MIMEMessage(data: Data("From: a\r\nTo: b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\na=ZZb=\r\nc=3D".utf8))
        #expect(badEscape.body.map { String(decoding: $0.data, as: UTF8.self) } == ["a=ZZbc="])
        let noBoundary = try MIMEMessage(data: Data("Subject: x\r\nContent-Type: multipart/mixed\r\n\r\nalleen tekst".utf8))
        #expect(noBoundary.attachments.count == 1, "a multipart without a boundary is kept whole, as a file")
        let headersOnly = try MIMEMessage(data: Data("From: a\r\nSubject: leeg".utf8))
        #expect(headersOnly.header("Subject") == "leeg" && headersOnly.body.isEmpty)
    }

    @Test("Subject, body and attachment names in the charsets mail arrives in, decoded exactly", arguments: [
        ("windows-1251", [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2], "Привет"),
        ("koi8-r", [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4], "Привет"),
        ("iso-8859-2", [0xA3, 0xF3, 0x64, 0xBC], "Łódź"),
        ("iso-8859-15", [0x31, 0x32, 0x30, 0x20, 0xA4, 0x20, 0xBD, 0x75, 0x76, 0x72, 0x65], "120 € œuvre"),
        ("gb2312", [0xD6, 0xD0, 0xCE, 0xC4], "中文"),
        ("shift_jis", [0x93, 0xFA, 0x96, 0x7B], "日本"),
        ("iso-2022-jp", [0x1B, 0x24, 0x42, 0x46, 0x7C, 0x4B, 0x5C, 0x1B, 0x28, 0x42], "日本"),
    ] as [(String, [UInt8], String)])
    func charsets(charset: String, bytes: [UInt8], text: String) throws {
        let word = "=?\(charset)?B?\(Data(bytes).base64EncodedString())?="
        let percent = bytes.map { String(format: "%%%02X", $0) }.joined()
        var mail = Data(("From: \(word) <a@example.org>\r\nTo: b@example.nl\r\nSubject: \(word)\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=g\r\n\r\n--g\r\nContent-Type: text/plain; charset=\(charset)\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n\r\n").utf8)
        mail.append(contentsOf: bytes)
        mail.append(contentsOf: Array(("\r\n--g\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; "
            + "filename*=\(charset == "iso-2022-jp" ? "utf-8''" + text.utf8.map { String(format: "%%%02X", $0) }.joined() : charset + "''" + percent).pdf\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQ=\r\n--g\r\nContent-Type: text/plain\r\n"
            + "Content-Disposition: attachment; filename=\"\(word).txt\"\r\n\r\nbijlage\r\n--g--\r\n").utf8))
        let message = try MIMEMessage(data: mail)
        #expect(message.header("Subject") == text)
        #expect(message.header("From") == "\(text) <a@example.org>")
        #expect(message.body.map { Charsets.decode([UInt8]($0.data), charset: $0.charset) } == [text])
        #expect(message.attachments.map(\.fileName) == ["\(text).pdf", "\(text).txt"])
    }

    @Test("Five hundred and one attachments, or parts nested forty deep, are refused in one line")
    func limits() throws {
        var many = "From: a\r\nTo: b\r\nContent-Type: multipart/mixed; boundary=q\r\n\r\n"
        for index in 0..<501 { many += "--q\r\nContent-Type: application/pdf; name=\"\(index).pdf\"\r\n\r\n%PDF\r\n" }
        many += "--q--\r\n"
        #expect(throws: ContainerError.tooManyMembers(count: 501, limit: 500)) { try MIMEMessage(data: Data(many.utf8)) }
        var deep = "From: a\r\nTo: b\r\nContent-Type: multipart/mixed; boundary=d0\r\n\r\n"
        for level in 1...40 { deep += "--d\(level - 1)\r\nContent-Type: multipart/mixed; boundary=d\(level)\r\n\r\n" }
        #expect(throws: ContainerError.damaged("its parts nest more than 30 deep")) { try MIMEMessage(data: Data(deep.utf8)) }
    }

    @Test("Every cut of a message parses or is refused, never crashes")
    func cuts() {
        let data = MadeMail.lawyersMessage(pdf: Data("%PDF-1.4 kort".utf8), statement: Data("tekst".utf8))
        for cut in stride(from: 0, to: data.count, by: 5) { _ = try? MIMEMessage(data: data.prefix(cut)) }
    }
}
