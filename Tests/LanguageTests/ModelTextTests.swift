import DossierModels
import Testing

@Suite("Reading the models' text tables from bytes")
struct ModelTextTests {
    private func number(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { ModelText.number($0) }
    }

    @Test("Numbers read exactly as Double(String) reads them")
    func numbersMatchFoundation() {
        var generator = SystemRandomNumberGenerator()
        var samples = ["0", "-0.00", "36488", "-7.53", "6.347", "+5", "1e-3", "123456789012345.5", "0.1", "-12.000001"]
        for _ in 0..<20_000 {
            let whole = Int.random(in: -99_999...99_999, using: &generator)
            let decimals = Int.random(in: 0...6, using: &generator)
            let fraction = String(Int.random(in: 0..<1_000_000, using: &generator)).prefix(decimals)
            samples.append(decimals == 0 ? String(whole) : "\(whole).\(fraction)")
        }
        for sample in samples {
            let expected = Double(sample)
            let read = number(sample)
            #expect(read == expected && read?.sign == expected?.sign, "\(sample)")
        }
        #expect(number("") == nil)
        #expect(number("-") == nil)
        #expect(number("abc") == nil)
        #expect(number("1.2.3") == nil)
    }

    @Test("Lines skip blanks and comments; fields keep empty ones")
    func linesAndFields() {
        var text = "# comment\nclasses\ta\t\tb\r\n\nrow\t1.5\n"
        var lines: [[String]] = []
        text.withUTF8 { bytes in
            ModelText.forEachLine(in: bytes) { line in lines.append(ModelText.fields(line).map(ModelText.string)) }
        }
        #expect(lines == [["classes", "a", "", "b"], ["row", "1.5"]])
    }
}
