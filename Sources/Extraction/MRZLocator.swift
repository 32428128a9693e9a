internal import Foundation
internal import DossierCore
internal import Tesseract

/// Finds a travel document's machine-readable zone on a page image from the zone's own shape,
/// whichever way up the document lies, and reads it on its own.
///
/// The page reading misses zones on photos and turned scans: a passport photographed at an
/// angle, a card scanned upside down, a data page turned a quarter. The zone has a shape
/// nothing else on such a page has: two or three long lines of evenly spaced characters of
/// one height, stacked at a fixed pitch, with a clear band around them. ``LeptonicaImage/textBars``
/// finds long lines lying and standing; stacks of two or three bars of one length are the
/// candidates; each is cut out, turned both ways its bars allow (0° and 180°, or 90° and
/// 270°), straightened, and read by the zone engine (capitals, digits and `<` only). The
/// reading whose check digits pass best wins, and its turn is the document's orientation.
enum MRZLocator {
    /// A zone read from the image.
    struct Zone {
        let lines: [String]
        /// Where the zone lies on the image that was searched.
        let box: PixelBox
        /// Where each line lies on the image that was searched, as its reading placed it (empty
        /// when the reading's lines could not be matched to the zone's).
        var lineBoxes: [PixelBox] = []
        /// Clockwise quarter turns that make the zone (and the document) upright.
        let quarterTurns: Int
        /// How many of its check digits pass.
        let passing: Int
        let checks: Int
        let confidence: Double
        /// Read glyph by glyph with every check as printed and a mean probability of at least
        /// ``ZoneGlyphReader/sure``: such a reading is trusted over the page reading's zone
        /// when both pass as many check digits (names and fillers have none).
        var sure = false
        var valid: Bool { passing == checks }

        /// The same zone with its box where it lies once `image` is turned clockwise by
        /// `quarterTurns`.
        func turned(_ quarterTurns: Int, within image: LeptonicaImage) -> Zone {
            var (width, height) = (image.width, image.height)
            var box = self.box
            var lineBoxes = self.lineBoxes
            for _ in 0..<(((quarterTurns % 4) + 4) % 4) {
                // One clockwise quarter: (x, y) → (height − y, x); width and height swap.
                let turn = { (box: PixelBox) in PixelBox(left: height - box.bottom, top: box.left, right: height - box.top, bottom: box.right) }
                box = turn(box)
                lineBoxes = lineBoxes.map(turn)
                (width, height) = (height, width)
            }
            return Zone(lines: lines, box: box, lineBoxes: lineBoxes, quarterTurns: 0, passing: passing, checks: checks,
                        confidence: confidence, sure: sure)
        }
    }

    /// At most this many candidate stacks are read: each costs two short readings.
    static let maximumCandidates = 3

    /// Turns tried, in degrees, when the image as it is shows no zone that reads: a zone
    /// tilted more than about 2° breaks into pieces that do not stack (the page's own deskew
    /// is misled by the patterned background of identity documents).
    static let tilts: [Double] = [0, -2.5, 2.5, -5, 5]

    /// The zone on `image`, or `nil` when no stack of bars reads as one. With the page's
    /// `reading` of that image, stacks lying on lines it read as running text are not read
    /// again, and a well-read page of prose is not searched at a tilt.
    static func read(
        _ image: LeptonicaImage, reading: OCRResult? = nil, glyphs: ZoneGlyphReader? = nil, engine: () -> OCREngine?
    ) -> Zone? {
        let prose = reading.map(proseLines) ?? []
        let searched = reading.map { isWellReadProse($0, proseLines: prose.count) } == true ? [0] : tilts
        var best: Zone?
        for tilt in searched {
            guard let turned = tilt == 0 ? image : try? image.rotated(byDegrees: tilt) else { continue }
            guard var zone = read(untilted: turned, tilt: tilt, prose: prose, glyphs: glyphs, engine: engine) else { continue }
            if tilt != 0 {
                // Lines found on the image turned by `tilt` lie, on the image itself, where that turn undoes.
                let back = PageGeometry(originalWidth: Double(image.width), originalHeight: Double(image.height), scale: 1,
                                        quarterTurns: 0, skewDegrees: tilt, unitsPerPixel: 1, unit: "px")
                zone.lineBoxes = zone.lineBoxes.map { PixelBox(back.pageBox($0)) }
            }
            if best == nil || (zone.passing, zone.confidence) > (best!.passing, best!.confidence) { best = zone }
            if zone.valid { break }
        }
        return best
    }

