internal import Language
internal import Tesseract

/// How `--lang auto` chooses the languages a page is read with.
///
/// Every page is read first with Dutch and English. A page that reads well in them is Latin
/// script; a page in another Latin-script language (French, Turkish…) is read again in it.
/// A page that reads poorly is probed: a few of its lines are read with one language of each
/// script the project installs, and the script whose reading tesseract is surest of wins.
/// The page is then read with all that script's languages at once, and again with the one its
/// text turns out to be in (Persian, not Arabic; Ukrainian, not Russian; Tigrinya, not Amharic):
/// the reading tesseract gives when told the right language.
///
/// Tesseract's own orientation and script detection cannot do this alone: on our pages it
/// names Ethiopic text Latin or Devanagari, and is unsure of Urdu set in Nastaliq.
enum ScriptChoice {
    /// The value of `--lang` that asks for this choice.
    static let automatic = "auto"
    /// What every page is read with first: the languages most of a case file is in.
    static let firstLanguages = "nld+eng"
    /// Languages of each probed script; the first stands for its script in the probe. A page
    /// of the script is read with all of them at once when `together`, so the text shows the
    /// letters that tell them apart (Urdu's ں and ے, Pashto's ښ); Ethiopic pages are read in
    /// Amharic alone, whose reading keeps Tigrinya's spelling and costs half.
    static let scriptLanguages: [(script: String, languages: [String], together: Bool)] = [
        ("Arabic", ["ara", "fas", "urd", "pus"], true),
        ("Cyrillic", ["rus", "ukr"], true),
        ("Greek", ["ell"], true),
        ("Ethiopic", ["amh", "tir"], false),
    ]
    /// Latin-script languages a page is read again in when its text is in one of them.
    static let latinLanguages: Set<String> = ["fra", "deu", "tur", "spa", "ita", "por", "pol", "ron"]

    /// A first reading at least this sure is taken to be in Latin script.
    static let latinConfidence = 80.0
    /// A probed script must read this much surer than Latin on the same lines to win.
    static let probeMargin = 10.0
    /// A probed script's reading must be at least this sure to win: noise (guilloche on an
    /// identity card) reads poorly in every script.
    static let minimumProbeConfidence = 45.0
    /// Lines read per probe: enough for a stable confidence, few enough to stay cheap.
    static let probeLines = 6
    /// The language identifier's guess must be at least this sure to pick the language.
    static let languageConfidence = 0.9

    /// The box around a run of ``probeLines`` lines from the middle of the reading, or `nil`
    /// when it found too few lines for a run to stand for the page (an identity card, whose
    /// middle lines may be its photo and pattern): the whole page is then probed.
    static func probeBox(_ blocks: [OCRBlock]) -> PixelBox? {
        let lines = blocks.flatMap(\.lines).filter { $0.box.right - $0.box.left >= 40 }
            .sorted { $0.box.top < $1.box.top }
        guard lines.count >= 2 * probeLines else { return nil }
        let start = max(0, (lines.count - probeLines) / 2)
        let run = lines[start..<min(lines.count, start + probeLines)]
        let pad = 12
        return PixelBox(
            left: run.map(\.box.left).min()! - pad, top: run.map(\.box.top).min()! - pad,
            right: run.map(\.box.right).max()! + pad, bottom: run.map(\.box.bottom).max()! + pad
        )
    }

    /// The language `text` is in, when the identifier is sure and it is one of `candidates`.
    static func language(of text: String, among candidates: [String]) -> String? {
        guard let guess = LanguageIdentifier.bundled.identify(text),
              guess.confidence >= languageConfidence, candidates.contains(guess.code) else { return nil }
        return guess.code
    }
}

/// A page read in the script and language ``ScriptChoice`` chose for it.
struct ScriptedReading {
    /// The reading kept.
    let result: OCRResult
    /// The page's script (`Latin`, `Arabic`…).
    let script: String
    /// The page's language (tesseract code), `nil` when its text does not tell.
    let language: String?
    /// The languages the kept reading was made with, `+`-joined.
    let languages: String
}

