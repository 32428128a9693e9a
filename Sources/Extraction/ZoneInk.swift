/// The ink of one machine-readable zone line, and the cells its characters are read from.
///
/// This is the run-time twin of the cell cutting in `scripts/models/zone-glyphs` (the functions
/// `ink_map`, `line_band`, `ink_columns`, `cell_centres`, `sample_cell` and `normalised`): the
/// glyph model was trained on cells cut that way, so every rule here must stay as it is there.
/// `ZoneInkTests` holds values computed by the script.
struct ZoneInk {
    /// A cell's size in values: what ``ZoneGlyphModel`` takes.
    static let cellWidth = 12
    static let cellHeight = 16

    let width: Int
    let height: Int
    /// 0 (paper) to 1 (ink), row by row.
    let values: [Float]

    /// Ink from grey (0 black – 255 white): the paper (the 90th percentile) is 0, the darkest
    /// ink (the 2nd percentile) is 1, linearly between, the span at least 24 grey levels.
    init(gray: [UInt8], width: Int, height: Int) {
        precondition(gray.count == width * height && !gray.isEmpty, "grey values do not match the size")
        self.width = width
        self.height = height
        let sorted = gray.sorted()
        let paper = Float(sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.90))])
        let ink = Float(sorted[Int(Double(sorted.count) * 0.02)])
        let span = max(paper - ink, 24)
        values = gray.map { min(max((paper - Float($0)) / span, 0), 1) }
    }

    /// Rows `top..<bottom` of the glyphs: the longest run of rows crossed by at least a quarter
    /// as many strokes as the most crossed row (a stroke starts where ink rises above one half).
    func band() -> (top: Int, bottom: Int) {
        var strokes = [Int](repeating: 0, count: height)
        for y in 0..<height {
            let row = y * width
            var count = 0
            for x in 1..<max(1, width) where values[row + x] > 0.5 && values[row + x - 1] <= 0.5 { count += 1 }
            strokes[y] = count
        }
        let limit = max(1, Double(strokes.max() ?? 0) * 0.25)
        var best = (top: 0, bottom: 0)
        var start: Int?
        for y in 0...height {
            let value = y < height ? Double(strokes[y]) : 0
            if value >= limit, start == nil {
                start = y
            } else if value < limit, let open = start {
                if y - open > best.bottom - best.top { best = (open, y) }
                start = nil
            }
        }
        return best
    }

    /// The first and last column (end exclusive) of the line's glyphs inside the band: columns
    /// with at least a fifth of the band's height (and two pixels) in ink above one half,
    /// chained where the gaps between them are under one and a half band heights; the chain
    /// with most such columns.
    func columns(top: Int, bottom: Int) -> (left: Int, right: Int) {
        let bandHeight = bottom - top
        let needed = max(2, 0.2 * Double(bandHeight))
        var inked: [Int] = []
        for x in 0..<width {
            var count = 0
            for y in top..<bottom where values[y * width + x] > 0.5 { count += 1 }
            if Double(count) >= needed { inked.append(x) }
        }
        guard let first = inked.first else { return (0, width) }
        var best = (left: first, right: first + 1), bestSize = 0
        var start = first, previous = first, size = 1
        for column in inked.dropFirst().map(Optional.some) + [nil] {
            if column == nil || Double(column! - previous) > 1.5 * Double(bandHeight) {
                if size > bestSize { (best, bestSize) = ((start, previous + 1), size) }
                guard let column else { break }
                (start, size) = (column, 0)
            }
            previous = column!
            size += 1
        }
        return best
    }

    /// Where each of `count` positions stands between the ink's first and last column, and
    /// the pitch: the span over `count` − 1 + 0.7 (a glyph's ink fills about 0.7 of its pitch).
    static func centres(left: Int, right: Int, count: Int) -> (centres: [Double], pitch: Double) {
        let pitch = Double(right - left) / (Double(count) - 1 + 0.7)
        return ((0..<count).map { Double(left) + pitch * (0.35 + Double($0)) }, pitch)
    }

    /// The cell of one position: the band with a tenth of its height above and below, `pitch`
    /// wide around `centreX`, as ``cellWidth`` × ``cellHeight`` values, each the mean of 2 × 2
    /// bilinear samples (outside the image is paper), stretched so its darkest value is 1
    /// unless it has almost no ink.
    func cell(centreX: Double, pitch: Double, top: Int, bottom: Int) -> [Float] {
        let bandHeight = Double(bottom - top)
        let y0 = Double(top) - 0.1 * bandHeight
        let cellHeight = 1.2 * bandHeight
        let x0 = centreX - 0.5 * pitch
        let offsets = [0.25, 0.75]
        var cell = [Float](repeating: 0, count: Self.cellWidth * Self.cellHeight)
        for v in 0..<Self.cellHeight {
            for u in 0..<Self.cellWidth {
                var total = 0.0
                for sv in offsets {
                    for su in offsets {
                        let x = x0 + (Double(u) + su) * pitch / Double(Self.cellWidth) - 0.5
                        let y = y0 + (Double(v) + sv) * cellHeight / Double(Self.cellHeight) - 0.5
                        total += bilinear(x, y)
                    }
                }
                cell[v * Self.cellWidth + u] = Float(total / 4)
            }
        }
        let darkest = max(cell.max() ?? 0, 0.35)
        return cell.map { $0 / darkest }
    }

    private func bilinear(_ x: Double, _ y: Double) -> Double {
        let ix = Int(x.rounded(.down)), iy = Int(y.rounded(.down))
        let fx = x - Double(ix), fy = y - Double(iy)
        func at(_ cx: Int, _ cy: Int) -> Double {
            cx < 0 || cy < 0 || cx >= width || cy >= height ? 0 : Double(values[cy * width + cx])
        }
        return (1 - fx) * (1 - fy) * at(ix, iy) + fx * (1 - fy) * at(ix + 1, iy)
            + (1 - fx) * fy * at(ix, iy + 1) + fx * fy * at(ix + 1, iy + 1)
    }
}
