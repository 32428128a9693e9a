internal import DossierCore
internal import Tesseract

/// Reads a travel document's machine-readable zone again when the page reading garbled it.
///
/// A page read in Dutch and English turns the zone's `<` fillers into K, C, £ or spaces, so no
/// check digit can be tested. Lines that look like a zone (long, with `<` among them) are cut
/// out of the prepared page and read once more by an engine that knows only capitals, digits
/// and `<`, and by the OCR-B glyph classifier (``ZoneGlyphReader``) on the lines that engine
/// found. When a reading has a TD1, TD2 or TD3 shape it replaces the garbled lines in the
/// text and the layout; otherwise the page stays as it was read.
enum MRZRereader {
    /// The characters of a zone line, once spaces are gone.
    static func compact(_ line: String) -> String { MRZ.compact(line) }

    /// Whether a read line may be part of a zone: 26 to 50 characters, two or more `<`.
    static func isCandidate(_ line: OCRLine) -> Bool {
        let text = compact(line.words.map(\.text).joined())
        return (26...50).contains(text.count) && text.filter { $0 == "<" }.count >= 2
    }

    /// The page reading with its zone read again, or `nil` when there is no zone to improve.
    static func improve(
        _ result: OCRResult, image: LeptonicaImage, glyphs: ZoneGlyphReader? = nil, engine: () -> OCREngine?
    ) -> OCRResult? {
        let lines = result.blocks.flatMap(\.lines)
        let candidates = lines.filter(isCandidate).sorted { $0.box.top < $1.box.top }
        guard !candidates.isEmpty else { return nil }
        // A zone that already reads with every check digit right needs nothing.
        let asRead = candidates.map { compact($0.words.map(\.text).joined()) }
        if let zone = MRZ.parse(Array(asRead.suffix(3))) ?? MRZ.parse(Array(asRead.suffix(2))), zone.valid {
            return glyphs.flatMap { namesMended(result, zone: zone, candidates: candidates, image: image, glyphs: $0) }
        }

        let lineHeight = candidates.map { $0.box.bottom - $0.box.top }.max() ?? 0
        let region = PixelBox(
            // Two line heights each way: a zone line garbled past recognition (every `<` read
            // as S) still lies within the crop.
            left: 0, top: (candidates.first?.box.top ?? 0) - 2 * lineHeight,
            right: image.width, bottom: (candidates.last?.box.bottom ?? 0) + 2 * lineHeight
        )
        guard let crop = image.cropped(to: region), let engine = engine() else { return nil }
        // A card scanned a degree askew keeps that skew when its page's deskew is misled by the
        // card's pattern: the zone is straightened on its own, so cells follow its lines.
        let (straight, angle) = crop.deskewed()
        guard let reread = try? engine.recognize(straight) else { return nil }
        let onCrop = PageGeometry(originalWidth: Double(crop.width), originalHeight: Double(crop.height), scale: 1,
                                  quarterTurns: 0, skewDegrees: angle, unitsPerPixel: 1, unit: "px")
        let readLines = reread.text.split(whereSeparator: \.isNewline).map { compact(String($0)) }.filter { $0.count >= 26 }
        // The glyph classifier reads the lines the engine found, position by position; its
        // reading wins unless the engine's passes more check digits.
        let engineLines = fitted(readLines)
        let classified = glyphs?.read(reread, image: straight)
        let glyphsWin = ZoneGlyphReader.prefers(classified, over: engineLines)
        guard let zoneLines = glyphsWin ? classified.map({ MRZ.typed($0.lines) }) : engineLines else { return nil }
        // The zone's words carry the confidence of the reading they came from (0–100).
        let zoneConfidence = glyphsWin ? (classified?.confidence ?? 0) * 100 : reread.confidence

        // The garbled lines go; the zone's lines take the place of the first of them.
        // Each garbled line is looked for after the last replacement: a line of the zone read
        // right the first time is also in the replacement, and must not be taken for itself.
        var text = result.text
        var replaced = false
        var searchFrom = text.startIndex
        for line in candidates {
            let original = line.words.map(\.text).joined(separator: " ")
            guard let range = text.range(of: original, range: searchFrom..<text.endIndex) else { continue }
            let replacement = replaced ? "" : zoneLines.joined(separator: "\n")
            let offset = text.distance(from: text.startIndex, to: range.lowerBound) + replacement.count
            text.replaceSubrange(range, with: replacement)
            searchFrom = text.index(text.startIndex, offsetBy: offset)
            replaced = true
        }
        guard replaced else { return nil }
        text = text.replacingOccurrences(of: "\n\n\n", with: "\n\n")
        var blocks = result.blocks
        if zoneLines.count == candidates.count {
            blocks = withZoneWords(blocks, lines: candidates, zoneLines: zoneLines, confidence: zoneConfidence)
        } else {
            // The zone has more or fewer lines than the garbled reading: its lines, where the
            // second reading placed them, take the place of the first garbled line; the others
            // go. The text says the zone, so the layout must place every one of its lines.
            let boxes = MRZLocator.matchedLines(zoneLines, in: reread).map { box in
                let box = PixelBox(onCrop.pageBox(box))
                return PixelBox(left: box.left + region.left, top: box.top + max(0, region.top),
                         right: box.right + region.left, bottom: box.bottom + max(0, region.top))
            }
            let lineHeight = max(1, lineHeight)
            let replacement = zoneLines.enumerated().map { index, zoneLine in
                let box = boxes.count == zoneLines.count ? boxes[index]
                    : PixelBox(left: candidates[0].box.left, top: candidates[0].box.top + index * lineHeight,
                               right: candidates.map(\.box.right).max() ?? candidates[0].box.right,
                               bottom: candidates[0].box.top + (index + 1) * lineHeight)
                return OCRLine(box: box, words: [OCRWord(text: zoneLine, confidence: zoneConfidence, box: box)])
            }
            var placed = false
            blocks = blocks.map { block in
                var lines: [OCRLine] = []
                for line in block.lines {
                    guard candidates.contains(line) else { lines.append(line); continue }
                    if !placed { lines += replacement }
                    placed = true
                }
                return OCRBlock(box: block.box, lines: lines)
            }.filter { !$0.lines.isEmpty }
        }
        return OCRResult(text: text, confidence: result.confidence, blocks: blocks)
    }

