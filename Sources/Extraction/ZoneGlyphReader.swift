internal import DossierCore
internal import Tesseract
internal import Glibc
internal import DossierModels

/// Reads a machine-readable zone glyph by glyph with the OCR-B classifier (``ZoneGlyphModel``),
/// and chooses between readings with the zone's own rules.
///
/// The zone engine reads each line as text, and at 8–12 pixels a character a photo's zone
/// comes out with fillers turned into K and letters into digits. Here each line the engine
/// found is cut into as many cells as its format has positions (``ZoneInk``); the placing of the
/// cells is tuned until the model is surest of them; each position then takes the likeliest
/// character its field allows (digits in dates and check digits, letters in codes and names,
/// M, F or `<` for sex), and a check digit that fails is mended by the one change — in its
/// field or in the digit itself — that costs the least likelihood. The reading keeps its
/// likelihood as its confidence, and goes to a person like every zone.
struct ZoneGlyphReader {
    let model: ZoneGlyphModel
    /// The codes a zone may name as issuing state or nationality, padded with `<`
    /// (`models/zones/icao-codes.txt`); empty: codes are taken as read.
    var codes: Set<String> = []

    /// The shipped model and code list, or `nil` when the model is not shipped.
    static func shipped() -> ZoneGlyphReader? {
        guard let model = ZoneGlyphModel.shipped() else { return nil }
        return ZoneGlyphReader(model: model, codes: Set(ModelFiles.wordList("zones/icao-codes.txt").map { $0.uppercased() }))
    }

    /// What a position of a zone may hold.
    enum Kind { case letters, digits, either, sex }

    /// One line's positions: for each, the probability of every character of the model.
    typealias LineProbabilities = [[Float]]

    /// A zone read glyph by glyph.
    struct Reading: Equatable {
        let lines: [String]
        /// The mean probability of the characters chosen (0–1).
        let confidence: Double
        /// How many check digits were mended.
        let mends: Int
        /// Trusted over the engine's reading when both pass as many check digits: a mean
        /// probability of at least ``ZoneGlyphReader/sure`` and nothing mended.
        var isSure: Bool { confidence >= ZoneGlyphReader.sure && mends == 0 }
    }

    /// How many check digits the zone of `lines` passes; -1 when they are no zone.
    static func passingChecks(_ lines: [String]?) -> Int { lines.flatMap(MRZ.parse)?.passingChecks ?? -1 }

    /// Whether `reading` is kept over the zone engine's `engineLines`: unless the engine's pass
    /// more check digits (the classifier reads every position; the engine's readings are mended
    /// where they lost or gained characters).
    static func prefers(_ reading: Reading?, over engineLines: [String]?) -> Bool {
        guard let reading else { return false }
        return passingChecks(reading.lines) >= passingChecks(engineLines)
    }

    /// The zone read from `reading`'s line boxes on `image` (the straight, upright zone the
    /// reading was made of), or `nil` when its lines have no zone's shape or read too unsurely
    /// (``leastConfidence``, ``mostMends``). `confidence` is the mean probability of the
    /// characters chosen; `mends`, how many check digits were mended.
    func read(_ reading: OCRResult, image: LeptonicaImage) -> Reading? {
        let boxes = reading.blocks.flatMap(\.lines).filter { line in
            MRZRereader.compact(line.words.map(\.text).joined()).count >= 20
        }.map(\.box).sorted { $0.top < $1.top }
        return read(boxes, shapes: [(2, 44), (3, 30), (2, 36)], image: image)
    }

    /// The zone whose lines lie in `lineBoxes`, each of `width` positions (as ``read(_:image:)``
    /// judges it).
    func read(lineBoxes: [PixelBox], width: Int, image: LeptonicaImage) -> Reading? {
        read(lineBoxes, shapes: [(lineBoxes.count, width)], image: image)
    }

