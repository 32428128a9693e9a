import DossierCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Review
import Stores
import Testing
import TestSupport
@testable import Workspace

/// A store holding one letter whose text, name and summary are hostile markup, with enough open
/// items for every role to act on, and the workspace over it.
// @unchecked: every property is set in init and only read after.
struct WorkspaceFixture: @unchecked Sendable {
    let folder: TemporaryFolder
    let store: any ReviewStore
    let workspace: Workspace
    let caseID = CaseID("ZAAK-W")!
    /// Item ids by kind: a summary, a flag, document types (one per action and role).
    let summary: Int64
    let flag: Int64
    let types: [Int64]

    static let hostile = "Geachte heer, <script>alert('x')</script> en \"><img src=x onerror=alert(1)> zie javascript:alert(2) voor meer."
    static let hostileName = "\"><svg onload=alert(3)>brief.pdf"

    init() async throws {
        folder = try TemporaryFolder("dossier-web")
        store = try await StoreLocation.folder(folder.url.appendingPathComponent("store")).open()
        try await TestAccounts.add(to: store)
        let file = try folder.write("brief.pdf", Data("%PDF-1.4 web".utf8))
        let text = "Ingebrekestelling. \(Self.hostile) Cliënt wacht sinds 12 februari 2026 op een besluit."
        let start = text.distance(from: text.startIndex, to: text.range(of: "<script>")!.lowerBound)
        let summaryContent = SummaryContent(scope: "document", type: "notice-of-default", sentences: [
            .init(text: Self.hostile, page: 1, line: 1, span: [start, start + Self.hostile.count], score: 0.9, humanWritten: false),
            .init(text: "Cliënt wacht sinds 12 februari 2026 op een besluit.", page: 1, line: 2, span: [text.count - 51, text.count], score: 0.5, humanWritten: false),
        ])
        let flagJSON = #"{"flag":{"kind":"deadline","reason":"<b>term</b> passed","severity":"critical","details":{"deadline":"2026-11-20"}},"scope":"document"}"#
        var proposals = [
            ProposedItem(kind: .summary, summary: summaryContent.oneLine, proposal: summaryContent.json, evidence: summaryContent.evidence, priority: 60),
            ProposedItem(kind: .flag, summary: "critical deadline: <b>term</b> passed", proposal: flagJSON,
                         evidence: [Evidence(page: 1, start: start, end: start + 8, quote: "<script>")], priority: 90),
        ]
        for number in 0..<40 {
            proposals.append(ProposedItem(kind: .documentType, summary: "notice-of-default (confidence 0.\(number))",
                                          proposal: #"{"type":"notice-of-default"}"#,
                                          evidence: [Evidence(page: 1, start: 0, end: 17, quote: "Ingebrekestelling")], priority: 10))
        }
        let submission = DocumentSubmission(
            caseID: caseID, originalURL: file, sha256: try FileDigest.sha256(of: file), fileName: Self.hostileName, format: "pdf",
            pages: [PageTranscript(number: 1, method: .textLayer, text: text, confidence: nil)], proposals: proposals
        )
        guard case .stored(_, let ids) = try await store.submit(submission, by: TestAccounts.intake) else {
            throw ReviewStoreError.storage("not stored")
        }
        summary = ids[0]
        flag = ids[1]
        types = Array(ids[2...])
        workspace = Workspace(
            store: store, accounts: AccountService(store: store, hashCost: 4, failureDelay: .zero),
            configuration: WorkspaceConfiguration(today: CivilDay(iso: "2026-11-23"), pageCache: folder.url.appendingPathComponent("pages"),
                                                  exportFolder: folder.url.appendingPathComponent("exports"))
        )
    }

    var application: some ApplicationProtocol { Application(router: workspace.router()) }
}

/// A browser's cookies and the form token of the last page it saw.
final class Browser: @unchecked Sendable {
    // @unchecked: a test drives one browser from one task at a time.
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var formToken = ""

    init(_ client: any TestClientProtocol) { self.client = client }

