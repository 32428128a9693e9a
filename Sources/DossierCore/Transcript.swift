/// How the text of a page was obtained.
public enum TranscriptionMethod: String, Codable, Sendable, CaseIterable {
    /// Read from the PDF's own text layer.
    case textLayer = "text-layer"
    /// Recognised from the page image by tesseract.
    case ocr
}

/// The text of one page, with how it was obtained.
public struct PageTranscript: Codable, Sendable, Equatable {
    /// 1-based page number.
    public let number: Int
    /// Text layer or OCR.
    public let method: TranscriptionMethod
    /// The page's text.
    public let text: String
    /// OCR mean confidence, 0–100; `nil` for text-layer pages.
    public let confidence: Double?
    /// What was done to the page image before OCR; `nil` for text-layer pages.
    public let corrections: PageCorrections?

    /// Makes a page transcript.
    public init(
        number: Int, method: TranscriptionMethod, text: String, confidence: Double?,
        corrections: PageCorrections? = nil
    ) {
        self.number = number
        self.method = method
        self.text = text
        self.confidence = confidence
        self.corrections = corrections
    }
}

/// The corrections applied to a page image before OCR, so a reviewer can see them.
public struct PageCorrections: Codable, Sendable, Equatable {
    /// Degrees the page was turned clockwise to stand upright: 0, 90, 180 or 270.
    public let rotation: Int
    /// Skew removed, in degrees (positive: the text rose to the right).
    public let skew: Double
    /// The image's resolution before OCR, in dots per inch (after any upscaling).
    public let dpi: Int
    /// The resolution the image came with, when it was upscaled; `nil` otherwise.
    public let upscaledFrom: Int?

    /// Makes a record of corrections.
    public init(rotation: Int, skew: Double, dpi: Int, upscaledFrom: Int?) {
        self.rotation = rotation
        self.skew = skew
        self.dpi = dpi
        self.upscaledFrom = upscaledFrom
    }
}

/// The transcript of a whole document: every page in order, and the file's SHA-256.
public struct DocumentTranscript: Codable, Sendable, Equatable {
    /// The file as the user named it.
    public let file: String
    /// Lower-case hex SHA-256 of the file's bytes.
    public let sha256: String
    /// Every page, in order.
    public let pages: [PageTranscript]

    /// Makes a document transcript.
    public init(file: String, sha256: String, pages: [PageTranscript]) {
        self.file = file
        self.sha256 = sha256
        self.pages = pages
    }

    /// The pages joined with form feeds, as `pdftotext` separates them.
    public var plainText: String {
        pages.map(\.text).joined(separator: "\u{0C}")
    }
}