    private func read(
        _ boxes: [PixelBox], shapes: [(count: Int, width: Int)], image: LeptonicaImage
    ) -> Reading? {
        var best: (reading: Reading, passing: Int)?
        for (count, width) in shapes where boxes.count >= count && count > 0 {
            for end in stride(from: boxes.count, through: count, by: -1) {
                let group = Array(boxes[(end - count)..<end])
                let probabilities = group.compactMap { lineProbabilities($0, count: width, image: image) }
                guard probabilities.count == count, let decoded = decode(probabilities),
                      decoded.confidence >= Self.leastConfidence, decoded.mends <= Self.mostMends else { continue }
                let passing = Self.passingChecks(decoded.lines)
                if best == nil || (passing, decoded.confidence) > (best!.passing, best!.reading.confidence) {
                    best = (decoded, passing)
                }
            }
        }
        return best?.reading
    }

    /// The probabilities of the `count` positions of the line inside `box`, with the cells
    /// placed where the model is surest of them; `nil` when the line has no ink band.
    func lineProbabilities(_ box: PixelBox, count: Int, image: LeptonicaImage) -> LineProbabilities? {
        let lineHeight = box.bottom - box.top
        // The engine's line box is tight around the glyphs: a little room each side for a
        // filler it left out, not so much that a card's edge joins the line.
        let region = PixelBox(left: max(0, box.left - lineHeight / 2), top: max(0, box.top - lineHeight / 3),
                              right: min(image.width, box.right + lineHeight / 2), bottom: min(image.height, box.bottom + lineHeight / 3))
        guard region.right - region.left > count, region.bottom - region.top >= 4,
              let gray = try? image.grayValues(in: region) else { return nil }
        let ink = ZoneInk(gray: gray, width: region.right - region.left, height: region.bottom - region.top)
        let band = ink.band()
        guard band.bottom - band.top >= 4 else { return nil }
        let span = ink.columns(top: band.top, bottom: band.bottom)
        let (centres, pitch) = ZoneInk.centres(left: span.left, right: span.right, count: count)
        let extent = max(1, (centres.last ?? 0) - (centres.first ?? 0))
        // `shift` moves every cell (in pitches), `stretch` scales the pitch, `slant` lets it grow
        // along the line (a page photographed at an angle prints its far end smaller).
        func probabilities(shift: Double, stretch: Double, slant: Double) -> (LineProbabilities, Double) {
            let origin = centres[0]
            var all: LineProbabilities = []
            var score = 0.0
            for centre in centres {
                let along = (centre - origin) / extent
                let local = stretch * (1 + slant * (along - 0.5))
                let x = origin + (centre - origin) * stretch * (1 + slant * (along / 2 - 0.5)) + shift * pitch
                let p = model.probabilities(ink.cell(centreX: x, pitch: pitch * local, top: band.top, bottom: band.bottom))
                score += log(Double(max(p.max() ?? 0, 1e-6)))
                all.append(p)
            }
            return (all, score)
        }
        // The shift first, then the pitch, then its slant: each a handful of trials.
        var best = probabilities(shift: 0, stretch: 1, slant: 0)
        var (bestShift, bestStretch) = (0.0, 1.0)
        for shift in [-0.3, -0.2, -0.1, 0.1, 0.2, 0.3] {
            let trial = probabilities(shift: shift, stretch: 1, slant: 0)
            if trial.1 > best.1 { (best, bestShift) = (trial, shift) }
        }
        for stretch in [0.97, 0.98, 0.99, 1.01, 1.02, 1.03] {
            let trial = probabilities(shift: bestShift, stretch: stretch, slant: 0)
            if trial.1 > best.1 { (best, bestStretch) = (trial, stretch) }
        }
        for slant in [-0.08, -0.04, 0.04, 0.08] {
            let trial = probabilities(shift: bestShift, stretch: bestStretch, slant: slant)
            if trial.1 > best.1 { best = trial }
        }
        return best.0
    }

    /// The kinds of the positions of a zone with `count` lines of `width` (ICAO 9303), `nil`
    /// for other shapes. `visa`: a visa's second line has optional data where others have checks.
    static func kinds(count: Int, width: Int, visa: Bool) -> [[Kind]]? {
        func line(_ parts: [(Int, Kind)]) -> [Kind] { parts.flatMap { [Kind](repeating: $0.1, count: $0.0) } }
        switch (count, width) {
        case (3, 30):
            return [line([(5, .letters), (9, .either), (1, .digits), (15, .either)]),
                    line([(7, .digits), (1, .sex), (7, .digits), (3, .letters), (11, .either), (1, .digits)]),
                    line([(30, .letters)])]
        case (2, 44), (2, 36):
            let tail = visa ? [(width - 28, Kind.either)]
                : width == 44 ? [(14, .either), (1, .digits), (1, .digits)] : [(7, .either), (1, .digits)]
            return [line([(width, .letters)]),
                    line([(9, .either), (1, .digits), (3, .letters), (7, .digits), (1, .sex), (7, .digits)] + tail)]
        default:
            return nil
        }
    }

