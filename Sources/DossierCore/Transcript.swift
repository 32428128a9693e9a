/// How the text of a page was obtained.
public enum TranscriptionMethod: String, Codable, Sendable, CaseIterable {
    /// Read from the PDF's own text layer.
    case textLayer = "text-layer"
    /// Recognised from the page image by tesseract.
    case ocr
    /// The file's own text: a plain-text or HTML file, an e-mail body.
    case textFile = "text-file"
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
    /// Why the page was read the way it was; `nil` when not recorded (older stores).
    public let decision: PageDecision?
    /// Quality of the PDF text layer, 0–1 (share of plausible and common words, clean
    /// characters); `nil` when the page has no text layer to judge.
    public let textLayerScore: Double?
    /// Words with their boxes, in lines and blocks; `nil` where not recorded.
    public let layout: PageLayout?
    /// What the OCR languages could not read on this page: a writing script (`Greek`,
    /// `Arabic`…) or a language in their script that was not selected (`fra`, `deu`…). The
    /// text is then unreliable and the page needs OCR in another language.
    public let needsLanguage: String?
    /// The script the page is written in, as tesseract names it (`Latin`, `Arabic`,
    /// `Cyrillic`, `Greek`, `Ethiopic`…); `nil` when not known (too little text, older stores).
    public let script: String?
    /// The language the page is written in (tesseract code: `nld`, `fas`, `tir`…); `nil` when
    /// its text does not tell.
    public let language: String?

    /// Makes a page transcript.
    public init(
        number: Int, method: TranscriptionMethod, text: String, confidence: Double?,
        corrections: PageCorrections? = nil, decision: PageDecision? = nil, textLayerScore: Double? = nil,
        layout: PageLayout? = nil, needsLanguage: String? = nil, script: String? = nil, language: String? = nil
    ) {
        self.layout = layout
        self.needsLanguage = needsLanguage
        self.script = script
        self.language = language
        self.number = number
        self.method = method
        self.text = text
        self.confidence = confidence
        self.corrections = corrections
        self.decision = decision
        self.textLayerScore = textLayerScore
    }

    /// OCR'd pages read with less mean confidence than this are not passed off as text.
    public static let poorReadingConfidence = 50.0

    /// Why the page's text must not pass as text: an OCR'd page in a script no installed
    /// language reads, or read with very low confidence; `nil` for a page that reads.
    public var unreadableReason: String? {
        guard method == .ocr, !isBlank else { return nil }
        let scriptUnread = needsLanguage.map { $0.first?.isUppercase == true } ?? false
        let poor = confidence.map { $0 < Self.poorReadingConfidence } ?? false
        // A travel document photographed on its pattern reads poorly, and fools the script
        // guess, around a zone that reads whole, check digits and all: its text is worth showing.
        guard scriptUnread || poor, !MRZ.holdsValidZone(in: text) else { return nil }
        if scriptUnread, let needsLanguage {
            return "it is in \(needsLanguage) script, which no installed OCR language reads"
        }
        return "it was read poorly (confidence \(Int((confidence ?? 0).rounded())) of 100)"
    }

    /// The page's text, or, for an unreadable page, a line saying so that names the page,
    /// its script and the reason: a reader never mistakes OCR noise for the document's words.
    public var readableText: String {
        guard let reason = unreadableReason else { return text }
        let script = script.map { ", \($0) script" } ?? ""
        return "[page \(number)\(script): not transcribed because \(reason); a person must read this page]"
    }

    /// The same page with `layout` in place of its own.
    public func withLayout(_ layout: PageLayout?) -> PageTranscript {
        PageTranscript(
            number: number, method: method, text: text, confidence: confidence, corrections: corrections,
            decision: decision, textLayerScore: textLayerScore, layout: layout, needsLanguage: needsLanguage,
            script: script, language: language
        )
    }

    /// True for pages found blank (the empty back of a double-sided scan): no text is made up.
    public var isBlank: Bool { decision == .blank }
}

