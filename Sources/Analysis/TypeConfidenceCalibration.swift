internal import Foundation
internal import DossierModels

/// Turns the classifier's raw score for its likeliest type into a confidence that means what
/// it says: of the documents given confidence 0.9, about nine in ten have that type.
///
/// The table in `models/doctype/calibration.tsv` is made by `eval/independent/evaluate
/// --fit-calibration`: an isotonic fit of "was the likeliest type right" against the raw
/// score, on the independent evaluation set's `calibration` split only (documents made another
/// way than the training data), with each block's share smoothed towards one half by a uniform
/// prior so that a block seen on few documents never claims certainty. Each row is a point (a
/// block's mean raw score, its probability); between points the confidence follows the
/// straight line, above the last it is the last point's. Below the first point (scores the
/// calibration never saw) the raw score stands, rather than a guess about it.
public struct TypeConfidenceCalibration: Sendable, Equatable {
    /// (raw score, probability the likeliest type is right), ascending in both.
    public let points: [(score: Double, probability: Double)]

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.points.elementsEqual(rhs.points) { $0.score == $1.score && $0.probability == $1.probability }
    }

    /// The table shipped in `models/doctype/`; `nil` when it is missing or malformed (the
    /// raw score is then shown as it is).
    public static let bundled: TypeConfidenceCalibration? = {
        guard let url = ModelFiles.url("doctype/calibration.tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        return TypeConfidenceCalibration(tsv: text)
    }()

    /// Reads a table of `score<TAB>probability` rows (`#` comments allowed); `nil` when a row
    /// is malformed, the scores do not ascend or the probabilities fall.
    public init?(tsv: String) {
        var points: [(score: Double, probability: Double)] = []
        for line in tsv.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") && !line.hasPrefix("score") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2, let score = Double(fields[0]), let probability = Double(fields[1]),
                  (0...1).contains(probability) else { return nil }
            if let last = points.last, score <= last.score || probability < last.probability { return nil }
            points.append((score, probability))
        }
        guard !points.isEmpty else { return nil }
        self.points = points
    }

    /// The calibrated confidence of a raw score (0–1), rounded to hundredths.
    public func confidence(forScore score: Double) -> Double {
        guard let below = points.lastIndex(where: { $0.score <= score }) else { return (score * 100).rounded() / 100 }
        var probability = points[below].probability
        if below + 1 < points.count {
            let (low, high) = (points[below], points[below + 1])
            probability = low.probability + (high.probability - low.probability) * (score - low.score) / (high.score - low.score)
        }
        return (probability * 100).rounded() / 100
    }
}
