import DossierCore
import Testing
@testable import Analysis

@Suite("Calibrated type confidence")
struct TypeConfidenceCalibrationTests {
    private func pages(_ texts: String...) -> [PageTranscript] {
        texts.enumerated().map { PageTranscript(number: $0.offset + 1, method: .ocr, text: $0.element, confidence: 90) }
    }

    @Test("A table maps a raw score along the line between its points; below the first the raw score stands, above the last the last point's")
    func points() throws {
        let table = try #require(TypeConfidenceCalibration(tsv: "# fitted\nscore\tprobability\n0.30\t0.40\n0.60\t0.85\n0.90\t0.97\n"))
        #expect(table.confidence(forScore: 0.2) == 0.2)
        #expect(table.confidence(forScore: 0.3) == 0.4)
        #expect(table.confidence(forScore: 0.40) == 0.55)
        #expect(table.confidence(forScore: 0.6) == 0.85)
        #expect(table.confidence(forScore: 0.75) == 0.91)
        #expect(table.confidence(forScore: 1.0) == 0.97)
    }

    @Test("A table whose scores do not ascend, whose probabilities fall or that is malformed is refused", arguments: [
        "0.5\t0.8\n0.4\t0.9\n", "0.2\t0.9\n0.5\t0.7\n", "0.2\t1.5\n", "0.2 0.5\n", "",
    ])
    func refused(tsv: String) {
        #expect(TypeConfidenceCalibration(tsv: tsv) == nil)
    }

    @Test("The shipped table is read, rises with the score and never claims certainty")
    func shipped() throws {
        let table = try #require(TypeConfidenceCalibration.bundled)
        #expect(!table.points.isEmpty)
        for (low, high) in zip(table.points, table.points.dropFirst()) {
            #expect(low.probability <= high.probability)
        }
        #expect(table.points.allSatisfy { $0.probability < 1 })
    }

    @Test("The classifier reports the calibrated confidence beside the raw score it came from")
    func calibratedClassifier() {
        let text = "Arbeidsovereenkomst voor bepaalde tijd\nDe werkgever en de werknemer komen overeen. Proeftijd één maand."
        let table = TypeConfidenceCalibration(tsv: "0.00\t0.61\n")
        let guess = DocumentClassifier(model: nil, calibration: table).classify(pages(text))
        #expect(guess.type == .employmentContract)
        #expect(guess.confidence == 0.61)
        #expect(guess.score != nil && guess.score != 0.61)
    }

    @Test("Below the threshold after calibration the type is unknown, naming the likeliest type and why")
    func unknownWithReason() throws {
        let text = "Arbeidsovereenkomst voor bepaalde tijd\nDe werkgever en de werknemer komen overeen. Proeftijd één maand."
        let table = TypeConfidenceCalibration(tsv: "0.00\t0.30\n")
        let guess = DocumentClassifier(model: nil, calibration: table).classify(pages(text))
        #expect(guess.type == .unknown)
        #expect(guess.likeliest == .employmentContract)
        #expect(guess.confidence == 0.3)
        let reason = try #require(guess.reason)
        #expect(reason.contains("employment-contract") && reason.contains("30%"))
    }
}
