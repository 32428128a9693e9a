public import Foundation

/// E-mail messages made for the tests: a lawyer's message with its text as plain text and HTML,
/// a PDF attachment with an RFC 2231 name, a forwarded message with an attachment of its own,
/// and a signature logo.
public enum MadeMail {
    /// `data` as base64 in lines of 76 characters, as mail carries it.
    public static func base64Lines(_ data: Data) -> String {
        let text = data.base64EncodedString()
        return stride(from: 0, to: text.count, by: 76).map { start in
            let from = text.index(text.startIndex, offsetBy: start)
            return String(text[from..<(text.index(from, offsetBy: 76, limitedBy: text.endIndex) ?? text.endIndex)])
        }.joined(separator: "\r\n")
    }

    /// A forwarded employer's statement: a message with a text body and a `.txt` attachment.
    public static func forwarded(attachment: Data) -> String {
        """
        From: Bakkerij Het Gouden Korenveld <info@korenveld.example>\r
        To: "mr. J. de Vries" <devries@advocaat.example>\r
        Subject: Werkgeversverklaring\r
        Date: Mon, 12 Oct 2026 09:00:00 +0200\r
        MIME-Version: 1.0\r
        Content-Type: multipart/mixed; boundary=b3\r
        \r
        --b3\r
        Content-Type: text/plain; charset=iso-8859-1\r
        Content-Transfer-Encoding: quoted-printable\r
        \r
        Hierbij de gevraagde verklaring van de werkgever van uw cli=EBnt.\r
        --b3\r
        Content-Type: text/plain; charset=windows-1252; name="werkgeversverklaring.txt"\r
        Content-Disposition: attachment; filename="werkgeversverklaring.txt"\r
        Content-Transfer-Encoding: base64\r
        \r
        \(base64Lines(attachment))\r
        --b3--\r

        """
    }

    /// The lawyer's message, with `pdf` and the forwarded statement attached.
    public static func lawyersMessage(pdf: Data, statement: Data) -> Data {
        let logo = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(count: 200)
        let text = """
        From: "mr. J. de Vries" <devries@advocaat.example>\r
        To: IND <post@ind.example>\r
        Subject: =?utf-8?Q?Aanvulling_aanvraag_cli=C3=ABnt?= =?utf-8?B?KFYtbnVtbWVyKQ==?=\r
        Date: Tue, 3 Nov 2026 10:15:00 +0100\r
        Message-ID: <aanvulling-1@advocaat.example>\r
        MIME-Version: 1.0\r
        Content-Type: multipart/mixed;\r
         boundary="grens-1"\r
        \r
        This is a multi-part message in MIME format.\r
        --grens-1\r
        Content-Type: multipart/alternative; boundary="grens-2"\r
        \r
        --grens-2\r
        Content-Type: text/plain; charset=utf-8\r
        Content-Transfer-Encoding: quoted-printable\r
        \r
        Geachte heer, mevrouw,\r
        \r
        Namens mijn cli=C3=ABnt, de heer A. Yilmaz (V-nummer 1234567890), stuur ik u de i=\r
        ngebrekestelling en de verklaring van zijn werkgever.\r
        \r
        Met vriendelijke groet,\r
        mr. J. de Vries\r
        --grens-2\r
        Content-Type: text/html; charset=utf-8\r
        \r
        <html><body><p>Geachte heer, mevrouw,</p><p>HTML-versie</p></body></html>\r
        --grens-2--\r
        --grens-1\r
        Content-Type: application/pdf; name="brief.pdf"\r
        Content-Disposition: attachment;\r
         filename*=UTF-8''ingebrekestelling%20cli%C3%ABnt.pdf\r
        Content-Transfer-Encoding: base64\r
        \r
        \(base64Lines(pdf))\r
        --grens-1\r
        Content-Type: message/rfc822\r
        Content-Disposition: attachment; filename="doorgestuurd.eml"\r
        \r
        \(forwarded(attachment: statement))\r
        --grens-1\r
        Content-Type: image/png\r
        Content-Disposition: inline\r
        Content-ID: <logo@advocaat.example>\r
        Content-Transfer-Encoding: base64\r
        \r
        \(base64Lines(logo))\r
        --grens-1--\r

        """
        return Data(text.utf8)
    }
}