    @discardableResult
    func get(_ path: String) async throws -> TestResponse {
        let response = try await client.execute(uri: path, method: .get, headers: headers())
        take(response)
        return response
    }

    @discardableResult
    func post(_ path: String, _ fields: [String: String], csrf: String? = nil) async throws -> TestResponse {
        var all = fields
        all["csrf"] = csrf ?? formToken
        var headers = headers()
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = all.map { "\(FormFields.encode($0.key))=\(FormFields.encode($0.value))" }.joined(separator: "&")
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
        take(response)
        return response
    }

    /// Logs in as `name` through the login form.
    func login(_ name: String, password: String = TestAccounts.password) async throws -> TestResponse {
        try await get("/login")
        return try await post("/login", ["username": name, "password": password])
    }

    private func headers() -> HTTPFields {
        var fields = HTTPFields()
        if !cookies.isEmpty { fields[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        return fields
    }

    private func take(_ response: TestResponse) {
        for field in response.headers[values: .setCookie] {
            let pair = field.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if field.contains("Max-Age=0") { cookies[pair[0]] = nil } else { cookies[pair[0]] = pair[1] }
        }
        let body = String(buffer: response.body)
        if let range = body.range(of: #"name="csrf" value="[0-9a-f]{64}""#, options: .regularExpression) {
            formToken = String(body[range].dropFirst(#"name="csrf" value=""#.count).dropLast())
        }
    }
}

@Suite("Review workspace routes")
struct WorkspaceRouteTests {
    @Test("Health, static files and the login page need no session; every page carries the security headers")
    func publicRoutes() async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.application.test(.router) { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok && String(buffer: health.body) == "ok\n")
            for path in ["/static/workspace.css", "/static/workspace.js", "/login"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
                #expect(response.headers[.cacheControl] == "no-store")
            }
            let login = String(buffer: try await client.execute(uri: "/login", method: .get).body)
            #expect(login.contains(#"name="username""#) && login.contains(#"name="password""#) && login.contains("Inloggen"))
            #expect(!login.contains("http://") && !login.contains("https://"), "nothing is fetched from elsewhere")
        }
    }

    @Test("Login sets an HttpOnly, SameSite=Strict session; a wrong password and an unknown name get the same refusal; a login without its form token is refused")
    func login() async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.application.test(.router) { client in
            let browser = Browser(client)
            let wrong = try await browser.login("anna", password: "not the password")
            let unknown = try await Browser(client).login("nobody", password: "not the password")
            #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
            let refusal = { (response: TestResponse) in String(buffer: response.body).components(separatedBy: "role=\"alert\">").last?.prefix(60) }
            #expect(refusal(wrong) == refusal(unknown))
            #expect(browser.cookies["dossier_session"] == nil)
            let noToken = try await Browser(client).post("/login", ["username": "anna", "password": TestAccounts.password], csrf: "")
            #expect(noToken.status == .forbidden)
            let good = try await browser.login("anna")
            #expect(good.status == .seeOther && good.headers[.location] == "/")
            let cookie = try #require(good.headers[values: .setCookie].first { $0.hasPrefix("dossier_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"))
            let queue = try await browser.get("/")
            #expect(queue.status == .ok && String(buffer: queue.body).contains("Ingelogd als anna (reviewer)"))
            // Logging out ends the session in the store too: the old cookie no longer works.
            let old = browser.cookies["dossier_session"]
            #expect(try await browser.post("/logout", [:]).status == .seeOther)
            let replay = Browser(client)
            replay.cookies["dossier_session"] = old
            #expect(try await replay.get("/").status == .seeOther)
        }
    }

    @Test("Every route × every role, without a session and with a wrong form token", arguments: ["lead", "anna", "inga"])
    func routeMatrix(account: String) async throws {
        let fixture = try await WorkspaceFixture()
        let reviewing = account != "inga"
        let offset = ["lead": 0, "anna": 10, "inga": 20][account]!
        try await fixture.application.test(.router) { client in
            let browser = Browser(client)
            _ = try await browser.login(account)
            let anonymous = Browser(client)
            let forged = Browser(client)
            _ = try await forged.login(account == "lead" ? "bram" : "carla")
            let type = fixture.types[offset]
            let sha = try FileDigest.sha256(of: fixture.folder.url.appendingPathComponent("brief.pdf"))
            let pages = ["/", "/items/\(type)", "/?kind=flag&severity=critical", "/items/\(fixture.summary)", "/cases/ZAAK-W",
                         "/search?q=client", "/cases/ZAAK-W/documents/\(sha)/pages/1?q=client"]
            for path in pages {
                #expect(try await browser.get(path).status == (reviewing ? .ok : .forbidden), "\(account) GET \(path)")
                let none = try await anonymous.get(path)
                #expect(none.status == .seeOther && none.headers[.location] == "/login", "no session GET \(path)")
            }
            // Page images: only for readers of the queue (the original here is no real PDF: 422 once allowed).
            for path in ["/items/\(type)/page/1", "/cases/ZAAK-W/documents/\(sha)/image/1"] {
                let image = try await browser.get(path)
                #expect(reviewing ? image.status != .forbidden && image.status != .seeOther : image.status == .forbidden, "\(account) GET \(path): \(image.status)")
                #expect(try await anonymous.get(path).status == .seeOther, "no session GET \(path)")
            }
            // Export: supervisors only.
            try await browser.get(reviewing ? "/cases/ZAAK-W" : "/login")
            let exportToken = browser.formToken
            #expect(try await anonymous.post("/cases/ZAAK-W/export", [:], csrf: "0").status == .unauthorized)
            #expect(try await browser.post("/cases/ZAAK-W/export", [:], csrf: forged.formToken).status == .forbidden)
            let export = try await browser.post("/cases/ZAAK-W/export", [:], csrf: exportToken)
            #expect(export.status == (account == "lead" ? .ok : .forbidden), "\(account) POST export: \(export.status)")
            // Each form: refused without a session (401), with another page's token (403), then as the role allows.
            try await browser.get("/")
            let forms: [(String, [String: String])] = [
                ("/items/\(fixture.types[offset + 1])/approve", [:]),
                ("/items/\(fixture.types[offset + 2])/reject", ["reason": "verkeerd"]),
                ("/items/\(fixture.types[offset + 3])/edit", ["type": "passport"]),
                ("/next", [:]),
            ]
            for (path, fields) in forms {
                #expect(try await anonymous.post(path, fields, csrf: "0").status == .unauthorized, "no session POST \(path)")
                #expect(try await browser.post(path, fields, csrf: forged.formToken).status == .forbidden, "\(account) POST \(path) with another session's token")
                #expect(try await browser.post(path, fields, csrf: "").status == .forbidden, "\(account) POST \(path) without a token")
                let allowed = try await browser.post(path, fields)
                #expect(allowed.status == (reviewing ? .seeOther : .forbidden), "\(account) POST \(path): \(allowed.status)")
            }
            if reviewing {
                #expect(try await fixture.store.item(fixture.types[offset + 1])?.state == .approved)
                #expect(try await fixture.store.item(fixture.types[offset + 2])?.state == .rejected)
                #expect(try await fixture.store.item(fixture.types[offset + 3])?.edit?.editor == account)
            } else {
                for index in 1...3 { #expect(try await fixture.store.item(fixture.types[offset + index])?.state == .proposed) }
            }
            #expect(try await browser.post("/logout", [:], csrf: "").status == .forbidden)
            #expect(try await browser.post("/logout", [:]).status == .seeOther)
        }
    }

    @Test("Document text, names and flags that hold markup appear as text everywhere")
    func hostileText() async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.application.test(.router) { client in
            let browser = Browser(client)
            _ = try await browser.login("anna")
            for path in ["/", "/items/\(fixture.summary)", "/items/\(fixture.flag)", "/items/\(fixture.types[0])", "/?lang=en"] {
                let body = String(buffer: try await browser.get(path).body)
                #expect(!body.contains("<script>alert"), "\(path)")
                #expect(!body.contains("<img src=x"), "\(path)")
                #expect(!body.contains("<svg"), "\(path)")
                #expect(!body.contains("<b>term"), "\(path)")
                #expect(!body.contains("href=\"javascript:"), "\(path)")
            }
            let item = String(buffer: try await browser.get("/items/\(fixture.summary)").body)
            #expect(item.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "shown as the text it is")
            #expect(item.contains("<mark id=\"e1\">"), "the cited sentence is marked in the transcript")
            let flag = String(buffer: try await browser.get("/items/\(fixture.flag)").body)
            #expect(flag.contains("<mark id=\"e1\">&lt;script&gt;</mark>"))
            let queue = String(buffer: try await browser.get("/?lang=nl").body)
            #expect(queue.contains("verstreken, 3 dagen geleden (2026-11-20)"), "deadlines in words")
        }
    }

    @Test("A text file taken out of an archive: its item says which archive it came from, and shows its text with no page image")
    func memberOfArchive() async throws {
        let fixture = try await WorkspaceFixture()
        let zip = fixture.folder.url.appendingPathComponent("stukken.zip")
        try MadeArchive.write([.file("map/verklaring.txt", Data("Geachte heer, ik verklaar dit.".utf8))], to: zip)
        let zipSHA = try FileDigest.sha256(of: zip)
        _ = try await fixture.store.submit(DocumentSubmission(
            caseID: fixture.caseID, originalURL: zip, sha256: zipSHA, fileName: "stukken.zip", format: "zip",
            pages: [PageTranscript(number: 1, method: .textFile, text: "ZIP archive with 1 file:\n1. map/verklaring.txt\n", confidence: nil, decision: .plainText)],
            proposals: []), by: TestAccounts.intake)
        let member = try fixture.folder.write("member", Data("Geachte heer, ik verklaar dit.".utf8))
        guard case .stored(_, let ids) = try await fixture.store.submit(DocumentSubmission(
            caseID: fixture.caseID, originalURL: member, sha256: try FileDigest.sha256(of: member), fileName: "verklaring.txt", format: "text",
            pages: [PageTranscript(number: 1, method: .textFile, text: "Geachte heer, ik verklaar dit.", confidence: nil, decision: .plainText)],
            proposals: [ProposedItem(kind: .transcript, summary: "1 page", proposal: "{}", evidence: [])],
            origin: DocumentOrigin(parentSHA256: zipSHA, position: 1, name: "map/verklaring.txt")), by: TestAccounts.intake) else {
            Issue.record("not stored")
            return
        }
        try await fixture.application.test(.router) { client in
            let browser = Browser(client)
            _ = try await browser.login("anna")
            let item = String(buffer: try await browser.get("/items/\(ids[0])?lang=nl").body)
            #expect(item.contains("bestand 1 (map/verklaring.txt) uit stukken.zip"))
            #expect(item.contains("Geachte heer, ik verklaar dit."))
            #expect(!item.contains("class=\"page-image\""), "a text file has no page image to show")
            let english = String(buffer: try await browser.get("/items/\(ids[0])?lang=en").body)
            #expect(english.contains("file 1 (map/verklaring.txt) of stukken.zip"))
        }
    }

    @Test("Item ids that are not an item of the store — text, negative, huge, paths — are 404, never a file")
    func badItemIDs() async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.application.test(.router) { client in
            let browser = Browser(client)
            _ = try await browser.login("anna")
            for path in ["/items/abc", "/items/-1", "/items/0", "/items/99999999", "/items/999999999999999999999999",
                         "/items/..%2F..%2Fetc%2Fpasswd", "/items/%2e%2e", "/items/1e3", "/items/%00"] {
                let response = try await browser.get(path)
                #expect(response.status == .notFound, "\(path): \(response.status)")
                #expect(!String(buffer: response.body).contains("root:"), "\(path)")
            }
            try await browser.get("/")
            #expect(try await browser.post("/items/abc/approve", [:]).status == .notFound)
            #expect(try await browser.get("/../../etc/passwd").status == .notFound)
        }
    }

