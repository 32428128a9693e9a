/// A machine-readable zone of a travel document (ICAO 9303), parsed with every check digit.
public struct MRZ: Sendable, Equatable, Codable {
    /// TD1 (ID cards: 3 lines of 30), TD2 (2 lines of 36), TD3 (passports: 2 lines of 44).
    public enum Format: String, Sendable, Codable { case td1, td2, td3 }

    /// One check digit: which field, what it should be, what the document says.
    public struct CheckDigit: Sendable, Equatable, Codable {
        public let field: String
        public let expected: Int
        public let found: Character?
        public var passes: Bool { found.flatMap(\.wholeNumberValue) == expected || (found == "<" && expected == 0) }

        enum CodingKeys: String, CodingKey { case field, expected, found }
        public init(field: String, expected: Int, found: Character?) {
            self.field = field
            self.expected = expected
            self.found = found
        }
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            field = try container.decode(String.self, forKey: .field)
            expected = try container.decode(Int.self, forKey: .expected)
            found = try container.decodeIfPresent(String.self, forKey: .found)?.first
        }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(field, forKey: .field)
            try container.encode(expected, forKey: .expected)
            try container.encodeIfPresent(found.map(String.init), forKey: .found)
        }
    }

    public let format: Format
    public let documentCode: String
    public let issuingState: String
    public let surname: String
    public let givenNames: String
    public let documentNumber: String
    public let nationality: String
    /// YYMMDD as printed.
    public let birthDate: String
    public let sex: String
    /// YYMMDD as printed.
    public let expiryDate: String
    public let checkDigits: [CheckDigit]

    /// True when every check digit passes. Names have no check digit: "valid" says nothing
    /// about them.
    public var valid: Bool { checkDigits.allSatisfy(\.passes) }
    /// How many check digits pass.
    public var passingChecks: Int { checkDigits.filter(\.passes).count }
    /// The fields whose check digit fails.
    public var failedChecks: [String] { checkDigits.filter { !$0.passes }.map(\.field) }

    /// What "valid" covers for an MRZ.
    public static let meaning =
        "every ICAO 9303 check digit (document number, birth date, expiry date, optional data, composite; visas have the first three only); names and nationality have none"

    /// Parses an MRZ from its lines (OCR output is fine: spaces are dropped, case is raised).
    /// `nil` when the lines do not have a TD1, TD2 or TD3 shape.
    public static func parse(_ lines: [String]) -> MRZ? {
        let cleaned = lines.map(compact).filter { !$0.isEmpty }
        switch (cleaned.count, cleaned.first?.count) {
        case (3, 30) where cleaned.allSatisfy { $0.count == 30 }: return td1(cleaned)
        case (2, 36) where cleaned.allSatisfy { $0.count == 36 }: return td2or3(cleaned, format: .td2)
        case (2, 44) where cleaned.allSatisfy { $0.count == 44 }: return td2or3(cleaned, format: .td3)
        default: return nil
        }
    }

    /// A zone line as OCR gives it, made ready to parse: spaces dropped, case raised, `«` as `<`.
    public static func compact(_ line: String) -> String {
        String(line.uppercased().filter { !$0.isWhitespace }.map { $0 == "«" ? "<" : $0 })
    }

    /// Every run of two or three consecutive non-empty lines of `text` that parses as a zone,
    /// in reading order, with its lines compacted.
    public static func zones(in text: String) -> [(lines: [String], zone: MRZ)] {
        let lines = text.split(whereSeparator: \.isNewline).map { compact(String($0)) }.filter { !$0.isEmpty }
        var found: [(lines: [String], zone: MRZ)] = []
        // Only a line of a zone's length can open one.
        for start in lines.indices where [30, 36, 44].contains(lines[start].count) {
            for count in [2, 3] where start + count <= lines.count {
                let group = Array(lines[start..<start + count])
                if let zone = parse(group) { found.append((group, zone)) }
            }
        }
        return found
    }

    /// Whether `text` holds, on consecutive lines, a zone whose every check digit passes.
    public static func holdsValidZone(in text: String) -> Bool {
        zones(in: text).contains { $0.zone.valid }
    }

    /// The ICAO 9303 check digit of `field` (weights 7, 3, 1; letters 10–35; `<` is 0).
    public static func checkDigit(_ field: Substring) -> Int {
        let weights = [7, 3, 1]
        var sum = 0
        for (index, character) in field.enumerated() {
            let value: Int
            if let digit = character.wholeNumberValue, character.isASCII {
                value = digit
            } else if let ascii = character.asciiValue, character.isLetter {
                value = Int(ascii) - 55
            } else {
                value = 0
            }
            sum += value * weights[index % 3]
        }
        return sum % 10
    }

    private static func field(_ line: String, _ from: Int, _ to: Int) -> Substring {
        let start = line.index(line.startIndex, offsetBy: from)
        let end = line.index(line.startIndex, offsetBy: to)
        return line[start..<end]
    }

    private static func character(_ line: String, _ at: Int) -> Character {
        line[line.index(line.startIndex, offsetBy: at)]
    }

    /// Digits where OCR often reads letters (O for 0, I for 1, …); only for numeric fields.
    private static func numeric(_ text: Substring) -> Substring {
        Substring(text.map { character -> Character in
            switch character {
            case "O", "Q", "D": "0"
            case "I", "L": "1"
            case "Z": "2"
            case "S": "5"
            case "B": "8"
            default: character
            }
        })
    }

    /// Zone lines with each position set to its field's kind of character (ICAO 9303): in a
    /// letters-only field (document code, issuing state, nationality, names, sex) a digit an
    /// OCR engine put for a letter becomes that letter (0→O, 1→I, 5→S, 8→B, 2→Z, 6→G), in a
    /// digits-only field (dates, check digits) a letter becomes its digit (O→0, I→1, S→5,
    /// B→8, Z→2, G→6). Document numbers and optional data, which hold both, stay as read.
    /// Lines of no zone shape are returned unchanged.
    public static func typed(_ lines: [String]) -> [String] {
        enum Kind { case letters, digits, either }
        func layout(_ width: Int, _ count: Int) -> [[(Range<Int>, Kind)]]? {
            switch (count, width) {
            case (2, 44):
                return [[(0..<5, .letters), (5..<44, .letters)],
                        [(0..<9, .either), (9..<10, .digits), (10..<13, .letters), (13..<20, .digits), (20..<21, .letters),
                         (21..<28, .digits), (28..<42, .either), (42..<44, .digits)]]
            case (2, 36):
                return [[(0..<5, .letters), (5..<36, .letters)],
                        [(0..<9, .either), (9..<10, .digits), (10..<13, .letters), (13..<20, .digits), (20..<21, .letters),
                         (21..<28, .digits), (28..<35, .either), (35..<36, .digits)]]
            case (3, 30):
                return [[(0..<5, .letters), (5..<14, .either), (14..<15, .digits), (15..<30, .either)],
                        [(0..<7, .digits), (7..<8, .letters), (8..<15, .digits), (15..<18, .letters), (18..<29, .either),
                         (29..<30, .digits)],
                        [(0..<30, .letters)]]
            default:
                return nil
            }
        }
        guard var first = lines.first, lines.allSatisfy({ $0.count == first.count }),
              let fields = layout(first.count, lines.count) else { return lines }
        // An identity card's zone opens with A, C or I (ICAO 9303); an L or a J there is an
        // I misread.
        if lines.count == 3 || first.count == 36, first.hasPrefix("L") || first.hasPrefix("J") { first = "I" + first.dropFirst() }
        let toLetter: [Character: Character] = ["0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G"]
        let toDigit: [Character: Character] = ["O": "0", "D": "0", "Q": "0", "I": "1", "L": "1", "S": "5", "B": "8", "Z": "2", "G": "6"]
        return zip([first] + lines.dropFirst(), fields).map { line, ranges in
            var characters = Array(line)
            for (range, kind) in ranges {
                for index in range {
                    switch kind {
                    case .letters: characters[index] = toLetter[characters[index]] ?? characters[index]
                    case .digits: characters[index] = toDigit[characters[index]] ?? characters[index]
                    case .either: break
                    }
                }
            }
            return String(characters)
        }
    }

    private static func names(_ text: Substring) -> (String, String) {
        let parts = text.components(separatedBy: "<<")
        let surname = (parts.first ?? "").replacingOccurrences(of: "<", with: " ").trimmed
        let given = parts.dropFirst().joined(separator: " ").replacingOccurrences(of: "<", with: " ").trimmed
        return (surname, given)
    }

    private static func td2or3(_ lines: [String], format: Format) -> MRZ {
        let top = lines[0], bottom = lines[1]
        let (surname, given) = names(field(top, 5, top.count))
        let number = field(bottom, 0, 9)
        let birth = numeric(field(bottom, 13, 19))
        let expiry = numeric(field(bottom, 21, 27))
        var checks = [
            CheckDigit(field: "document number", expected: checkDigit(number), found: numericCharacter(bottom, 9)),
            CheckDigit(field: "birth date", expected: checkDigit(birth), found: numericCharacter(bottom, 19)),
            CheckDigit(field: "expiry date", expected: checkDigit(expiry), found: numericCharacter(bottom, 27)),
        ]
        // Visas (MRV-A and MRV-B, document code V) have no composite and no optional-data check
        // digit: their last characters are optional data.
        let isVisa = top.hasPrefix("V")
        if isVisa {
            // Nothing more to check.
        } else if format == .td3 {
            let optional = field(bottom, 28, 42)
            checks.append(CheckDigit(field: "personal number", expected: checkDigit(optional), found: numericCharacter(bottom, 42)))
            let composite = field(bottom, 0, 10) + birth + field(bottom, 19, 20) + expiry + field(bottom, 27, 43)
            checks.append(CheckDigit(field: "composite", expected: checkDigit(composite), found: numericCharacter(bottom, 43)))
        } else {
            let composite = field(bottom, 0, 10) + birth + field(bottom, 19, 20) + expiry + field(bottom, 27, 35)
            checks.append(CheckDigit(field: "composite", expected: checkDigit(composite), found: numericCharacter(bottom, 35)))
        }
        return MRZ(
            format: format, documentCode: String(field(top, 0, 2)).replacingOccurrences(of: "<", with: ""),
            issuingState: String(field(top, 2, 5)).replacingOccurrences(of: "<", with: ""),
            surname: surname, givenNames: given,
            documentNumber: String(number).replacingOccurrences(of: "<", with: ""),
            nationality: String(field(bottom, 10, 13)).replacingOccurrences(of: "<", with: ""),
            birthDate: String(birth), sex: String(field(bottom, 20, 21)), expiryDate: String(expiry), checkDigits: checks
        )
    }

    private static func td1(_ lines: [String]) -> MRZ {
        let first = lines[0], second = lines[1], third = lines[2]
        let number = field(first, 5, 14)
        let birth = numeric(field(second, 0, 6))
        let expiry = numeric(field(second, 8, 14))
        // The composite covers upper line 6–30, middle line 1–7, 9–15 and 19–29 (ICAO 9303 part 5).
        let compositeFields = field(first, 5, 30) + birth + field(second, 6, 7) + expiry + field(second, 14, 15)
            + field(second, 18, 29)
        let checks = [
            CheckDigit(field: "document number", expected: checkDigit(number), found: numericCharacter(first, 14)),
            CheckDigit(field: "birth date", expected: checkDigit(birth), found: numericCharacter(second, 6)),
            CheckDigit(field: "expiry date", expected: checkDigit(expiry), found: numericCharacter(second, 14)),
            CheckDigit(field: "composite", expected: checkDigit(compositeFields), found: numericCharacter(second, 29)),
        ]
        let (surname, given) = names(Substring(third))
        return MRZ(
            format: .td1, documentCode: String(field(first, 0, 2)).replacingOccurrences(of: "<", with: ""),
            issuingState: String(field(first, 2, 5)).replacingOccurrences(of: "<", with: ""),
            surname: surname, givenNames: given,
            documentNumber: String(number).replacingOccurrences(of: "<", with: ""),
            nationality: String(field(second, 15, 18)).replacingOccurrences(of: "<", with: ""),
            birthDate: String(birth), sex: String(field(second, 7, 8)), expiryDate: String(expiry), checkDigits: checks
        )
    }

    private static func numericCharacter(_ line: String, _ at: Int) -> Character {
        numeric(Substring(String(character(line, at)))).first ?? "<"
    }
}

