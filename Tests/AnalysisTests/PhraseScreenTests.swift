import DossierCore
import Foundation
import Testing
@testable import Analysis

@Suite("Ruling cue phrases out before Foundation searches")
struct PhraseScreenTests {
    @Test("The screen never rules out a phrase Foundation's search finds, on 3,000 mixed texts")
    func neverRulesOutAMatch() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["ingebrekestelling", "INGEBREKESTELLING", "Ingebrekestélling", "ge\u{301}boorteakte", "geboorteakte",
                      "carte d'identité", "CARTE D'IDENTITE", "carte d’identité", "état civil", "ETAT CIVIL", "Straße", "strasse",
                      "ﬁnal", "final", "İstanbul", "istanbul", "ıi", "P<NLD", "p<nld", "I<", "ID<", "\u{00A0}", "–", "€ 12,50",
                      "Ångström", "angstrom", "œuvre", "oeuvre", "bij/af", "ECLI:NL", "eCLI:nl", " ", "\n", "vonnis", "Vonnís"]
        let phrases = ["ingebrekestelling", "geboorteakte", "carte d'identité", "état civil", "strasse", "final", "istanbul",
                       "P<", "I<", "ID<", "angstrom", "oeuvre", "bij/af", "ECLI:", "vonnis", "in gebreke"]
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 1...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let screen = PhraseScreen(text)
            for phrase in phrases {
                let caseSensitive = phrase.count <= 3
                let options: String.CompareOptions = caseSensitive ? [] : [.caseInsensitive, .diacriticInsensitive]
                guard text.range(of: phrase, options: options) != nil, let screened = PhraseScreen.Phrase(phrase) else { continue }
                #expect(!screen.certainlyLacks(screened, caseSensitive: caseSensitive), "\(phrase) in \(text)")
            }
        }
    }

    @Test("On an ordinary Dutch page the absent phrases are ruled out, the present ones not")
    func screensAnOrdinaryPage() throws {
        let page = "Geachte heer Öztürk,\nHierbij stellen wij u in gebreke: de beslistermijn van uw aanvraag is verstreken. Één week."
        let screen = PhraseScreen(page)
        #expect(screen.certainlyLacks(try #require(PhraseScreen.Phrase("ingebrekestelling")), caseSensitive: false))
        #expect(screen.certainlyLacks(try #require(PhraseScreen.Phrase("P<")), caseSensitive: true))
        #expect(!screen.certainlyLacks(try #require(PhraseScreen.Phrase("in gebreke")), caseSensitive: false))
        #expect(!screen.certainlyLacks(try #require(PhraseScreen.Phrase("OZTURK")), caseSensitive: false))
        #expect(!screen.certainlyLacks(try #require(PhraseScreen.Phrase("een week")), caseSensitive: false))
    }

    @Test("The guess is the same with the screen as with Foundation's search alone")
    func sameGuess() {
        let guesser = DocumentTypeGuesser()
        let pages = [PageTranscript(number: 1, method: .textLayer, text: "INGEBREKESTELLING wegens niet tijdig beslissen\nUw aanvraag, dwangsom", confidence: nil)]
        let guess = guesser.guess(pages)
        #expect(guess.type == .noticeOfDefault)
        #expect(guess.evidence.contains { $0.quote == "INGEBREKESTELLING" && $0.start == 0 })
    }
}