/// Why a page was read from its text layer or by OCR, or marked blank.
public enum PageDecision: String, Codable, Sendable, CaseIterable {
    /// The PDF's text layer reads as real text.
    case textLayerUsable = "text-layer-usable"
    /// The page has no text layer (a scan, or an image file).
    case noTextLayer = "no-text-layer"
    /// The text layer is junk (broken font encoding, replacement characters): OCR instead.
    case junkTextLayer = "junk-text-layer"
    /// The page is mostly image with little text in its layer: OCR the whole page.
    case mostlyImage = "mostly-image"
    /// The document is a scan with a text layer (an earlier OCR) that does not match what the
    /// page image shows: OCR instead.
    case textLayerMismatch = "text-layer-mismatch"
    /// `--ocr always`.
    case ocrForced = "ocr-forced"
    /// `--ocr never`: the text layer is used whatever it holds.
    case ocrDisabled = "ocr-disabled"
    /// Nothing on the page: marked, not transcribed.
    case blank
    /// A plain-text file, decoded and cut into pages.
    case plainText = "plain-text"
    /// An HTML file, read as the text a browser shows.
    case htmlText = "html-text"
    /// An e-mail message: its envelope, then its body.
    case emailText = "email-text"
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
    /// True when the image's file gave no resolution and it was estimated from its text lines.
    public let dpiEstimated: Bool?
    /// True when the page was so specked that a median filter was applied before OCR.
    public let denoised: Bool?
    /// True when the page was a photo of a document on a darker ground: the document was cut
    /// out along its edges and seen from above (perspective undone) before OCR. The layout's
    /// boxes are on the photo as it came.
    public let perspectiveUndone: Bool?
    /// How many long thin rules (table borders, column lines) were redrawn as clean lines
    /// before the reading that was kept; `nil` when the page was read as it came.
    public let rulesRedrawn: Int?

    /// Makes a record of corrections.
    public init(
        rotation: Int, skew: Double, dpi: Int, upscaledFrom: Int?, dpiEstimated: Bool? = nil, denoised: Bool? = nil,
        rulesRedrawn: Int? = nil, perspectiveUndone: Bool? = nil
    ) {
        self.perspectiveUndone = perspectiveUndone
        self.rulesRedrawn = rulesRedrawn
        self.rotation = rotation
        self.skew = skew
        self.dpi = dpi
        self.upscaledFrom = upscaledFrom
        self.dpiEstimated = dpiEstimated
        self.denoised = denoised
    }

    /// The same corrections for a page read with `rules` long thin rules redrawn as clean lines.
    public func withRulesRedrawn(_ rules: Int) -> PageCorrections {
        PageCorrections(rotation: rotation, skew: skew, dpi: dpi, upscaledFrom: upscaledFrom, dpiEstimated: dpiEstimated,
                        denoised: denoised, rulesRedrawn: rules, perspectiveUndone: perspectiveUndone)
    }

    /// The same corrections for an image whose file gave no resolution and whose resolution was
    /// estimated as `estimate` from its text lines (the OCR'd resolution stays when it was upscaled).
    public func withEstimatedDPI(_ estimate: Int) -> PageCorrections {
        PageCorrections(rotation: rotation, skew: skew, dpi: upscaledFrom == nil ? estimate : dpi,
                        upscaledFrom: upscaledFrom, dpiEstimated: true, denoised: denoised, rulesRedrawn: rulesRedrawn,
                        perspectiveUndone: perspectiveUndone)
    }
}

/// The transcript of a whole document: every page in order, and the file's SHA-256.
public struct DocumentTranscript: Codable, Sendable, Equatable {
    /// The file as the user named it.
    public let file: String
    /// Lower-case hex SHA-256 of the file's bytes (empty when it was not asked for).
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
        pages.map(\.readableText).joined(separator: "\u{0C}")
    }
}
