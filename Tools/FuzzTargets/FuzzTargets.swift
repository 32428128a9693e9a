public import Foundation
internal import Analysis
internal import Containers
internal import DossierCore
internal import Extraction
internal import Language
internal import Summaries
internal import Tesseract
internal import TestSupport

/// What the fuzzer feeds damaged inputs to. Each target takes bytes and must return, whatever
/// they are: an error is a fine outcome, a crash or a hang is a bug (in our code) or a case the
/// extraction worker's isolation has to contain (in a C library).
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// Opening a document the way intake does: format sniffing, size and page limits from the
    /// headers, poppler's text layer and layout for PDFs, leptonica's decoding for images (no OCR).
    case documents
    /// The whole reading path intake runs in its workers, OCR included, on pages rendered at a
    /// tiny resolution (30 dpi) so that each input takes milliseconds: rendering, orientation,
    /// deskewing, recognition, the text-layer assessment.
    case pages
    /// What the supervisor reads from a worker (a worker taken over by a crafted file could send
    /// anything): the pages in their wire form.
    case wire
    /// The machine-readable zone parser (TD1, TD2, TD3 lines).
    case mrz
    /// Dates, deadlines and amounts in page text.
    case dates
    /// BSN, IBAN, V-number, document numbers, ECLI, KvK and postcodes in page text, and the whole
    /// document analysis (type, flags) over the same text.
    case identifiers
    /// Page text (form feeds split pages) through language identification, redaction proposals, the document
    /// analysis and both kinds of summary, with their citations.
    case text

    /// Inputs the project makes itself, each a valid example of what the target reads.
    public var seeds: [[UInt8]] {
        switch self {
        case .documents, .pages: FuzzSeeds.documents
        case .wire: FuzzSeeds.wire
        case .mrz: FuzzSeeds.mrz
        case .dates: FuzzSeeds.dates
        case .identifiers: FuzzSeeds.identifiers
        case .text: FuzzSeeds.dates + FuzzSeeds.identifiers + FuzzSeeds.text
        }
    }

    /// Tokens of this input's own syntax, for the mutator to insert.
    public var mutator: Mutator {
        switch self {
        case .documents, .pages:
            Mutator(dictionary: ["obj", "endobj", "stream\n", "endstream", "/Count 100000", "/Length 0", "xref", "trailer",
                                 "<<", ">>", "[", "]", "/Kids [4 0 R 4 0 R]", "/MediaBox [0 0 1e9 1e9]", "/Parent 2 0 R",
                                 "/Filter /FlateDecode", "/Encrypt 1 0 R", "IDAT", "IHDR", "II*\0", "MM\0*"])
        case .wire:
            Mutator(dictionary: ["\u{0}\u{0}\u{0}\u{0}", "\u{FF}\u{FF}\u{FF}\u{7F}", "{}", "{\"number\":1}", "\u{1}", "\u{0}"])
        case .mrz:
            Mutator(dictionary: ["<<", "<", "P<", "I<", "V<", "0", "9", "\n", "O", "K", "<<<<<<<<<<", "NLD", "D<<"])
        case .dates, .identifiers, .text:
            Mutator(dictionary: ["31-02-2026", "29 februari 2025", "1 januari 0", "€ ", "EUR", ",00", "-", "/", ".", "NL91",
                                 "BSN", "V-nummer", "ECLI:NL:", "KvK", "binnen 6 weken", "uiterlijk", "\u{0301}", "٣", "\n\n"])
        }
    }

    /// Feeds `bytes` to the target; `scratch` is a file path the target may write to.
    public func run(_ bytes: [UInt8], scratch: URL, context: FuzzContext) async {
        switch self {
        case .documents:
            await FuzzDocuments.open(bytes, at: scratch, context: context)
        case .pages:
            guard (try? Data(bytes).write(to: scratch)) != nil, let format = try? FileFormat.sniff(scratch) else { return }
            _ = try? await context.reader.transcribePages(scratch, format: format)
        default:
            runWithoutAwaiting(bytes, context: context)
        }
    }

    /// True for the targets that run synchronously, in memory (the parsers): the ones libFuzzer
    /// can drive.
    public var runsWithoutAwaiting: Bool { self != .documents && self != .pages }

    /// Feeds `bytes` to a parser target (see ``runsWithoutAwaiting``); does nothing for the others.
    public func runWithoutAwaiting(_ bytes: [UInt8], context: FuzzContext) {
        switch self {
        case .documents, .pages:
            return
        case .wire:
            _ = try? PageWire.decode(Data(bytes))
        case .mrz:
            let text = String(decoding: bytes, as: UTF8.self)
            let lines = text.split(whereSeparator: \.isNewline).map(String.init)
            if let mrz = MRZ.parse(lines) { _ = (mrz.valid, mrz.failedChecks) }
            for line in lines { _ = MRZ.checkDigit(Substring(line)) }
        case .dates:
            let pages = FuzzContext.pages(bytes)
            _ = context.dates.find(in: pages)
            _ = context.money.find(in: pages)
            for word in pages[0].text.split(separator: " ") { _ = CivilDate(iso: String(word)) }
        case .identifiers:
            let pages = FuzzContext.pages(bytes)
            _ = context.identifiers.find(in: pages)
            for word in pages[0].text.split(whereSeparator: \.isWhitespace) {
                let token = String(word)
                _ = (BSN.check(token), IBAN.check(token), VNumber.check(token), KvKNumber.check(token))
                _ = (DutchDocumentNumber.check(token), DutchPostcode.check(token), ECLI.check(token))
            }
            _ = context.analyzer?.analyze(DocumentTranscript(file: "fuzz", sha256: String(repeating: "0", count: 64), pages: pages))
        case .text:
            let text = String(decoding: bytes, as: UTF8.self)
            let pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).enumerated().map { index, page in
                PageTranscript(number: index + 1, method: .textLayer, text: String(page), confidence: nil)
            }
            _ = LanguageIdentifier.bundled.identify(text)
            if let analysis = context.analyzer?.analyze(DocumentTranscript(file: "fuzz", sha256: String(repeating: "0", count: 64), pages: pages)) {
                // What redacted copies would hide, with the page's own names as the case's.
                let findings = context.redactions.find(in: pages, analysis: analysis, context: RedactionContext.of(case: [analysis]))
                _ = RedactionPlanner.set(pages: pages, findings: findings)
            }
            let summarizer = Summarizer()
            _ = summarizer.summarize(pages, length: .sentences(3))
            _ = summarizer.summarize(pages, length: .words(40))
            _ = summarizer.rank(pages)
        }
    }
}

