/// The writing script a text's letters are in, named as tesseract's orientation and script
/// detection names them (`Latin`, `Arabic`, `Cyrillic`, `Greek`, `Ethiopic`…).
public enum WritingScript {
    /// Unicode blocks of the scripts case files arrive in, with tesseract's name for each.
    private static let blocks: [(range: ClosedRange<UInt32>, script: String)] = [
        (0x0041...0x024F, "Latin"), (0x1E00...0x1EFF, "Latin"),
        (0x0370...0x03FF, "Greek"), (0x1F00...0x1FFF, "Greek"),
        (0x0400...0x052F, "Cyrillic"),
        (0x0530...0x058F, "Armenian"),
        (0x0590...0x05FF, "Hebrew"),
        (0x0600...0x06FF, "Arabic"), (0x0750...0x077F, "Arabic"), (0x08A0...0x08FF, "Arabic"),
        (0xFB50...0xFDFF, "Arabic"), (0xFE70...0xFEFF, "Arabic"),
        (0x0900...0x097F, "Devanagari"),
        (0x10A0...0x10FF, "Georgian"),
        (0x1200...0x139F, "Ethiopic"), (0x2D80...0x2DDF, "Ethiopic"),
        (0x3040...0x30FF, "Japanese"), (0x4E00...0x9FFF, "Han"), (0xAC00...0xD7AF, "Hangul"),
    ]

    /// The script most of `text`'s letters are written in, with the share of letters in it;
    /// `nil` when the text has fewer than `minimumLetters` letters.
    public static func dominant(in text: some StringProtocol, minimumLetters: Int = 20) -> (script: String, share: Double)? {
        var counts: [String: Int] = [:]
        var letters = 0
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            letters += 1
            if let block = blocks.first(where: { $0.range.contains(scalar.value) }) {
                counts[block.script, default: 0] += 1
            }
        }
        guard letters >= minimumLetters, let best = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) else {
            return nil
        }
        return (best.key, Double(best.value) / Double(letters))
    }
}

/// Which pages need a sworn translation.
public enum Translation {
    /// Languages a caseworker reads without a translation.
    public static let readWithout: Set<String> = ["nld", "eng"]

    /// Whether a page needs a sworn translation: it is in a language other than Dutch or
    /// English, or in another script than Latin whatever its language.
    public static func needed(script: String?, language: String?) -> Bool {
        if let language { return !readWithout.contains(language) }
        return script.map { $0 != "Latin" } ?? false
    }
}

/// Tells Tigrinya from Amharic by spelling, for text in Ethiopic script.
///
/// Both are written with the same syllabary and no word list ships for Tigrinya, but their
/// spelling differs in ways that hold on any page: Tigrinya writes a word's opening vowel a
/// with ኣ where Amharic writes አ, and uses the ቐ series (a sound Amharic lacks).
public enum EthiopicSpelling {
    /// The letters that mark Tigrinya, and Amharic's counterpart of ኣ.
    private static let tigrinyaA: UInt32 = 0x12A3, amharicA: UInt32 = 0x12A0
    private static let qheSeries: ClosedRange<UInt32> = 0x1250...0x1256

    /// Fewer marking letters than this say nothing either way.
    public static let minimumMarks = 4

    /// `tir` or `amh` for Ethiopic text, `nil` when it has too few marking letters.
    public static func language(of text: some StringProtocol) -> String? {
        var tigrinya = 0, amharic = 0
        for scalar in text.unicodeScalars {
            if scalar.value == tigrinyaA || qheSeries.contains(scalar.value) { tigrinya += 1 }
            if scalar.value == amharicA { amharic += 1 }
        }
        guard tigrinya + amharic >= minimumMarks else { return nil }
        return tigrinya > amharic ? "tir" : "amh"
    }
}
