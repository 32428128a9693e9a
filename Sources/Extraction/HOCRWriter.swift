public import DossierCore

/// Writes transcripts as hOCR: XHTML with `ocr_page`, `ocr_carea`, `ocr_line` and `ocrx_word`
/// elements whose `title` carries the box (`bbox x0 y0 x1 y1`, in the page's unit) and the word
/// confidence (`x_wconf`).
public enum HOCRWriter {
    /// The hOCR document for `transcript`; pages without a layout carry their text in one line.
    public static func document(_ transcript: DocumentTranscript, language: String = "nl") -> String {
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
        <html xmlns="http://www.w3.org/1999/xhtml" xml:lang="\(language)" lang="\(language)">
        <head>
        <title>\(escape(transcript.file))</title>
        <meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>
        <meta name="ocr-system" content="dossier"/>
        <meta name="ocr-capabilities" content="ocr_page ocr_carea ocr_line ocrx_word"/>
        </head>
        <body>

        """
        for page in transcript.pages {
            let n = page.number
            var pageTitle = "ppageno \(n - 1)"
            if let layout = page.layout {
                pageTitle = "bbox 0 0 \(Int(layout.width.rounded())) \(Int(layout.height.rounded())); " + pageTitle
            }
            out += "<div class=\"ocr_page\" id=\"page_\(n)\" title=\"\(pageTitle)\">\n"
            if let layout = page.layout {
                var lineNumber = 0, wordNumber = 0
                for (blockIndex, block) in layout.blocks.enumerated() {
                    out += " <div class=\"ocr_carea\" id=\"block_\(n)_\(blockIndex + 1)\" title=\"\(bbox(block.box))\">\n"
                    for line in block.lines {
                        lineNumber += 1
                        out += "  <span class=\"ocr_line\" id=\"line_\(n)_\(lineNumber)\" title=\"\(bbox(line.box))\">"
                        for (index, word) in line.words.enumerated() {
                            wordNumber += 1
                            if index > 0 { out += " " }
                            let confidence = Int(word.confidence.rounded())
                            out += "<span class=\"ocrx_word\" id=\"word_\(n)_\(wordNumber)\" title=\"\(bbox(word.box)); x_wconf \(confidence)\">\(escape(word.text))</span>"
                        }
                        out += "</span>\n"
                    }
                    out += " </div>\n"
                }
            } else if !page.text.isEmpty {
                for (index, line) in page.text.split(separator: "\n").enumerated() {
                    out += " <span class=\"ocr_line\" id=\"line_\(n)_\(index + 1)\">\(escape(String(line)))</span>\n"
                }
            }
            out += "</div>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }

    private static func bbox(_ box: PageBox) -> String {
        let x0 = Int(box.x.rounded(.down)), y0 = Int(box.y.rounded(.down))
        let x1 = Int((box.x + box.width).rounded(.up)), y1 = Int((box.y + box.height).rounded(.up))
        return "bbox \(x0) \(y0) \(x1) \(y1)"
    }

    /// Escapes XML's five special characters and drops characters XML 1.0 cannot hold.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let v = scalar.value
                let allowed = v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v)
                    || (0xE000...0xFFFD).contains(v) || v >= 0x10000
                if allowed { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