    /// A zone whose every check digit passes, with its lines as the glyph classifier reads them
    /// when that reading is sure (``ZoneGlyphReader/sure``, nothing mended), passes every check
    /// too and differs: names have no check digit, so an S read as a filler (NAS<ER for
    /// NASSER) passes unseen. `nil` when the reading is the page's or not sure.
    static func namesMended(
        _ result: OCRResult, zone: MRZ, candidates: [OCRLine], image: LeptonicaImage, glyphs: ZoneGlyphReader
    ) -> OCRResult? {
        let count = zone.format == .td1 ? 3 : 2
        let lines = Array(candidates.suffix(count))
        let asRead = lines.map { compact($0.words.map(\.text).joined()) }
        guard lines.count == count, let width = asRead.first?.count,
              let sure = glyphs.read(lineBoxes: lines.map(\.box), width: width, image: image),
              sure.isSure, MRZ.parse(sure.lines)?.valid == true else { return nil }
        let zoneLines = MRZ.typed(sure.lines)
        guard zoneLines != asRead else { return nil }
        var text = result.text
        for (line, zoneLine) in zip(lines, zoneLines) {
            guard let range = text.range(of: line.words.map(\.text).joined(separator: " ")) else { return nil }
            text.replaceSubrange(range, with: zoneLine)
        }
        let blocks = withZoneWords(result.blocks, lines: lines, zoneLines: zoneLines, confidence: sure.confidence * 100)
        return OCRResult(text: text, confidence: result.confidence, blocks: blocks)
    }

    /// `blocks` with each of `lines` holding its zone line as one word, in its own box, at
    /// `confidence` (0–100).
    static func withZoneWords(_ blocks: [OCRBlock], lines: [OCRLine], zoneLines: [String], confidence: Double) -> [OCRBlock] {
        blocks.map { block in
            OCRBlock(box: block.box, lines: block.lines.map { line in
                guard let index = lines.firstIndex(of: line) else { return line }
                var mended = line
                mended.words = [OCRWord(text: zoneLines[index], confidence: confidence, box: line.box)]
                return mended
            })
        }
    }

    /// Characters OCR puts where a run of `<` fillers stands.
    static let fillerLookalikes: Set<Character> = ["<", "K", "L", "E", "C", "£", "€", "(", "6", "I"]

    /// A line whose trailing filler run was read as K, L, E…: from the run's first real `<` on,
    /// every look-alike becomes `<` again (letters before it, like the K of ERIK, stay).
    static func fillersMended(_ line: String) -> String {
        var characters = Array(line)
        var start = characters.count
        while start > 0, fillerLookalikes.contains(characters[start - 1]) { start -= 1 }
        guard let firstFiller = characters[start...].firstIndex(of: "<") else { return line }
        for index in firstFiller..<characters.count { characters[index] = "<" }
        return String(characters)
    }

    /// A line read a character or two too long: OCR slips a K or £ in among the fillers. Such
    /// characters go, first those with a `<` on both sides, then those after one, then those
    /// before one, until the line has its width.
    static func withoutInsertions(_ line: String, width: Int) -> String {
        var characters = Array(line)
        let slips: Set<Character> = ["K", "£", "(", "E", "L", "C"]
        for rule in 0..<3 {
            var index = characters.count - 1
            while characters.count > width, index >= 0 {
                if index < characters.count, slips.contains(characters[index]) {
                    let before = index > 0 && characters[index - 1] == "<"
                    let after = index + 1 < characters.count && characters[index + 1] == "<"
                    if (rule == 0 && before && after) || (rule == 1 && before) || (rule == 2 && after) {
                        characters.remove(at: index)
                    }
                }
                index -= 1
            }
        }
        return String(characters)
    }

    /// The read lines as a zone: the last three of 30 characters (TD1) or the last two of 36
    /// or 44 (TD2, TD3), a character more or less mended at the end. `nil` when no shape fits.
    static func fitted(_ lines: [String]) -> [String]? {
        let lines = lines.map(fillersMended)
        for (count, width) in [(2, 44), (3, 30), (2, 36)] where lines.count >= count {
            // The last lines first (a zone closes its page), then earlier runs: a crop may
            // hold a line of other text after the zone.
            for end in stride(from: lines.count, through: count, by: -1) {
                let group = Array(lines[(end - count)..<end])
                guard group.allSatisfy({ abs($0.count - width) <= 2 }) else { continue }
                let mended = group.map { line -> String in
                    let trimmed = withoutInsertions(line, width: width)
                    return trimmed.count >= width ? String(trimmed.prefix(width)) : trimmed + String(repeating: "<", count: width - trimmed.count)
                }
                if MRZ.parse(mended) != nil { return MRZ.typed(mended) }
            }
        }
        return nil
    }
}

