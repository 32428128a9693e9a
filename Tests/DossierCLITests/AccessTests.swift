import Foundation
import Review
import Testing
import TestSupport

@Suite("Accounts, sessions and the role table, through the binary")
struct AccessTests {
    /// One row of the role table: a command and the roles that may run it.
    struct Row: CustomStringConvertible {
        let arguments: [String]
        let allowed: Set<String>
        var description: String { arguments.joined(separator: " ") }
    }

    static let everyone: Set<String> = ["lead", "anna", "inga"]
    static let reviewing: Set<String> = ["lead", "anna"]
    static let supervising: Set<String> = ["lead"]

    /// Every command that touches a store, with `ITEM` standing for an open item of the account's own.
    static func table(letter: String, target: String) -> [Row] {
        [
            Row(arguments: ["intake", letter, "--case", "ZAAK-M", "--quiet"], allowed: ["lead", "inga"]),
            Row(arguments: ["review", "list"], allowed: reviewing),
            Row(arguments: ["review", "show", "ITEM"], allowed: reviewing),
            Row(arguments: ["review", "next", "--case", "ZAAK-M", "--json"], allowed: reviewing),
            Row(arguments: ["review", "claim", "ITEM"], allowed: reviewing),
            Row(arguments: ["review", "release", "ITEM"], allowed: reviewing),
            Row(arguments: ["review", "edit", "ITEM", "--text", "summary: anders\nproposal:\n{}"], allowed: reviewing),
            Row(arguments: ["review", "approve", "ITEM"], allowed: reviewing),
            Row(arguments: ["review", "reject", "ITEM", "--reason", "onjuist"], allowed: reviewing),
            Row(arguments: ["review", "repropose", "REJECTED"], allowed: reviewing),
            Row(arguments: ["review", "four-eyes"], allowed: everyone),
            Row(arguments: ["review", "four-eyes", "--kinds", "none"], allowed: supervising),
            Row(arguments: ["search", "ingebrekestelling"], allowed: reviewing),
            Row(arguments: ["audit", "verify"], allowed: everyone),
            Row(arguments: ["audit", "log"], allowed: reviewing),
            Row(arguments: ["export", "--case", "ZAAK-M", "--to", target], allowed: supervising),
            Row(arguments: ["users", "list"], allowed: supervising),
            Row(arguments: ["users", "add", "NEWNAME", "--role", "reviewer", "--password-stdin"], allowed: supervising),
            Row(arguments: ["users", "set-role", "bram", "reviewer"], allowed: supervising),
            Row(arguments: ["users", "disable", "DISABLEME"], allowed: supervising),
            Row(arguments: ["users", "passwd", "carla", "--password-stdin"], allowed: supervising),
            Row(arguments: ["users", "passwd", "--password-stdin"], allowed: everyone),
            Row(arguments: ["whoami"], allowed: everyone),
        ]
    }