    private static func read(
        untilted image: LeptonicaImage, tilt: Double, prose: [PixelBox], glyphs: ZoneGlyphReader?, engine: () -> OCREngine?
    ) -> Zone? {
        var candidates: [(box: PixelBox, vertical: Bool, length: Int)] = []
        for vertical in [false, true] {
            for stack in stacks(image.textBars(vertical: vertical), vertical: vertical) {
                let box = bounds(stack, vertical: vertical, image: image)
                if !prose.isEmpty, liesOnProse(box, tilt: tilt, image: image, prose: prose) { continue }
                candidates.append((box, vertical, stack.map { length($0, vertical) }.min() ?? 0))
            }
        }
        guard !candidates.isEmpty, let engine = engine() else { return nil }
        var best: Zone?
        for candidate in candidates.sorted(by: { $0.length > $1.length }).prefix(maximumCandidates) {
            guard let crop = image.cropped(to: candidate.box) else { continue }
            for turns in candidate.vertical ? [1, 3] : [0, 2] {
                guard var zone = readZone(crop, turns: turns, box: candidate.box, glyphs: glyphs, engine: engine) else { continue }
                zone.lineBoxes = zone.lineBoxes.map { line in
                    PixelBox(left: line.left + candidate.box.left, top: line.top + candidate.box.top,
                             right: line.right + candidate.box.left, bottom: line.bottom + candidate.box.top)
                }
                if best == nil || (zone.passing, zone.confidence) > (best!.passing, best!.confidence) { best = zone }
                if zone.valid { return zone }
            }
        }
        return best
    }

    private static func readZone(_ crop: LeptonicaImage, turns: Int, box: PixelBox, glyphs: ZoneGlyphReader?, engine: OCREngine) -> Zone? {
        guard let upright = try? crop.rotated(quarterTurnsClockwise: turns) else { return nil }
        let (straight, angle) = upright.deskewed()
        guard let reading = try? engine.recognize(straight) else { return nil }
        let lines = reading.text.split(whereSeparator: \.isNewline).map { MRZRereader.compact(String($0)) }.filter { $0.count >= 24 }
        let repaired = ZoneGlyphs.repaired(reading, image: straight)
        let plain = MRZRereader.fitted(lines)
        let classified = glyphs?.read(reading, image: straight)
        let engineReading = ZoneGlyphReader.passingChecks(repaired) >= ZoneGlyphReader.passingChecks(plain) ? repaired : plain
        let glyphsWin = ZoneGlyphReader.prefers(classified, over: engineReading)
        let chosen = glyphsWin ? classified?.lines : engineReading
        guard let fitted = chosen, let zone = MRZ.parse(fitted) else { return nil }
        let passing = zone.passingChecks
        // A reading with most of its check digits failing is a misread, not a zone.
        guard passing * 2 > zone.checkDigits.count else { return nil }
        // The reading's lines, put back on the crop as it lay (before the turn and the deskew).
        let onCrop = PageGeometry(originalWidth: Double(crop.width), originalHeight: Double(crop.height), scale: 1,
                                  quarterTurns: turns, skewDegrees: angle, unitsPerPixel: 1, unit: "px")
        let lineBoxes = matchedLines(fitted, in: reading).map { PixelBox(onCrop.pageBox($0)) }
        let sure = glyphsWin && classified?.isSure == true
        return Zone(lines: fitted, box: box, lineBoxes: lineBoxes, quarterTurns: turns, passing: passing,
                    checks: zone.checkDigits.count, confidence: glyphsWin ? (classified?.confidence ?? 0) * 100 : reading.confidence,
                    sure: sure)
    }

