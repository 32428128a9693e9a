public import DossierCore

/// A hearing report summarised by the topics a decision on asylum turns on: who the applicant
/// is, how they travelled, and why they fled. Each topic quotes the applicant's own answers to
/// the questions about it, each answer cited where it stands.
///
/// A hearing report is questions and answers ("12. Waarom heeft u uw land verlaten?" followed
/// by the answer); ranking its sentences by centrality picks the interpreter's formulas and the
/// officer's notices. Here a question's words place it under a topic, and the sentences after
/// it up to the next question are its answer.
public struct HearingSummarizer: Sendable {
    /// The topics, in the order a summary gives them.
    public enum Topic: String, Codable, Sendable, CaseIterable {
        case identity
        case travelRoute = "travel-route"
        case reasonsForFlight = "reasons-for-flight"
    }

    /// Words of a question that put it under a topic (Dutch, English, French), strongest topic
    /// first when a question names two.
    static let topicWords: [(Topic, [String])] = [
        (.reasonsForFlight, ["waarom", "reden", "bedreig", "bang", "vervolg", "problemen", "terugkeer", "terugkeert", "gevaar",
                             "why", "reason", "threat", "afraid", "fear", "persecut", "return", "pourquoi", "raison", "menac",
                             "peur", "retour"]),
        (.travelRoute, ["reis", "gereisd", "route", "reisroute", "vervoer", "via", "vertrokken", "verlaten", "aangekomen", "grens",
                        "naar nederland", "travel", "journey", "route", "arrive", "left your", "leave", "border", "voyag",
                        "trajet", "arrivé", "quitté"]),
        (.identity, ["naam", "geboren", "geboortedatum", "identiteit", "documenten", "paspoort", "nationaliteit", "familie",
                     "name", "born", "birth", "identity", "documents", "passport", "nationality", "family", "nom", "né",
                     "identité", "passeport", "nationalité", "famille"]),
    ]

    /// Answers quoted per topic.
    public static let answersPerTopic = 2

    public init() {}

    /// The topic summary of a hearing report, or an empty list when the text holds no
    /// questions under any topic (then the ordinary summary applies).
    public func summarize(_ source: SourceText) -> [SummarySentence] {
        let sentences = source.sentences
        var chosen: [(Topic, SourceSentence)] = []
        var index = 0
        while index < sentences.count {
            let question = sentences[index]
            guard question.text.hasSuffix("?"), let topic = Self.topic(of: question.text) else { index += 1; continue }
            var answer = index + 1
            while answer < sentences.count, !sentences[answer].text.hasSuffix("?"),
                  chosen.filter({ $0.0 == topic }).count < Self.answersPerTopic {
                let text = sentences[answer].text
                // Answers are the applicant's sentences: not a line of form furniture.
                if text.split(separator: " ").count >= 3, !text.hasSuffix(":") { chosen.append((topic, sentences[answer])) }
                answer += 1
                if answer > index + 2 { break }
            }
            index = max(index + 1, answer)
        }
        return Topic.allCases.flatMap { topic in
            chosen.filter { $0.0 == topic }.map { _, sentence in
                SummarySentence(text: sentence.text, citation: sentence.citation, score: 1, topic: topic.rawValue)
            }
        }
    }

    /// The topic a question is about, from its words.
    static func topic(of question: String) -> Topic? {
        let lower = " " + question.lowercased() + " "
        for (topic, words) in topicWords where words.contains(where: { lower.contains($0) }) { return topic }
        return nil
    }
}
