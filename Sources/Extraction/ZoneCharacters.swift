internal import DossierCore
internal import Tesseract

/// Places each character of a machine-readable zone on the page image.
///
/// A redacted copy that keeps a zone but hides a value inside it (a lawyer's copy keeps zones,
/// not the BSN in a Dutch identity card's optional data) must black out those characters
/// alone. The zone is set in OCR-B at a fixed pitch, one glyph per position: when the line's
/// glyphs can be counted and there are as many as the line has characters, each character
/// gets its glyph's box; otherwise the line's box is divided into equal positions, each widened
/// by a third of a position on both sides so that a glyph a little off its place is still
/// inside.
enum ZoneCharacters {
    /// How far an interpolated character box reaches into its neighbours, in positions.
    static let overlap = 0.3

    /// `result` with character boxes on the words of every zone line of its text.
    static func placed(_ result: OCRResult, image: LeptonicaImage) -> OCRResult {
        let zoneLines = Set(MRZ.zones(in: result.text).flatMap(\.lines))
        guard !zoneLines.isEmpty else { return result }
        let blocks = result.blocks.map { block in
            OCRBlock(box: block.box, lines: block.lines.map { line in
                let compact = MRZRereader.compact(line.words.map(\.text).joined())
                guard zoneLines.contains(compact) else { return line }
                return placed(line, count: compact.count, image: image)
            })
        }
        return OCRResult(text: result.text, confidence: result.confidence, blocks: blocks, characters: result.characters)
    }

    /// The line with each word's characters placed, `count` characters in all.
    static func placed(_ line: OCRLine, count: Int, image: LeptonicaImage) -> OCRLine {
        let boxes = characterBoxes(line.box, count: count, image: image)
        var next = 0
        let words = line.words.map { word -> OCRWord in
            // Words of a zone line hold no spaces; one that does keeps its whole box.
            let characters = Array(word.text)
            guard !characters.contains(where: \.isWhitespace), next + characters.count <= boxes.count else { return word }
            defer { next += characters.count }
            return OCRWord(text: word.text, confidence: word.confidence, box: word.box,
                           characters: Array(boxes[next..<next + characters.count]))
        }
        return OCRLine(box: line.box, words: words)
    }

    /// `count` boxes along `lineBox`, from the printed glyphs when they can be counted.
    static func characterBoxes(_ lineBox: PixelBox, count: Int, image: LeptonicaImage) -> [PixelBox] {
        guard count > 0 else { return [] }
        let height = lineBox.bottom - lineBox.top
        let region = PixelBox(left: max(0, lineBox.left - height), top: max(0, lineBox.top - height / 4),
                              right: min(image.width, lineBox.right + height), bottom: min(image.height, lineBox.bottom + height / 4))
        let glyphs = image.glyphs(in: region).map(\.box).filter { glyph in
            let middle = (glyph.top + glyph.bottom) / 2
            return middle >= lineBox.top && middle <= lineBox.bottom
        }
        if glyphs.count == count { return glyphs }
        return interpolated(lineBox, count: count)
    }

    /// `count` equal positions along `box`, each widened by ``overlap`` of a position each way.
    static func interpolated(_ box: PixelBox, count: Int) -> [PixelBox] {
        let pitch = Double(box.right - box.left) / Double(count)
        return (0..<count).map { index in
            let left = Double(box.left) + (Double(index) - overlap) * pitch
            let right = Double(box.left) + (Double(index + 1) + overlap) * pitch
            return PixelBox(left: max(box.left, Int(left.rounded(.down))), top: box.top,
                            right: min(box.right, Int(right.rounded(.up))), bottom: box.bottom)
        }
    }
}
