internal import Foundation
internal import DossierCore
internal import DossierModels

/// Given and family names from `models/redaction/names.tsv` (built by
/// `scripts/models/redaction-names` from the PyPI package names-dataset), folded as
/// ``PersonNameFinder/fold(_:)`` folds text. Loaded once, on first use.
struct NameList: Sendable {
    struct Entry: Sendable {
        let given: Bool
        let family: Bool
        /// Also an ordinary word ("Roos", "Mark", "Will"): counts only with other evidence.
        let ambiguous: Bool
    }

    let entries: [String: Entry]

    static let bundled = NameList(relativePath: "redaction/names.tsv")

    init(relativePath: String) {
        entries = ModelFiles.withContents(relativePath) { text in
            var entries: [String: Entry] = [:]
            entries.reserveCapacity(text.count / 12)
            ModelText.forEachLine(in: text) { line in
                let fields = ModelText.fields(line)
                guard fields.count == 3, !fields[0].isEmpty else { return }
                entries[ModelText.string(fields[0])] = Entry(
                    given: fields[1].contains(0x67), family: fields[1].contains(0x66),
                    ambiguous: fields[2].elementsEqual([0x31])
                )
            }
            return entries
        } ?? [:]
    }

    func entry(_ folded: String) -> Entry? { entries[folded] }
}

/// A stretch of page text that names a person, with the rule that found it.
struct NameSpan: Equatable {
    /// Character offsets into the page text.
    let start: Int
    let end: Int
    let reason: String
    /// True when the rule is strong enough for the name to be looked for in the case's other
    /// documents (a labelled field, a title, initials, an identity document).
    let confident: Bool
}

/// Finds the names of persons in page text: after labels (`Naam:`, `Surname / Nom`), after titles
/// and salutations (`de heer`, `mevrouw`, `Mr`, `Madame`, `mr.`), after initials (`J. van der
/// Meulen`), pairs of names from the name list (`Rohan Kumar`), a listed given name after a word
/// of kinship (`mijn broer Samir`), and every word of the names the case's own identity
/// documents give (their zones and fields).
struct PersonNameFinder: Sendable {
    let names: NameList

    init(names: NameList = .bundled) {
        self.names = names
    }

    /// Lower case, no diacritics, dotless i as i: the form names are listed and compared in.
    static func fold(_ text: String) -> String {
        String(text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .flatMap { NameComparison.plainLetters[$0] ?? String($0) })
    }

    /// One word of the page: letters (with an apostrophe or hyphen inside), or an initial.
    struct Token {
        let start: Int
        let end: Int
        let text: String
        let folded: String
        /// A single capital followed by a full stop (`J.`).
        let isInitial: Bool
        /// Starts with a capital letter and has two letters or more.
        var isCapitalised: Bool { !isInitial && text.count >= 2 && text.first!.isUppercase }
    }

