import DossierCore
import Foundation
import Testing
import TestSupport

@Suite("dossier, end to end")
struct CLITests {
    @Test("transcribe prints text-layer pages as text, form-feed terminated")
    func transcribeText() throws {
        let result = try DossierBinary.run(["transcribe", SampleFiles.letterPDF.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Ingebrekestelling wegens niet tijdig beslissen"))
        #expect(result.stdout.hasSuffix("\u{0C}"))
    }

    @Test("transcribe --format json has file, sha256 and pages with number, method, text, confidence")
    func transcribeJSON() throws {
        let result = try DossierBinary.run(["transcribe", "--format", "json", SampleFiles.payslipPNG.path])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["file"] as? String == SampleFiles.payslipPNG.path)
        #expect(json["sha256"] as? String == (try FileDigest.sha256(of: SampleFiles.payslipPNG)))
        let pages = try #require(json["pages"] as? [[String: Any]])
        #expect(pages.count == 1)
        #expect(pages[0]["number"] as? Int == 1)
        #expect(pages[0]["method"] as? String == "ocr")
        let confidence = try #require(pages[0]["confidence"] as? Double)
        #expect((0...100).contains(confidence))
        #expect((pages[0]["text"] as? String)?.contains("Nettoloon") == true)
    }

    @Test("transcribe of a bad file prints one line naming the file and the reason")
    func transcribeBad() throws {
        let result = try DossierBinary.run(["transcribe", SampleFiles.encryptedPDF.path])
        #expect(result.status == 1)
        #expect(result.stderr == "dossier: \(SampleFiles.encryptedPDF.path): the PDF is encrypted and needs a password\n")
        #expect(result.stdout.isEmpty)
    }

    @Test("transcribe FILE prints and fails exactly as with every default option spelled out")
    func plainTranscribeMatchesParsed() throws {
        let folder = try TemporaryFolder("dossier-plain")
        let missing = folder.url.appendingPathComponent("weg.pdf")
        for file in [SampleFiles.letterPDF, SampleFiles.junkLayerPDF, SampleFiles.employerStatementText, SampleFiles.encryptedPDF, missing] {
            let plain = try DossierBinary.run(["transcribe", file.path])
            let parsed = try DossierBinary.run([
                "transcribe", file.path, "--format", "text", "--ocr", "auto", "--lang", "nld+eng", "--max-pages", "5000",
            ])
            #expect(plain.status == parsed.status, "\(file.lastPathComponent)")
            #expect(plain.stdout == parsed.stdout, "\(file.lastPathComponent)")
            #expect(plain.stderr == parsed.stderr, "\(file.lastPathComponent)")
        }
        // $DOSSIER_CACHE holds for the plain form too.
        let cache = folder.url.appendingPathComponent("cache")
        let cached = try DossierBinary.run(["transcribe", SampleFiles.letterPDF.path], environment: ["DOSSIER_CACHE": cache.path])
        #expect(cached.status == 0)
        #expect(!(FileManager.default.enumerator(atPath: cache.path)?.allObjects.isEmpty ?? true))
        // A folder is the parser's to explain.
        let whole = try DossierBinary.run(["transcribe", folder.url.path])
        #expect(whole.status == 64)
    }

    @Test("intake → review → export on the samples: bad files fail alone, only approved items are exported")
    func wholeFlow() async throws {
        let folder = try TemporaryFolder("dossier-cli")
        let store = folder.url.appendingPathComponent("store").path
        let client = try await CLIClient.withTestAccounts(store: store, in: folder)
        let samples = SampleFiles.repositoryRoot.appendingPathComponent("Samples").path

        let intake = try client.run(["intake", samples, "--case", "ZAAK-7", "--json", "--today", "2026-11-23"], as: "inga")
        #expect(intake.status == 1, "two samples are broken on purpose")
        let stderrLines = intake.stderr.split(separator: "\n")
        #expect(stderrLines.count == 2)
        #expect(stderrLines.allSatisfy { $0.hasPrefix("dossier: \(samples)/") })
        let report = try #require(try JSONSerialization.jsonObject(with: Data(intake.stdout.utf8)) as? [String: Any])
        let files = try #require(report["files"] as? [[String: Any]])
        #expect(files.filter { $0["status"] as? String == "stored" }.count == 19)
        #expect(files.filter { $0["status"] as? String == "failed" }.count == 2)

        let again = try DossierBinary.run(["intake", SampleFiles.letterPDF.path, "--case", "ZAAK-7"],
                                          environment: ["DOSSIER_STORE": store, "DOSSIER_CONFIG_HOME": client.home("inga").path])
        #expect(again.status == 0)
        #expect(again.stdout.contains("duplicate"))
        #expect(again.stdout.contains("nothing added"))

        let list = try client.run(["review", "list", "--case", "ZAAK-7", "--json"], as: "anna")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(items.filter { ["document-type", "transcript"].contains($0["kind"] as? String) }.count == 38, "a type and a transcript per stored file")
        let summaries = items.filter { $0["kind"] as? String == "summary" }
        #expect(summaries.contains { ($0["summary"] as? String)?.hasPrefix("Case ZAAK-7: 19 documents.") == true }, "the case overview")
        #expect(summaries.contains { $0["document"] as? String == "ingebrekestelling.pdf" && ($0["summary"] as? String)?.contains("in gebreke") == true })
        let flags = items.filter { $0["kind"] as? String == "flag" }.compactMap { $0["summary"] as? String }
        #expect(flags.filter { $0.hasPrefix("critical deadline") }.count == 3, "three copies of a notice of default whose term passed")
        #expect(flags.contains { $0.contains("translation-needed") && $0.contains("Greek on page 1") })
        #expect(flags.contains { $0.contains("translation-needed") && $0.contains("French on page 1") })
        #expect(flags.contains { $0.contains("translation-needed") && $0.contains("Persian on page 1") })
        #expect(flags.contains { $0.contains("translation-needed") && $0.contains("Tigrinya on page 1") })
        #expect(items.allSatisfy { $0["state"] as? String == "proposed" })
        let letterType = try #require(items.first { $0["document"] as? String == "ingebrekestelling.pdf" && $0["kind"] as? String == "document-type" })
        let letterID = try #require(letterType["id"] as? Int)

        let show = try client.run(["review", "show", "\(letterID)"], as: "anna")
        #expect(show.status == 0)
        #expect(show.stdout.contains("notice-of-default"))
        #expect(show.stdout.contains("evidence  page 1"))
        #expect(show.stdout.contains("Ingebrekestelling wegens niet tijdig beslissen"), "source text around the evidence")

        let emptyExport = try client.run(["export", "--case", "ZAAK-7", "--to", folder.url.appendingPathComponent("leeg").path], as: "lead")
        #expect(emptyExport.status == 0)
        #expect(emptyExport.stdout.contains("nothing approved"))

        let rejectWithoutReason = try client.run(["review", "reject", "\(letterID)"], as: "anna")
        #expect(rejectWithoutReason.status != 0)
        let approve = try client.run(["review", "approve", "\(letterID)"], as: "anna")
        #expect(approve.status == 0)
        #expect(approve.stdout.contains("by anna"))
        let twice = try client.run(["review", "approve", "\(letterID)"], as: "anna")
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("already approved"))

        let target = folder.url.appendingPathComponent("dossier")
        let export = try client.run(["export", "--case", "ZAAK-7", "--to", target.path], as: "lead")
        #expect(export.status == 0)
        let exported = try FileManager.default.contentsOfDirectory(atPath: target.appendingPathComponent("items").path)
        #expect(exported == ["\(letterID)-document-type.json"])
        let manifest = try String(contentsOf: target.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"approved_by\" : \"anna\""))

