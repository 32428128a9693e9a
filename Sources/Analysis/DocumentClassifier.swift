internal import Foundation
public import DossierCore

/// Decides a document's type from three sources, strongest first: a machine-readable zone
/// (its document code says passport or identity card), the trained model
/// (``DocumentTypeModel``) and the cue-phrase rules (``DocumentTypeGuesser``). The likeliest
/// type's raw score is calibrated (``TypeConfidenceCalibration``); the type is `unknown`, with
/// the reason, when its calibrated confidence stays below ``minimumConfidence``.
///
/// The evidence of a guess is what a reviewer can check: the MRZ, the cue phrases found, and
/// the words that weighed most for the chosen type in the model.
public struct DocumentClassifier: Sendable {
    private let model: DocumentTypeModel?
    private let rules = DocumentTypeGuesser()
    private let calibration: TypeConfidenceCalibration?

    /// Below this the type is `unknown`.
    public static let minimumConfidence = 0.5
    /// The languages of the model's training set.
    static let modelLanguages: Set<String> = ["nld", "eng", "fra"]
    /// How much the model counts against the rules when both speak.
    static let modelWeight = 0.7
    /// The model's weight when the document names its own type at its opening.
    static let namedModelWeight = 0.3

    /// `calibration` maps raw scores to confidences (``TypeConfidenceCalibration``); without
    /// one the raw score is the confidence.
    public init(model: DocumentTypeModel? = DocumentTypeModel.bundled,
                calibration: TypeConfidenceCalibration? = TypeConfidenceCalibration.bundled) {
        self.model = model
        self.calibration = calibration
    }

    /// The type of the document with these pages and identifiers.
    /// `language` is the document's language when known: the model only speaks for the
    /// languages it learned (``modelLanguages``); on others the rules decide alone.
    public func classify(_ pages: [PageTranscript], identifiers: [FoundIdentifier] = [], language: String? = nil) -> DocumentTypeGuess {
        // A zone decides by its document code and shape. One check digit failing (a misread
        // digit, or the very fault screening flags) does not undo the shape: a zone with most
        // of its checks passing still says what kind of document carries it.
        let zones = identifiers.filter { $0.kind == .mrz }
        if let zone = zones.first(where: \.valid) ?? zones.first(where: { ($0.mrz?.failedChecks.count ?? 9) <= 1 }),
           let mrz = zone.mrz {
            let sure = zone.valid ? 0.0 : 0.05
            switch (mrz.documentCode.first, mrz.format) {
            case ("P", .td3), ("P", .td2): return decided(.passport, score: 0.99 - sure, evidence: [zone.evidence])
            case ("I", .td1), ("A", .td1), ("C", .td1), ("I", .td2), ("A", .td2), ("C", .td2):
                return decided(.idCard, score: 0.95 - sure, evidence: [zone.evidence])
            default: break
            }
        }
        let ruleGuess = rules.guess(pages)
        let text = pages.map(\.text).joined(separator: "\n")
        let modelApplies = language.map { Self.modelLanguages.contains($0) } ?? true
        guard modelApplies, let model, let probabilities = model.probabilities(text) else {
            guard ruleGuess.type != .unknown else { return ruleGuess }
            return decided(ruleGuess.type, score: ruleGuess.confidence, evidence: ruleGuess.evidence)
        }
        var combined: [DocumentType: Double] = [:]
        // A document that names its own type in its opening is taken at its word unless the
        // model is nearly sure otherwise.
        let modelWeight = ruleGuess.named ? Self.namedModelWeight : Self.modelWeight
        for (type, probability) in probabilities { combined[type] = modelWeight * probability }
        if ruleGuess.type != .unknown {
            // The rules' confidence goes to their type; the rest of their share is spread evenly.
            let share = 1 - modelWeight
            let others = Double(max(1, probabilities.count - 1))
            for type in probabilities.keys {
                // A self-named type counts as a near-certain rule, whatever the runner-up scored.
                let ruleConfidence = ruleGuess.named ? max(ruleGuess.confidence, 0.85) : ruleGuess.confidence
                let ruleProbability = type == ruleGuess.type ? ruleConfidence : (1 - ruleConfidence) / others
                combined[type, default: 0] += share * ruleProbability
            }
        } else {
            for (type, probability) in probabilities { combined[type] = probability }
        }
        let ranked = combined.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.rawValue < $1.key.rawValue }
        guard let best = ranked.first else { return ruleGuess }
        var evidence = ruleGuess.type == best.key ? ruleGuess.evidence : []
        evidence += modelEvidence(for: best.key, pages: pages, excluding: evidence)
        return decided(best.key, score: best.value, evidence: evidence, runnerUp: ranked.dropFirst().first?.key)
    }

    /// The guess for the likeliest type at its raw score: its calibrated confidence, and
    /// `unknown` with the reason when that stays below ``minimumConfidence``.
    private func decided(_ type: DocumentType, score: Double, evidence: [Evidence], runnerUp: DocumentType? = nil) -> DocumentTypeGuess {
        let raw = (score * 100).rounded() / 100
        let confidence = calibration?.confidence(forScore: raw) ?? raw
        guard confidence >= Self.minimumConfidence else {
            let then = runnerUp.map { ", then \($0.rawValue)" } ?? ""
            return DocumentTypeGuess(type: .unknown, confidence: confidence, evidence: evidence,
                                     reason: "no type reached \(Int(Self.minimumConfidence * 100))% confidence: the likeliest, "
                                         + "\(type.rawValue), stands at \(Int((confidence * 100).rounded()))%\(then)",
                                     score: raw, likeliest: type)
        }
        return DocumentTypeGuess(type: type, confidence: confidence, evidence: evidence, score: raw)
    }

    /// Up to three words of the text that speak most for `type` in the model, where they stand.
    private func modelEvidence(for type: DocumentType, pages: [PageTranscript], excluding: [Evidence]) -> [Evidence] {
        guard let model else { return [] }
        let text = pages.map(\.text).joined(separator: "\n")
        let words = model.strongestWords(for: type, in: text, count: 6)
        var evidence: [Evidence] = []
        let screens = pages.map { PhraseScreen($0.text) }
        for word in words where evidence.count < 3 {
            guard let hit = rules.firstOccurrence(of: word, in: pages, screens: screens),
                  !(excluding + evidence).contains(where: { $0.page == hit.page && $0.start == hit.start }) else { continue }
            evidence.append(hit)
        }
        return evidence
    }
}

extension DocumentTypeModel {
    /// The words (not 4-grams) of `text` whose weight for `type` stands furthest above their
    /// weight for any other type.
    func strongestWords(for type: DocumentType, in text: String, count: Int) -> [String] {
        guard let column = classes.firstIndex(of: type) else { return [] }
        var scored: [(String, Double)] = []
        for feature in Self.wordFeatures(text) {
            guard let row = weight(of: feature), row.count == classes.count else { continue }
            let others = row.enumerated().filter { $0.offset != column }.map(\.element).max() ?? 0
            let margin = row[column] - others
            let word = String(feature.dropFirst(2))
            if margin > 0.5, word.count >= 4, !word.contains("0") { scored.append((word, margin)) }
        }
        return scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(count).map(\.0)
    }
}
