public import DossierCore
public import Foundation
public import Review

/// A letter with two pages and two proposals, as intake would hand it to a store.
public func letterSubmission(_ url: URL = SampleFiles.letterPDF, caseID: CaseID = CaseID("ZAAK-1")!) throws -> DocumentSubmission {
    DocumentSubmission(
        caseID: caseID, originalURL: url, sha256: try FileDigest.sha256(of: url),
        fileName: url.lastPathComponent, format: "pdf",
        pages: [
            PageTranscript(number: 1, method: .textLayer, text: "Ingebrekestelling wegens niet tijdig beslissen", confidence: nil),
            PageTranscript(number: 2, method: .ocr, text: "Hoogachtend,", confidence: 91.5,
                           corrections: PageCorrections(rotation: 180, skew: -1.25, dpi: 300, upscaledFrom: 150),
                           decision: .junkTextLayer, textLayerScore: 0.12, script: "Latin", language: "nld"),
        ],
        proposals: [
            ProposedItem(kind: .documentType, summary: "notice-of-default (confidence 0.80)",
                         proposal: #"{"type":"notice-of-default"}"#,
                         evidence: [Evidence(page: 1, start: 0, end: 17, quote: "Ingebrekestelling")]),
            ProposedItem(kind: .transcript, summary: "2 pages", proposal: "{}", evidence: []),
        ]
    )
}
