internal import DossierCore
internal import Foundation

/// Writes a PDF whose pages hold only invisible text (render mode 3) at the words' places, to be
/// laid over page images so that viewers and `pdftotext` can select and search them.
///
/// The text uses a one-glyph font ("glyph-less"): every character code draws the same empty
/// glyph, and a ToUnicode map gives each code its Unicode value back. Its program is the
/// `pdf.ttf` that Debian's libtesseract5 package installs for the same purpose.
struct InvisibleTextPDF {
    /// A page: its size in points and its words in reading order.
    struct Page {
        let width: Double
        let height: Double
        let lines: [LaidOutLine]
        /// Page points per layout unit (1 for `pt` layouts; 72/dpi for pixel layouts).
        let pointsPerUnit: (x: Double, y: Double)
        /// Quarter turns (clockwise) that made the page upright for OCR: the text runs turned
        /// back by as much on the page, and so must its invisible copy.
        var quarterTurns: Int = 0
    }

    /// Where the glyph-less font program is.
    static let fontProgramPath = "/usr/share/tesseract-ocr/5/tessdata/pdf.ttf"

    /// Advance width of the glyph, in 1/1000 em.
    private static let glyphWidth = 500.0

    static func data(pages: [Page]) throws(ExtractionError) -> Data {
        guard let fontProgram = FileManager.default.contents(atPath: fontProgramPath) else {
            throw .ocrUnavailable("the glyph-less PDF font (\(fontProgramPath), package libtesseract5) is missing")
        }
        var objects: [Data] = []
        func add(_ body: Data) -> Int {
            objects.append(body)
            return objects.count
        }
        func stream(_ dictionary: String, _ content: Data) -> Data {
            var data = Data("<< \(dictionary) /Length \(content.count) >>\nstream\n".utf8)
            data.append(content)
            data.append(Data("\nendstream".utf8))
            return data
        }

        let catalog = add(Data())
        let pagesObject = add(Data())
        let fontFile = add(stream("/Length1 \(fontProgram.count)", fontProgram))
        let descriptor = add(Data("""
            << /Type /FontDescriptor /FontName /GlyphLessFont /Flags 5 /FontBBox [0 0 \(Int(glyphWidth)) 1000] \
            /ItalicAngle 0 /Ascent 1000 /Descent 0 /CapHeight 1000 /StemV 80 /FontFile2 \(fontFile) 0 R >>
            """.utf8))
        // Every CID draws glyph 1: two bytes per CID for all 65536 CIDs.
        var map = Data(count: 131_072)
        for index in stride(from: 1, to: map.count, by: 2) { map[index] = 1 }
        let cidToGID = add(stream("", map))
        let cidFont = add(Data("""
            << /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont /CIDToGIDMap \(cidToGID) 0 R \
            /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
            /FontDescriptor \(descriptor) 0 R /DW \(Int(glyphWidth)) >>
            """.utf8))
        let toUnicode = add(stream("", Data(identityToUnicode().utf8)))
        let font = add(Data("""
            << /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /Identity-H \
            /DescendantFonts [\(cidFont) 0 R] /ToUnicode \(toUnicode) 0 R >>
            """.utf8))

        var kids: [Int] = []
        for page in pages {
            let content = add(stream("", Data(contentStream(page).utf8)))
            let object = add(Data("""
                << /Type /Page /Parent \(pagesObject) 0 R /MediaBox [0 0 \(number(page.width)) \(number(page.height))] \
                /Contents \(content) 0 R /Resources << /Font << /F0 \(font) 0 R >> >> >>
                """.utf8))
            kids.append(object)
        }
        objects[catalog - 1] = Data("<< /Type /Catalog /Pages \(pagesObject) 0 R >>".utf8)
        objects[pagesObject - 1] = Data(
            "<< /Type /Pages /Kids [\(kids.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(kids.count) >>".utf8
        )

        var out = Data("%PDF-1.5\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        for (index, body) in objects.enumerated() {
            offsets.append(out.count)
            out.append(Data("\(index + 1) 0 obj\n".utf8))
            out.append(body)
            out.append(Data("\nendobj\n".utf8))
        }
        let xref = out.count
        out.append(Data("xref\n0 \(objects.count + 1)\n0000000000 65535 f \n".utf8))
        for offset in offsets { out.append(Data(String(format: "%010d 00000 n \n", offset).utf8)) }
        out.append(Data("trailer\n<< /Size \(objects.count + 1) /Root \(catalog) 0 R >>\nstartxref\n\(xref)\n%%EOF\n".utf8))
        return out
    }

