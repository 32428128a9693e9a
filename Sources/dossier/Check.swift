import Analysis
import ArgumentParser
import DossierCore
import Foundation

extension Dossier {
    /// `dossier check KIND VALUE…`: check identifiers typed by hand.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check identifiers: bsn (11-proof), iban (length, mod 97), mrz (ICAO 9303 check digits), and the forms of v-number, kvk, ecli, document-number, postcode.",
            discussion: "MRZ lines are given as one value, joined by '|' or newlines. Exits 1 when any value fails."
        )

        enum Kind: String, ExpressibleByArgument, CaseIterable {
            case bsn, iban, mrz, ecli, kvk, postcode
            case vNumber = "v-number"
            case documentNumber = "document-number"

            /// What Analysis calls it.
            var identifierKind: IdentifierKind {
                switch self {
                case .bsn: .bsn
                case .iban: .iban
                case .mrz: .mrz
                case .ecli: .ecli
                case .kvk: .kvk
                case .postcode: .postcode
                case .vNumber: .vNumber
                case .documentNumber: .residenceDocument
                }
            }
        }

        @Argument(help: "bsn, iban, mrz, v-number, kvk, ecli, document-number (Dutch passport, ID card or residence document) or postcode.")
        var kind: Kind

        @Argument(help: "The values to check.")
        var values: [String]

        @Flag(help: "Print JSON.")
        var json = false

        struct Result: Encodable {
            let kind: String
            let value: String
            let valid: Bool
            let failures: [String]
            let meaning: String
        }

        func run() throws {
            let results = values.map { value -> Result in
                let check = kind.identifierKind.check(value)
                return Result(kind: kind.rawValue, value: value, valid: check.valid, failures: check.failures, meaning: check.meaning)
            }
            if json {
                try JSONOutput.print(results)
            } else {
                for result in results {
                    let verdict = result.valid ? "valid" : "INVALID: " + result.failures.joined(separator: "; ")
                    printLine("\(result.kind)\t\(result.value)\t\(verdict)")
                }
                if let first = results.first { printLine("(\(first.kind): \(first.meaning))") }
            }
            // Like grep: status 1 when anything failed its checks, for scripts.
            if results.contains(where: { !$0.valid }) { throw ExitCode(ExitStatus.someFailed.rawValue) }
        }
    }
}