/// What the targets keep between inputs (loaded once per fuzzing process).
public final class FuzzContext: @unchecked Sendable {
    let dates = DateFinder()
    let money = MoneyFinder()
    let identifiers = IdentifierFinder()
    let redactions = RedactionFinder()
    let analyzer: DocumentAnalyzer?
    let pool: OCRWorkerPool
    let transcriber: DocumentTranscriber
    let reader: DocumentTranscriber

    public init() {
        analyzer = (try? ScreeningRules.bundled()).map {
            DocumentAnalyzer(rules: $0, today: CivilDate(year: 2026, month: 12, day: 1)!)
        }
        pool = OCRWorkerPool(workers: 1, languages: "eng")
        // Text layers only: OCR is tesseract's business, and the isolation's, not the parsers'.
        transcriber = DocumentTranscriber(
            options: TranscriptionOptions(languages: "eng", ocrMode: .never, correctOrientation: false, deskew: false),
            pool: pool
        )
        reader = DocumentTranscriber(
            options: TranscriptionOptions(languages: "eng", dpi: 30, ocrMode: .auto, correctOrientation: true, deskew: true),
            pool: pool
        )
    }

    deinit { pool.shutdown() }

    static func pages(_ bytes: [UInt8]) -> [PageTranscript] {
        [PageTranscript(number: 1, method: .textLayer, text: String(decoding: bytes, as: UTF8.self), confidence: nil)]
    }
}