    /// The page's words as invisible text: each word starts at its box's left edge and is
    /// stretched to its box width; all words of a line share one baseline and size (taken from
    /// the line's box), so text extraction keeps them on one line.
    static func contentStream(_ page: Page) -> String {
        let upright = UprightFrame(page: page)
        var out = "q \(upright.matrix) cm\nBT\n3 Tr\n"
        for pageLine in page.lines {
            let line = upright.line(inPoints(pageLine, page.pointsPerUnit))
            let lineTop = line.box.y
            let lineHeight = max(1, line.box.height)
            let fontSize = lineHeight
            let baseline = upright.height - (lineTop + lineHeight * 0.8)
            for (index, word) in line.words.enumerated() {
                let units = Array(word.text.utf16)
                guard !units.isEmpty else { continue }
                let x = word.box.x
                let width = word.box.width
                out += run(units, x: x, width: width, baseline: baseline, fontSize: fontSize)
                // A space of its own spans the gap to the next word (a newline ends the line),
                // so extraction breaks words exactly where the page does.
                let end = x + width
                if index < line.words.count - 1 {
                    let next = line.words[index + 1].box.x
                    out += run([0x20], x: end, width: max(fontSize * 0.25, next - end), baseline: baseline, fontSize: fontSize)
                } else {
                    out += run([0x0A], x: end, width: fontSize * 0.25, baseline: baseline, fontSize: fontSize)
                }
            }
        }
        out += "ET\nQ\n"
        return out
    }

    /// `line` with every box in page points (y down).
    private static func inPoints(_ line: LaidOutLine, _ perUnit: (x: Double, y: Double)) -> LaidOutLine {
        func scaled(_ box: PageBox) -> PageBox {
            PageBox(x: box.x * perUnit.x, y: box.y * perUnit.y, width: box.width * perUnit.x, height: box.height * perUnit.y)
        }
        return LaidOutLine(box: scaled(line.box), words: line.words.map {
            LaidOutWord(text: $0.text, confidence: $0.confidence, box: scaled($0.box))
        })
    }

    /// The page turned upright (as OCR saw it): its size, the line boxes in it, and the matrix
    /// that maps its PDF space back onto the page.
    struct UprightFrame {
        let turns: Int
        let width: Double
        let height: Double
        /// Page size in points.
        private let pageWidth: Double
        private let pageHeight: Double
        /// `a b c d e f` of the `cm` operator (points).
        let matrix: String

        init(page: Page) {
            turns = ((page.quarterTurns % 4) + 4) % 4
            pageWidth = page.width
            pageHeight = page.height
            let w = page.width, h = page.height
            switch turns {
            case 1: (width, height, matrix) = (h, w, "0 1 -1 0 \(number(w)) 0")
            case 2: (width, height, matrix) = (w, h, "-1 0 0 -1 \(number(w)) \(number(h))")
            case 3: (width, height, matrix) = (h, w, "0 -1 1 0 0 \(number(h))")
            default: (width, height, matrix) = (w, h, "1 0 0 1 0 0")
            }
        }

        /// `line` (page points, y down) with its own box and its words' boxes turned into the
        /// upright frame, so words run left to right again.
        func line(_ line: LaidOutLine) -> LaidOutLine {
            guard turns != 0 else { return line }
            return LaidOutLine(box: box(line.box), words: line.words.map {
                LaidOutWord(text: $0.text, confidence: $0.confidence, box: box($0.box))
            })
        }

        private func box(_ box: PageBox) -> PageBox {
            let corners = [(box.x, box.y), (box.x + box.width, box.y + box.height)].map(point)
            let x = min(corners[0].0, corners[1].0), y = min(corners[0].1, corners[1].1)
            return PageBox(x: x, y: y, width: abs(corners[0].0 - corners[1].0), height: abs(corners[0].1 - corners[1].1))
        }

        /// A point of the page (layout units, y down) in the upright frame.
        private func point(_ p: (Double, Double)) -> (Double, Double) {
            switch turns {
            case 1: (pageHeight - p.1, p.0)
            case 2: (pageWidth - p.0, pageHeight - p.1)
            case 3: (p.1, pageWidth - p.0)
            default: p
            }
        }
    }

    /// One run of glyphs starting at `x` on `baseline`, stretched horizontally to `width`.
    private static func run(_ units: [UInt16], x: Double, width: Double, baseline: Double, fontSize: Double) -> String {
        let natural = Double(units.count) * fontSize * glyphWidth / 1000
        let scale = natural > 0 ? max(1, min(1000, width / natural * 100)) : 100
        let hex = units.map { String(format: "%04X", $0) }.joined()
        return "/F0 \(number(fontSize)) Tf \(number(scale)) Tz 1 0 0 1 \(number(x)) \(number(baseline)) Tm <\(hex)> Tj\n"
    }

    /// A ToUnicode map that gives every 2-byte code its own value (UTF-16 code units).
    static func identityToUnicode() -> String {
        var ranges: [String] = []
        for high in 0...255 where !(0xD8...0xDF).contains(high) {
            ranges.append(String(format: "<%02X00> <%02XFF> <%02X00>", high, high, high))
        }
        var out = """
            /CIDInit /ProcSet findresource begin
            12 dict begin
            begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def
            /CMapType 2 def
            1 begincodespacerange
            <0000> <FFFF>
            endcodespacerange

            """
        // At most 100 entries per bfrange section.
        for start in stride(from: 0, to: ranges.count, by: 100) {
            let chunk = ranges[start..<min(ranges.count, start + 100)]
            out += "\(chunk.count) beginbfrange\n" + chunk.joined(separator: "\n") + "\nendbfrange\n"
        }
        out += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
        return out
    }

    private static func number(_ value: Double) -> String {
        String(format: "%.2f", value)
    }
}
