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
    /// The topic the sentence speaks to, in a summary by topic (a hearing report's
    /// `identity`, `travel-route`, `reasons-for-flight`); `nil` in an ordinary summary.
    public let topic: String?

    public init(text: String, citation: Citation, score: Double, topic: String? = nil) {
        self.text = text
        self.citation = citation
        self.score = score
        self.topic = topic
    }
}

/// A sentence that could go into a summary, with the scores that rank it.
public struct RankedSentence: Codable, Sendable, Equatable {
    public let text: String
    public let citation: Citation
    /// 0–1: the weighted sum of centrality, position and cue.
    public let score: Double
    /// 0–1: how much the rest of the text agrees with this sentence (LexRank).
    public let centrality: Double
    /// 0–1: early in the text, or opening a paragraph.
    public let position: Double
    /// Contains a cue phrase ("concluderen", "in summary"…).
    public let cue: Bool
    /// 1-based order in which the summary picks it (score against repetition of earlier picks).
    public let pick: Int

    var wordCount: Int { text.split(separator: " ").count }
}

/// How long a summary may be.
public enum SummaryLength: Sendable, Equatable {
    case sentences(Int)
    case words(Int)
}

/// Extractive summaries, computed here: no model service, same input, same summary.
///
/// Sentences become TF-IDF vectors over word stems (IDF from `models/summaries/`: the
/// service's own reports for Dutch, word frequencies for English; the 150 most used words left
/// out). A LexRank-style centrality (PageRank over cosine similarities) says which sentences
/// the rest of the text agrees with; early position and cue phrases ("wij hebben besloten",
/// "concluderen", "in summary") add to it. Sentences are then picked one by one: maximal
/// marginal relevance keeps near-repeats out, and concept coverage prefers a sentence that
/// says, in few words, recurring word pairs no earlier pick said. The chosen sentences come
/// back in document order, each with its citation. `eval/summaries` measures it against
/// lead-N and sumy on texts with author-written summaries.
public struct Summarizer: Sendable {
    /// Weights of the three scores.
    static let centralityWeight = 0.6, positionWeight = 0.25, cueWeight = 0.15
    /// Relevance against novelty when choosing (maximal marginal relevance).
    static let relevanceShare = 0.7
    /// Weight of the new recurring word pairs a sentence says, per word (concept coverage).
    static let coverageWeight = 0.5

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

    /// The summary of a document of `type`: a hearing report by topic (``HearingSummarizer``)
    /// when it has questions on them, any other document as ``summarize(_:length:)-swift.method`` does.
    public func summarize(_ source: SourceText, length: SummaryLength, type: DocumentType) -> [SummarySentence] {
        if type == .hearingReport {
            let topics = HearingSummarizer().summarize(source)
            if !topics.isEmpty { return topics }
        }
        return summarize(source, length: length)
    }

    public func summarize(_ source: SourceText, length: SummaryLength) -> [SummarySentence] {
        // Picks stop as soon as the summary is full: a long document is not ranked to its end.
        var chosen: [RankedSentence] = []
        var words = 0
        _ = rank(source) { candidate in
            switch length {
            case .sentences(let limit):
                chosen.append(candidate)
                return chosen.count < limit
            case .words(let limit):
                // The first sentence always goes in; later ones when they still fit (a long one
                // that does not is passed over for the next that does).
                let count = candidate.wordCount
                if chosen.isEmpty || words + count <= limit {
                    chosen.append(candidate)
                    words += count
                }
                return limit - words >= 4
            }
        }
        return chosen.sorted { $0.citation.page != $1.citation.page ? $0.citation.page < $1.citation.page : $0.citation.start < $1.citation.start }
            .map { SummarySentence(text: $0.text, citation: $0.citation, score: $0.score) }
    }

    /// Every sentence that could be quoted, in document order, with its scores and the order
    /// in which maximal marginal relevance would pick it: the whole reasoning behind a summary.
    public func rank(_ pages: [PageTranscript]) -> [RankedSentence] { rank(SourceText(pages: pages)) }

    public func rank(_ source: SourceText) -> [RankedSentence] { rank(source) { _ in true } }

