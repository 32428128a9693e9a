internal import CTesseract

/// One printed character on a line of a fixed-pitch typeface, as its ink lies.
public struct Glyph: Sendable, Equatable {
    /// The character's ink, in the pixels of the image it was found on.
    public let box: PixelBox
    /// How much of the line's height the ink in the glyph's leftmost fifth spans (0–1). A
    /// letter with a stem (K, E, L, B…) or a round side (C, O, S) spans most of it; the
    /// filler `<` of a machine-readable zone touches its left side only at its point.
    public let leftEdgeSpan: Double
    /// The glyph's height against the line's tallest (0–1).
    public let relativeHeight: Double
}

extension LeptonicaImage {
    /// The characters on the line inside `box`: dark connected components (binarised with
    /// Otsu's threshold inside the box), those that overlap left to right merged into one,
    /// specks dropped, in reading order.
    public func glyphs(in box: PixelBox) -> [Glyph] {
        guard let strip = cropped(to: box), let gray = try? strip.grayscale() else { return [] }
        var thresholded: UnsafeMutablePointer<PIX>?
        guard pixOtsuAdaptiveThreshold(gray.pix, Int32(gray.width), Int32(gray.height), 0, 0, 0.1, nil, &thresholded) == 0,
              let binary = thresholded else { return [] }
        var binaryPointer: UnsafeMutablePointer<PIX>? = binary
        defer { pixDestroy(&binaryPointer) }
        var parts = Self.componentBoxes(binary)
        let tallest = parts.map { $0.bottom - $0.top }.max() ?? 0
        guard tallest >= 6 else { return [] }
        // Specks and stray dots: under a fifth of the line's height both ways.
        parts = parts.filter { ($0.bottom - $0.top) * 5 >= tallest || ($0.right - $0.left) * 5 >= tallest }
            .sorted { $0.left < $1.left }
        var merged: [PixelBox] = []
        for part in parts {
            if let last = merged.last, part.left < last.right - (last.right - last.left) / 4 {
                merged[merged.count - 1] = PixelBox(left: last.left, top: min(last.top, part.top),
                                                    right: max(last.right, part.right), bottom: max(last.bottom, part.bottom))
            } else {
                merged.append(part)
            }
        }
        return merged.map { glyph in
            let width = glyph.right - glyph.left
            let band = PixelBox(left: glyph.left, top: 0, right: glyph.left + max(1, width / 5), bottom: Int(pixGetHeight(binary)))
            let span = Self.inkSpan(binary, in: band)
            return Glyph(
                box: PixelBox(left: glyph.left + box.left, top: glyph.top + box.top, right: glyph.right + box.left, bottom: glyph.bottom + box.top),
                leftEdgeSpan: Double(span) / Double(tallest),
                relativeHeight: Double(glyph.bottom - glyph.top) / Double(tallest)
            )
        }
    }

    /// The height from the first to the last row with ink inside `band` of a bilevel image.
    private static func inkSpan(_ binary: UnsafeMutablePointer<PIX>, in band: PixelBox) -> Int {
        guard let region = boxCreate(Int32(band.left), Int32(band.top), Int32(band.right - band.left), Int32(band.bottom - band.top)) else {
            return 0
        }
        var regionPointer: UnsafeMutablePointer<BOX>? = region
        defer { boxDestroy(&regionPointer) }
        guard let clipped = pixClipRectangle(binary, region, nil) else { return 0 }
        var clippedPointer: UnsafeMutablePointer<PIX>? = clipped
        defer { pixDestroy(&clippedPointer) }
        var foreground: UnsafeMutablePointer<BOX>?
        guard pixClipToForeground(clipped, nil, &foreground) == 0, let found = foreground else { return 0 }
        defer { boxDestroy(&foreground) }
        var x: Int32 = 0, y: Int32 = 0, w: Int32 = 0, h: Int32 = 0
        boxGetGeometry(found, &x, &y, &w, &h)
        return Int(h)
    }
}
