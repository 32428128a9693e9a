internal import Foundation
public import DossierCore
internal import DossierModels
internal import Language

/// A summary sentence: the source's words, where they stand, and why it was chosen.
public struct SummarySentence: Codable, Sendable, Equatable {
    public let text: String
    public let citation: Citation
    /// 0–1: centrality, position and cue phrases together.
    public let score: Double
}

/// How long a summary may be.
public enum SummaryLength: Sendable, Equatable {
    case sentences(Int)
    case words(Int)
}

/// Extractive summaries, computed here: no model service, same input, same summary.
///
/// Sentences become TF-IDF vectors (IDF from `models/summaries/`: the service's own reports for
/// Dutch, word frequencies for English; the 150 most used words left out). A LexRank-style
/// centrality (PageRank over cosine similarities) says which sentences the rest of the text
/// agrees with; early position and cue phrases ("wij hebben besloten", "concluderen", "in
/// summary") add to it; maximal marginal relevance keeps near-repeats out. The chosen
/// sentences come back in document order, each with its citation.
public struct Summarizer: Sendable {
    /// Weights of the three scores.
    static let centralityWeight = 0.6, positionWeight = 0.25, cueWeight = 0.15
    /// Relevance against novelty when choosing (maximal marginal relevance).
    static let relevanceShare = 0.7

    static let cuePhrases = [
        "wij hebben besloten", "hebben besloten", "concluderen", "concludeert", "kortom", "samenvattend", "samengevat",
        "conclusie", "daarom", "oordeelt", "beslissing", "verzoek", "ik verzoek", "stel ik u", "in gebreke",
        "in summary", "we conclude", "concludes", "decided", "therefore", "in conclusion", "we ask", "the court",
    ]

    public init() {}

    /// The summary of `pages` within `length`.
    public func summarize(_ pages: [PageTranscript], length: SummaryLength) -> [SummarySentence] {
        summarize(SourceText(pages: pages), length: length)
    }

    public func summarize(_ source: SourceText, length: SummaryLength) -> [SummarySentence] {
        // Running sentences only: four words or more, ending like a sentence. Address blocks,
        // letterheads and the labelled fields of forms and identity documents do not, and a
        // document made only of those has nothing to summarise (screening gives its facts).
        let sentences = source.sentences.filter { sentence in
            sentence.text.split(separator: " ").count >= 4 && (sentence.text.last.map { ".!?".contains($0) } ?? false)
        }
        guard !sentences.isEmpty else { return [] }
        let language = LanguageIdentifier.bundled.identify(sentences.map(\.text).joined(separator: " "))?.code ?? "nld"
        // Only the table of the text's language is read (English for English, Dutch otherwise).
        let table = language == "eng" ? WeightTable.english : WeightTable.dutch
        let vectors = SparseVector.make(sentences.map { table.vector($0.text) })
        let centrality = Self.centrality(vectors)
        let count = Double(sentences.count)
        let scores = sentences.enumerated().map { offset, sentence -> Double in
            let position = 1 - Double(offset) / count + (sentence.opensParagraph ? 0.1 : 0)
            let lower = sentence.text.lowercased()
            let cue = Self.cuePhrases.contains { lower.contains($0) } ? 1.0 : 0.0
            return Self.centralityWeight * centrality[offset] + Self.positionWeight * min(1, position) + Self.cueWeight * cue
        }
        // Maximal marginal relevance, until the length is reached.
        var chosen: [Int] = []
        var words = 0
        while chosen.count < sentences.count {
            var best: (index: Int, value: Double)?
            for index in sentences.indices where !chosen.contains(index) {
                let redundancy = chosen.map { Self.cosine(vectors[index], vectors[$0]) }.max() ?? 0
                let value = Self.relevanceShare * scores[index] - (1 - Self.relevanceShare) * redundancy
                if best == nil || value > best!.value { best = (index, value) }
            }
            guard let pick = best else { break }
            let pickWords = sentences[pick.index].text.split(separator: " ").count
            switch length {
            case .sentences(let limit):
                if chosen.count >= limit { return Self.ordered(chosen, sentences, scores) }
            case .words(let limit):
                // The first sentence always goes in; later ones only while they fit.
                if !chosen.isEmpty && words + pickWords > limit { return Self.ordered(chosen, sentences, scores) }
            }
            chosen.append(pick.index)
            words += pickWords
        }
        return Self.ordered(chosen, sentences, scores)
    }

    static func ordered(_ chosen: [Int], _ sentences: [SourceSentence], _ scores: [Double]) -> [SummarySentence] {
        chosen.sorted().map { index in
            SummarySentence(text: sentences[index].text, citation: sentences[index].citation, score: (scores[index] * 1000).rounded() / 1000)
        }
    }