    /// Ranks the sentences of `source`, handing each pick to `next` until it answers false;
    /// sentences not picked by then have `pick` 0.
    func rank(_ source: SourceText, next: (RankedSentence) -> Bool) -> [RankedSentence] {
        // Running sentences only: four words or more, ending like a sentence. Address blocks,
        // letterheads and the labelled fields of forms and identity documents do not, and a
        // document made only of those has nothing to summarise (screening gives its facts).
        let sentences = source.sentences.filter { sentence in
            !sentence.isFragment && sentence.text.split(separator: " ").count >= 4 && (sentence.text.last.map { ".!?".contains($0) } ?? false)
        }
        guard !sentences.isEmpty else { return [] }
        let language = LanguageIdentifier.bundled.identify(sentences.map(\.text).joined(separator: " "))?.code ?? "nld"
        // Only the table of the text's language is read (English for English, Dutch otherwise).
        let table = language == "eng" ? WeightTable.english : WeightTable.dutch
        let words = StemmedWords(sentences.map(\.text), stemmer: table.stemmer)
        let vectors = SparseVector.make(sentences.indices.map { table.vector(words: words.words[$0], stems: words.stems[$0]) })
        let centrality = Self.centrality(vectors)
        let count = Double(sentences.count)
        let positions = sentences.enumerated().map { offset, sentence in
            min(1, 1 - Double(offset) / count + (sentence.opensParagraph ? 0.1 : 0))
        }
        let cuePhrases = Self.cuePhrases.map { Array($0.utf8) }
        let cues = sentences.map { sentence in
            let lower = Array(sentence.text.lowercased().utf8)
            return cuePhrases.contains { Self.bytes(lower, contain: $0) }
        }
        let scores = sentences.indices.map { index in
            Self.centralityWeight * centrality[index] + Self.positionWeight * positions[index] + Self.cueWeight * (cues[index] ? 1 : 0)
        }
        var coverage = ConceptCoverage(words, lengths: sentences.map { Double($0.text.split(separator: " ").count) }, table: table)
        var pickOrder = [Int](repeating: 0, count: sentences.count)
        let rounded = { (value: Double) in (value * 1000).rounded() / 1000 }
        func ranked(_ index: Int) -> RankedSentence {
            RankedSentence(
                text: sentences[index].text, citation: sentences[index].citation, score: rounded(scores[index]),
                centrality: rounded(centrality[index]), position: rounded(positions[index]), cue: cues[index], pick: pickOrder[index]
            )
        }
        // Maximal marginal relevance over the whole text, with concept coverage: each pick
        // lowers the value of the sentences that repeat it (the highest similarity to any
        // earlier pick counts) and of the recurring word pairs it has already said.
        var redundancy = [Double](repeating: 0, count: sentences.count)
        var open = Array(sentences.indices)
        for pick in 1...sentences.count {
            var best = 0
            var bestValue = -Double.infinity
            for (slot, index) in open.enumerated() {
                let value = Self.relevanceShare * scores[index] - (1 - Self.relevanceShare) * redundancy[index]
                    + Self.coverageWeight * coverage.gain(index)
                if value > bestValue {
                    bestValue = value
                    best = slot
                }
            }
            let chosen = open.remove(at: best)
            pickOrder[chosen] = pick
            if !next(ranked(chosen)) { break }
            coverage.cover(chosen)
            for index in open { redundancy[index] = max(redundancy[index], Self.cosine(vectors[index], vectors[chosen])) }
        }
        return sentences.indices.map(ranked)
    }