/// The documents target: the checks and decoding intake does before any OCR.
enum FuzzDocuments {
    static func open(_ bytes: [UInt8], at url: URL, context: FuzzContext) async {
        guard (try? Data(bytes).write(to: url)) != nil else { return }
        guard let format = try? FileFormat.sniff(url) else { return }
        let limits = ExtractionLimits()
        switch format {
        case .pdf:
            _ = try? await context.transcriber.transcribePages(url, format: .pdf)
        case .png, .jpeg, .webp, .heic:
            _ = ExifOrientation.of(url, format: format)
            _ = try? StillImages.decodedSize(url, format: format, limits: limits)
        case .tiff:
            guard let count = try? LeptonicaImage.tiffPageCount(at: url), (try? limits.checkPages(count)) != nil else { return }
            for page in 1...min(count, 8) {
                if let size = LeptonicaImage.tiffHeaderSize(at: url, page: page) {
                    guard (try? limits.checkPixels(width: size.width, height: size.height, page: page)) != nil else { return }
                }
                if let image = try? LeptonicaImage(tiffAt: url, page: page) { _ = try? image.grayscale() }
            }
        case .text, .html, .email:
            _ = try? await context.transcriber.transcribePages(url, format: format)
        case .docx, .odt, .doc, .rtf, .msg:
            // LibreOffice and msgconvert take a second or so a file: fuzzed by the hostile corpus instead.
            break
        case .zip:
            let scratch = url.deletingLastPathComponent().appendingPathComponent("unpacked-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: scratch) }
            _ = try? ZIPArchiveReader.expand(url, into: scratch, limits: ContainerLimits(maxExpandedBytes: 64 << 20))
        }
    }
}

/// The seed corpus, made here: small valid documents and texts of every kind the targets read.
enum FuzzSeeds {
    static var documents: [[UInt8]] {
        let letter = MadePDF.letter(1)
        let pages = MadePDF.make(pages: [
            ["Pagina een (met haakjes) en een \\ schuine streep", "Datum 1 december 2026"],
            ["Pagina twee: ëéà"], [],
        ])
        let pixels = MadeImage.pattern(width: 48, height: 32)
        return [
            [UInt8](letter), [UInt8](pages),
            [UInt8](MadeImage.png(width: 48, height: 32, pixels: pixels)),
            [UInt8](MadeImage.tiff(width: 48, height: 32, pages: [pixels, MadeImage.pattern(width: 48, height: 32, variant: 1)])),
            Array("Geachte heer,\r\n\r\nIk verklaar dat ik op 3 maart 2019 ben aangekomen.\u{0C}Pagina twee\n".utf8),
            [0xFF, 0xFE] + "Verklaring € 5".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
            Array(("<!DOCTYPE html><html><head><meta charset=\"windows-1252\"><title>t</title><style>p{}</style></head>"
                + "<body><h1>Beslissing</h1><p>Geachte&nbsp;heer &amp; mevrouw,<br>regel</p><ul><li>een<li>twee</ul>"
                + "<table><tr><td>a</td><td>b</td></tr></table><script>if (a < b) {}</script><!-- x --></body></html>").utf8),
        ] + photos(pixels: pixels) + containers(letter: letter)
    }