    /// LexRank with continuous weights: PageRank (damping 0.85) over the cosine-similarity
    /// graph, scaled to 0–1.
    static func centrality(_ vectors: [SparseVector]) -> [Double] {
        let n = vectors.count
        guard n > 1 else { return [1] }
        // Neighbours with their similarity; weak links (below 0.05) left out.
        var neighbours = [[(Int, Double)]](repeating: [], count: n)
        for i in 0..<n {
            for j in (i + 1)..<n {
                let similarity = cosine(vectors[i], vectors[j])
                if similarity > 0.05 {
                    neighbours[i].append((j, similarity))
                    neighbours[j].append((i, similarity))
                }
            }
        }
        let rowSums = neighbours.map { $0.reduce(0) { $0 + $1.1 } }
        var rank = [Double](repeating: 1 / Double(n), count: n)
        for _ in 0..<60 {
            // Sentences with no neighbours give their share to everyone.
            let dangling = (0..<n).filter { rowSums[$0] == 0 }.reduce(0) { $0 + rank[$1] }
            var next = [Double](repeating: 0.15 / Double(n) + 0.85 * dangling / Double(n), count: n)
            for i in 0..<n where rowSums[i] > 0 {
                let share = 0.85 * rank[i] / rowSums[i]
                for (j, weight) in neighbours[i] { next[j] += share * weight }
            }
            let change = zip(rank, next).reduce(0) { $0 + abs($1.0 - $1.1) }
            rank = next
            if change < 1e-9 { break }
        }
        let top = rank.max() ?? 1
        return rank.map { top > 0 ? $0 / top : 0 }
    }

    static func cosine(_ a: SparseVector, _ b: SparseVector) -> Double {
        guard a.norm > 0, b.norm > 0 else { return 0 }
        var dot = 0.0
        var i = 0, j = 0
        while i < a.terms.count, j < b.terms.count {
            if a.terms[i] == b.terms[j] {
                dot += a.weights[i] * b.weights[j]
                i += 1
                j += 1
            } else if a.terms[i] < b.terms[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return dot / (a.norm * b.norm)
    }
}

/// A sentence vector as sorted term numbers and weights, with its length: cosines by merging.
struct SparseVector: Sendable {
    let terms: [Int]
    let weights: [Double]
    let norm: Double

    /// Numbers every term of `vectors` (the same term, the same number) and sorts each.
    static func make(_ vectors: [[String: Double]]) -> [SparseVector] {
        var numbers: [String: Int] = [:]
        return vectors.map { vector in
            let entries = vector.map { term, weight -> (Int, Double) in
                if let number = numbers[term] { return (number, weight) }
                numbers[term] = numbers.count
                return (numbers.count - 1, weight)
            }.sorted { $0.0 < $1.0 }
            return SparseVector(
                terms: entries.map(\.0), weights: entries.map(\.1),
                norm: sqrt(entries.reduce(0) { $0 + $1.1 * $1.1 })
            )
        }
    }
}

/// Word weights (IDF) and stop words of one language, from `models/summaries/`.
struct WeightTable: Sendable {
    let weights: [String: Double]
    let unseen: Double
    let stopWords: Set<String>

    /// Each table is read once per process, the first time a text in its language needs it.
    static let dutch = bundled("nld") ?? WeightTable(weights: [:], unseen: 1, stopWords: [])
    static let english = bundled("eng") ?? WeightTable(weights: [:], unseen: 1, stopWords: [])

    static func bundled(_ code: String) -> WeightTable? {
        guard let url = ModelFiles.url("summaries/idf-\(code).tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        var weights: [String: Double] = [:]
        var unseen = 1.0
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2, let value = Double(fields[1]) else { continue }
            if fields[0] == "__unseen__" { unseen = value } else { weights[String(fields[0])] = value }
        }
        return WeightTable(weights: weights, unseen: unseen, stopWords: Set(ModelFiles.wordList("summaries/stopwords-\(code).txt")))
    }

    /// Lower-case words of letters only, as the tables were counted.
    static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter }.map(String.init)
    }

    /// TF-IDF: (1 + ln count) × weight, stop words and one-letter words left out.
    func vector(_ text: String) -> [String: Double] {
        var counts: [String: Int] = [:]
        for word in Self.words(text) where word.count > 1 && !stopWords.contains(word) { counts[word, default: 0] += 1 }
        var vector: [String: Double] = [:]
        for (word, count) in counts { vector[word] = (1 + log(Double(count))) * (weights[word] ?? unseen) }
        return vector
    }
}
