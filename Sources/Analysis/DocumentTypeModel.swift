internal import Foundation
public import DossierCore
internal import DossierModels

/// The trained document-type model in `models/doctype/naive-bayes.tsv`: multinomial naive
/// Bayes over the presence of words and character 4-grams (made by
/// `scripts/models/train-doctype`, whose `features` function this one mirrors exactly).
public struct DocumentTypeModel: Sendable {
    /// The class of each column.
    public let classes: [DocumentType]
    private let priors: [Double]
    private let weights: [String: [Double]]

    /// Texts with fewer known features, or fewer known words, than these get no opinion.
    static let minimumFeatures = 8
    static let minimumWords = 8
    /// At most this many words are read, as in training.
    static let maximumTokens = 4000

    /// The model shipped in `models/doctype/`; `nil` when it is missing or unreadable.
    public static let bundled: DocumentTypeModel? = ModelFiles.withContents("doctype/naive-bayes.tsv") {
        DocumentTypeModel(tsv: $0)
    } ?? nil

    /// Reads the model from its TSV text; `nil` when it is malformed.
    public init?(tsv: String) {
        var tsv = tsv
        guard let model = tsv.withUTF8({ DocumentTypeModel(tsv: $0) }) else { return nil }
        self = model
    }

    /// Reads the model from the UTF-8 bytes of its TSV text; `nil` when it is malformed.
    init?(tsv: UnsafeBufferPointer<UInt8>) {
        var classes: [DocumentType] = []
        var priors: [Double] = []
        var weights: [String: [Double]] = [:]
        var malformed = false
        ModelText.forEachLine(in: tsv) { line in
            let fields = ModelText.fields(line)
            guard !malformed, let name = fields.first.map(ModelText.string) else { return }
            let values = fields.dropFirst()
            switch name {
            case "classes":
                classes = values.compactMap { DocumentType(rawValue: ModelText.string($0)) }
                if classes.count != values.count { malformed = true }
            case "prior":
                priors = values.compactMap(ModelText.number)
            default:
                let row = values.compactMap(ModelText.number)
                if row.count != classes.count { malformed = true }
                weights[name] = row
            }
        }
        guard !malformed, !classes.isEmpty, priors.count == classes.count, !weights.isEmpty else { return nil }
        self.classes = classes
        self.priors = priors
        self.weights = weights
    }

    /// Probabilities per class for `text` (summing to 1), or `nil` when the text holds too
    /// few known features to judge.
    public func probabilities(_ text: String) -> [DocumentType: Double]? {
        var scores = priors
        var known = 0, knownWords = 0
        for feature in Self.features(text) {
            guard let row = weights[feature] else { continue }
            known += 1
            if feature.hasPrefix("w ") { knownWords += 1 }
            for index in scores.indices { scores[index] += row[index] }
        }
        // One long word gives a dozen 4-grams: the model speaks only on a text with words to go on.
        guard knownWords >= Self.minimumWords, known >= Self.minimumFeatures, let best = scores.max() else { return nil }
        // Naive Bayes adds up hundreds of overlapping features and is far too sure of itself;
        // spreading the scores by the number of features gives probabilities that mean
        // something on the held-out set (eval/analysis).
        let temperature = max(1, Double(known) / 25)
        let exponentials = scores.map { exp(($0 - best) / temperature) }
        let total = exponentials.reduce(0, +)
        var result: [DocumentType: Double] = [:]
        for (index, type) in classes.enumerated() { result[type] = exponentials[index] / total }
        return result
    }

    /// The weights of one feature, one per class.
    func weight(of feature: String) -> [Double]? { weights[feature] }

    /// Compatibility-decomposed, accents dropped, lower case, ASCII digits as `0`.
    static func normalise(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCompatibilityMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            scalars.append(scalar)
        }
        var out = String.UnicodeScalarView()
        for scalar in String(scalars).lowercased().unicodeScalars {
            out.append(("0"..."9").contains(scalar) ? "0" : scalar)
        }
        return String(out)
    }

    /// Runs of letters and digits of the normalised text, at most ``maximumTokens``.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in normalise(text).unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.append(scalar)
            } else if !current.isEmpty {
                tokens.append(String(current))
                current = String.UnicodeScalarView()
                if tokens.count >= maximumTokens { return tokens }
            }
        }
        if !current.isEmpty { tokens.append(String(current)) }
        return tokens
    }

    /// Words of 2+ characters (`w word`) and 4-grams of words of 3+ padded with `<` `>`
    /// (`c <wor`), each once.
    static func features(_ text: String) -> Set<String> {
        features(text, grams: true)
    }

    /// The word features (`w word`) of `text` alone, as ``features(_:)`` gives them.
    static func wordFeatures(_ text: String) -> Set<String> {
        features(text, grams: false)
    }

    private static func features(_ text: String, grams: Bool) -> Set<String> {
        var found = Set<String>()
        for token in tokens(text) {
            let scalars = Array(token.unicodeScalars)
            if scalars.count >= 2 { found.insert("w " + token) }
            guard grams, scalars.count >= 3 else { continue }
            let padded: [Unicode.Scalar] = ["<"] + scalars + [">"]
            for start in 0...(padded.count - 4) {
                // "c " and the four scalars, built as one string.
                var gram = String.UnicodeScalarView()
                gram.append("c")
                gram.append(" ")
                gram.append(contentsOf: padded[start..<start + 4])
                found.insert(String(gram))
            }
        }
        return found
    }
}
