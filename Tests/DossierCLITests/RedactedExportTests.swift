import DossierCore
import Foundation
import Testing
import TestSupport

/// Runs a program from PATH and returns its standard output (for the checks: pdftotext, pdfinfo,
/// pdftoppm, qpdf).
private func tool(_ arguments: [String]) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return data
}

/// Lower case, letters and digits only: how a hidden string is looked for in extracted text.
private func squeezed(_ text: String) -> String {
    String(text.lowercased().filter { $0.isLetter || $0.isNumber })
}

/// The grey values of a PGM (P5, 8 bit) and its size.
private func pgm(_ data: Data) throws -> (width: Int, height: Int, pixels: [UInt8]) {
    var fields: [String] = []
    var index = 0
    let bytes = [UInt8](data)
    while fields.count < 4 {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A { index += 1 }
        var field = ""
        while index < bytes.count, bytes[index] != 0x20, bytes[index] != 0x0A { field.append(Character(UnicodeScalar(bytes[index]))); index += 1 }
        fields.append(field)
    }
    index += 1
    guard fields[0] == "P5", let width = Int(fields[1]), let height = Int(fields[2]) else { throw CocoaError(.fileReadCorruptFile) }
    return (width, height, Array(bytes[index..<min(bytes.count, index + width * height)]))
}

@Suite("Redacted copies")
struct RedactedExportTests {
    static let current = [
        "Immigratie- en Naturalisatiedienst",
        "Aan de heer R. Kumar",
        "Kastanjelaan 14b",
        "2612 HK Delft",
        "",
        "Datum: 3 november 2026",
        "V-nummer: 2876543210",
        "",
        "Geachte heer Kumar,",
        "",
        "U bent geboren op 14 maart 1991. Uw BSN is 111222333.",
        "Uw rekening NL91 ABNA 0417 1643 00 is bij ons bekend.",
        "Bel ons op 06-12345678 of mail naar rohan.kumar@example.org.",
        "",
        "Met vriendelijke groet,",
        "mevrouw J. van der Meulen",
    ]