    /// Whether `character` may stand where `kind` is.
    static func allows(_ kind: Kind, _ character: Character) -> Bool {
        switch kind {
        case .letters: character == "<" || (character.isASCII && character.isLetter)
        case .digits: character.isASCII && character.isNumber
        case .either: true
        case .sex: character == "M" || character == "F" || character == "<" || character == "X"
        }
    }

    /// The likeliest lines the positions' kinds allow, each failing check digit mended by the
    /// cheapest single change that makes it pass; `nil` when the lines have no zone's shape.
    func decode(_ lines: [LineProbabilities]) -> Reading? {
        let width = lines.first?.count ?? 0
        // The document code's first letter says whether a two-line zone is a visa's.
        let firstCharacter = lines.first.flatMap { $0.first }.map { best($0, .letters).character }
        guard let kinds = Self.kinds(count: lines.count, width: width, visa: firstCharacter == "V"),
              zip(lines, kinds).allSatisfy({ $0.count == $1.count }) else { return nil }
        var chosen = zip(lines, kinds).map { probabilities, kinds in
            zip(probabilities, kinds).map { best($0, $1).character }
        }
        let visa = firstCharacter == "V"
        if !codes.isEmpty {
            for field in Self.codeFields(count: lines.count) {
                mendCode(field, in: &chosen, probabilities: lines)
            }
        }
        var mends = 0
        for check in Self.checks(count: lines.count, width: width, visa: visa) {
            if mend(check, in: &chosen, probabilities: lines, kinds: kinds) { mends += 1 }
        }
        var total = 0.0, positions = 0
        for (line, probabilities) in zip(chosen, lines) {
            for (character, p) in zip(line, probabilities) {
                if let index = model.classes.firstIndex(of: character) { total += Double(p[index]) }
                positions += 1
            }
        }
        return Reading(lines: chosen.map { String($0) }, confidence: positions > 0 ? total / Double(positions) : 0, mends: mends)
    }

    /// The likeliest character of `probabilities` that `kind` allows.
    private func best(_ probabilities: [Float], _ kind: Kind) -> (character: Character, probability: Float) {
        var best: (Character, Float) = ("<", -1)
        for (index, character) in model.classes.enumerated() where Self.allows(kind, character) && probabilities[index] > best.1 {
            best = (character, probabilities[index])
        }
        return best
    }

    /// Where a zone names the issuing state and the nationality: (line, first position).
    static func codeFields(count: Int) -> [(line: Int, start: Int)] {
        count == 3 ? [(0, 2), (1, 15)] : [(0, 2), (1, 10)]
    }

    /// A code that names no state or organisation becomes the known code the model finds
    /// likeliest there, unless that costs more than ``largestMend``.
    private func mendCode(_ field: (line: Int, start: Int), in chosen: inout [[Character]], probabilities: [LineProbabilities]) {
        let positions = field.start..<(field.start + 3)
        guard positions.upperBound <= chosen[field.line].count else { return }
        let current = String(chosen[field.line][positions])
        guard !codes.contains(current) else { return }
        func likelihood(_ code: String) -> Double {
            zip(positions, code).reduce(0.0) { total, pair in
                guard let index = model.classes.firstIndex(of: pair.1) else { return -.infinity }
                return total + log(Double(max(probabilities[field.line][pair.0][index], 1e-9)))
            }
        }
        let here = likelihood(current)
        guard let best = codes.max(by: { likelihood($0) < likelihood($1) }), here - likelihood(best) < Self.largestMend else { return }
        for (position, character) in zip(positions, best) { chosen[field.line][position] = character }
    }