extension OCRWorkerContext {
    /// For `--lang auto`: `first` (`image` read with ``ScriptChoice/firstLanguages``), or a
    /// reading of the same image in the page's own script and language.
    ///
    /// `hint` is the script tesseract's orientation and script detection named with confidence,
    /// if it ran: a probed script it names needs no margin over Latin (Cyrillic and Greek share
    /// letter shapes with Latin, so Latin reads them less badly than Arabic or Ethiopic).
    func readInOwnLanguage(
        _ image: LeptonicaImage, first: OCRResult, page: Int, hint: String? = nil
    ) throws(ExtractionError) -> ScriptedReading {
        func read(_ engine: OCREngine, _ image: LeptonicaImage) throws(ExtractionError) -> OCRResult {
            do throws(OCRError) {
                return try engine.recognize(image)
            } catch {
                throw .pageFailed(page: page, reason: error.localizedDescription)
            }
        }
        /// `first` as it was read: a page in Latin script.
        func asRead() -> ScriptedReading {
            ScriptedReading(result: first, script: "Latin", language: ScriptChoice.language(of: first.text, among: ["nld", "eng"]),
                            languages: ScriptChoice.firstLanguages)
        }
        let firstEngine = try engine()
        var script = "Latin"
        let words = first.blocks.reduce(0) { $0 + $1.lines.reduce(0) { $0 + $1.words.count } }
        // A travel document's page (zone-like lines, a document's name) is Latin script
        // whatever else it prints: its zone and its names are what matter, and its pattern
        // reads as something in every script.
        let travelDocument = MRZLocator.mayHoldZone(first, poorReadingCounts: false)
        if !travelDocument, first.confidence < ScriptChoice.latinConfidence || words < 3 {
            let sample = ScriptChoice.probeBox(first.blocks).flatMap { image.cropped(to: $0) } ?? image
            let latin = try read(firstEngine, sample).confidence
            var best: (script: String, confidence: Double)?
            for (candidate, languages, _) in ScriptChoice.scriptLanguages {
                guard let engine = installedEngine(for: languages[0]) else { continue }
                let confidence = try read(engine, sample).confidence
                if confidence > best?.confidence ?? -1 { best = (candidate, confidence) }
            }
            if let best, best.confidence >= ScriptChoice.minimumProbeConfidence,
               best.confidence > latin + (best.script == hint ? 0 : ScriptChoice.probeMargin) {
                script = best.script
            }
        }
        guard script != "Latin", let entry = ScriptChoice.scriptLanguages.first(where: { $0.script == script }) else {
            guard let other = ScriptCoverage.unselectedLanguage(of: first.text, languages: ScriptChoice.firstLanguages),
                  ScriptChoice.latinLanguages.contains(other), let engine = installedEngine(for: other) else {
                return asRead()
            }
            return ScriptedReading(result: try read(engine, image), script: script, language: other, languages: other)
        }
        // Read with the script's installed languages, then with the one the text is in.
        let candidates = entry.languages.filter { installedEngine(for: $0) != nil }
        guard !candidates.isEmpty else {
            return ScriptedReading(result: first, script: script, language: nil, languages: ScriptChoice.firstLanguages)
        }
        var languages = entry.together ? candidates.joined(separator: "+") : candidates[0]
        var result = try read(engine(for: languages), image)
        // The whole page must read better in the script than in Latin, not only the probed lines.
        let margin = script == hint ? 0 : ScriptChoice.probeMargin
        guard result.confidence > first.confidence + margin else { return asRead() }
        let language = ScriptChoice.language(of: result.text, among: candidates)
        if let language, language != languages, let engine = installedEngine(for: language) {
            result = try read(engine, image)
            languages = language
        }
        return ScriptedReading(result: result, script: script, language: language, languages: languages)
    }
}

/// A page's script and language told from its text alone (a text layer, a mail body).
public enum PageLabels {
    /// The script most of `text`'s letters are in and the language the identifier is sure of.
    public static func of(_ text: String) -> (script: String?, language: String?) {
        (WritingScript.dominant(in: text)?.script,
         ScriptChoice.language(of: text, among: LanguageIdentifier.bundled.tellable))
    }
}