    /// A message with a text body and the letter attached, and a ZIP of the letter and a text.
    static func containers(letter: Data) -> [[UInt8]] {
        var seeds = [[UInt8](MadeMail.lawyersMessage(pdf: letter, statement: Data("Verklaring van de werkgever.\n".utf8)))]
        let zip = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-fuzz-seed-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: zip) }
        if let data = try? MadeArchive.write([.file("brief.pdf", letter), .file("map/verklaring.txt", Data("Geachte heer,\n".utf8))], to: zip) {
            seeds.append([UInt8](data))
        }
        return seeds
    }

    /// The pattern as a messenger's WebP, a phone's JPEG with an EXIF orientation, and a HEIC
    /// photo when libheif's encoder (`heif-enc`) is installed.
    static func photos(pixels: [UInt8]) -> [[UInt8]] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-fuzz-seeds-\(UUID().uuidString)")
        guard (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil else { return [] }
        defer { try? FileManager.default.removeItem(at: folder) }
        var seeds: [[UInt8]] = []
        guard let image = try? LeptonicaImage(grayPixels: pixels, width: 48, height: 32, resolution: 300) else { return [] }
        let webp = folder.appendingPathComponent("seed.webp"), jpeg = folder.appendingPathComponent("seed.jpg")
        if (try? image.writeWebP(to: webp)) != nil, let data = try? Data(contentsOf: webp) { seeds.append([UInt8](data)) }
        if (try? image.writeJPEG(to: jpeg, quality: 80)) != nil, let data = try? Data(contentsOf: jpeg) {
            // An APP1 segment right after the start marker: Exif, a little-endian TIFF header,
            // one directory entry, orientation 6.
            let tiff: [UInt8] = [0x49, 0x49, 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0]
            let body = Array("Exif".utf8) + [0, 0] + tiff
            seeds.append([UInt8](data.prefix(2)) + [0xFF, 0xE1, 0, UInt8(body.count + 2)] + body + [UInt8](data.dropFirst(2)))
        }
        let png = folder.appendingPathComponent("seed.png"), heic = folder.appendingPathComponent("seed.heic")
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/heif-enc"), (try? image.write(to: png)) != nil {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/heif-enc")
            process.arguments = ["-q", "50", "-o", heic.path, png.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            if (try? process.run()) != nil {
                process.waitUntilExit()
                if process.terminationStatus == 0, let data = try? Data(contentsOf: heic) { seeds.append([UInt8](data)) }
            }
        }
        return seeds
    }

    static var wire: [[UInt8]] {
        let box = PageBox(x: 72, y: 61.2, width: 46.7, height: 13.9)
        let layout = PageLayout(unit: "pt", width: 595, height: 842, blocks: [
            LaidOutBlock(box: box, lines: [LaidOutLine(box: box, words: [
                LaidOutWord(text: "Geachte", confidence: 100, box: box), LaidOutWord(text: "heer,", confidence: 96.5, box: box),
            ])]),
        ])
        let pages = [
            [PageTranscript(number: 1, method: .textLayer, text: "Geachte heer,", confidence: nil, layout: layout)],
            [PageTranscript(number: 1, method: .ocr, text: "", confidence: 0, decision: .blank),
             PageTranscript(number: 2, method: .ocr, text: "Datum 1 december 2026", confidence: 91,
                            corrections: PageCorrections(rotation: 90, skew: 0.4, dpi: 300, upscaledFrom: nil, dpiEstimated: nil, denoised: true),
                            layout: layout, needsLanguage: "fra")],
            [],
            [PageTranscript(number: 7, method: .textLayer, text: "Ingebrekestelling\u{0C}ë", confidence: nil, textLayerScore: 0.97,
                            layout: PageLayout(unit: "px", width: 2480, height: 3508, blocks: []))],
        ]
        return pages.compactMap { try? [UInt8](PageWire.encode($0)) }
    }

    static var mrz: [[UInt8]] {
        // ICAO 9303's own specimens (TD3 passport, TD1 and TD2 cards, a visa) and a Dutch-style one.
        [
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
            "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<",
            "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6",
            "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL8988901C4XXX4009078F96121096ZE184226B<<<<<<",
            "P<NLDDE<BRUIJN<<WILLEKE<LISELOTTE<<<<<<<<<<<\nSPECI20142NLD6503101F2403096999999990<<<<<84",
        ].map { Array($0.utf8) }
    }

    static var dates: [[UInt8]] {
        [
            "Datum: 1 december 2026. Wij verzoeken u binnen zes weken na dagtekening te betalen, uiterlijk op 12-01-2027.",
            "Geboren op 14 maart 1988 te Utrecht; ingang 2026-03-01; verloopt 31/12/2030. Bedrag € 1.234,56 en EUR 99,-.",
            "Date of birth 3 March 1990, issued 02.04.2021, valid until 1 April 2031; amount EUR 2,500.00",
            "Beslistermijn: acht weken na ontvangst van de aanvraag op 15 oktober 2026; bezwaar binnen 6 weken.",
        ].map { Array($0.utf8) }
    }

    static var text: [[UInt8]] {
        [
            "Geachte heer Jansen,\n\nNamens mijn cliënt stel ik u hierbij in gebreke. U hebt niet tijdig beslist op de aanvraag van 3 maart 2026. "
                + "Ik verzoek u binnen twee weken alsnog te beslissen.\n\nHoogachtend,\nmr. B. de Vries\u{0C}Bijlage: kopie aanvraag.\n",
            "The court concludes that the appeal is well founded. Therefore the decision of 1 April 2026 is annulled.\u{0C}\u{0C}Costs: EUR 1,750.",
            "Ondergetekende verklaart... dat hij (zie art. 3.4 Vb 2000) op 01-02-2020 is ingereisd!? Zo ja: waarom niet? Nee.",
        ].map { Array($0.utf8) }
    }

    static var identifiers: [[UInt8]] {
        [
            "BSN 1234.56.782, V-nummer 1234567890, IBAN NL91 ABNA 0417 1643 00 en BE71 0961 2345 6769.",
            "Uitspraak ECLI:NL:RBDHA:2026:1234; KvK-nummer 12345678; postcode 2511 AB Den Haag.",
            "Paspoort SPECI2014, verblijfsdocument W12345678; burgerservicenummer 111222333.",
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\nGeachte heer, hierbij stel ik u in gebreke.",
        ].map { Array($0.utf8) }
    }
}
