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

    /// Makes a page transcript.
    public init(number: Int, method: TranscriptionMethod, text: String, confidence: Double?) {
        self.number = number
        self.method = method
        self.text = text
        self.confidence = confidence
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
