internal import DossierCore
internal import Foundation
internal import Tesseract

/// How a prepared page image relates to the page it came from, so OCR boxes can be put back
/// on the original page.
///
/// The preparation steps, in order: for a photographed document, the document cut out and seen
/// from above (`perspective`); scale by `scale`, turn clockwise by `quarterTurns` × 90°, rotate
/// by `skewDegrees` (clockwise positive) about the image centre keeping its size.
struct PageGeometry: Equatable {
    /// Original image size in pixels.
    let originalWidth: Double
    let originalHeight: Double
    let scale: Double
    let quarterTurns: Int
    let skewDegrees: Double
    /// Page units per original pixel: 72/dpi for PDF pages (points), 1 for images (pixels).
    let unitsPerPixel: Double
    let unit: String
    /// The photographed document seen from above, when the page was a photo of one.
    var perspective: Perspective? = nil

    /// A document cut out of a photo and seen from above: the straightened image's size, and
    /// where its points lie in the photo.
    struct Perspective: Equatable {
        let map: PerspectiveMap
        let width: Double
        let height: Double
    }

    /// Size of the image that is scaled and turned: the straightened document, or the original.
    private var sourceSize: (width: Double, height: Double) {
        perspective.map { ($0.width, $0.height) } ?? (originalWidth, originalHeight)
    }

    static func identity(width: Int, height: Int, unitsPerPixel: Double, unit: String) -> PageGeometry {
        PageGeometry(originalWidth: Double(width), originalHeight: Double(height), scale: 1, quarterTurns: 0,
                     skewDegrees: 0, unitsPerPixel: unitsPerPixel, unit: unit)
    }

    /// Size of the image after scaling and turning (deskew keeps the size).
    private var preparedSize: (width: Double, height: Double) {
        let w = sourceSize.width * scale, h = sourceSize.height * scale
        return quarterTurns % 2 == 0 ? (w, h) : (h, w)
    }

    /// Maps a point of the prepared image back to the original page, in page units.
    func pagePoint(x: Double, y: Double) -> (x: Double, y: Double) {
        var (px, py) = (x, y)
        let prepared = preparedSize
        if skewDegrees != 0 {
            // Undo a clockwise rotation about the centre: rotate anticlockwise (y points down).
            let cx = prepared.width / 2, cy = prepared.height / 2
            let angle = -skewDegrees * .pi / 180
            let dx = px - cx, dy = py - cy
            px = cx + dx * cos(angle) - dy * sin(angle)
            py = cy + dx * sin(angle) + dy * cos(angle)
        }
        let w = sourceSize.width * scale, h = sourceSize.height * scale
        switch ((quarterTurns % 4) + 4) % 4 {
        case 1: (px, py) = (py, h - px)
        case 2: (px, py) = (w - px, h - py)
        case 3: (px, py) = (w - py, px)
        default: break
        }
        (px, py) = (px / scale, py / scale)
        if let perspective { (px, py) = perspective.map.photoPoint(x: px, y: py) }
        return (px * unitsPerPixel, py * unitsPerPixel)
    }

    /// Maps a prepared-image box to the smallest page box holding its four corners.
    func pageBox(_ box: PixelBox) -> PageBox {
        let corners = [
            pagePoint(x: Double(box.left), y: Double(box.top)), pagePoint(x: Double(box.right), y: Double(box.top)),
            pagePoint(x: Double(box.left), y: Double(box.bottom)), pagePoint(x: Double(box.right), y: Double(box.bottom)),
        ]
        let xs = corners.map(\.x), ys = corners.map(\.y)
        let minX = max(0, xs.min() ?? 0), minY = max(0, ys.min() ?? 0)
        let maxX = min(pageWidth, xs.max() ?? 0), maxY = min(pageHeight, ys.max() ?? 0)
        return PageBox(x: round2(minX), y: round2(minY), width: round2(max(0, maxX - minX)), height: round2(max(0, maxY - minY)))
    }

    var pageWidth: Double { originalWidth * unitsPerPixel }
    var pageHeight: Double { originalHeight * unitsPerPixel }

    /// The OCR layout placed on the original page.
    func layout(_ blocks: [OCRBlock]) -> PageLayout {
        PageLayout(
            unit: unit, width: round2(pageWidth), height: round2(pageHeight),
            blocks: blocks.map { block in
                LaidOutBlock(box: pageBox(block.box), lines: block.lines.map { line in
                    LaidOutLine(box: pageBox(line.box), words: line.words.map { word in
                        LaidOutWord(text: word.text, confidence: (word.confidence * 10).rounded() / 10, box: pageBox(word.box),
                                    characters: word.characters.map { $0.map(pageBox) })
                    })
                })
            }
        )
    }

    private func round2(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}

extension PixelBox {
    /// The pixels of a box measured in pixels (unit `px`), rounded outwards.
    init(_ box: PageBox) {
        self.init(left: Int(box.x.rounded(.down)), top: Int(box.y.rounded(.down)),
                  right: Int((box.x + box.width).rounded(.up)), bottom: Int((box.y + box.height).rounded(.up)))
    }
}