    /// The box of the reading's line that each zone line came from: the line of 24 characters
    /// or more that agrees with it in the most positions, each used once; empty when a zone
    /// line has no such line.
    static func matchedLines(_ zoneLines: [String], in reading: OCRResult) -> [PixelBox] {
        let read = reading.blocks.flatMap(\.lines).compactMap { line -> (text: [Character], box: PixelBox)? in
            let text = MRZRereader.compact(line.words.map(\.text).joined())
            return text.count >= 24 ? (Array(text), line.box) : nil
        }
        var used = Set<Int>()
        var boxes: [PixelBox] = []
        for zoneLine in zoneLines.map(Array.init) {
            let scored = read.indices.filter { !used.contains($0) }.map { index in
                (index, zip(read[index].text, zoneLine).filter { $0 == $1 }.count)
            }
            guard let best = scored.max(by: { $0.1 < $1.1 }), best.1 * 2 >= zoneLine.count else { return [] }
            used.insert(best.0)
            boxes.append(read[best.0].box)
        }
        // The lines keep their order down the zone.
        return zip(boxes, boxes.dropFirst()).allSatisfy { $0.top < $1.top } ? boxes : []
    }

    // MARK: What the page reading already says

    /// Lines the page reading read as running text: a dozen letters or more, at least half of
    /// them lower case, with a mean word confidence of 70 or more. A zone holds capitals,
    /// digits and fillers only.
    static func proseLines(in reading: OCRResult) -> [PixelBox] {
        reading.blocks.flatMap(\.lines).filter { line in
            guard !line.words.isEmpty else { return false }
            var letters = 0, lower = 0
            for word in line.words {
                for scalar in word.text.unicodeScalars where scalar.properties.isAlphabetic {
                    letters += 1
                    if scalar.properties.isLowercase { lower += 1 }
                }
            }
            let confidence = line.words.reduce(0) { $0 + $1.confidence } / Double(line.words.count)
            return letters >= 12 && lower * 2 >= letters && confidence >= 70
        }.map(\.box)
    }

    /// A page read well whose lines are nearly all running text (a letter, a report): a zone
    /// tilted on it would have shown in the reading as lines of capitals and fillers.
    static func isWellReadProse(_ reading: OCRResult, proseLines: Int) -> Bool {
        let lines = reading.blocks.reduce(0) { $0 + $1.lines.filter { !$0.words.isEmpty }.count }
        return reading.confidence >= poorReading && lines > 0 && proseLines * 10 >= lines * 9
    }

    /// Whether at least two fifths of `box` (on `image`, turned clockwise by `tilt` degrees from
    /// the page that was read) lies on prose lines of the page reading.
    static func liesOnProse(_ box: PixelBox, tilt: Double, image: LeptonicaImage, prose: [PixelBox]) -> Bool {
        var box = box
        if tilt != 0 {
            // Back onto the page as read: the turn was about the image's centre; the box keeps
            // its size around its centre turned back.
            let radians = -tilt * .pi / 180
            let cx = Double(image.width) / 2, cy = Double(image.height) / 2
            let x = Double(box.left + box.right) / 2 - cx, y = Double(box.top + box.bottom) / 2 - cy
            let backX = Int((x * cos(radians) - y * sin(radians) + cx).rounded())
            let backY = Int((x * sin(radians) + y * cos(radians) + cy).rounded())
            let halfWidth = (box.right - box.left) / 2, halfHeight = (box.bottom - box.top) / 2
            box = PixelBox(left: backX - halfWidth, top: backY - halfHeight, right: backX + halfWidth, bottom: backY + halfHeight)
        }
        let area = (box.right - box.left) * (box.bottom - box.top)
        guard area > 0 else { return false }
        var covered = 0
        for line in prose {
            let width = min(box.right, line.right) - max(box.left, line.left)
            let height = min(box.bottom, line.bottom) - max(box.top, line.top)
            if width > 0, height > 0 { covered += width * height }
        }
        return covered * 5 >= area * 2
    }

    // MARK: Stacks of bars

    private static func length(_ box: PixelBox, _ vertical: Bool) -> Int {
        vertical ? box.bottom - box.top : box.right - box.left
    }

    private static func thickness(_ box: PixelBox, _ vertical: Bool) -> Int {
        vertical ? box.right - box.left : box.bottom - box.top
    }

    /// Position across the lines (top for lying bars, left for standing ones) and along them.
    private static func across(_ box: PixelBox, _ vertical: Bool) -> (start: Int, end: Int) {
        vertical ? (box.left, box.right) : (box.top, box.bottom)
    }