    /// A check digit: the positions (line, index) it covers in order, and where it stands.
    struct Check {
        let covered: [(line: Int, index: Int)]
        let digit: (line: Int, index: Int)
    }

    /// The check digits of a zone shape, the composite last (ICAO 9303).
    static func checks(count: Int, width: Int, visa: Bool) -> [Check] {
        func span(_ line: Int, _ range: Range<Int>) -> [(line: Int, index: Int)] { range.map { (line, $0) } }
        switch (count, width) {
        case (3, 30):
            return [Check(covered: span(0, 5..<14), digit: (0, 14)),
                    Check(covered: span(1, 0..<6), digit: (1, 6)),
                    Check(covered: span(1, 8..<14), digit: (1, 14)),
                    Check(covered: span(0, 5..<30) + span(1, 0..<7) + span(1, 8..<15) + span(1, 18..<29), digit: (1, 29))]
        case (2, 44), (2, 36):
            var checks = [Check(covered: span(1, 0..<9), digit: (1, 9)),
                          Check(covered: span(1, 13..<19), digit: (1, 19)),
                          Check(covered: span(1, 21..<27), digit: (1, 27))]
            guard !visa else { return checks }
            if width == 44 { checks.append(Check(covered: span(1, 28..<42), digit: (1, 42))) }
            checks.append(Check(covered: span(1, 0..<10) + span(1, 13..<20) + span(1, 21..<(width - 1)), digit: (1, width - 1)))
            return checks
        default:
            return []
        }
    }

    /// Makes `check` pass by the single change (to a covered position or to the digit itself)
    /// that loses the least likelihood, when one exists; a passing check is left alone. A
    /// position another check already covers is not changed for the composite.
    @discardableResult
    private func mend(_ check: Check, in chosen: inout [[Character]], probabilities: [LineProbabilities], kinds: [[Kind]]) -> Bool {
        func passes() -> Bool {
            let field = Substring(String(check.covered.map { chosen[$0.line][$0.index] }))
            let found = chosen[check.digit.line][check.digit.index]
            return found.wholeNumberValue == MRZ.checkDigit(field) || (found == "<" && MRZ.checkDigit(field) == 0)
        }
        guard !passes() else { return false }
        let isComposite = check.covered.count > 14
        var cheapest: (line: Int, index: Int, character: Character, loss: Double)?
        for position in check.covered.filter({ !isComposite || kinds[$0.line][$0.index] == .either }) + [check.digit] {
            let current = chosen[position.line][position.index]
            let p = probabilities[position.line][position.index]
            guard let currentIndex = model.classes.firstIndex(of: current) else { continue }
            for (index, character) in model.classes.enumerated()
            where character != current && Self.allows(kinds[position.line][position.index], character) {
                chosen[position.line][position.index] = character
                if passes() {
                    let loss = log(Double(max(p[currentIndex], 1e-9))) - log(Double(max(p[index], 1e-9)))
                    if loss < (cheapest?.loss ?? .infinity) { cheapest = (position.line, position.index, character, loss) }
                }
                chosen[position.line][position.index] = current
            }
        }
        // A change the model finds very unlikely is no mend: the check keeps failing, and a
        // person sees it fail.
        guard let cheapest, cheapest.loss < Self.largestMend else { return false }
        chosen[cheapest.line][cheapest.index] = cheapest.character
        return true
    }

    /// The largest loss of log-likelihood a mend may cost: the new character must be at least
    /// a tenth as likely as the one read. A check digit that fails on a zone the model reads
    /// surely is a finding (a misprint, a forgery), not a misreading: it must keep failing.
    static let largestMend = log(10.0)

    /// The least mean probability of a zone's characters, and the most check digits mended,
    /// for a reading to count: on the real specimen images, zones read glyph by glyph had a
    /// mean of 0.99 and no mend; stacks of other print (a portrait's edge, a heading, a
    /// guilloche band) read as a zone had 0.49–0.66 and needed three to five mends to pass; a
    /// zone line whose cells were misplaced, 0.86 with two mends.
    static let leastConfidence = 0.92
    static let mostMends = 1
    /// A mean probability at which a reading without mends is trusted over the engine's.
    static let sure = 0.95
}
