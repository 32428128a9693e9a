public import DossierCore
internal import Foundation

/// A first guess at a document's type, with the phrases that gave it away.
public struct DocumentTypeGuess: Sendable, Equatable, Codable {
    /// The guessed type; `unknown` when no rule matched well enough.
    public let type: DocumentType
    /// 0–1: how likely the type is right. From ``DocumentClassifier`` this is calibrated
    /// (``TypeConfidenceCalibration``); from the rules alone, how far the best type's score
    /// stands above the rest.
    public let confidence: Double
    /// The raw score the confidence was calibrated from, when it was.
    public var score: Double?
    /// For an `unknown` type: the likeliest type, which did not reach the threshold.
    public var likeliest: DocumentType?
    /// The cue phrases found, with page and span.
    public let evidence: [Evidence]
    /// Whether the document names its own type at its opening ("Arbeidsovereenkomst",
    /// "Rapport van aanmeldgehoor" as a title): a name the document gives itself outweighs
    /// what its other words suggest.
    public var named: Bool = false
    /// Why the type is `unknown`, in words a reviewer reads ("no type reached 50%: the
    /// likeliest, hearing-report, stands at 41%"); `nil` for a known type.
    public var reason: String?

    enum CodingKeys: String, CodingKey { case type, confidence, score, likeliest, evidence, reason }

    public init(type: DocumentType, confidence: Double, evidence: [Evidence], named: Bool = false, reason: String? = nil,
                score: Double? = nil, likeliest: DocumentType? = nil) {
        self.type = type
        self.confidence = confidence
        self.evidence = evidence
        self.named = named
        self.reason = reason
        self.score = score
        self.likeliest = likeliest
    }
}

/// Guesses the document type from weighted cue phrases (Dutch, English, French).
///
/// Simple rules: each type has phrases with weights; a phrase counts once per document, and a
/// phrase on the first page counts double (titles sit there). ``DocumentClassifier`` weighs
/// these rules together with the trained model.
public struct DocumentTypeGuesser: Sendable {
    /// A cue phrase and how strongly it points at its type.
    struct Cue: Sendable {
        let phrase: String
        let weight: Double
    }

    private let cues: [(DocumentType, [Cue])]
    /// Below this score the guess is `unknown`.
    private let minimumScore: Double

    /// The built-in rules.
    public init() {
        func c(_ phrase: String, _ weight: Double = 1) -> Cue { Cue(phrase: phrase, weight: weight) }
        cues = [
            (.passport, [c("paspoort", 2), c("passport", 2), c("passeport", 2), c("P<", 1), c("nationaliteit"), c("nationality"), c("date of expiry")]),
            (.idCard, [c("identiteitskaart", 3), c("identity card", 3), c("carte d'identité", 3), c("I<", 1), c("ID<", 1)]),
            (.birthCertificate, [c("geboorteakte", 3), c("akte van geboorte", 3), c("register van geboorten", 3), c("birth certificate", 3), c("certificate of birth", 3), c("acte de naissance", 3), c("extrait d'acte de naissance", 3), c("is geboren", 1)]),
            (.marriageCertificate, [c("huwelijksakte", 3), c("akte van huwelijk", 3), c("marriage certificate", 3), c("certificate of marriage", 3), c("acte de mariage", 3), c("in het huwelijk", 1)]),
            (.civilStatusDeclaration, [c("verklaring burgerlijke staat", 3), c("ongehuwd", 1.5), c("burgerlijke staat", 1.5), c("civil status", 2), c("état civil", 2), c("certificate of no impediment", 3), c("ongehuwde staat", 3), c("verklaring van ongehuwd", 3), c("certificat de célibat", 3), c("certificate of single status", 3)]),
            (.employmentContract, [c("arbeidsovereenkomst", 3), c("employment contract", 3), c("employment agreement", 3), c("contract of employment", 3), c("contrat de travail", 3), c("the employee", 1), c("the employer", 1), c("werkgever", 1), c("werknemer", 1), c("proeftijd", 1), c("arbeidsduur", 1)]),
            (.payslip, [c("loonstrook", 3), c("salarisstrook", 3), c("salarisspecificatie", 3), c("loonspecificatie", 3), c("payslip", 3), c("pay slip", 3), c("salary statement", 3), c("bulletin de paie", 3), c("nettoloon", 1.5), c("brutoloon", 1.5), c("loonheffing", 1.5)]),
            (.bankStatement, [c("rekeningafschrift", 3), c("bankafschrift", 3), c("rekeningoverzicht", 3), c("bank statement", 3), c("statement of account", 3), c("relevé de compte", 3), c("saldo", 1), c("bij/af", 1)]),
            (.decision, [c("besluit", 1.5), c("beschikking", 1.5), c("uw aanvraag", 1), c("bezwaar maken", 1.5), c("wij hebben besloten", 2), c("immigratie- en naturalisatiedienst", 0.5)]),
            (.noticeOfDefault, [c("ingebrekestelling", 4), c("in gebreke", 3), c("niet tijdig beslissen", 2), c("dwangsom", 1.5), c("notice of default", 4)]),
            (.courtRuling, [c("uitspraak", 2), c("enkelvoudige kamer", 2), c("meervoudige kamer", 2), c("rechtbank", 1), c("ECLI:", 2), c("vonnis", 2), c("beroep gegrond", 2), c("beroep ongegrond", 2), c("judgment", 2)]),
            (.hearingReport, [c("rapport van gehoor", 4), c("aanmeldgehoor", 4), c("nader gehoor", 3), c("eerste gehoor", 3), c("gehoormedewerker", 2), c("gehoord door", 2), c("tolk", 1), c("interview report", 4), c("report of the interview", 4), c("interpreter", 1), c("procès-verbal d'audition", 4), c("compte rendu d'entretien", 4)]),
        ]
        minimumScore = 2.5
    }