        let filed = try client.run(["review", "list", "--state", "filed"], as: "anna")
        #expect(filed.stdout.split(separator: "\n").count == 1)
        #expect(filed.stdout.hasPrefix("\(letterID)\tfiled"), "an exported item is filed")
    }

    @Test("review next → edit → four-eyes → approve, audit verify and log, search, export with the trail's head")
    func reviewWorkflow() async throws {
        let folder = try TemporaryFolder("dossier-cli")
        let store = folder.url.appendingPathComponent("store").path
        let client = try await CLIClient.withTestAccounts(store: store, in: folder)
        let intake = try client.run(["intake", SampleFiles.letterPDF.path, "--case", "ZAAK-8", "--today", "2026-11-23", "--quiet"], as: "inga")
        #expect(intake.status == 0)
        // The most urgent item first: the passed deadline.
        let next = try client.run(["review", "next", "--case", "ZAAK-8", "--json"], as: "anna")
        let claimed = try #require(try JSONSerialization.jsonObject(with: Data(next.stdout.utf8)) as? [String: Any])
        #expect(claimed["kind"] as? String == "flag")
        #expect(claimed["claimed_by"] as? String == "anna")
        let flagID = try #require(claimed["id"] as? Int)
        let refused = try client.run(["review", "approve", "\(flagID)"], as: "bram")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("claimed by anna"))

        let list = try client.run(["review", "list", "--json"], as: "anna")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let summaryID = try #require(items.first { $0["kind"] as? String == "summary" && ($0["summary"] as? String)?.hasPrefix("Case") == false }?["id"] as? Int)
        let show = try client.run(["review", "show", "\(summaryID)"], as: "anna")
        #expect(show.stdout.contains("sentences, each with the source lines it cites:"))
        #expect(show.stdout.contains("p1 l10 │ Namens mijn cliënt"), "each sentence with its cited lines")
        // Keep sentence 1 as it is, rewrite sentence 2, drop the rest.
        let sentenceOne = try #require(show.stdout.split(separator: "\n").first { $0.hasPrefix("[1] ") }).dropFirst(4)
        let edit = try client.run(["review", "edit", "\(summaryID)",
                                   "--text", "[2] De aanvraag kwam binnen op 12 februari 2026.\n[1] \(sentenceOne)"], as: "anna")
        #expect(edit.status == 0)
        #expect(edit.stdout.contains("another reviewer must approve it"))
        let selfApproval = try client.run(["review", "approve", "\(summaryID)"], as: "anna")
        #expect(selfApproval.status == 1)
        #expect(selfApproval.stderr.contains("four-eyes applies"))
        let untagged = try client.run(["review", "edit", "\(summaryID)", "--text", "Zomaar een zin."], as: "anna")
        #expect(untagged.status != 0)
        #expect(untagged.stderr.contains("[n] tag"))
        let approve = try client.run(["review", "approve", "\(summaryID)"], as: "bram")
        #expect(approve.status == 0)
        #expect(approve.stdout.contains("edited-and-approved"))
        let shown = try client.run(["review", "show", "\(summaryID)"], as: "anna")
        #expect(shown.stdout.contains("[1] (rewritten by a reviewer) De aanvraag kwam binnen op 12 februari 2026."))
        #expect(shown.stdout.contains("- (p1 l12) De aanvraag is ontvangen op 12 februari 2026."))

        let verify = try client.run(["audit", "verify"], as: "anna")
        #expect(verify.status == 0)
        #expect(verify.stdout.hasPrefix("audit trail intact:"))
        let log = try client.run(["audit", "log", "--case", "ZAAK-8", "--json"], as: "anna")
        let events = try #require(try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]])
        #expect(events.compactMap { $0["action"] as? String }.filter { ["claim", "edit", "approve"].contains($0) } == ["claim", "edit", "approve"])
        #expect(events.first { $0["action"] as? String == "edit" }?["actor"] as? String == "anna")

        let search = try client.run(["search", "client gebreke"], as: "anna")
        #expect(search.stdout.contains("ingebrekestelling.pdf\tpage 1"))

        let target = folder.url.appendingPathComponent("dossier")
        let export = try client.run(["export", "--case", "ZAAK-8", "--to", target.path], as: "lead")
        #expect(export.status == 0)
        let manifest = try String(contentsOf: target.appendingPathComponent("manifest.json"), encoding: .utf8)
        let head = try #require(verify.stdout.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        #expect(manifest.contains("\"audit_head\" : \"\(head)\""))
        let item = try String(contentsOf: target.appendingPathComponent("items/\(summaryID)-summary.json"), encoding: .utf8)
        #expect(item.contains("De aanvraag kwam binnen op 12 februari 2026.") && item.contains("\"edited_by\" : \"anna\""))

        // Someone changes the trail behind the store's back: verify names the event, export refuses.
        let database = folder.url.appendingPathComponent("store/dossier.sqlite").path
        let tamper = Process()
        tamper.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tamper.arguments = ["python3", "-c", """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("DROP TRIGGER audit_events_are_append_only")
            db.execute("UPDATE audit_events SET actor = 'mallory' WHERE action = 'edit'")
            db.commit()
            """, database]
        try tamper.run()
        tamper.waitUntilExit()
        #expect(tamper.terminationStatus == 0)
        let broken = try client.run(["audit", "verify"], as: "anna")
        #expect(broken.status == 7)
        #expect(broken.stderr.contains("audit trail broken at event"))
        let refusedExport = try client.run(["export", "--case", "ZAAK-8", "--to", folder.url.appendingPathComponent("again").path], as: "lead")
        #expect(refusedExport.status != 0)
        #expect(refusedExport.stderr.contains("audit trail does not verify"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("again").path))
    }

    @Test("analyze screens files as one case: types, deadlines, flags with evidence, case flags; a bad file fails alone")
    func analyze() throws {
        let result = try DossierBinary.run([
            "analyze", "--json", "--today", "2026-11-10", "--procedure", "labour",
            SampleFiles.letterPDF.path, SampleFiles.scannedLetterPDF.path, SampleFiles.truncatedPDF.path,
        ])
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").count == 2, "the broken file's line and the summary")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let documents = try #require(json["documents"] as? [[String: Any]])
        #expect(documents.count == 2)
        let letter = documents[0]
        #expect((letter["type"] as? [String: Any])?["id"] as? String == "notice-of-default")
        #expect((letter["language"] as? [String: Any])?["code"] as? String == "nld")
        let identifiers = try #require(letter["identifiers"] as? [[String: Any]])
        #expect(identifiers.contains { $0["kind"] as? String == "v-number" && $0["value"] as? String == "1234567890" })
        let dates = try #require(letter["dates"] as? [[String: Any]])
        #expect(dates.contains { $0["role"] as? String == "letter" && $0["date"] as? String == "2026-11-03" })
        #expect(dates.contains { $0["role"] as? String == "birth" && $0["date"] as? String == "1988-03-14" })
        let flags = try #require(letter["flags"] as? [[String: Any]])
        let deadline = try #require(flags.first { $0["kind"] as? String == "deadline" })
        #expect(deadline["severity"] as? String == "high", "7 days left on 10 November")
        let evidence = try #require((deadline["evidence"] as? [[String: Any]])?.first)
        #expect(evidence["quote"] as? String == "3 november 2026")
        #expect(evidence["page"] as? Int == 1)
        let caseFlags = try #require(json["case_flags"] as? [[String: Any]])
        #expect(caseFlags.contains { $0["kind"] as? String == "near-duplicate" })
        #expect(caseFlags.filter { $0["kind"] as? String == "missing-document" }.count == 3)
        #expect((json["failed"] as? [[String: Any]])?.count == 1)

        let text = try DossierBinary.run(["analyze", "--today", "2026-11-23", SampleFiles.letterPDF.path])
        #expect(text.status == 0)
        #expect(text.stdout.contains("notice-of-default"))
        #expect(text.stdout.contains("CRITICAL deadline"))
        let unknown = try DossierBinary.run(["analyze", "--procedure", "holiday", SampleFiles.letterPDF.path])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no checklist for procedure 'holiday'"))
    }

    @Test("summarize: sentences of the document in its order, each citing page, line and characters")
    func summarize() throws {
        // Two sentences: the request with its term and the date of the application; the third
        // pick is the long sentence that gives notice of default.
        let plain = try DossierBinary.run(["summarize", "--sentences", "2", SampleFiles.letterPDF.path])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("Ik verzoek u alsnog binnen twee weken"))
        let three = try DossierBinary.run(["summarize", "--sentences", "3", SampleFiles.letterPDF.path])
        #expect(three.stdout.contains("stel ik u hierbij in gebreke"))
        let result = try DossierBinary.run(["summarize", "--json", "--max-words", "60", "--today", "2026-11-23", SampleFiles.letterPDF.path])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let sentences = try #require(json["sentences"] as? [[String: Any]])
        #expect(!sentences.isEmpty)
        #expect(sentences.reduce(0) { $0 + (($1["text"] as? String)?.split(separator: " ").count ?? 0) } <= 60)
        // The cited characters of the page text are the sentence (lines joined by spaces).
        let transcript = try DossierBinary.run(["transcribe", "--format", "json", SampleFiles.letterPDF.path])
        let pages = try #require((try JSONSerialization.jsonObject(with: Data(transcript.stdout.utf8)) as? [String: Any])?["pages"] as? [[String: Any]])
        let pageText = Array(try #require(pages.first?["text"] as? String))
        for sentence in sentences {
            let citation = try #require(sentence["citation"] as? [String: Any])
            let span = try #require(citation["span"] as? [Int])
            #expect(citation["page"] as? Int == 1)
            let cited = String(pageText[span[0]..<span[1]]).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(cited == sentence["text"] as? String)
        }
        let facts = try #require(json["key_facts"] as? [String: Any])
        #expect(facts["type"] as? String == "notice-of-default")
        #expect(facts["deadline"] as? String == "2026-11-17")
        let both = try DossierBinary.run(["summarize", "--sentences", "2", "--max-words", "10", SampleFiles.letterPDF.path])
        #expect(both.status != 0)
    }

    @Test("A case id that could escape a folder is refused")
    func badCaseID() throws {
        let folder = try TemporaryFolder("dossier-cli")
        let result = try DossierBinary.run(["intake", SampleFiles.letterPDF.path, "--case", "../x", "--store", folder.url.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("case id"))
    }

    @Test("--reviewer is gone: using it says to log in, in one line, and decides nothing")
    func reviewerOptionRemoved() async throws {
        let folder = try TemporaryFolder("dossier-cli")
        let store = folder.url.appendingPathComponent("store").path
        let client = try await CLIClient.withTestAccounts(store: store, in: folder)
        _ = try client.run(["intake", SampleFiles.letterPDF.path, "--case", "Z", "--quiet"], as: "inga")
        let result = try client.run(["review", "approve", "1", "--reviewer", "bram"], as: "anna")
        #expect(result.status == 64)
        #expect(result.stderr.split(separator: "\n").first?.contains("--reviewer is gone") == true)
        #expect(result.stderr.contains("dossier login"))
        #expect(try client.run(["review", "list", "--state", "proposed"], as: "anna").stdout.hasPrefix("1\tproposed"))
    }
}