    private static func along(_ box: PixelBox, _ vertical: Bool) -> (start: Int, end: Int) {
        vertical ? (box.top, box.bottom) : (box.left, box.right)
    }

    /// Runs of two or three bars of about one length, overlapping along their length and
    /// stacked at a steady pitch. A longer run is a paragraph of justified text, not a zone.
    static func stacks(_ bars: [PixelBox], vertical: Bool) -> [[PixelBox]] {
        let lines = bars.filter { length($0, vertical) >= 8 * max(1, thickness($0, vertical)) / 2 && thickness($0, vertical) >= 4 }
            .sorted { across($0, vertical).start < across($1, vertical).start }
        func follows(_ a: PixelBox, _ b: PixelBox) -> Bool {
            let la = length(a, vertical), lb = length(b, vertical)
            guard Double(min(la, lb)) >= 0.85 * Double(max(la, lb)) else { return false }
            let ta = thickness(a, vertical), tb = thickness(b, vertical)
            guard min(ta, tb) * 2 >= max(ta, tb) else { return false }
            let (a0, a1) = along(a, vertical), (b0, b1) = along(b, vertical)
            let overlap = min(a1, b1) - max(a0, b0)
            guard Double(overlap) >= 0.8 * Double(min(la, lb)) else { return false }
            let pitch = across(b, vertical).start - across(a, vertical).start
            let height = max(thickness(a, vertical), thickness(b, vertical))
            // The pitch may fall below a bar's height when the zone is tilted (its bars' boxes grow).
            return pitch > 0 && Double(pitch) >= 0.25 * Double(height) && pitch <= 4 * height && pitch * 12 <= la
        }
        var stacks: [[PixelBox]] = []
        var used = Set<Int>()
        for start in lines.indices where !used.contains(start) {
            var chain = [start]
            var next = start + 1
            while next < lines.count {
                if follows(lines[chain.last!], lines[next]) { chain.append(next) }
                next += 1
                if chain.count > 4 { break }
            }
            chain.forEach { used.insert($0) }
            if (2...3).contains(chain.count) { stacks.append(chain.map { lines[$0] }) }
        }
        return stacks
    }

    /// The stack's box with a margin of one pitch across and a twentieth of its length along.
    static func bounds(_ stack: [PixelBox], vertical: Bool, image: LeptonicaImage) -> PixelBox {
        let left = stack.map(\.left).min() ?? 0, right = stack.map(\.right).max() ?? 0
        let top = stack.map(\.top).min() ?? 0, bottom = stack.map(\.bottom).max() ?? 0
        let size = stack.map { thickness($0, vertical) }.max() ?? 0
        let long = stack.map { length($0, vertical) }.max() ?? 0
        // Two bars may be two of a card's three lines, the third broken by perspective or
        // tilt into pieces too short to count: the crop then takes a line's pitch more each way.
        let pitch = stack.count >= 2
            ? (vertical ? stack[1].left - stack[0].left : stack[1].top - stack[0].top) : size
        let alongMargin = long / 20, acrossMargin = stack.count == 2 ? max(size, pitch * 5 / 4) : size
        return vertical
            ? PixelBox(left: max(0, left - acrossMargin), top: max(0, top - alongMargin),
                       right: min(image.width, right + acrossMargin), bottom: min(image.height, bottom + alongMargin))
            : PixelBox(left: max(0, left - alongMargin), top: max(0, top - acrossMargin),
                       right: min(image.width, right + alongMargin), bottom: min(image.height, bottom + acrossMargin))
    }

    // MARK: Into the page reading

    /// Words on a travel or identity document's data page.
    static let documentWords = ["passport", "paspoort", "passeport", "pasaporte", "reisepass", "identity card",
                                "identiteitskaart", "carte d'identit", "carta d'identit", "personalausweis", "identiteitsbewijs",
                                "reisdocument", "travel document", "titre de séjour", "residence permit", "verblijfsdocument"]
    /// A first reading below this mean confidence may have missed a zone (turned, tilted, photographed).
    static let poorReading = 75.0