    /// Guesses the type of a document from its page transcripts.
    public func guess(_ pages: [PageTranscript]) -> DocumentTypeGuess {
        let screens = pages.map { PhraseScreen($0.text) }
        var scores: [(DocumentType, Double, [Evidence])] = []
        for (type, typeCues) in cues {
            var score = 0.0
            var evidence: [Evidence] = []
            for cue in typeCues {
                guard let hit = firstOccurrence(of: cue.phrase, in: pages, screens: screens) else { continue }
                score += cue.weight * (hit.page == pages.first?.number ? 2 : 1)
                evidence.append(hit)
            }
            if score > 0 { scores.append((type, score, evidence)) }
        }
        scores.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.rawValue < $1.0.rawValue }
        guard let best = scores.first, best.1 >= minimumScore else {
            return DocumentTypeGuess(type: .unknown, confidence: 0, evidence: scores.first?.2 ?? [], reason: scores.first.map {
                "no type's cue phrases weigh enough: the likeliest, \($0.0.rawValue), scores \($0.1) of the \(minimumScore) needed"
            } ?? "no cue phrase of any type was found")
        }
        let runnerUp = scores.dropFirst().first?.1 ?? 0
        let confidence = min(1, (best.1 - runnerUp) / best.1 * min(1, best.1 / 8))
        return DocumentTypeGuess(type: best.0, confidence: (confidence * 100).rounded() / 100, evidence: best.2,
                                 named: namesItself(best.0, pages: pages, screens: screens))
    }

    /// Whether one of the type's strong cues (weight 3 or more) stands in the opening of the
    /// first page, where a document's title is, and no other type's strong cue does before it.
    func namesItself(_ type: DocumentType, pages: [PageTranscript], screens: [PhraseScreen]? = nil) -> Bool {
        guard let first = pages.first else { return false }
        let firstScreen = [screens?.first ?? PhraseScreen(first.text)]
        let opening = Self.openingLength
        func strongest(_ typeCues: [Cue]) -> Int? {
            typeCues.filter { $0.weight >= 3 }.compactMap { cue -> Int? in
                guard let hit = firstOccurrence(of: cue.phrase, in: [first], screens: firstScreen), hit.start < opening else { return nil }
                return hit.start
            }.min()
        }
        guard let own = cuesByType.first(where: { $0.0 == type }).flatMap({ strongest($0.1) }) else { return false }
        return !cuesByType.contains { $0.0 != type && (strongest($0.1).map { $0 < own } ?? false) }
    }

    /// Characters of the first page that count as its opening (letterhead, address, title).
    static let openingLength = 700

    private var cuesByType: [(DocumentType, [Cue])] { cues }

    /// The first place `phrase` stands in `pages` (at the start of a word), with `screens` of
    /// the same pages to rule pages out cheaply (made here when not given).
    func firstOccurrence(of phrase: String, in pages: [PageTranscript], screens: [PhraseScreen]? = nil) -> Evidence? {
        // Short machine-readable markers must match case-sensitively; words do not.
        let caseSensitive = phrase.count <= 3
        let options: String.CompareOptions = caseSensitive ? [] : [.caseInsensitive, .diacriticInsensitive]
        let screens = screens ?? pages.map { PhraseScreen($0.text) }
        let screenedPhrase = PhraseScreen.Phrase(phrase)
        for (index, page) in pages.enumerated() {
            // Foundation's search below decides; the screen only skips pages where it cannot match.
            if let screenedPhrase, screens[index].certainlyLacks(screenedPhrase, caseSensitive: caseSensitive) { continue }
            guard let range = page.text.range(of: phrase, options: options) else { continue }
            if phrase.count > 3, !isWordBoundary(page.text, range) { continue }
            let start = page.text.distance(from: page.text.startIndex, to: range.lowerBound)
            let end = start + page.text.distance(from: range.lowerBound, to: range.upperBound)
            return Evidence(page: page.number, start: start, end: end, quote: String(page.text[range]))
        }
        return nil
    }

    private func isWordBoundary(_ text: String, _ range: Range<String.Index>) -> Bool {
        let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
        // Only the start must be a word boundary: Dutch compounds and plurals extend the end.
        return !(before?.isLetter ?? false)
    }
}