    @Test("Four-eyes and claims as in the CLI: a rewrite is approved by someone else; another's claim is respected")
    func fourEyesAndClaims() async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.application.test(.router) { client in
            let anna = Browser(client)
            _ = try await anna.login("anna")
            try await anna.get("/items/\(fixture.summary)")
            let edit = try await anna.post("/items/\(fixture.summary)/edit", [
                "keep1": "on", "order1": "2", "text1": "Een eigen zin.", "keep2": "on", "order2": "1",
                "text2": "Cliënt wacht sinds 12 februari 2026 op een besluit.",
            ])
            #expect(edit.status == .seeOther)
            let edited = try #require(try await fixture.store.item(fixture.summary))
            #expect(edited.state == .edited)
            let sentences = try #require(SummaryContent(json: edited.currentProposal)).sentences
            #expect(sentences.map(\.text) == ["Cliënt wacht sinds 12 februari 2026 op een besluit.", "Een eigen zin."])
            #expect(sentences.map(\.humanWritten) == [false, true])
            let selfApproval = try await anna.post("/items/\(fixture.summary)/approve", [:])
            #expect(selfApproval.status == .conflict)
            #expect(String(buffer: selfApproval.body).contains("vier ogen"))
            let bram = Browser(client)
            _ = try await bram.login("bram")
            try await bram.get("/items/\(fixture.summary)")
            #expect(try await bram.post("/items/\(fixture.summary)/approve", [:]).status == .seeOther)
            #expect(try await fixture.store.item(fixture.summary)?.state == .editedAndApproved)
            // Review next claims the most urgent item for bram; anna cannot decide it meanwhile.
            let next = try await bram.post("/next", [:])
            #expect(next.headers[.location] == "/items/\(fixture.flag)")
            try await anna.get("/items/\(fixture.flag)")
            let claimed = try await anna.post("/items/\(fixture.flag)/approve", [:])
            #expect(claimed.status == .conflict && String(buffer: claimed.body).contains("in behandeling bij bram"))
            // The history names the accounts.
            let page = String(buffer: try await bram.get("/items/\(fixture.summary)").body)
            #expect(page.contains("anna · edit") && page.contains("bram · approve"))
        }
    }

    @Test("English on request, kept in a cookie; every key has both languages")
    func languages() async throws {
        for text in Text.allCases {
            #expect(!Catalogue.dutch(text).isEmpty && !Catalogue.english(text).isEmpty)
        }
        let fixture = try await WorkspaceFixture()
        try await fixture.application.test(.router) { client in
            let browser = Browser(client)
            #expect(String(buffer: try await browser.get("/login?lang=en").body).contains("Log in to Dossier"))
            #expect(String(buffer: try await browser.get("/login").body).contains("Log in to Dossier"), "the choice is kept")
            _ = try await browser.post("/login", ["username": "anna", "password": TestAccounts.password])
            #expect(String(buffer: try await browser.get("/").body).contains("Review next"))
        }
    }

    @Test("A session goes idle after the timeout; a session this server did not make is not taken")
    func idleSessions() async throws {
        let idle = IdleSessions(timeout: 60)
        let start = Date()
        await idle.started("a", at: start)
        #expect(await idle.touch("a", at: start.addingTimeInterval(59)))
        #expect(await idle.touch("a", at: start.addingTimeInterval(118)), "each use renews it")
        #expect(await !idle.touch("a", at: start.addingTimeInterval(179)))
        #expect(await !idle.touch("a", at: start.addingTimeInterval(180)), "once idle, gone")
        #expect(await !idle.touch("never-started", at: start))
        // A token from a CLI login (a session of the store this server never saw) does not open pages.
        let fixture = try await WorkspaceFixture()
        let grant = try await AccountService(store: fixture.store, hashCost: 4).login(name: "anna", password: TestAccounts.password)
        try await fixture.application.test(.router) { client in
            let browser = Browser(client)
            browser.cookies["dossier_session"] = grant.token
            let status = try await browser.get("/").status
            #expect(status == .seeOther)
        }
    }

    @Test("Case page, search with hits marked, a document page with the searched words marked, export by supervisors only")
    func caseSearchExport() async throws {
        let fixture = try await WorkspaceFixture()
        let sha = try FileDigest.sha256(of: fixture.folder.url.appendingPathComponent("brief.pdf"))
        try await fixture.application.test(.router) { client in
            let anna = Browser(client)
            _ = try await anna.login("anna")
            let casePage = String(buffer: try await anna.get("/cases/ZAAK-W").body)
            #expect(casePage.contains("Documenten") && casePage.contains("/cases/ZAAK-W/documents/\(sha)/pages/1"))
            #expect(casePage.contains("<th>Taal</th>") && casePage.contains("<td>Dutch</td>"), "each document's language")
            #expect(!casePage.contains("id=\"export\""), "a reviewer is offered no export")
            #expect(try await anna.post("/cases/ZAAK-W/export", [:]).status == .forbidden)
            let search = String(buffer: try await anna.get("/search?q=client").body)
            #expect(search.contains("<mark>Cliënt</mark>"), "the match marked, diacritics ignored")
            #expect(!search.contains("<script>alert"))
            let page = String(buffer: try await anna.get("/cases/ZAAK-W/documents/\(sha)/pages/1?q=client").body)
            #expect(page.contains("<mark id=\"e1\">Cliënt</mark>"))
            for path in ["/cases/NOPE", "/cases/..%2F..", "/cases/ZAAK-W/documents/\(String(repeating: "0", count: 64))/pages/1",
                         "/cases/ZAAK-W/documents/\(sha)/pages/2", "/cases/ZAAK-W/documents/../pages/1", "/cases/ZAAK-W/documents/\(sha)/image/9"] {
                #expect(try await anna.get(path).status == .notFound, "\(path)")
            }
            let lead = Browser(client)
            _ = try await lead.login("lead")
            try await lead.get("/cases/ZAAK-W")
            let exported = try await lead.post("/cases/ZAAK-W/export", [:])
            #expect(exported.status == .ok && String(buffer: exported.body).contains("Geëxporteerd naar"), "\(String(buffer: exported.body).suffix(300))")
        }
    }

    @Test("With --trust-remote-user, the proxy's header names an active account; without the option the header is ignored")
    func trustedHeader() async throws {
        let fixture = try await WorkspaceFixture()
        try await fixture.application.test(.router) { client in
            let ignored = try await client.execute(uri: "/", method: .get, headers: [HTTPField.Name("Remote-User")!: "anna"])
            #expect(ignored.status == .seeOther, "not trusted unless asked for")
        }
        let trusting = Workspace(store: fixture.store, accounts: AccountService(store: fixture.store, hashCost: 4, failureDelay: .zero),
                                 configuration: WorkspaceConfiguration(pageCache: fixture.folder.url.appendingPathComponent("pages"),
                                                                       trustRemoteUser: "Remote-User"))
        try await Application(router: trusting.router()).test(.router) { client in
            let signedIn = try await client.execute(uri: "/", method: .get, headers: [HTTPField.Name("Remote-User")!: "anna"])
            #expect(signedIn.status == .ok && String(buffer: signedIn.body).contains("Ingelogd als anna"))
            #expect(signedIn.headers[values: .setCookie].contains { $0.hasPrefix("dossier_session=") && $0.contains("HttpOnly") })
            let unknown = try await client.execute(uri: "/", method: .get, headers: [HTTPField.Name("Remote-User")!: "mallory"])
            #expect(unknown.status == .seeOther)
        }
        let logins = try await fixture.store.auditEvents(caseID: nil).filter { $0.action == .login }
        #expect(logins.last?.versions.contains("trusted-header") == true && logins.last?.actor == "anna")
    }
}
