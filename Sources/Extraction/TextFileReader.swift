internal import Foundation
internal import DossierCore

/// Reads a plain-text or HTML file as pages: the file's own text, nothing recognised.
enum TextFileReader {
    /// The pages of the text file at `url`, whose format sniffing found to be `format`.
    static func pages(_ url: URL, format: FileFormat, limits: ExtractionLimits) throws(ExtractionError) -> [PageTranscript] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .unreadable(ExtractionError.describe(error)) }
        return try pages(of: data, format: format, limits: limits)
    }

    /// The pages of text file bytes.
    static func pages(of data: Data, format: FileFormat, limits: ExtractionLimits) throws(ExtractionError) -> [PageTranscript] {
        guard !data.isEmpty else { throw .empty }
        let texts: [String]
        let decision: PageDecision
        switch format {
        case .html:
            guard let text = HTMLText.text(of: data) else { throw .unknownTextEncoding }
            texts = PlainTextPages.paged(text)
            decision = .htmlText
        default:
            guard let decoded = PlainTextPages(data: data) else { throw .unknownTextEncoding }
            texts = decoded.pages
            decision = .plainText
        }
        try limits.checkPages(texts.count)
        return texts.enumerated().map { offset, text in
            PageTranscript(number: offset + 1, method: .textFile, text: text, confidence: nil, decision: decision)
        }
    }
}