/// A page's text prepared to rule cue phrases out before Foundation searches for them: that
/// search, case- and diacritic-insensitive, bridges the page to UTF-16 each time and took an
/// eighth of an intake's time for some hundred phrases per page.
///
/// The screen only ever says "certainly absent" where Foundation could not find the phrase
/// either: it folds ASCII letters to lower case, drops combining marks, turns the accented Latin
/// letters that decompose canonically into a base letter (é, Ë, ç, İ…) into that letter, and
/// every other non-letter into a byte no phrase holds. A page with any other letter (ß, ı, a
/// ligature, another script: letters whose folding could yield ASCII) is not screened at all.
struct PhraseScreen: Sendable {
    /// The folded page, or `nil` when the page is not screened.
    private let folded: [UInt8]?
    /// The page's UTF-8 bytes, for the case-sensitive markers.
    private let raw: [UInt8]

    /// A phrase folded the same way; `nil` (not screened) when it holds other letters.
    struct Phrase {
        let folded: [UInt8]
        let raw: [UInt8]

        init?(_ phrase: String) {
            guard let folded = PhraseScreen.fold(phrase), !folded.isEmpty else { return nil }
            self.folded = folded
            raw = Array(phrase.utf8)
        }
    }

    init(_ text: String) {
        folded = Self.fold(text)
        raw = Array(text.utf8)
    }

    /// Whether the phrase cannot occur in the page.
    func certainlyLacks(_ phrase: Phrase, caseSensitive: Bool) -> Bool {
        if caseSensitive {
            // Only ASCII markers are screened this way: nothing else is canonically equal to them.
            guard phrase.raw.allSatisfy({ $0 < 0x80 }) else { return false }
            return !Self.contains(raw, phrase.raw)
        }
        guard let folded else { return false }
        return !Self.contains(folded, phrase.folded)
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { nee in
                let first = nee[0], last = hay.count - nee.count
                var start = 0
                while start <= last {
                    if hay[start] == first {
                        var matched = 1
                        while matched < nee.count, hay[start + matched] == nee[matched] { matched += 1 }
                        if matched == nee.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }

    /// Stands for any character that is neither a letter nor foldable: no phrase holds it.
    private static let other: UInt8 = 0x01

    static func fold(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                out.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            } else if value < UInt32(latinBases.count), latinBases[Int(value)] != 0 {
                out.append(latinBases[Int(value)])
            } else {
                switch scalar.properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark:
                    continue
                default:
                    // A letter (or anything with a case mapping) might fold into ASCII letters.
                    if scalar.properties.isAlphabetic || scalar.properties.changesWhenCaseFolded { return nil }
                    out.append(other)
                }
            }
        }
        return out
    }

    /// For U+0080…U+017F: the lower-case ASCII base letter of a letter whose canonical
    /// decomposition is that letter and combining marks, else 0.
    private static let latinBases: [UInt8] = (0..<0x180).map { value in
        guard value >= 0x80, let scalar = Unicode.Scalar(UInt32(value)),
              scalar.properties.isAlphabetic else { return 0 }
        let parts = Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars)
        guard parts.count >= 2, parts[0].isASCII, parts[0].properties.isAlphabetic,
              parts.dropFirst().allSatisfy({ [.nonspacingMark, .spacingMark, .enclosingMark].contains($0.properties.generalCategory) })
        else { return 0 }
        let base = UInt8(parts[0].value)
        return base >= 0x41 && base <= 0x5A ? base | 0x20 : base
    }
}