    @Test("Every command × every role and no session: allowed or refused as the role table says", arguments: SharedServer.kinds)
    func roleMatrix(kind: String) async throws {
        let folder = try TemporaryFolder("dossier-matrix")
        let store = kind == "postgres" ? try SharedServer.freshDatabase() : folder.url.appendingPathComponent("store").path
        let client = try await CLIClient.withTestAccounts(store: store, in: folder)
        let letter = SampleFiles.letterPDF.path
        // Open items for each account to act on (and to reject, then propose again).
        let letters = folder.url.appendingPathComponent("letters")
        try FileManager.default.createDirectory(at: letters, withIntermediateDirectories: true)
        for number in 0..<16 { try MadePDF.letter(number).write(to: letters.appendingPathComponent("brief-\(number).pdf")) }
        let intake = try client.run(["intake", letters.path, "--case", "ZAAK-Q", "--quiet", "--today", "2026-12-01"], as: "inga")
        #expect(intake.status == 0, "\(intake.stderr)")
        let listed = try client.run(["review", "list", "--json", "--state", "proposed"], as: "lead")
        var open = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
            .filter { $0["kind"] as? String == "document-type" || $0["kind"] as? String == "transcript" || $0["kind"] as? String == "flag" }
            .compactMap { $0["id"] as? Int }
        var refusedChecked = 0, allowedChecked = 0
        for (index, row) in Self.table(letter: letter, target: folder.url.appendingPathComponent("export").path).enumerated() {
            for account in ["lead", "anna", "inga", "nobody"] {
                var arguments = row.arguments
                var input: String?
                if arguments.contains("ITEM") || arguments.contains("REJECTED") {
                    guard let item = open.popLast() else {
                        Issue.record("not enough open items for \(row)")
                        return
                    }
                    if arguments.contains("REJECTED") {
                        #expect(try client.run(["review", "reject", "\(item)", "--reason", "voor de test"], as: "bram").status == 0)
                    } else if arguments.contains("release") {
                        _ = try client.run(["review", "claim", "\(item)"], as: account == "nobody" ? "anna" : account)
                    }
                    arguments = arguments.map { $0 == "ITEM" || $0 == "REJECTED" ? "\(item)" : $0 }
                }
                if arguments.contains("NEWNAME") { arguments = arguments.map { $0 == "NEWNAME" ? "new-\(account)-\(index)" : $0 } }
                if arguments.contains("DISABLEME") {
                    let name = "gone-\(account)"
                    #expect(try client.run(["users", "add", name, "--role", "reviewer", "--password-stdin"], as: "lead", input: TestAccounts.password + "\n").status == 0)
                    arguments = arguments.map { $0 == "DISABLEME" ? name : $0 }
                }
                if arguments.contains("--password-stdin") {
                    // Own change: current then new; a reset or a new account: one line.
                    input = arguments.count == 3 ? "\(TestAccounts.password)\n\(TestAccounts.password)\n" : "\(TestAccounts.password)\n"
                }
                let result = try client.run(arguments, as: account == "nobody" ? nil : account, input: input)
                let context = "\(row) as \(account): \(result.status) \(result.stderr)"
                if account == "nobody" {
                    #expect(result.status == 3, "\(context)")
                    #expect(result.stderr.contains("not logged in"), "\(context)")
                    refusedChecked += 1
                } else if row.allowed.contains(account) {
                    #expect(result.status == 0, "\(context)")
                    allowedChecked += 1
                } else {
                    #expect(result.status == 4, "\(context)")
                    #expect(result.stderr.contains("may not"), "\(context)")
                    #expect(result.stderr.split(separator: "\n").count == 1, "\(context)")
                    refusedChecked += 1
                }
            }
        }
        #expect(allowedChecked + refusedChecked == Self.table(letter: letter, target: "").count * 4)
        #expect(allowedChecked == 43 && refusedChecked == 49, "43 allowed, 26 refused by role, 23 without a session")
        // Nobody's refused command left a trace but the refusal: the trail verifies.
        #expect(try client.run(["audit", "verify"], as: "lead").status == 0)
    }