    /// Whether a page reading may come from a page with a zone: a line with several `<` (or
    /// `>`: a zone upside down reads its fillers the other way), a travel document's name, or,
    /// when `poorReadingCounts`, a poor reading. (A page read in another script than Latin
    /// reads less surely than a Dutch letter without being turned or photographed: there a poor
    /// reading says nothing.)
    static func mayHoldZone(_ result: OCRResult, poorReadingCounts: Bool = true) -> Bool {
        if poorReadingCounts, result.confidence < poorReading { return true }
        if result.text.split(whereSeparator: \.isNewline).contains(where: { line in
            line.filter { $0 == "<" }.count >= 3 || line.filter { $0 == ">" }.count >= 5
        }) { return true }
        let lower = result.text.lowercased()
        return documentWords.contains { lower.contains($0) }
    }

    /// Whether a zone's name field looks misread even though its check digits pass (names
    /// have none): a short run of letters among the fillers ("OLENAK<X<<K<<"), or three of a
    /// filler look-alike in a row ("KKK", "EEE").
    static func nameSuspect(_ lines: [String]) -> Bool {
        guard let zone = MRZ.parse(lines) else { return false }
        let field: Substring
        switch zone.format {
        case .td1: field = Substring(MRZRereader.compact(lines[2]))
        case .td2, .td3: field = MRZRereader.compact(lines[0]).dropFirst(5)
        }
        let trimmed = String(field.reversed().drop { $0 == "<" }.reversed())
        let parts = trimmed.split(separator: "<", omittingEmptySubsequences: true)
        if parts.contains(where: { $0.count <= 2 && $0 != parts.first }) { return true }
        for run in ["KKK", "EEE", "SSS", "CCC", "LLL"] where trimmed.contains(run) { return true }
        return trimmed.contains("<<<")
    }

    /// The lines of the first zone in `text` that parses, if any.
    static func zoneLines(in text: String) -> [String]? { MRZ.zones(in: text).first?.lines }

    /// `result` with its zone's lines typed (``MRZ/typed(_:)``): a nationality read "1RN"
    /// is IRN, a birth date read "O10122" is 010122. The reading itself when it holds no zone
    /// or nothing changes.
    static func typed(_ result: OCRResult) -> OCRResult {
        let raw = result.text.components(separatedBy: "\n")
        let filled = raw.indices.filter { !raw[$0].trimmingCharacters(in: .whitespaces).isEmpty }
        // Every run of rows that parses once typed; the zone is the one whose check digits pass
        // best. Any two lines of 44 characters parse, so a stray copy of a zone's second line
        // above its first must not be taken for the zone's first line.
        var best: (rows: [Int], lines: [String], typed: [String], score: Int)?
        for start in filled.indices {
            for count in [3, 2] where start + count <= filled.count {
                let rows = Array(filled[start..<start + count])
                let lines = rows.map { MRZRereader.compact(raw[$0]) }
                guard MRZ.parse(lines) != nil, rows.allSatisfy({ isZoneShaped(raw[$0]) }) else { continue }
                let typed = MRZ.typed(lines)
                let passing = MRZ.parse(typed)?.checkDigits.filter(\.passes).count ?? 0
                // Ordinary lines of the right length pass a check digit by chance now and then;
                // a zone shows its fillers, or passes checks no chance gives.
                let fillers = lines.reduce(0) { $0 + $1.filter { $0 == "<" }.count }
                guard fillers >= 2 || passing >= 2 else { continue }
                let opensLikeAZone = typed[0].first.map { "PVIAC".contains($0) } == true && typed[0].contains("<")
                let score = passing * 2 + (opensLikeAZone ? 1 : 0)
                if best == nil || score > best!.score { best = (rows, lines, typed, score) }
            }
        }
        guard let best, best.typed != best.lines else { return result }
        var text = raw
        for (row, line) in zip(best.rows, best.typed) { text[row] = line }
        // The layout line typed is the one at the same place among equal lines as the text's
        // row, so text and layout keep saying the same thing when a line appears twice.
        var wanted: [String: [Int: String]] = [:]
        for (row, (line, typed)) in zip(best.rows, zip(best.lines, best.typed)) {
            let occurrence = filled.prefix { $0 < row }.filter { MRZRereader.compact(raw[$0]) == line }.count
            wanted[line, default: [:]][occurrence] = typed
        }
        var seen: [String: Int] = [:]
        let blocks = result.blocks.map { block in
            OCRBlock(box: block.box, lines: block.lines.map { line in
                let compact = MRZRereader.compact(line.words.map(\.text).joined())
                guard let byOccurrence = wanted[compact] else { return line }
                let occurrence = seen[compact, default: 0]
                seen[compact] = occurrence + 1
                guard let typed = byOccurrence[occurrence] else { return line }
                return OCRLine(box: line.box, words: [OCRWord(text: typed, confidence: line.words.first?.confidence ?? 0, box: line.box)])
            })
        }
        return OCRResult(text: text.joined(separator: "\n"), confidence: result.confidence, blocks: blocks)
    }

