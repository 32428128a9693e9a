internal import Foundation
internal import Yams
internal import DossierModels
public import DossierCore

/// What the documents of a procedure's case should include (`models/checklists/NAME.yaml`).
public struct Checklist: Codable, Sendable, Equatable {
    /// One thing the case needs, met by a document of any of the types.
    public struct Requirement: Codable, Sendable, Equatable {
        public let label: String
        public let anyOf: [DocumentType]

        enum CodingKeys: String, CodingKey { case label, anyOf = "any_of" }
    }

    public let procedure: String
    public let title: String
    public let requires: [Requirement]

    /// Why a checklist cannot be used.
    public enum LoadError: Error, Equatable, CustomStringConvertible {
        case unknownProcedure(String, known: [String])
        case unreadable(String)

        public var description: String {
            switch self {
            case .unknownProcedure(let name, let known):
                "no checklist for procedure '\(name)'; known: \(known.joined(separator: ", "))"
            case .unreadable(let name): "the checklist for '\(name)' cannot be read"
            }
        }
    }

    /// The procedures with a checklist in `models/checklists/`.
    public static func procedures() -> [String] {
        guard let folder = ModelFiles.url("checklists"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The checklist of `procedure`.
    public static func named(_ procedure: String) throws(LoadError) -> Checklist {
        let known = procedures()
        guard known.contains(procedure), let url = ModelFiles.url("checklists/\(procedure).yaml") else {
            throw .unknownProcedure(procedure, known: known)
        }
        do {
            return try YAMLDecoder().decode(Checklist.self, from: String(contentsOf: url, encoding: .utf8))
        } catch {
            throw .unreadable(procedure)
        }
    }

    /// The requirements no document of `types` meets.
    public func unmet(by types: [DocumentType]) -> [Requirement] {
        requires.filter { requirement in !requirement.anyOf.contains { types.contains($0) } }
    }
}
