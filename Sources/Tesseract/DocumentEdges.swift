internal import CTesseract
internal import Foundation

/// A document's four corners in a photo, in the photo's pixels.
public struct DocumentCorners: Sendable, Equatable {
    public let topLeft: (x: Double, y: Double)
    public let topRight: (x: Double, y: Double)
    public let bottomRight: (x: Double, y: Double)
    public let bottomLeft: (x: Double, y: Double)

    public init(topLeft: (x: Double, y: Double), topRight: (x: Double, y: Double),
                bottomRight: (x: Double, y: Double), bottomLeft: (x: Double, y: Double)) {
        self.topLeft = topLeft
        self.topRight = topRight
        self.bottomRight = bottomRight
        self.bottomLeft = bottomLeft
    }

    public static func == (a: DocumentCorners, b: DocumentCorners) -> Bool {
        [a.topLeft, a.topRight, a.bottomRight, a.bottomLeft].elementsEqual([b.topLeft, b.topRight, b.bottomRight, b.bottomLeft]) {
            $0.x == $1.x && $0.y == $1.y
        }
    }

    var points: [(x: Double, y: Double)] { [topLeft, topRight, bottomRight, bottomLeft] }

    /// Whether the document is taller than wide, as a letter or a certificate stands.
    public var standsUpright: Bool {
        let width = max(hypot(topRight.x - topLeft.x, topRight.y - topLeft.y), hypot(bottomRight.x - bottomLeft.x, bottomRight.y - bottomLeft.y))
        let height = max(hypot(bottomLeft.x - topLeft.x, bottomLeft.y - topLeft.y), hypot(bottomRight.x - topRight.x, bottomRight.y - topRight.y))
        return height > width
    }

    /// The corners' area (shoelace formula), in square pixels.
    var area: Double {
        let p = points
        var twice = 0.0
        for index in p.indices {
            let next = p[(index + 1) % p.count]
            twice += p[index].x * next.y - next.x * p[index].y
        }
        return abs(twice) / 2
    }

    /// The smallest inner angle, in degrees: about 90 for a document seen from above, less the
    /// more it is seen at a slant.
    var smallestAngle: Double {
        let p = points
        return p.indices.map { index in
            let previous = p[(index + 3) % 4], here = p[index], next = p[(index + 1) % 4]
            let a = (previous.x - here.x, previous.y - here.y), b = (next.x - here.x, next.y - here.y)
            let cosine = (a.0 * b.0 + a.1 * b.1) / max(1e-9, hypot(a.0, a.1) * hypot(b.0, b.1))
            return acos(max(-1, min(1, cosine))) * 180 / .pi
        }.min() ?? 0
    }
}

/// Where a point of a straightened document lies in the photo it was taken from: leptonica's
/// projective transform, from the straightened image back to the photo.
public struct PerspectiveMap: Sendable, Equatable {
    /// Leptonica's eight coefficients (`getProjectiveXformCoeffs`), straightened → photo.
    let coefficients: [Float]
    /// The white margin laid round the straightened document, in pixels.
    public let margin: Int

    /// The photo's point for a point of the straightened image.
    public func photoPoint(x: Double, y: Double) -> (x: Double, y: Double) {
        var coefficients = coefficients
        var px: Float = 0, py: Float = 0
        coefficients.withUnsafeMutableBufferPointer { buffer in
            _ = projectiveXformPt(buffer.baseAddress, Int32((x - Double(margin)).rounded()), Int32((y - Double(margin)).rounded()), &px, &py)
        }
        return (Double(px), Double(py))
    }
}