    /// Whether `phrase` stands in `text` (plain byte comparison: no locale, no Foundation search).
    static func bytes(_ text: [UInt8], contain phrase: [UInt8]) -> Bool {
        guard let first = phrase.first, text.count >= phrase.count else { return false }
        var start = 0
        while start + phrase.count <= text.count {
            if text[start] == first, text[start..<start + phrase.count].elementsEqual(phrase) { return true }
            start += 1
        }
        return false
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

/// The lower-case words of each sentence with their stems, each distinct word stemmed once.
struct StemmedWords {
    let words: [[String]]
    let stems: [[String]]

    init(_ sentences: [String], stemmer: LightStemmer) {
        var cache: [String: String] = [:]
        words = sentences.map(WeightTable.words)
        stems = words.map { sentence in
            sentence.map { word in
                if let stem = cache[word] { return stem }
                let stem = stemmer.stem(word)
                cache[word] = stem
                return stem
            }
        }
    }
}

/// The recurring content of a text as "concepts": pairs of adjacent stemmed words (not both
/// stop words) that stand in two sentences or more, each weighing the number of sentences it
/// stands in. A summary should say as many of them as it can in few words, each once.
struct ConceptCoverage {
    /// Concept numbers of each sentence.
    let concepts: [[Int]]
    let weights: [Double]
    /// Sentences each concept stands in.
    let holders: [[Int]]
    let lengths: [Double]
    /// Weight of each sentence's concepts not yet covered.
    var remaining: [Double]
    var covered: [Bool]
    /// The best gain before anything was covered: gains are given as a share of it.
    let scale: Double

    init(_ text: StemmedWords, lengths: [Double], table: WeightTable) {
        var numbers: [String: Int] = [:]
        var sets: [[Int]] = []
        for (words, stems) in zip(text.words, text.stems) {
            var set = Set<Int>()
            for index in words.indices.dropLast()
            where !(table.stopWords.contains(words[index]) && table.stopWords.contains(words[index + 1])) {
                let key = stems[index] + " " + stems[index + 1]
                if let number = numbers[key] { set.insert(number) } else {
                    numbers[key] = numbers.count
                    set.insert(numbers.count - 1)
                }
            }
            sets.append(set.sorted())
        }
        var holders = [[Int]](repeating: [], count: numbers.count)
        for (index, set) in sets.enumerated() { for concept in set { holders[concept].append(index) } }
        // Only concepts in two sentences or more count.
        let weights = holders.map { $0.count >= 2 ? Double($0.count) : 0 }
        concepts = sets
        self.weights = weights
        self.holders = holders
        self.lengths = lengths.map { max(1, $0) }
        remaining = sets.map { $0.reduce(0) { $0 + weights[$1] } }
        covered = [Bool](repeating: false, count: numbers.count)
        scale = max(1e-9, zip(remaining, self.lengths).map { $0 / $1 }.max() ?? 1)
    }

    /// 0–1: the weight of the concepts sentence `index` would add, per word.
    func gain(_ index: Int) -> Double { remaining[index] / lengths[index] / scale }

    mutating func cover(_ index: Int) {
        for concept in concepts[index] where !covered[concept] {
            covered[concept] = true
            for holder in holders[concept] { remaining[holder] -= weights[concept] }
        }
    }
}

/// Word weights (IDF) and stop words of one language, from `models/summaries/`.
struct WeightTable: Sendable {
    let weights: [String: Double]
    let unseen: Double
    let stopWords: Set<String>
    let stemmer: LightStemmer

    /// Each table is read once per process, the first time a text in its language needs it.
    static let dutch = bundled("nld") ?? WeightTable(weights: [:], unseen: 1, stopWords: [], stemmer: LightStemmer(language: "nld"))
    static let english = bundled("eng") ?? WeightTable(weights: [:], unseen: 1, stopWords: [], stemmer: LightStemmer(language: "eng"))

    static func bundled(_ code: String) -> WeightTable? {
        var unseen = 1.0
        let table: [String: Double]? = ModelFiles.withContents("summaries/idf-\(code).tsv") { text in
            var weights: [String: Double] = [:]
            ModelText.forEachLine(in: text) { line in
                let fields = ModelText.fields(line)
                guard fields.count == 2, !fields[0].isEmpty, let value = ModelText.number(fields[1]) else { return }
                let word = ModelText.string(fields[0])
                if word == "__unseen__" { unseen = value } else { weights[word] = value }
            }
            return weights
        }
        guard let weights = table else { return nil }
        return WeightTable(
            weights: weights, unseen: unseen, stopWords: Set(ModelFiles.wordList("summaries/stopwords-\(code).txt")),
            stemmer: LightStemmer(language: code)
        )
    }

    /// Lower-case words of letters only, as the tables were counted.
    static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter }.map(String.init)
    }

    /// TF-IDF over stems: (1 + ln count) × weight, stop words and one-letter words left out.
    /// A stem weighs what its rarest form in the sentence weighs.
    func vector(words: [String], stems: [String]) -> [String: Double] {
        var counts: [String: Int] = [:]
        var stemWeights: [String: Double] = [:]
        for (word, stem) in zip(words, stems) where word.count > 1 && !stopWords.contains(word) {
            counts[stem, default: 0] += 1
            stemWeights[stem] = max(stemWeights[stem] ?? 0, weights[word] ?? unseen)
        }
        var vector: [String: Double] = [:]
        for (stem, count) in counts { vector[stem] = (1 + log(Double(count))) * (stemWeights[stem] ?? unseen) }
        return vector
    }
}
