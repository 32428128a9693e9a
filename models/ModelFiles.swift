public import Foundation

/// The rule data and local models that ship in `models/`, located at run time.
///
/// Everything here is read from the package's resource bundle: nothing is downloaded.
public enum ModelFiles {
    /// A file under `models/` (e.g. `vocabulary/nld.txt`), or `nil` when it is not shipped.
    public static func url(_ relativePath: String) -> URL? {
        let url = Bundle.module.resourceURL?.appendingPathComponent(relativePath)
        return url.flatMap { FileManager.default.fileExists(atPath: $0.path) ? $0 : nil }
    }

    /// The lines of a word list: trimmed, lower-cased, without blanks and `#` comments.
    public static func wordList(_ relativePath: String) -> [String] {
        guard let url = url(relativePath), let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(whereSeparator: \.isNewline).compactMap { line in
            let word = line.trimmingCharacters(in: .whitespaces).lowercased()
            return word.isEmpty || word.hasPrefix("#") ? nil : word
        }
    }
}