    @Test("From an empty store: first supervisor, login, whoami, wrong password, self-approval and policy change refused, the log names accounts")
    func journey() async throws {
        let folder = try TemporaryFolder("dossier-accounts")
        let store = folder.url.appendingPathComponent("store").path
        let client = CLIClient(store: store, homes: folder.url)
        let password = "Lange zin van de supervisor 1"
        // An empty store takes its first account without a login, and only as a supervisor.
        let notFirst = try client.run(["users", "add", "anna", "--role", "reviewer", "--password-stdin"], as: nil, input: password + "\n")
        #expect(notFirst.status == 2 && notFirst.stderr.contains("must be a supervisor"))
        let first = try client.run(["users", "add", "sanne", "--role", "supervisor", "--password-stdin"], as: nil, input: password + "\n")
        #expect(first.status == 0, "\(first.stderr)")
        let second = try client.run(["users", "add", "eve", "--role", "supervisor", "--password-stdin"], as: nil, input: password + "\n")
        #expect(second.status == 3, "after the first, only a logged-in supervisor adds accounts")
        #expect(try client.run(["login", "sanne", "--password-stdin"], as: "sanne", input: password + "\n").status == 0)
        for (name, role) in [("anna", "reviewer"), ("bram", "reviewer"), ("inga", "intake")] {
            let added = try client.run(["users", "add", name, "--role", role, "--password-stdin"], as: "sanne", input: "wachtwoord van \(name)\n")
            #expect(added.status == 0, "\(added.stderr)")
            #expect(try client.run(["login", name, "--password-stdin"], as: name, input: "wachtwoord van \(name)\n").status == 0)
        }
        let whoami = try client.run(["whoami", "--json"], as: "anna")
        let me = try #require(try JSONSerialization.jsonObject(with: Data(whoami.stdout.utf8)) as? [String: Any])
        #expect(me["account"] as? String == "anna" && me["role"] as? String == "reviewer")
        // Wrong password and unknown name: the same line, the same status.
        let wrong = try client.run(["login", "anna", "--password-stdin"], as: "other", input: "niet het wachtwoord\n")
        let unknown = try client.run(["login", "niemand", "--password-stdin"], as: "other", input: "niet het wachtwoord\n")
        #expect(wrong.status == 5 && unknown.status == 5)
        #expect(wrong.stderr == unknown.stderr)
        #expect(!wrong.stderr.contains("niet het wachtwoord"))
        // A closed standard input, no terminal: one line each.
        let closed = try client.run(["login", "anna", "--password-stdin"], as: "other")
        #expect(closed.status == 64 && closed.stderr.contains("no password on standard input"))
        // In a session of its own, the process has no terminal to ask on.
        let noTerminal = try DossierBinary.run(["login", "anna", "--store", store], environment: ["DOSSIER_CONFIG_HOME": client.home("other").path],
                                               launcher: ["/usr/bin/setsid", "-w"])
        #expect(noTerminal.status == 64 && noTerminal.stderr.contains("--password-stdin"))

        // Intake as inga; anna edits a summary; she may not approve it herself, bram may.
        #expect(try client.run(["intake", SampleFiles.letterPDF.path, "--case", "ZAAK-J", "--quiet", "--today", "2026-11-23"], as: "inga").status == 0)
        let list = try client.run(["review", "list", "--json"], as: "anna")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let summary = try #require(items.first { $0["kind"] as? String == "summary" && ($0["summary"] as? String)?.hasPrefix("Case") == false })
        let summaryID = try #require(summary["id"] as? Int)
        let shown = try client.run(["review", "show", "\(summaryID)"], as: "anna")
        #expect(shown.status == 0)
        let edit = try client.run(["review", "edit", "\(summaryID)", "--text", "[1] Een zin in eigen woorden."], as: "anna")
        #expect(edit.status == 0, "\(edit.stderr)")
        let selfApproval = try client.run(["review", "approve", "\(summaryID)"], as: "anna")
        #expect(selfApproval.status == 1 && selfApproval.stderr.contains("four-eyes applies"))
        // A reviewer may not switch four-eyes off; a supervisor may.
        let policy = try client.run(["review", "four-eyes", "--rewritten-summaries", "off"], as: "anna")
        #expect(policy.status == 4 && policy.stderr.contains("anna is a reviewer and may not change the four-eyes policy"))
        #expect(try client.run(["review", "approve", "\(summaryID)"], as: "bram").status == 0)

        // A disabled account's session ends at once.
        #expect(try client.run(["users", "disable", "bram"], as: "sanne").status == 0)
        let disabled = try client.run(["review", "list"], as: "bram")
        #expect(disabled.status == 3)

        // The trail names the accounts, refused logins included, and no password or token.
        let log = try client.run(["audit", "log", "--json"], as: "anna")
        let events = try #require(try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]])
        let byAction = { (action: String) in events.filter { $0["action"] as? String == action }.compactMap { $0["actor"] as? String } }
        #expect(byAction("edit") == ["anna"] && byAction("approve") == ["bram"] && byAction("intake") == ["inga"])
        #expect(byAction("account-add").count == 4 && byAction("account-disable") == ["sanne"])
        #expect(byAction("login-failed") == ["dossier", "dossier"])
        #expect(!log.stdout.contains("niet het wachtwoord") && !log.stdout.contains("niemand"))
        let sessions = client.home("anna").appendingPathComponent("sessions")
        let saved = try #require(try FileManager.default.contentsOfDirectory(atPath: sessions.path).first { !$0.hasPrefix(".") })
        let session = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: sessions.appendingPathComponent(saved))) as? [String: Any])
        let token = try #require(session["token"] as? String)
        #expect(!log.stdout.contains(token) && !log.stdout.contains(SessionToken.hash(token)))
        #expect(try client.run(["audit", "verify"], as: "anna").status == 0)
    }

    @Test("Damaged, foreign, open and expired session files are each refused in one line")
    func badSessionFiles() async throws {
        let folder = try TemporaryFolder("dossier-sessions")
        let store = folder.url.appendingPathComponent("store").path
        let client = try await CLIClient.withTestAccounts(store: store, in: folder)
        let sessions = client.home("anna").appendingPathComponent("sessions")
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: sessions.path).first { !$0.hasPrefix(".") })
        let path = sessions.appendingPathComponent(file)
        let good = try Data(contentsOf: path)
        func refused(_ what: String) throws {
            let result = try client.run(["review", "list"], as: "anna")
            #expect(result.status == 3, "\(what): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(what)")
        }
        // Tampered: another token of the right shape.
        let text = String(decoding: good, as: UTF8.self)
        let tampered = text.replacingOccurrences(of: #""token":"[0-9a-f]{64}""#, with: "\"token\":\"\(SessionToken.make())\"", options: .regularExpression)
        #expect(tampered != text)
        try Data(tampered.utf8).write(to: path)
        try refused("tampered token")
        try Data("{\"store\":".utf8).write(to: path)
        try refused("cut off")
        try Data(text.replacingOccurrences(of: #""store":"[0-9a-f]+""#, with: "\"store\":\"0123abcd\"", options: .regularExpression).utf8).write(to: path)
        try refused("another store's")
        try good.write(to: path)
        chmod(path.path, 0o644)
        try refused("readable by others")
        chmod(path.path, 0o600)
        #expect(try client.run(["review", "list"], as: "anna").status == 0, "the good file works again")
        // Another store's session is not this store's: a second store, anna's client, no login there.
        let other = folder.url.appendingPathComponent("other").path
        _ = try await CLIClient.withTestAccounts(store: other, in: try TemporaryFolder("dossier-other"))
        let elsewhere = try DossierBinary.run(["review", "list", "--store", other], environment: ["DOSSIER_CONFIG_HOME": client.home("anna").path])
        #expect(elsewhere.status == 3 && elsewhere.stderr.contains("no session for the store"))
        // Logout ends it on the store too: a copy of the file no longer works.
        #expect(try client.run(["logout"], as: "anna").status == 0)
        try good.write(to: path)
        chmod(path.path, 0o600)
        try refused("logged out")
        // Files the client writes are private whatever the umask.
        let modes = try FileManager.default.attributesOfItem(atPath: sessions.path)[.posixPermissions] as? Int
        #expect(modes == 0o700)
    }

    @Test("Two logins at once on one client: both answer, one whole session file stays, and it works")
    func concurrentLogins() async throws {
        let folder = try TemporaryFolder("dossier-two-logins")
        let store = folder.url.appendingPathComponent("store").path
        let client = try await CLIClient.withTestAccounts(store: store, in: folder)
        let results = LockedResults()
        DispatchQueue.concurrentPerform(iterations: 4) { index in
            results.set(index, try? client.run(["login", index % 2 == 0 ? "anna" : "bram", "--password-stdin"], as: "shared",
                                               input: TestAccounts.password + "\n"))
        }
        for index in 0..<4 { #expect(results.get(index)?.status == 0, "\(results.get(index)?.stderr ?? "")") }
        let sessions = client.home("shared").appendingPathComponent("sessions")
        let files = try FileManager.default.contentsOfDirectory(atPath: sessions.path).filter { !$0.hasPrefix(".") }
        #expect(files.count == 1)
        let whoami = try client.run(["whoami", "--json"], as: "shared")
        #expect(whoami.status == 0, "\(whoami.stderr)")
        // The sessions the later logins replaced were ended, not left running.
        let database = folder.url.appendingPathComponent("store/dossier.sqlite").path
        let live = Process()
        live.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        live.arguments = ["python3", "-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT count(*) FROM sessions s WHERE ended_at IS NULL AND s.token_hash NOT IN (SELECT token_hash FROM sessions ORDER BY created_at LIMIT 6)\").fetchone()[0])", database]
        let pipe = Pipe()
        live.standardOutput = pipe
        try live.run()
        live.waitUntilExit()
        #expect(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "1",
                "of the four logins on one client, one session is live")
    }
}