    static func tokens(_ characters: [Character]) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < characters.count {
            guard characters[index].isLetter else { index += 1; continue }
            var end = index + 1
            while end < characters.count {
                if characters[end].isLetter { end += 1; continue }
                if "-'’".contains(characters[end]), end + 1 < characters.count, characters[end + 1].isLetter { end += 2; continue }
                break
            }
            let text = String(characters[index..<end])
            let initial = end - index == 1 && characters[index].isUppercase && end < characters.count && characters[end] == "."
            tokens.append(Token(start: index, end: initial ? end + 1 : end, text: text, folded: fold(text), isInitial: initial))
            index = end
        }
        return tokens
    }

    /// Words that join the parts of a name.
    static let particles: Set<String> = [
        "van", "de", "der", "den", "het", "ter", "ten", "te", "von", "da", "di", "du", "le", "la", "el", "al", "bin", "ben",
        "ibn", "abu", "dos", "das", "do", "del", "della", "des", "op", "in", "t", "y", "ould", "ag",
    ]
    /// Titles and forms of address before a name (folded, without the full stop).
    static let titles: [[String]] = [
        ["de", "heer"], ["heer"], ["mevrouw"], ["mevr"], ["mw"], ["dhr"], ["mr"], ["mrs"], ["ms"], ["miss"], ["dr"], ["drs"],
        ["ir"], ["prof"], ["madame"], ["mme"], ["monsieur"], ["mlle"], ["mister"], ["meneer"], ["juffrouw"], ["me"],
    ]
    /// Field labels whose value is a person's name (folded words).
    static let labels: [[String]] = [
        ["naam"], ["name"], ["nom"], ["achternaam"], ["surname"], ["family", "name"], ["last", "name"], ["voornamen"], ["voornaam"],
        ["given", "names"], ["given", "name"], ["first", "names"], ["first", "name"], ["prenoms"], ["prenom"], ["geslachtsnaam"],
        ["nom", "de", "famille"], ["naam", "werknemer"], ["werknemer"], ["employee"], ["naam", "vader"], ["naam", "moeder"],
        ["vader"], ["moeder"], ["father"], ["mother"], ["pere"], ["mere"], ["echtgenoot"], ["echtgenote"], ["spouse"], ["epoux"],
        ["epouse"], ["partner"], ["getuige"], ["witness"], ["temoin"], ["tolk"], ["interpreter"], ["interprete"], ["advocaat"],
        ["gemachtigde"], ["lawyer"], ["counsel"], ["avocat"], ["behandelaar"], ["contactpersoon"], ["contact", "person"],
        ["medewerker"], ["rekeninghouder"], ["account", "holder"], ["titulaire"], ["ten", "name", "van"], ["tnv"], ["aanvrager"],
        ["applicant"], ["referent"], ["sponsor"], ["holder"], ["houder"], ["kind"], ["child"], ["enfant"], ["naam", "kind"],
        ["name", "of", "child"], ["naam", "van", "het", "kind"], ["geboren", "als"], ["ondertekend"], ["signed"], ["betrokkene"],
        ["vreemdeling"], ["de", "vreemdeling"], ["requerant"], ["eiser"], ["eiseres"], ["claimant"],
        ["name", "of", "father"], ["name", "of", "mother"], ["nom", "du", "pere"], ["nom", "de", "la", "mere"], ["bruid"],
        ["bruidegom"], ["husband"], ["wife"], ["mari"], ["gehoord", "door"], ["interviewed", "by"],
    ]
    /// Labels that name a person even when only a space separates them from the name, as a
    /// table's cells come out of a text layer ("Vader Taras Silva").
    static let spacedLabels: [[String]] = [
        ["naam"], ["name"], ["nom"], ["achternaam"], ["surname"], ["voornamen"], ["voornaam"], ["given", "names"], ["prenoms"],
        ["vader"], ["moeder"], ["father"], ["mother"], ["naam", "vader"], ["naam", "moeder"], ["name", "of", "father"],
        ["name", "of", "mother"], ["name", "of", "child"], ["naam", "kind"], ["naam", "van", "het", "kind"], ["echtgenoot"],
        ["echtgenote"], ["bruid"], ["bruidegom"], ["husband"], ["wife"], ["tolk"], ["interpreter"], ["gehoord", "door"],
        ["werknemer"], ["medewerker"], ["employee"], ["rekeninghouder"], ["account", "holder"], ["getuige"], ["witness"],
        ["advocaat"], ["gemachtigde"], ["behandelaar"], ["titulaire"],
    ]
    /// A child's or spouse's relation before "de", "van" or "of" and a name ("fils de", "daughter of").
    static let relationBeforeName: Set<String> = [
        "fils", "fille", "enfant", "zoon", "dochter", "kind", "son", "daughter", "child", "weduwe", "widow", "veuve", "echtgenote",
        "echtgenoot", "epouse", "epoux", "wife", "husband",
    ]
    static let relationPrepositions: Set<String> = ["de", "van", "of", "d"]
    /// Words of kinship after which a listed given name is a person.
    static let kinship: Set<String> = [
        "broer", "zus", "zuster", "vader", "moeder", "zoon", "dochter", "man", "vrouw", "echtgenoot", "echtgenote", "partner",
        "oom", "tante", "neef", "nicht", "vriend", "vriendin", "opa", "oma", "grootvader", "grootmoeder", "kind", "brother",
        "sister", "father", "mother", "son", "daughter", "husband", "wife", "uncle", "aunt", "cousin", "friend", "frere", "soeur",
        "pere", "mere", "fils", "fille", "mari", "epouse", "epoux", "oncle", "tante", "ami", "amie", "genaamd", "named", "called",
        "nomme", "nommee",
    ]
    /// Words that make a labelled value an organisation, not a person.
    static let organisationWords: Set<String> = [
        "bv", "nv", "b", "v", "n", "bank", "stichting", "gemeente", "ministerie", "rechtbank", "dienst", "ltd", "inc", "gmbh",
        "sarl", "vof", "holding", "groep", "ua", "hotel", "zorggroep", "centrum", "bedrijf", "installatiebedrijf", "school",
        "universiteit", "university", "company", "association", "vereniging", "raad", "ind", "afdeling", "team", "kantoor",
        "advocaten", "advocatenkantoor", "notaris", "politie", "police",
    ]

    /// The names on one page. `caseNames` are folded words of names the case's documents give
    /// for sure (identity documents, labelled fields): each is found wherever it stands.
    func find(in text: String, caseNames: Set<String> = []) -> [NameSpan] {
        let characters = Array(text)
        let tokens = Self.tokens(characters)
        var spans: [NameSpan] = []

        /// Whether tokens `a` and `b` (consecutive) stand on one line with only a space (or an
        /// initial's full stop and a space, or a comma inside a labelled value) between them.
        func joined(_ a: Int, _ b: Int, allowComma: Bool = false) -> Bool {
            let gap = String(characters[tokens[a].end..<tokens[b].start])
            if gap == " " || (tokens[a].isInitial && (gap.isEmpty || gap == " ")) { return true }
            return allowComma && gap == ", "
        }
        func isNamePart(_ token: Token) -> Bool {
            token.isInitial || token.isCapitalised || Self.particles.contains(token.folded)
        }
        /// The name that starts at token `first`: parts joined on one line, ending at its last
        /// capitalised word; `nil` when there is none.
        func run(from first: Int, allowComma: Bool = false, limit: Int = 6) -> (Int, Int)? {
            guard first < tokens.count, isNamePart(tokens[first]) else { return nil }
            var end: Int?
            var index = first
            while index < tokens.count, index - first < limit {
                let token = tokens[index]
                guard isNamePart(token), !Self.organisationWords.contains(token.folded) || token.isInitial else { break }
                if token.isCapitalised { end = index }
                guard index + 1 < tokens.count, joined(index, index + 1, allowComma: allowComma) else { break }
                index += 1
            }
            return end.map { (first, $0) }
        }
        func add(_ range: (Int, Int), _ reason: String, confident: Bool) {
            spans.append(NameSpan(start: tokens[range.0].start, end: tokens[range.1].end, reason: reason, confident: confident))
        }
        func matches(_ words: [String], at index: Int) -> Bool {
            guard index + words.count <= tokens.count else { return false }
            for (offset, word) in words.enumerated() where tokens[index + offset].folded != word { return false }
            for offset in 0..<words.count - 1 where !joined(index + offset, index + offset + 1) { return false }
            return true
        }

        for index in tokens.indices {
            // Titles and forms of address: "de heer R. Kumar", "Mr Kumar", "mr. T. Brouwer".
            for title in Self.titles where matches(title, at: index) {
                let after = index + title.count
                guard after < tokens.count else { continue }
                let gap = String(characters[tokens[after - 1].end..<tokens[after].start])
                guard gap == " " || gap == ". " else { continue }
                if let found = run(from: after), tokens[found.1].isCapitalised, !Self.organisationWords.contains(tokens[found.1].folded) {
                    add(found, "a name after the form of address '\(title.joined(separator: " "))'", confident: true)
                }
            }
            // Initials before a family name: "J. van der Meulen", "H.J. Kooistra".
            if tokens[index].isInitial, index == 0 || !tokens[index - 1].isInitial || !joined(index - 1, index) {
                var next = index
                while next + 1 < tokens.count, tokens[next + 1].isInitial, joined(next, next + 1) { next += 1 }
                if next + 1 < tokens.count, joined(next, next + 1), !tokens[next + 1].isInitial,
                   let found = run(from: next + 1), !Self.organisationWords.contains(tokens[found.1].folded) {
                    add((index, found.1), "initials before a family name", confident: true)
                }
            }
            // Pairs from the name list: a listed given name joined to another capitalised word.
            if tokens[index].isCapitalised, tokens[index].text.count >= 3, let entry = names.entry(tokens[index].folded), entry.given,
               !entry.ambiguous {
                var first = index
                // A family name written first ("Kumar Rohan", "KUMAR, Rohan" is a label's business).
                if index > 0, tokens[index - 1].isCapitalised, joined(index - 1, index),
                   names.entry(tokens[index - 1].folded)?.family == true {
                    first = index - 1
                }
                var last = index
                var next = index + 1
                while next < tokens.count, joined(next - 1, next), next - index < 5 {
                    let token = tokens[next]
                    if Self.particles.contains(token.folded) { next += 1; continue }
                    guard token.isCapitalised, token.text.count >= 3 || !token.text.allSatisfy(\.isUppercase),
                          !Self.organisationWords.contains(token.folded) else { break }
                    let listed = names.entry(token.folded)
                    // One unlisted family name may follow a given name; listed names go on.
                    if listed == nil, last != index { break }
                    last = next
                    next += 1
                    if listed == nil { break }
                }
                if last > index || first < index {
                    add((first, last), "a listed given name with a family name", confident: false)
                } else if index > 0, Self.kinship.contains(tokens[index - 1].folded) {
                    add((index, index), "a listed given name after '\(tokens[index - 1].text.lowercased())'", confident: false)
                }
            }
            // A relation and a preposition before a name: "fils de Ahmad Shevchenko, et de Almaz".
            if Self.relationBeforeName.contains(tokens[index].folded), index + 2 < tokens.count,
               Self.relationPrepositions.contains(tokens[index + 1].folded), joined(index, index + 1),
               characters[tokens[index + 1].end] == " ", let found = run(from: index + 2) {
                add(found, "a name after '\(tokens[index].text.lowercased()) \(tokens[index + 1].text)'", confident: false)
                // "…, et de Almaz", "… en van Priya": the other parent.
                let next = found.1 + 1
                if next + 2 < tokens.count, ["et", "en", "and"].contains(tokens[next].folded),
                   Self.relationPrepositions.contains(tokens[next + 1].folded),
                   String(characters[tokens[found.1].end..<tokens[next].start]).trimmingCharacters(in: .whitespaces) == ",",
                   let other = run(from: next + 2) {
                    add(other, "a name after '\(tokens[next].text) \(tokens[next + 1].text)'", confident: false)
                }
            }
            // A listed given name alone on its line, as a form's value column comes out of OCR.
            // Not in capitals: a card's capitals alone on a line are as often its country or town.
            if tokens[index].isCapitalised, tokens[index].text.count >= 3, !tokens[index].text.allSatisfy(\.isUppercase),
               let entry = names.entry(tokens[index].folded), entry.given, !entry.ambiguous, Self.aloneOnLine(tokens[index], characters) {
                add((index, index), "a listed given name alone on its line", confident: false)
            }
            // The case's own names, wherever they stand.
            if tokens[index].isCapitalised, caseNames.contains(tokens[index].folded) {
                // A listed given name just before it belongs to the name ("Taras Gebremedhin"),
                // even one that is also a word.
                var first = index
                while first > 0, index - first < 2, tokens[first - 1].isCapitalised, joined(first - 1, first),
                      names.entry(tokens[first - 1].folded)?.given == true {
                    first -= 1
                }
                var last = index
                while last + 1 < tokens.count, joined(last, last + 1), tokens[last + 1].isCapitalised,
                      caseNames.contains(tokens[last + 1].folded) { last += 1 }
                add((first, last), "a name the case's identity documents or fields give", confident: false)
            }
        }
        spans += labelled(characters, tokens: tokens, run: { run(from: $0, allowComma: true, limit: 8) })
        return Self.merged(spans)
    }

    /// Values of name fields: `Naam: R. Kumar`, `Surname / Nom` with the value on the next line.
    private func labelled(_ characters: [Character], tokens: [Token], run: (Int) -> (Int, Int)?) -> [NameSpan] {
        var spans: [NameSpan] = []
        let lines = PageText.lineRanges(characters).map { ($0.start, $0.end) }
        func firstToken(from offset: Int, before end: Int) -> Int? {
            tokens.firstIndex { $0.start >= offset && $0.start < end }
        }
        for (number, line) in lines.enumerated() {
            let text = String(characters[line.0..<line.1])
            // Label part: before a colon, a tab or a wide gap; the value after it.
            var labelEnd = line.1
            var valueStart: Int?
            if let colon = text.firstIndex(of: ":") {
                labelEnd = line.0 + text.distance(from: text.startIndex, to: colon)
                valueStart = labelEnd + 1
            } else if let tab = text.firstIndex(of: "\t") {
                labelEnd = line.0 + text.distance(from: text.startIndex, to: tab)
                valueStart = labelEnd + 1
            } else if let gap = text.range(of: "   ") {
                labelEnd = line.0 + text.distance(from: text.startIndex, to: gap.lowerBound)
                valueStart = line.0 + text.distance(from: text.startIndex, to: gap.upperBound)
            }
            if valueStart == nil {
                // "Vader Taras Silva": a label, one space, and a name that ends the line.
                let onLine = tokens.indices.filter { tokens[$0].start >= line.0 && tokens[$0].end <= line.1 }
                guard let first = onLine.first, characters[line.0..<tokens[first].start].allSatisfy(\.isWhitespace) else { continue }
                for length in 1...4 where onLine.count > length {
                    let words = onLine.prefix(length).map { tokens[$0].folded }
                    guard Self.spacedLabels.contains(words),
                          characters[tokens[onLine[length - 1]].end..<tokens[onLine[length]].start].allSatisfy({ $0 == " " }),
                          let found = run(onLine[length]),
                          characters[tokens[found.1].end..<line.1].allSatisfy(\.isWhitespace),
                          !Self.isOrganisation(String(characters[tokens[found.0].start..<line.1])) else { continue }
                    spans.append(NameSpan(start: tokens[found.0].start, end: tokens[found.1].end,
                                          reason: "the value of the field '\(words.joined(separator: " "))'", confident: true))
                    break
                }
            }
            let labelText = Self.fold(String(characters[line.0..<labelEnd]))
            // "Surname / Nom", "Naam en voornamen": each alternative is checked.
            let alternatives: [[String]] = labelText.split(separator: "/").map { part in
                part.split { !$0.isLetter }.map(String.init).filter { !Self.labelFillers.contains($0) }
            }
            guard !alternatives.isEmpty, alternatives.allSatisfy({ !$0.isEmpty && $0.count <= 5 }),
                  alternatives.contains(where: Self.isNameLabel) else { continue }
            var start = valueStart
            var end = line.1
            var wholeLine = false
            if let value = valueStart, String(characters[value..<line.1]).trimmingCharacters(in: .whitespaces).isEmpty {
                start = nil
            }
            if start == nil {
                // The value on the next non-empty line, as forms and cards print it.
                guard let next = lines[(number + 1)...].prefix(2).first(where: {
                    !String(characters[$0.0..<$0.1]).trimmingCharacters(in: .whitespaces).isEmpty
                }) else { continue }
                start = next.0
                end = next.1
                wholeLine = true
            }
            guard let from = start, let first = firstToken(from: from, before: end), let found = run(first),
                  tokens[found.1].end <= end else { continue }
            // A value on a line of its own is the whole line ("advocaat" under a signature is
            // followed by other text, not by a name), and no other label ("Achternaam" over
            // "Voornamen" when OCR reads a form's label column first).
            if wholeLine, !String(characters[tokens[found.1].end..<end]).trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if wholeLine, tokens[found.0...found.1].contains(where: { Self.otherLabels.contains($0.folded) }) { continue }
            // "Groenteveiling Westland B.V.": the rest of the value's line says what it names.
            let rest = tokens.filter { $0.start >= tokens[found.0].start && $0.end <= end }
            guard !Self.isOrganisation(String(characters[tokens[found.0].start..<end])), !rest.contains(where: { Self.organisationWords.contains($0.folded) && !$0.isInitial }) else { continue }
            spans.append(NameSpan(start: tokens[found.0].start, end: tokens[found.1].end,
                                  reason: "the value of the field '\(String(characters[line.0..<labelEnd]).trimmingCharacters(in: .whitespaces))'",
                                  confident: true))
        }
        return spans
    }

    /// Words inside a label that say nothing ("naam en voornamen", "prénom(s)").
    static let labelFillers: Set<String> = ["en", "and", "et", "s", "e"]

    /// Whether `token` is the only thing on its line.
    static func aloneOnLine(_ token: Token, _ characters: [Character]) -> Bool {
        var before = token.start
        while before > 0, characters[before - 1] != "\n" {
            before -= 1
            if !characters[before].isWhitespace { return false }
        }
        var after = token.end
        while after < characters.count, characters[after] != "\n" {
            if !characters[after].isWhitespace { return false }
            after += 1
        }
        return true
    }

    /// Labels of form fields that hold no name: a value line that is one of these is the next label.
    static let otherLabels: Set<String> = [
        "geslacht", "geboortedatum", "geboorteplaats", "nationaliteit", "datum", "adres", "woonplaats", "sex", "date", "nationality",
        "address", "sexe", "nationalite", "adresse", "lieu", "place", "voornamen", "voornaam", "achternaam", "vader", "moeder",
        "father", "mother", "pere", "mere", "surname", "name", "naam", "nom", "prenoms",
    ]

    /// Whether the folded words of a field label ask for a person's name: a known label, or up
    /// to three words ending in one that means "name" (`volledige naam`, `full name`).
    static func isNameLabel(_ words: [String]) -> Bool {
        labels.contains(words) || (words.count <= 3 && ["naam", "name", "nom", "namen", "voornamen", "prenoms"].contains(words.last ?? ""))
    }

    /// Whether a name holds a word of an organisation or a legal form (`B.V.`, `Stichting`).
    static func isOrganisation(_ name: String) -> Bool {
        fold(name).filter { $0.isLetter || $0 == " " }.split(separator: " ").contains { organisationWords.contains(String($0)) }
    }

    /// Overlapping spans as one, keeping the first reason and confident when any was.
    static func merged(_ spans: [NameSpan]) -> [NameSpan] {
        var result: [NameSpan] = []
        for span in spans.sorted(by: { ($0.start, -$0.end) < ($1.start, -$1.end) }) {
            if let last = result.last, span.start < last.end {
                result[result.count - 1] = NameSpan(start: last.start, end: max(last.end, span.end), reason: last.reason,
                                                    confident: last.confident || span.confident)
            } else {
                result.append(span)
            }
        }
        return result
    }

    /// The folded words of a name worth looking for across a case: capitalised words of three
    /// letters or more that are not also ordinary words.
    func caseWords(of name: String) -> [String] {
        guard !Self.isOrganisation(name) else { return [] }
        return Self.tokens(Array(name)).compactMap { token in
            guard !token.isInitial, token.text.count >= 3, !Self.particles.contains(token.folded),
                  !Self.organisationWords.contains(token.folded), names.entry(token.folded)?.ambiguous != true else { return nil }
            return token.folded
        }
    }
}
