/// Splits running text into sentences, in Dutch and English.
///
/// A sentence ends at `.`, `!` or `?` (with any closing quotes or brackets) followed by a
/// space and a capital, a digit or an opening quote, or at the end of the text. A period is
/// no end after a known abbreviation (`o.a.`, `bijv.`, `d.w.z.`, `art.`, `nr.`, `mr.`, `e.g.`,
/// `i.e.`…), after a single capital (an initial, `A. Jansen`) or inside a number or date
/// (`3.150,00`, `12.06.2026`: no space follows).
public enum SentenceSplitter {
    /// Abbreviations that end with a period but not a sentence (lower case, without the final period).
    static let abbreviations: Set<String> = [
        // Dutch
        "o.a", "bijv", "bv", "d.w.z", "art", "artt", "nr", "nrs", "mr", "mrs", "dhr", "mevr", "mw", "drs", "dr", "ir", "ing",
        "prof", "blz", "p", "pp", "jl", "jo", "enz", "etc", "ca", "vgl", "zgn", "m.b.t", "t.a.v", "i.v.m", "o.b.v", "t.z.t",
        "a.s", "j.l", "z.s.m", "m.i.v", "i.p.v", "n.a.v", "resp", "evt", "incl", "excl", "max", "min", "tel", "e.a",
        "afd", "par", "sub", "hfdst", "st", "jr", "sr", "gem", "ged", "bijl", "kenm", "t.b.v", "m.n", "c.q",
        // English
        "e.g", "i.e", "mr", "ms", "no", "nos", "vs", "approx", "dept", "fig", "vol", "cf", "inc", "ltd", "co", "corp",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "okt", "nov", "dec",
    ]

    /// The sentences of `text` as ranges of its characters, without surrounding spaces.
    public static func split(_ text: [Character]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        var index = 0
        while index < text.count {
            let character = text[index]
            if character == "." || character == "!" || character == "?" {
                var end = index + 1
                while end < text.count, "\"'”’)]".contains(text[end]) { end += 1 }
                if isBoundary(text, period: index, after: end) {
                    append(start..<end)
                    start = end
                    index = end
                    continue
                }
            }
            index += 1
        }
        append(start..<text.count)
        return ranges

        func append(_ range: Range<Int>) {
            var lower = range.lowerBound, upper = range.upperBound
            while lower < upper, text[lower].isWhitespace { lower += 1 }
            while upper > lower, text[upper - 1].isWhitespace { upper -= 1 }
            if lower < upper { ranges.append(lower..<upper) }
        }
    }

    public static func split(_ text: String) -> [Range<Int>] { split(Array(text)) }

    /// Whether the mark at `period` (with closers up to `after`) ends a sentence.
    static func isBoundary(_ text: [Character], period: Int, after: Int) -> Bool {
        guard after < text.count else { return true }
        guard text[after].isWhitespace else { return false }
        var next = after
        while next < text.count, text[next].isWhitespace { next += 1 }
        guard next < text.count else { return true }
        let following = text[next]
        guard following.isUppercase || following.isNumber || "\"'“‘(".contains(following) else { return false }
        guard text[period] == "." else { return true }
        // The word before the period.
        var wordStart = period
        while wordStart > 0, !text[wordStart - 1].isWhitespace, text[wordStart - 1] != "(" { wordStart -= 1 }
        let word = String(text[wordStart..<period]).lowercased()
        if word.isEmpty { return true }
        if abbreviations.contains(word) { return false }
        // An initial: one capital letter ("A. Jansen", "E.J. de Vries").
        let letters = word.filter(\.isLetter)
        if letters.count == 1, String(text[wordStart..<period]).first?.isUppercase == true { return false }
        if word.contains("."), word.allSatisfy({ $0.isLetter || $0 == "." }), word.filter({ $0 == "." }).count >= 1,
           word.split(separator: ".").allSatisfy({ $0.count <= 2 }) {
            return false
        }
        // "1." or "12." opening a numbered point is not a sentence of its own.
        if word.allSatisfy(\.isNumber), wordStart == 0 { return false }
        return true
    }
}