    /// Whether a line of a page reading is written in a zone's characters: nine in ten of its
    /// characters (spaces aside) capitals, digits or `<` as read. A line of ordinary text (lower
    /// case, accents, punctuation) is never taken for a zone, whatever its length.
    static func isZoneShaped(_ line: String) -> Bool {
        let characters = line.filter { !$0.isWhitespace }
        guard !characters.isEmpty else { return false }
        let zoneCharacters = characters.filter { $0 == "<" || $0 == "«" || ($0.isASCII && ($0.isUppercase || $0.isNumber)) }.count
        return zoneCharacters * 10 >= characters.count * 9
    }

    /// Whether `text` holds a zone whose every check digit passes.
    static func passingAll(in text: String) -> Bool { MRZ.holdsValidZone(in: text) }

    /// How many check digits the best zone in `text` passes (0 when it has none).
    static func passingChecks(in text: String) -> Int {
        MRZ.zones(in: text).map(\.zone.passingChecks).max() ?? 0
    }

    /// Whether `line` of a page reading is the zone read another way: a line shaped like a zone
    /// line (two or more `<`), or a line of 26 to 50 capitals, digits and `<` that repeats one of
    /// the zone's lines or lies on the zone (a second line without fillers, read as letters).
    static func isCopy(_ line: OCRLine, of zone: Zone) -> Bool {
        if MRZRereader.isCandidate(line) { return true }
        let text = MRZRereader.compact(line.words.map(\.text).joined())
        guard (26...50).contains(text.count) else { return false }
        let zoneCharacters = text.filter { $0 == "<" || ($0.isASCII && ($0.isUppercase || $0.isNumber)) }.count
        guard zoneCharacters * 10 >= text.count * 9 else { return false }
        if zone.lines.contains(text) { return true }
        let middle = ((line.box.left + line.box.right) / 2, (line.box.top + line.box.bottom) / 2)
        return zone.box.right > zone.box.left && zone.box.bottom > zone.box.top
            && (zone.box.left...zone.box.right).contains(middle.0) && (zone.box.top...zone.box.bottom).contains(middle.1)
    }

    /// `result` with `zone` in it: garbled zone lines of the reading give way to it; without
    /// any, it is added as a block of its own after the rest.
    static func merged(_ zone: Zone, into result: OCRResult) -> OCRResult {
        let garbled = result.blocks.flatMap(\.lines).filter { isCopy($0, of: zone) }
        var text = result.text
        for line in garbled {
            let original = line.words.map(\.text).joined(separator: " ")
            if let range = text.range(of: original) { text.replaceSubrange(range, with: "") }
        }
        while text.contains("\n\n\n") { text = text.replacingOccurrences(of: "\n\n\n", with: "\n\n") }
        text = text.trimmingCharacters(in: .newlines) + "\n\n" + zone.lines.joined(separator: "\n") + "\n"
        var blocks = result.blocks.map { block in
            OCRBlock(box: block.box, lines: block.lines.filter { !garbled.contains($0) })
        }.filter { !$0.lines.isEmpty }
        let height = (zone.box.bottom - zone.box.top) / max(1, zone.lines.count)
        let lines = zone.lines.enumerated().map { index, line in
            // Where the zone's reading placed the line; else a share of the zone's box.
            let box = zone.lineBoxes.count == zone.lines.count ? zone.lineBoxes[index]
                : PixelBox(left: zone.box.left, top: zone.box.top + index * height,
                           right: zone.box.right, bottom: zone.box.top + (index + 1) * height)
            return OCRLine(box: box, words: [OCRWord(text: line, confidence: zone.confidence, box: box)])
        }
        blocks.append(OCRBlock(box: zone.box, lines: lines))
        return OCRResult(text: text, confidence: result.confidence, blocks: blocks)
    }
}