extension String {
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespaces) }
}

extension MRZ {
    /// Where one field of a zone stands: its line and its character positions in that line
    /// (spaces removed, as ``parse(_:)`` reads it). A value's check digit is part of its field.
    public struct FieldPosition: Sendable, Equatable {
        /// What a field holds, for a redaction that hides some of a zone and keeps the rest.
        public enum Kind: String, Sendable, Equatable {
            case documentNumber = "document number"
            case birthDate = "birth date"
            case expiryDate = "expiry date"
            /// The optional data: a personal (citizen) number on many documents, the BSN on Dutch
            /// ones, a V-number on a Dutch residence document.
            case optionalData = "optional data"
            case surname
            case givenNames = "given names"
        }

        public let kind: Kind
        /// 0-based line of the zone.
        public let line: Int
        public let range: Range<Int>

        public init(kind: Kind, line: Int, range: Range<Int>) {
            self.kind = kind
            self.line = line
            self.range = range
        }
    }

    /// The fields of the zone whose lines are `lines` (spaces removed, upper case), by their
    /// ICAO 9303 positions; empty when the lines have no zone's shape. Fields that hold only
    /// fillers are left out.
    public static func fieldPositions(_ lines: [String]) -> [FieldPosition] {
        let lines = lines.map { Array($0) }
        guard let first = lines.first, lines.allSatisfy({ $0.count == first.count }) else { return [] }
        var fields: [FieldPosition] = []
        func add(_ kind: FieldPosition.Kind, _ line: Int, _ range: Range<Int>) {
            guard !range.isEmpty, lines[line][range].contains(where: { $0 != "<" }) else { return }
            fields.append(FieldPosition(kind: kind, line: line, range: range))
        }
        /// Surname up to the first `<<`, given names from after it to the last letter.
        func names(_ line: Int, from start: Int) {
            let characters = lines[line]
            var split = start
            while split + 1 < characters.count, !(characters[split] == "<" && characters[split + 1] == "<") { split += 1 }
            var end = characters.count
            while end > start, characters[end - 1] == "<" { end -= 1 }
            add(.surname, line, start..<min(split, end))
            if split + 2 < end { add(.givenNames, line, (split + 2)..<end) }
        }
        switch (lines.count, first.count) {
        case (3, 30):
            // A document number over nine characters goes on into the optional data: a filler
            // where its check digit stands, the rest of the number and its check digit after it.
            var numberEnd = 15
            if first[14] == "<" {
                var end = 15
                while end < 30, first[end] != "<" { end += 1 }
                numberEnd = end
            }
            add(.documentNumber, 0, 5..<numberEnd)
            add(.optionalData, 0, numberEnd..<30)
            add(.birthDate, 1, 0..<7)
            add(.expiryDate, 1, 8..<15)
            add(.optionalData, 1, 18..<29)
            names(2, from: 0)
        case (2, 36), (2, 44):
            let width = first.count
            names(0, from: 5)
            add(.documentNumber, 1, 0..<10)
            add(.birthDate, 1, 13..<20)
            add(.expiryDate, 1, 21..<28)
            // Visas have no composite check digit: the optional data runs to the end.
            let isVisa = first.first == "V"
            add(.optionalData, 1, 28..<(isVisa ? width : width - 1))
        default:
            return []
        }
        return fields
    }
}
