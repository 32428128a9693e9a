internal import CTesseract

extension LeptonicaImage {
    /// The long runs of text on the image, each as the box of its characters smeared into one
    /// bar: the image is brought to about `workingSize` pixels on its long side, binarised
    /// against its own background (so tinted paper, vignetting and uneven light do not
    /// matter), closed along `vertical` or horizontal lines so the characters of a line join,
    /// and opened so only bars at least `minimumLength` (share of the image's extent along
    /// the lines) remain. Boxes come back in this image's pixels.
    ///
    /// A machine-readable zone's two or three lines are such bars at any angle up to a few
    /// degrees, whichever way up the document lies; ordinary words are not.
    public func textBars(vertical: Bool, minimumLength: Double = 0.2, workingSize: Int = 1400) -> [PixelBox] {
        guard width > 0, height > 0, let gray = try? grayscale() else { return [] }
        let factor = min(1, Double(workingSize) / Double(max(width, height)))
        guard let small = factor < 1 ? pixScale(gray.pix, Float(factor), Float(factor)) : pixCopy(nil, gray.pix) else { return [] }
        var smallPointer: UnsafeMutablePointer<PIX>? = small
        defer { pixDestroy(&smallPointer) }
        guard let binary = pixOtsuThreshOnBackgroundNorm(small, nil, 10, 15, 100, 50, 255, 2, 2, 0.1, nil) else { return [] }
        var binaryPointer: UnsafeMutablePointer<PIX>? = binary
        defer { pixDestroy(&binaryPointer) }
        let long = Int32(max(pixGetWidth(small), pixGetHeight(small)))
        // Characters of a zone line stand about a fifth of their height apart: closing over
        // 2% of the long side joins them at any resolution used here, not the lines.
        let gap = max(5, long / 50)
        let extent = vertical ? pixGetHeight(small) : pixGetWidth(small)
        let keep = max(gap * 2, Int32(Double(extent) * minimumLength))
        guard let closed = vertical ? pixCloseBrick(nil, binary, 1, gap) : pixCloseBrick(nil, binary, gap, 1) else { return [] }
        var closedPointer: UnsafeMutablePointer<PIX>? = closed
        defer { pixDestroy(&closedPointer) }
        guard let opened = vertical ? pixOpenBrick(nil, closed, 1, keep) : pixOpenBrick(nil, closed, keep, 1) else { return [] }
        var openedPointer: UnsafeMutablePointer<PIX>? = opened
        defer { pixDestroy(&openedPointer) }
        let scale = 1 / factor
        return Self.componentBoxes(opened).map { box in
            PixelBox(left: Int(Double(box.left) * scale), top: Int(Double(box.top) * scale),
                     right: Int(Double(box.right) * scale), bottom: Int(Double(box.bottom) * scale))
        }
    }

    /// The bounding boxes of the 8-connected dark components of a bilevel image.
    static func componentBoxes(_ binary: UnsafeMutablePointer<PIX>) -> [PixelBox] {
        guard let boxes = pixConnCompBB(binary, 8) else { return [] }
        var boxesPointer: UnsafeMutablePointer<BOXA>? = boxes
        defer { boxaDestroy(&boxesPointer) }
        var found: [PixelBox] = []
        for index in 0..<boxaGetCount(boxes) {
            var x: Int32 = 0, y: Int32 = 0, w: Int32 = 0, h: Int32 = 0
            guard boxaGetBoxGeometry(boxes, index, &x, &y, &w, &h) == 0 else { continue }
            found.append(PixelBox(left: Int(x), top: Int(y), right: Int(x + w), bottom: Int(y + h)))
        }
        return found
    }
}
