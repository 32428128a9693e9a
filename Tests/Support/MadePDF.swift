public import Foundation

/// Small born-digital PDFs made on the spot: one Helvetica text line per string, a correct
/// cross-reference table, the same bytes for the same pages. For tests, benchmarks and the fuzz
/// seed corpus that need many distinct real documents.
public enum MadePDF {
    /// A PDF with one page per element of `pages`, each element the lines of that page.
    /// Characters outside Latin-1 become `?` (the font is Helvetica in WinAnsiEncoding).
    public static func make(pages: [[String]]) -> Data {
        var objects: [String] = []
        // 1: catalog, 2: page tree, 3: font, then a page and its content stream per page.
        let pageIDs = pages.indices.map { 4 + 2 * $0 }
        objects.append("<< /Type /Catalog /Pages 2 0 R >>")
        objects.append("<< /Type /Pages /Kids [\(pageIDs.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pages.count) >>")
        objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        var streams: [Int: Data] = [:]
        for (index, lines) in pages.enumerated() {
            var content = "BT /F1 11 Tf 14 TL 72 770 Td\n"
            for line in lines { content += "(\(escape(line))) '\n" }
            content += "ET\n"
            let body = Data(content.unicodeScalars.map { $0.value < 256 ? UInt8($0.value) : UInt8(ascii: "?") })
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents \(pageIDs[index] + 1) 0 R >>")
            streams[objects.count + 1] = body
            objects.append("")
        }
        var pdf = Data("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            let number = index + 1
            offsets.append(pdf.count)
            if let stream = streams[number] {
                pdf.append(Data("\(number) 0 obj\n<< /Length \(stream.count) >>\nstream\n".utf8))
                pdf.append(stream)
                pdf.append(Data("endstream\nendobj\n".utf8))
            } else {
                pdf.append(Data("\(number) 0 obj\n\(object)\nendobj\n".utf8))
            }
        }
        let xref = pdf.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += String(format: "%010d 00000 n \n", offset) }
        table += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        pdf.append(Data(table.utf8))
        return pdf
    }

    /// A one-page letter, different for every `number`: enough ordinary text for intake to
    /// recognise, screen and summarise.
    public static func letter(_ number: Int) -> Data {
        make(pages: [[
            "Gemeente Voorbeeldstad, afdeling Burgerzaken",
            "Kenmerk BZ-\(10_000 + number)",
            "Datum: \(1 + number % 28) maart 2026",
            "",
            "Geachte heer, mevrouw,",
            "",
            "Op uw verzoek nummer \(number) bevestigen wij dat de gevraagde stukken zijn ontvangen.",
            "Wij nemen binnen acht weken een besluit over uw aanvraag.",
            "Hebt u vragen, neem dan contact op met de afdeling Burgerzaken.",
            "",
            "Met vriendelijke groet,",
            "De burgemeester van Voorbeeldstad",
        ]])
    }

    private static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "(" || character == ")" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out
    }
}

extension MadePDF {
    /// A one-page PDF with a past: its first revision shows `earlier` lines, an incremental update
    /// replaces them with `current`; it carries an Info dictionary (author, title, producer) and a
    /// text annotation holding `note`. What a viewer shows is `current` only; the rest is in the
    /// file's bytes, as in the documents redaction goes wrong on.
    public static func withHistory(current: [String], earlier: [String], author: String, title: String, producer: String, note: String) -> Data {
        func content(_ lines: [String]) -> Data {
            var text = "BT /F1 11 Tf 14 TL 72 770 Td\n"
            for line in lines { text += "(\(escape(line))) '\n" }
            text += "ET\n"
            return Data(text.unicodeScalars.map { $0.value < 256 ? UInt8($0.value) : UInt8(ascii: "?") })
        }
        var pdf = Data("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
        var offsets: [Int: Int] = [:]
        func object(_ number: Int, _ body: String, stream: Data? = nil) {
            offsets[number] = pdf.count
            if let stream {
                pdf.append(Data("\(number) 0 obj\n<< /Length \(stream.count) >>\nstream\n".utf8))
                pdf.append(stream)
                pdf.append(Data("endstream\nendobj\n".utf8))
            } else {
                pdf.append(Data("\(number) 0 obj\n\(body)\nendobj\n".utf8))
            }
        }
        let page = { (contents: Int) in
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents \(contents) 0 R /Annots [6 0 R] >>"
        }
        object(1, "<< /Type /Catalog /Pages 2 0 R >>")
        object(2, "<< /Type /Pages /Kids [4 0 R] /Count 1 >>")
        object(3, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        object(4, page(5))
        object(5, "", stream: content(earlier))
        object(6, "<< /Type /Annot /Subtype /Text /Rect [500 780 520 800] /Contents (\(escape(note))) >>")
        object(7, "<< /Author (\(escape(author))) /Title (\(escape(title))) /Producer (\(escape(producer))) >>")
        let firstXref = pdf.count
        var table = "xref\n0 8\n0000000000 65535 f \n"
        for number in 1...7 { table += String(format: "%010d 00000 n \n", offsets[number]!) }
        table += "trailer\n<< /Size 8 /Root 1 0 R /Info 7 0 R >>\nstartxref\n\(firstXref)\n%%EOF\n"
        pdf.append(Data(table.utf8))
        // The update: a new content stream and the page pointing at it.
        object(8, "", stream: content(current))
        object(4, page(8))
        let secondXref = pdf.count
        var update = "xref\n0 1\n0000000000 65535 f \n4 1\n" + String(format: "%010d 00000 n \n", offsets[4]!)
        update += "8 1\n" + String(format: "%010d 00000 n \n", offsets[8]!)
        update += "trailer\n<< /Size 9 /Root 1 0 R /Info 7 0 R /Prev \(firstXref) >>\nstartxref\n\(secondXref)\n%%EOF\n"
        pdf.append(Data(update.utf8))
        return pdf
    }
}