extension LeptonicaImage {
    /// The corners of a document photographed on a darker ground (a table, a hand, a
    /// lap), or `nil` when the image shows no such document: a scan, whose page fills the image or
    /// lies on a white lid, or a crop of a document.
    ///
    /// On a copy at most 600 pixels across, leptonica's Otsu threshold splits light from dark;
    /// the largest light region, its holes filled, is the document. It counts only when it
    /// covers 15–97% of the image, stands at least 40 grey levels lighter than what surrounds
    /// it, and has the shape of a document seen from above or at a slant: its four extreme
    /// points enclose at least 90% of it and no corner is sharper than 50°.
    public func documentCorners() -> DocumentCorners? {
        guard width >= 200, height >= 200, let gray = try? grayscale() else { return nil }
        let factor = min(1, 600 / Double(max(width, height)))
        guard let small = pixScale(gray.pix, Float(factor), Float(factor)) else { return nil }
        var owned: [UnsafeMutablePointer<PIX>?] = [small]
        defer { for index in owned.indices { pixDestroy(&owned[index]) } }
        let smallWidth = Int(pixGetWidth(small)), smallHeight = Int(pixGetHeight(small))
        var dark: UnsafeMutablePointer<PIX>?
        guard pixOtsuAdaptiveThreshold(small, Int32(smallWidth), Int32(smallHeight), 0, 0, 0.1, nil, &dark) == 0,
              let dark else { return nil }
        owned.append(dark)
        guard let light = pixInvert(nil, dark) else { return nil }
        owned.append(light)
        // The largest light region, holes (the document's own print) filled.
        var regions: UnsafeMutablePointer<PIXA>?
        guard let boxes = pixConnComp(light, &regions, 4) else { return nil }
        var boxesPointer: UnsafeMutablePointer<BOXA>? = boxes
        defer { boxaDestroy(&boxesPointer); pixaDestroy(&regions) }
        guard let regions else { return nil }
        var largest: (index: Int32, count: Int32)?
        for index in 0..<pixaGetCount(regions) {
            guard let region = pixaGetPix(regions, index, Int32(L_CLONE)) else { continue }
            var regionPointer: UnsafeMutablePointer<PIX>? = region
            var count: Int32 = 0
            pixCountPixels(region, &count, nil)
            pixDestroy(&regionPointer)
            if count > (largest?.count ?? 0) { largest = (index, count) }
        }
        guard let largest, let region = pixaGetPix(regions, largest.index, Int32(L_COPY)) else { return nil }
        owned.append(region)
        var left: Int32 = 0, top: Int32 = 0, regionWidth: Int32 = 0, regionHeight: Int32 = 0
        guard pixaGetBoxGeometry(regions, largest.index, &left, &top, &regionWidth, &regionHeight) == 0,
              let filled = pixHolesByFilling(region, 4) else { return nil }
        owned.append(filled)
        // pixHolesByFilling gives the holes alone: the region joins them.
        pixOr(filled, filled, region)
        // The silhouette on the whole small image, for the grey levels inside and outside it.
        guard let silhouette = pixCreate(Int32(smallWidth), Int32(smallHeight), 1) else { return nil }
        owned.append(silhouette)
        pixRasterop(silhouette, left, top, regionWidth, regionHeight, PIX_SRC, filled, 0, 0)
        var area: Int32 = 0
        pixCountPixels(silhouette, &area, nil)
        let share = Double(area) / Double(smallWidth * smallHeight)
        guard (0.15...0.97).contains(share), let outside = pixInvert(nil, silhouette) else { return nil }
        owned.append(outside)
        var inside: Float = 0, around: Float = 0
        guard pixGetAverageMasked(small, silhouette, 0, 0, 1, Int32(L_MEAN_ABSVAL), &inside) == 0,
              pixGetAverageMasked(small, outside, 0, 0, 1, Int32(L_MEAN_ABSVAL), &around) == 0,
              inside - around >= 40 else { return nil }
        // The four extreme points: least and most x + y, most x − y and most y − x.
        guard let data = pixGetData(silhouette) else { return nil }
        let wordsPerLine = Int(pixGetWpl(silhouette))
        var best: [(score: Int, x: Int, y: Int)] = Array(repeating: (Int.min, 0, 0), count: 4)
        for y in 0..<smallHeight {
            let row = data + y * wordsPerLine
            for wordIndex in 0..<wordsPerLine where row[wordIndex] != 0 {
                let word = row[wordIndex]
                for bit in 0..<32 where word & (UInt32(1) << (31 - UInt32(bit))) != 0 {
                    let x = wordIndex * 32 + bit
                    guard x < smallWidth else { break }
                    let scores = [-(x + y), x - y, x + y, y - x]
                    for corner in 0..<4 where scores[corner] > best[corner].score { best[corner] = (scores[corner], x, y) }
                }
            }
        }
        let scale = 1 / factor
        func point(_ corner: Int) -> (x: Double, y: Double) {
            (Double(best[corner].x) * scale, Double(best[corner].y) * scale)
        }
        let corners = DocumentCorners(topLeft: point(0), topRight: point(1), bottomRight: point(2), bottomLeft: point(3))
        let silhouetteArea = Double(area) * scale * scale
        guard corners.area >= 0.9 * silhouetteArea, corners.area <= 1.1 * silhouetteArea, corners.smallestAngle >= 50 else {
            return nil
        }
        return corners
    }

