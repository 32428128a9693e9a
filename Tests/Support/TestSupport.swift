public import Foundation

/// The documents in `Samples/`, which `scripts/make-samples` makes; tests read them in place.
public enum SampleFiles {
    /// The repository root, found from this file's location.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Samples/<name>`.
    public static func url(_ name: String) -> URL {
        repositoryRoot.appendingPathComponent("Samples").appendingPathComponent(name)
    }

    /// The born-digital Dutch letter (a notice of default), one page with a text layer.
    public static let letterPDF = url("ingebrekestelling.pdf")
    /// The letter with a text layer that spells nonsense (every letter shifted), and a blank page 2.
    public static let junkLayerPDF = url("ingebrekestelling-kapotte-tekstlaag.pdf")
    /// The same letter as an image-only scan.
    public static let scannedLetterPDF = url("ingebrekestelling-scan.pdf")
    /// A payslip scanned to PNG at 300 dpi.
    public static let payslipPNG = url("loonstrook-scan.png")
    /// A payslip whose figures stand in grids of thin grey rules, scanned at 200 dpi 1.3° askew
    /// with grain (scripts/make-table-sample).
    public static let ruledPayslipPNG = url("loonstrook-tabel-scan.png")
    /// The ruled payslip photographed with a phone on a dark table, at a slant, unevenly lit,
    /// without a resolution (scripts/make-table-sample --photo).
    public static let payslipPhotoJPEG = url("loonstrook-foto.jpg")
    /// A Greek-script declaration scanned to PNG: a script nld+eng cannot read.
    public static let greekPNG = url("verklaring-grieks-scan.png")
    public static let frenchPNG = url("attestation-frans-scan.png")
    /// A Persian statement (Arabic script, Persian digits) scanned at 200 dpi (scripts/make-script-samples).
    public static let persianPNG = url("verklaring-perzisch-scan.png")
    /// A Tigrinya certificate of residence (Ethiopic script) scanned at 200 dpi.
    public static let tigrinyaPNG = url("verklaring-tigrinya-scan.png")
    /// An invented passport data page with its machine-readable zone, scanned at 200 dpi.
    public static let passportPNG = url("paspoort-scan.png")
    /// A Dutch identity card scanned a little askew, its zone holding the BSN after the document
    /// number, the number also printed (scripts/make-card-photo --dutch).
    public static let dutchCardPNG = url("identiteitskaart-nl-scan.png")
    /// A phone photo of an invented identity card (TD1, zone in OCR-B on a wave pattern) lying
    /// upside down, tilted and in perspective (scripts/make-card-photo).
    public static let cardPhotoJPEG = url("identiteitskaart-foto.jpg")
    /// The same card scanned small and a degree askew, as applicants' copies often are: 600
    /// pixels wide, the zone's characters about 9 pixels high, JPEG (scripts/make-card-photo --small).
    public static let smallCardJPEG = url("identiteitskaart-klein-scan.jpg")
    /// A two-column newsletter scanned to PNG: the left column reads before the right one.
    public static let twoColumnPNG = url("nieuwsbrief-twee-kolommen-scan.png")
    /// The payslip scan with a "received" stamp as real text: mostly image, a few words of layer.
    public static let stampedScanPDF = url("loonstrook-met-stempel.pdf")
    /// A two-page employment contract as a bilevel TIFF.
    public static let contractTIFF = url("arbeidsovereenkomst-scan.tiff")
    /// The letter cut off after 900 bytes.
    public static let truncatedPDF = url("afgebroken.pdf")
    /// The letter encrypted with user password `geheim`.
    public static let encryptedPDF = url("versleuteld.pdf")
    /// An employer's statement as Notepad on Windows saves it: Windows-1252, CRLF line ends.
    public static let employerStatementText = url("werkgeversverklaring.txt")
    /// A lawyer's corrections to a hearing report as an HTML page (a script, a style, a
    /// comment, a numbered list and a table).
    public static let hearingCorrectionsHTML = url("correcties-nader-gehoor.html")
}

/// A fresh temporary folder, removed when the value is released.
public final class TemporaryFolder {
    /// The folder.
    public let url: URL

    /// Creates a new empty folder under the system's temporary folder.
    public init(_ label: String = "dossier-test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        // Make read-only originals removable first.
        if let enumerator = FileManager.default.enumerator(atPath: url.path) {
            for case let path as String in enumerator {
                chmod(url.appendingPathComponent(path).path, 0o755)
            }
        }
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes `data` to `name` inside the folder and returns its URL.
    @discardableResult
    public func write(_ name: String, _ data: Data) throws -> URL {
        let file = url.appendingPathComponent(name)
        try data.write(to: file)
        return file
    }
}

/// Normalises text for comparing OCR output: lower-case, single spaces.
public func normalisedWords(_ text: String) -> String {
    text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}