    @Test("Copies hide what was approved: not in the text, not under OCR, black in the pixels, no metadata, notes or earlier revisions")
    func proofs() async throws {
        let folder = try TemporaryFolder("dossier-redacted")
        let store = folder.url.appendingPathComponent("store").path
        let client = try await CLIClient.withTestAccounts(store: store, in: folder)
        let letter = folder.url.appendingPathComponent("brief-kumar.pdf")
        try MadePDF.withHistory(
            current: Self.current, earlier: ["Concept: Kumar woonde eerder aan de Molenstraat 9 in Almere."],
            author: "Jan Ambtenaar", title: "Dossier Kumar intern", producer: "GeheimeProducer 1.0",
            note: "Interne notitie: Kumar belde boos op."
        ).write(to: letter)
        let unapproved = folder.url.appendingPathComponent("bijlage.pdf")
        try MadePDF.make(pages: [["Bijlage bij de brief aan de heer R. Kumar, BSN 111222333."]]).write(to: unapproved)
        let intake = try client.run(["intake", letter.path, SampleFiles.passportPNG.path, unapproved.path, "--case", "ZAAK-R",
                                     "--json", "--today", "2026-11-30"], as: "inga")
        #expect(intake.status == 0)

        let list = try client.run(["review", "list", "--case", "ZAAK-R", "--json"], as: "anna")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let sets = items.filter { $0["kind"] as? String == "redaction" }
        #expect(sets.count == 3, "one set per document")
        func setID(_ document: String) throws -> Int {
            try #require(sets.first { $0["document"] as? String == document }?["id"] as? Int)
        }
        // Two people per set: anna confirms, bram approves; bijlage.pdf stays unapproved.
        for document in ["brief-kumar.pdf", "paspoort-scan.png"] {
            let id = try setID(document)
            let early = try client.run(["review", "approve", "\(id)"], as: "bram")
            #expect(early.status != 0, "a set nobody checked is not approved")
            #expect(try client.run(["review", "redact", "\(id)"], as: "anna").status == 0)
            #expect(try client.run(["review", "approve", "\(id)"], as: "anna").status != 0, "four-eyes")
            #expect(try client.run(["review", "approve", "\(id)"], as: "bram").status == 0)
        }
        let show = try client.run(["review", "show", "\(try setID("brief-kumar.pdf"))"], as: "anna")
        #expect(show.stdout.contains("bsn \"111222333\""))
        #expect(show.stdout.contains("name \"R. Kumar\""))

        let target = folder.url.appendingPathComponent("voor-rechtbank")
        let export = try client.run(["export", "--case", "ZAAK-R", "--to", target.path, "--redacted"], as: "lead")
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.contains("2 redacted copies"))
        let files = try FileManager.default.contentsOfDirectory(atPath: target.path).sorted()
        #expect(files.count == 3, "two copies and the manifest; the unapproved document is not written: \(files)")
        #expect(!files.contains { $0.contains("kumar") || $0.contains("bijlage") }, "no original file names")
        let manifestText = try String(contentsOf: target.appendingPathComponent("manifest.json"), encoding: .utf8)
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(manifestText.utf8)) as? [String: Any])
        let documents = try #require(manifest["documents"] as? [[String: Any]])
        #expect(documents.allSatisfy { $0["approved_by"] as? String == "bram" && $0["checked_by"] as? String == "anna" })
        #expect(manifest["withheld_documents"] as? Int == 1)

        // What each copy must hide: the quotes of the approved marks, from the store.
        for document in documents {
            let item = try #require(document["redaction_item"] as? Int)
            let shown = try client.run(["review", "show", "\(item)", "--json"], as: "anna")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
            let evidence = try #require((json["item"] as? [String: Any])?["evidence"] as? [[String: Any]])
            let hidden = evidence.compactMap { $0["quote"] as? String }.filter { squeezed($0).count >= 4 }
            #expect(!hidden.isEmpty)
            let copy = target.appendingPathComponent(try #require(document["file"] as? String))
            #expect(!squeezed(manifestText).contains(squeezed(hidden[0])), "the manifest never holds hidden text")

            // 1. Not in the text layer.
            let text = squeezed(String(decoding: try tool(["pdftotext", copy.path, "-"]), as: UTF8.self))
            for quote in hidden { #expect(!text.contains(squeezed(quote)), "pdftotext finds \(quote)") }
            #expect(text.contains("naturalisatiedienst") || text.contains("paspoort") || text.contains("passport"),
                    "the rest of the text is still searchable")
            // 2. Not under a fresh OCR of the copy.
            let ocr = try DossierBinary.run(["transcribe", "--ocr", "always", copy.path])
            #expect(ocr.status == 0)
            let read = squeezed(ocr.stdout)
            for quote in hidden { #expect(!read.contains(squeezed(quote)), "OCR of the copy reads \(quote)") }
            // 3. Every pixel inside every box is black.
            let info = String(decoding: try tool(["pdfinfo", copy.path]), as: UTF8.self)
            let pageSize = try #require(info.split(separator: "\n").first { $0.hasPrefix("Page size:") })
            let numbers = pageSize.split(separator: " ").compactMap { Double($0) }
            let image = try pgm(try tool(["pdftoppm", "-r", "100", "-gray", "-singlefile", copy.path]))
            let redactions = try #require(document["redactions"] as? [[String: Any]])
            let pixelWidth = try Self.pixelWidth(of: item, client: client)
            for redaction in redactions {
                let box = try #require(redaction["box"] as? [Double])
                // Boxes are in points (a PDF page) or in the image's own pixels: scale to the render.
                let scale = redaction["unit"] as? String == "pt" ? Double(image.width) / numbers[0] : Double(image.width) / (try #require(pixelWidth))
                let left = Int((box[0] * scale).rounded(.up)) + 1, top = Int((box[1] * scale).rounded(.up)) + 1
                let right = Int(((box[0] + box[2]) * scale).rounded(.down)) - 1, bottom = Int(((box[1] + box[3]) * scale).rounded(.down)) - 1
                guard right > left, bottom > top else { continue }
                var brightest: UInt8 = 0
                for y in top..<bottom { for x in left..<right { brightest = max(brightest, image.pixels[y * image.width + x]) } }
                #expect(brightest <= 16, "a pixel inside a redacted box is not black (\(brightest))")
            }
            // 4. No metadata, note or earlier revision of the original, in any byte of the copy.
            #expect(!info.contains("Jan Ambtenaar") && !info.contains("Dossier Kumar") && !info.contains("GeheimeProducer"))
            let bytes = String(decoding: try tool(["qpdf", "--qdf", "--object-streams=disable", copy.path, "-"]), as: UTF8.self)
            for secret in ["Jan Ambtenaar", "Dossier Kumar", "GeheimeProducer", "Interne notitie", "Molenstraat", "Kumar", "111222333"] {
                #expect(!bytes.contains(secret), "the copy's bytes hold \(secret)")
            }
            #expect(!bytes.contains("/Annots") && !bytes.contains("/AcroForm") && !bytes.contains("/EmbeddedFiles"))
        }

        // The audit trail says which approved sets went out in a copy, and who wrote it.
        let audit = try client.run(["audit", "log", "--case", "ZAAK-R", "--json"], as: "lead")
        let events = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
        let copies = events.filter { ($0["action"] as? String ?? $0["actionName"] as? String) == "redacted-copy" }
        #expect(copies.count == 2, "\(audit.stdout.prefix(400))")
        #expect(copies.allSatisfy { $0["actor"] as? String == "lead" })
        #expect(try client.run(["audit", "verify"], as: "lead").status == 0)

        // A lawyer's copy keeps the names (the policy) but not the citizen service number.
        let lawyer = folder.url.appendingPathComponent("voor-advocaat")
        #expect(try client.run(["export", "--case", "ZAAK-R", "--to", lawyer.path, "--redacted", "--for", "lawyer"], as: "lead").status == 0)
        let lawyerText = String(decoding: try tool(["pdftotext", lawyer.appendingPathComponent("01-document.pdf").path, "-"]), as: UTF8.self)
        #expect(lawyerText.contains("Kumar"))
        #expect(!lawyerText.contains("111222333"))
        #expect(!lawyerText.contains("06-12345678"))
        // A recipient without a policy is refused in one line.
        let unknown = try client.run(["export", "--case", "ZAAK-R", "--to", folder.url.appendingPathComponent("x").path, "--redacted", "--for", "press"], as: "lead")
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no redaction policy for recipient 'press'"))
    }

    @Test("A lawyer's copy of a Dutch identity card keeps its zone but not the BSN inside it: not in the text, not under OCR, black in the pixels")
    func citizenNumberInsideAZone() async throws {
        let bsn = "314159265"
        let folder = try TemporaryFolder("dossier-redacted-zone")
        let store = folder.url.appendingPathComponent("store").path
        let client = try await CLIClient.withTestAccounts(store: store, in: folder)
        let intake = try client.run(["intake", SampleFiles.dutchCardPNG.path, "--case", "ZAAK-Z", "--json", "--today", "2026-11-30"], as: "inga")
        #expect(intake.status == 0, "\(intake.stderr)")
        let list = try client.run(["review", "list", "--case", "ZAAK-Z", "--json"], as: "anna")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let id = try #require(items.first { $0["kind"] as? String == "redaction" }?["id"] as? Int)
        // The set as proposed: the zone, and inside it the BSN as a mark of its own, every mark placed.
        let shown = try client.run(["review", "show", "\(id)"], as: "anna")
        #expect(!shown.stdout.contains("NOT PLACED"), "\(shown.stdout)")
        #expect(shown.stdout.components(separatedBy: "bsn \"\(bsn)\"").count - 1 == 2, "the printed BSN and the zone's: \(shown.stdout)")
        #expect(shown.stdout.contains("inside a machine-readable zone"))
        #expect(try client.run(["review", "redact", "\(id)"], as: "anna").status == 0)
        #expect(try client.run(["review", "approve", "\(id)"], as: "bram").status == 0)

        let target = folder.url.appendingPathComponent("voor-advocaat")
        let export = try client.run(["export", "--case", "ZAAK-Z", "--to", target.path, "--redacted", "--for", "lawyer"], as: "lead")
        #expect(export.status == 0, "\(export.stderr)")
        let copy = target.appendingPathComponent("01-document.pdf")
        // 1. Not in the copy's text layer; the zone's other lines are there (the lawyer keeps zones).
        let text = squeezed(String(decoding: try tool(["pdftotext", copy.path, "-"]), as: UTF8.self))
        #expect(!text.contains(bsn))
        #expect(text.contains("degraaf") || text.contains("graafpieter"), "the names stay in a lawyer's copy: \(text)")
        // 2. Not under a fresh OCR of the copy, which still reads the zone's other lines.
        let ocr = try DossierBinary.run(["transcribe", "--ocr", "always", copy.path])
        #expect(ocr.status == 0)
        let read = ocr.stdout.uppercased().filter { !$0.isWhitespace }
        #expect(!read.contains(bsn) && !read.contains("14159"), "OCR of the copy reads the BSN: \(ocr.stdout)")
        #expect(read.contains("8803023M3103016NLD"), "the zone's second line stays readable: \(ocr.stdout)")
        // 3. Every pixel under the BSN marks is black.
        let item = try client.run(["review", "show", "\(id)", "--json"], as: "anna")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(item.stdout.utf8)) as? [String: Any])
        let proposal = try #require((json["item"] as? [String: Any])?["proposal"] as? String)
        let set = try #require(RedactionSet(json: proposal))
        let marks = set.marks.filter { $0.category == .bsn }
        #expect(marks.count == 2)
        let image = try pgm(try tool(["pdftoppm", "-r", "100", "-gray", "-singlefile", copy.path]))
        let pageWidth = try #require(set.pages.first?.width)
        let scale = Double(image.width) / pageWidth
        for box in marks.flatMap(\.boxes) {
            let left = Int((box.x * scale).rounded(.up)) + 1, top = Int((box.y * scale).rounded(.up)) + 1
            let right = Int(((box.x + box.width) * scale).rounded(.down)) - 1, bottom = Int(((box.y + box.height) * scale).rounded(.down)) - 1
            #expect(right > left && bottom > top)
            var brightest: UInt8 = 0
            for y in top..<bottom { for x in left..<right { brightest = max(brightest, image.pixels[y * image.width + x]) } }
            #expect(brightest <= 16, "a pixel under a BSN mark is not black (\(brightest))")
        }
    }

    /// The width in pixels of the image a redaction set's page boxes are measured in.
    static func pixelWidth(of item: Int, client: CLIClient) throws -> Double? {
        let shown = try client.run(["review", "show", "\(item)", "--json"], as: "anna")
        guard let json = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any],
              let proposal = (json["item"] as? [String: Any])?["proposal"] as? String,
              let set = try JSONSerialization.jsonObject(with: Data(proposal.utf8)) as? [String: Any],
              let pages = set["pages"] as? [[String: Any]] else { return nil }
        return pages.first?["width"] as? Double
    }
}