    /// The document inside `corners`, seen from straight above: a rectangle as wide as its
    /// longer top or bottom edge and as tall as its longer side (shrunk to fit the image when
    /// larger) in a white margin, in grey, with the map from its points back to the photo's.
    public func straightened(_ corners: DocumentCorners) -> (image: LeptonicaImage, map: PerspectiveMap)? {
        func distance(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> Double { hypot(a.x - b.x, a.y - b.y) }
        var targetWidth = max(distance(corners.topLeft, corners.topRight), distance(corners.bottomLeft, corners.bottomRight))
        var targetHeight = max(distance(corners.topLeft, corners.bottomLeft), distance(corners.topRight, corners.bottomRight))
        let fit = min(1, Double(width) / targetWidth, Double(height) / targetHeight)
        targetWidth = (targetWidth * fit).rounded(.down)
        targetHeight = (targetHeight * fit).rounded(.down)
        guard targetWidth >= 50, targetHeight >= 50,
              let destination = ptaCreate(4), let source = ptaCreate(4) else { return nil }
        var destinationPointer: UnsafeMutablePointer<PTA>? = destination, sourcePointer: UnsafeMutablePointer<PTA>? = source
        defer { ptaDestroy(&destinationPointer); ptaDestroy(&sourcePointer) }
        for (x, y) in [(0.0, 0.0), (targetWidth, 0), (targetWidth, targetHeight), (0, targetHeight)] {
            ptaAddPt(destination, Float(x), Float(y))
        }
        for point in corners.points { ptaAddPt(source, Float(point.x), Float(point.y)) }
        var raw: UnsafeMutablePointer<Float>?
        guard getProjectiveXformCoeffs(destination, source, &raw) == 0, let raw else { return nil }
        let coefficients = Array(UnsafeBufferPointer(start: raw, count: 8))
        lept_free(raw)
        // Warped in grey, as OCR reads it: a quarter of the memory of colour, and no alpha
        // channel for the warp to leave transparent.
        guard let gray = try? grayscale(),
              let warped = pixProjectivePta(gray.pix, destination, source, Int32(L_BRING_IN_WHITE)) else { return nil }
        var warpedPointer: UnsafeMutablePointer<PIX>? = warped
        defer { pixDestroy(&warpedPointer) }
        guard let region = boxCreate(0, 0, Int32(targetWidth), Int32(targetHeight)) else { return nil }
        var regionPointer: UnsafeMutablePointer<BOX>? = region
        defer { boxDestroy(&regionPointer) }
        guard let clipped = pixClipRectangle(warped, region, nil) else { return nil }
        var clippedPointer: UnsafeMutablePointer<PIX>? = clipped
        defer { pixDestroy(&clippedPointer) }
        // A photo is lit unevenly (darker at the edges, a shadow across): leptonica evens its
        // ground out to white (its usual tiles and smoothing), or OCR's threshold, set for the
        // whole page, loses the words in the shade, and a ground greyer than the margin turns
        // the whole page dark (tesseract then read nothing at all).
        guard let cropped = pixBackgroundNorm(clipped, nil, nil, 10, 15, 100, 50, 255, 2, 1) else { return nil }
        var croppedPointer: UnsafeMutablePointer<PIX>? = cropped
        defer { pixDestroy(&croppedPointer) }
        // A white margin round it, as a scan has: the zone and line finders look for ground
        // round the document's outer lines.
        let margin = Int32(max(8, min(targetWidth, targetHeight) / 30))
        guard let framed = pixAddBlackOrWhiteBorder(cropped, margin, margin, margin, margin, Int32(L_GET_WHITE_VAL)) else {
            return nil
        }
        pixCopyResolution(framed, pix)
        return (LeptonicaImage(takingOwnership: framed), PerspectiveMap(coefficients: coefficients, margin: Int(margin)))
    }
}
