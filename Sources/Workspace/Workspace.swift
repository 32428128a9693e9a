internal import DossierCore
public import Foundation
public import Hummingbird
internal import HTTPTypes
public import Review
internal import Extraction
internal import CaseFiles

/// How the workspace runs.
public struct WorkspaceConfiguration: Sendable {
    /// Where it listens.
    public var host: String
    public var port: Int
    /// Minutes a session may stay unused before it must log in again.
    public var idleMinutes: Int
    /// Mark cookies `Secure` (when a TLS proxy sits in front).
    public var secureCookies: Bool
    /// The day deadlines are counted from (`nil`: today).
    public var today: CivilDay?
    /// Where rendered page images are kept (a private folder, made 0700).
    public var pageCache: URL
    /// Where case files exported from the workspace are written.
    public var exportFolder: URL
    /// A request header that an authenticating reverse proxy sets to the account name (single
    /// sign-on, as Paperless-ngx offers); `nil`: only the login form. Trust it only when every
    /// request passes that proxy.
    public var trustRemoteUser: String?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, idleMinutes: Int = 30, secureCookies: Bool = false, today: CivilDay? = nil,
        pageCache: URL = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-pages-\(getuid())"),
        exportFolder: URL = URL(fileURLWithPath: "exports"), trustRemoteUser: String? = nil
    ) {
        self.trustRemoteUser = trustRemoteUser
        self.pageCache = pageCache
        self.exportFolder = exportFolder
        self.host = host
        self.port = port
        self.idleMinutes = idleMinutes
        self.secureCookies = secureCookies
        self.today = today
    }
}

/// A calendar day for counting deadlines in words.
public struct CivilDay: Sendable, Equatable {
    public let year: Int, month: Int, day: Int

    public init?(iso: String) {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        year = parts[0]
        month = parts[1]
        day = parts[2]
    }

    static func today() -> CivilDay {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Europe/Amsterdam") ?? .current, from: Date())
        return CivilDay(iso: String(format: "%04d-%02d-%02d", parts.year ?? 2000, parts.month ?? 1, parts.day ?? 1))!
    }

    /// Days from this day to `other` (negative when `other` is earlier).
    func days(until other: CivilDay) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let from = calendar.date(from: DateComponents(year: year, month: month, day: day))!
        let to = calendar.date(from: DateComponents(year: other.year, month: other.month, day: other.day))!
        return calendar.dateComponents([.day], from: from, to: to).day ?? 0
    }
}

/// The request context: who is logged in (set by the session middleware) and in which language.
public struct WorkspaceContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The live session, on the routes behind the login.
    var session: SessionRecord?
    var language: InterfaceLanguage = .nl

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}

/// The review workspace in the browser: a Hummingbird application over a review store. It is a
/// front end like the CLI: it reads the request, calls the store (whose ``ReviewWorkflow``
/// decides, with the same messages), and renders pages with every value escaped.
public struct Workspace: Sendable {
    let store: any ReviewStore
    let accounts: AccountService
    let configuration: WorkspaceConfiguration
    let idle: IdleSessions
    let forms = FormTokens()
    /// Page rendering runs off the server's event loops, one page at a time.
    let rendering = RenderQueue()

    static let sessionCookie = "dossier_session"
    static let loginCookie = "dossier_login"
    static let languageCookie = "dossier_lang"

    public init(store: any ReviewStore, accounts: AccountService? = nil, configuration: WorkspaceConfiguration = .init()) {
        self.store = store
        self.accounts = accounts ?? AccountService(store: store)
        self.configuration = configuration
        idle = IdleSessions(timeout: TimeInterval(configuration.idleMinutes * 60))
    }

    /// The application: routes, middleware, the address it listens on. `run()` or
    /// `runService()` serves until SIGINT or SIGTERM, then shuts down cleanly.
    public func application(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(
            router: router(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Dossier"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) }
        )
    }

    /// Every route.
    public func router() -> Router<WorkspaceContext> {
        let router = Router(context: WorkspaceContext.self)
        router.add(middleware: SecurityHeaders())
        router.add(middleware: LanguageChoice())
        router.get("/healthz") { _, _ in Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n"))) }
        router.get("/static/workspace.css") { _, _ in Self.asset(Assets.stylesheet, type: "text/css; charset=utf-8") }
        router.get("/static/workspace.js") { _, _ in Self.asset(Assets.script, type: "text/javascript; charset=utf-8") }
        router.get("/login") { request, context in self.loginPage(request, context) }
        router.post("/login") { request, context in try await self.login(request, context) }

        let signedIn = router.group().add(middleware: SessionRequired(workspace: self))
        signedIn.post("/logout") { request, context in try await self.logout(request, context) }
        signedIn.get("/") { request, context in try await self.queue(request, context) }
        signedIn.post("/next") { request, context in try await self.next(request, context) }
        signedIn.get("/items/{id}") { request, context in try await self.itemPage(request, context) }
        signedIn.post("/items/{id}/approve") { request, context in try await self.decide(request, context, approve: true) }
        signedIn.post("/items/{id}/reject") { request, context in try await self.decide(request, context, approve: false) }
        signedIn.post("/items/{id}/edit") { request, context in try await self.edit(request, context) }
        signedIn.get("/items/{id}/page/{page}") { request, context in try await self.pageImage(request, context) }
        signedIn.get("/cases/{case}") { request, context in try await self.casePage(request, context) }
        signedIn.post("/cases/{case}/export") { request, context in try await self.export(request, context) }
        signedIn.get("/cases/{case}/documents/{sha}/pages/{page}") { request, context in try await self.documentPage(request, context) }
        signedIn.get("/cases/{case}/documents/{sha}/image/{page}") { request, context in try await self.documentImage(request, context) }
        signedIn.get("/search") { request, context in try await self.search(request, context) }
        return router
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    // MARK: - Login

    func loginPage(_ request: Request, _ context: WorkspaceContext, message: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        // A login form carries a token that must match this cookie (no session exists yet).
        let formToken = SessionToken.make()
        var response = Pages(catalogue: Catalogue(language: context.language)).login(formToken: formToken, message: message)
            .response(status: status)
        response.headers.append(HTTPField(name: .setCookie, value: cookie(Self.loginCookie, formToken, path: "/login")))
        return response
    }

    func login(_ request: Request, _ context: WorkspaceContext) async throws -> Response {
        let form = try await Self.form(request)
        let text = Catalogue(language: context.language)
        guard let posted = form["csrf"], let expected = request.cookies[Self.loginCookie]?.value, SessionToken.isWellFormed(expected),
              posted == expected
        else { return loginPage(request, context, message: text(.forbiddenForm), status: .forbidden) }
        do {
            let grant = try await accounts.login(name: form["username"] ?? "", password: form["password"] ?? "")
            let hash = SessionToken.hash(grant.token)
            await idle.started(hash, at: Date())
            var response = Self.redirect("/")
            response.headers.append(HTTPField(name: .setCookie, value: cookie(Self.sessionCookie, grant.token, path: "/")))
            response.headers.append(HTTPField(name: .setCookie, value: cookie(Self.loginCookie, "", path: "/login", expire: true)))
            return response
        } catch .loginRefused {
            return loginPage(request, context, message: text(.loginRefused), status: .unauthorized)
        } catch {
            return loginPage(request, context, message: error.localizedDescription, status: .badRequest)
        }
    }

    func logout(_ request: Request, _ context: WorkspaceContext) async throws -> Response {
        guard let session = context.session else { return Self.redirect("/login") }
        if let refused = try await refuseForm(request, context) { return refused }
        if let token = request.cookies[Self.sessionCookie]?.value { try await accounts.logout(token: token) }
        await idle.ended(session.tokenHash)
        var response = Self.redirect("/login")
        response.headers.append(HTTPField(name: .setCookie, value: cookie(Self.sessionCookie, "", path: "/", expire: true)))
        return response
    }

    /// A `Set-Cookie` value made by Hummingbird: HttpOnly, SameSite=Strict, Secure when configured.
    func cookie(_ name: String, _ value: String, path: String, expire: Bool = false) -> String {
        Cookie(name: name, value: value, maxAge: expire ? 0 : nil, path: path, secure: configuration.secureCookies,
               httpOnly: true, sameSite: .strict).description
    }

    // MARK: - Queue and items

    func queue(_ request: Request, _ context: WorkspaceContext) async throws -> Response {
        let session = try context.requireSession()
        try session.account.require(.readQueue)
        let query = FormFields(request.uri.query ?? "")
        let filter = QueueFilter(query: query)
        // The store filters, orders and counts: only the rows shown are read.
        let selection = ReviewItemFilter(caseID: filter.caseID, state: filter.state, kind: filter.kind, openOnly: filter.state == nil,
                                         summaryPrefix: filter.severity.map { $0 + " " }, queueOrder: true)
        var shown = selection
        shown.limit = QueueView.shown
        let queue = QueueView(
            items: try await store.items(shown), total: try await store.countItems(selection),
            counts: try await store.stateCounts(in: filter.caseID),
            cases: try await store.caseIDs().map(\.rawValue), filter: filter, today: configuration.today ?? .today()
        )
        return Pages(catalogue: Catalogue(language: context.language), session: session, formToken: forms.token(for: session.tokenHash))
            .queue(queue, message: query["message"].flatMap(Self.messageText(context)))
            .response()
    }

    func next(_ request: Request, _ context: WorkspaceContext) async throws -> Response {
        let session = try context.requireSession()
        if let refused = try await refuseForm(request, context) { return refused }
        try session.account.require(.claim)
        guard let item = try await store.claimNext(by: session.account.name, in: nil, lease: ReviewWorkflow.defaultLease) else {
            return Self.redirect("/?message=nothing")
        }
        return Self.redirect("/items/\(item.id)")
    }

    func itemPage(_ request: Request, _ context: WorkspaceContext, message: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try context.requireSession()
        try session.account.require(.readQueue)
        let item = try await requireItem(context)
        let document = try await item.documentSHA256.asyncFlatMap { try await store.document(sha256: $0, in: item.caseID) }
        let history = try await store.auditEvents(caseID: item.caseID).filter { $0.itemID == item.id }
        // Previous and next in the queue order of the item's case.
        let queue = try await store.items(ReviewItemFilter(caseID: item.caseID)).sorted(by: QueueView.order)
        let position = queue.firstIndex { $0.id == item.id }
        let neighbours = (position.flatMap { $0 > 0 ? queue[$0 - 1].id : nil }, position.flatMap { $0 + 1 < queue.count ? queue[$0 + 1].id : nil })
        let page = Pages(catalogue: Catalogue(language: context.language), session: session, formToken: forms.token(for: session.tokenHash))
            .item(ItemView(item: item, document: document, history: history, previous: neighbours.0, next: neighbours.1,
                           policy: try await store.fourEyesPolicy(), viewer: session.account.name),
                  message: message ?? FormFields(request.uri.query ?? "")["message"].flatMap(Self.messageText(context)))
        return page.response(status: status)
    }

    func decide(_ request: Request, _ context: WorkspaceContext, approve: Bool) async throws -> Response {
        let session = try context.requireSession()
        let form = try await Self.form(request)
        guard forms.accepts(form["csrf"], for: session.tokenHash) else { return forbiddenForm(context) }
        let item = try await requireItem(context)
        do {
            let action: ReviewAction = approve ? .approve : .reject(reason: form["reason"] ?? "")
            _ = try await store.act(item.id, action, by: session.account.name)
            return Self.redirect("/items/\(item.id)?message=saved")
        } catch {
            return try await itemPage(request, context, message: Self.describe(error, Catalogue(language: context.language)),
                                      status: Self.status(of: error))
        }
    }

    func edit(_ request: Request, _ context: WorkspaceContext) async throws -> Response {
        let session = try context.requireSession()
        let form = try await Self.form(request)
        guard forms.accepts(form["csrf"], for: session.tokenHash) else { return forbiddenForm(context) }
        let item = try await requireItem(context)
        do {
            var pages: [PageTranscript] = []
            if item.kind == .redaction, let sha256 = item.documentSHA256 {
                pages = try await store.document(sha256: sha256, in: item.caseID)?.pages ?? []
            }
            let draft = try ItemEdits.draft(from: form, for: item, pages: pages)
            _ = try await store.act(item.id, .edit(draft), by: session.account.name)
            return Self.redirect("/items/\(item.id)?message=saved")
        } catch {
            return try await itemPage(request, context, message: Self.describe(error, Catalogue(language: context.language)),
                                      status: Self.status(of: error))
        }
    }

    /// A page of the item's document as a PNG, for logged-in readers of the queue only.
    func pageImage(_ request: Request, _ context: WorkspaceContext) async throws -> Response {
        let session = try context.requireSession()
        try session.account.require(.readQueue)
        let item = try await requireItem(context)
        guard let sha256 = item.documentSHA256, let document = try await store.document(sha256: sha256, in: item.caseID) else {
            throw HTTPError(.notFound)
        }
        return try await image(of: document, page: try Self.pageNumber(context, in: document))
    }

    /// The page number of the path, if `document` has that page.
    static func pageNumber(_ context: WorkspaceContext, in document: StoredDocument) throws -> Int {
        guard let text = context.parameters.get("page"), text.count <= 6, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber),
              let number = Int(text), number >= 1, document.pages.contains(where: { $0.number == number })
        else { throw HTTPError(.notFound) }
        return number
    }

    /// The document of the case named by the path (`{case}`, `{sha}`), if it is one.
    func requireDocument(_ context: WorkspaceContext) async throws -> StoredDocument {
        guard let caseText = context.parameters.get("case"), let caseID = CaseID(caseText),
              let sha = context.parameters.get("sha"), sha.count == 64, sha.allSatisfy(\.isHexDigit),
              let document = try await store.document(sha256: sha, in: caseID)
        else { throw HTTPError(.notFound) }
        return document
    }

    func documentImage(_ request: Request, _ context: WorkspaceContext) async throws -> Response {
        let session = try context.requireSession()
        try session.account.require(.readQueue)
        let document = try await requireDocument(context)
        return try await image(of: document, page: try Self.pageNumber(context, in: document))
    }

    /// A page of a document with the words of `?q=` marked on the image and in the text.
    func documentPage(_ request: Request, _ context: WorkspaceContext) async throws -> Response {
        let session = try context.requireSession()
        try session.account.require(.readQueue)
        let document = try await requireDocument(context)
        let number = try Self.pageNumber(context, in: document)
        let query = FormFields(request.uri.query ?? "")["q"] ?? ""
        return Pages(catalogue: Catalogue(language: context.language), session: session, formToken: forms.token(for: session.tokenHash))
            .documentPage(document, page: number, words: SearchWords(query), query: query).response()
    }

    func search(_ request: Request, _ context: WorkspaceContext) async throws -> Response {
        let session = try context.requireSession()
        try session.account.require(.readQueue)
        let query = FormFields(request.uri.query ?? "")
        let text = query["q"] ?? ""
        let caseID = query["case"].flatMap { $0.isEmpty ? nil : CaseID($0) }
        let hits = text.count > 500 ? [] : try await store.search(text, in: caseID, limit: 50)
        return Pages(catalogue: Catalogue(language: context.language), session: session, formToken: forms.token(for: session.tokenHash))
            .search(text, hits: hits).response()
    }

    func casePage(_ request: Request, _ context: WorkspaceContext, message: String? = nil) async throws -> Response {
        let session = try context.requireSession()
        try session.account.require(.readQueue)
        guard let text = context.parameters.get("case"), let caseID = CaseID(text) else { throw HTTPError(.notFound) }
        let documents = try await store.documents(in: caseID)
        guard !documents.isEmpty else { throw HTTPError(.notFound) }
        let items = try await store.items(ReviewItemFilter(caseID: caseID))
        return Pages(catalogue: Catalogue(language: context.language), session: session, formToken: forms.token(for: session.tokenHash))
            .casePage(caseID, documents: documents, items: items, message: message).response()
    }

    /// Exports the case file into the export folder (supervisors).
    func export(_ request: Request, _ context: WorkspaceContext) async throws -> Response {
        let session = try context.requireSession()
        if let refused = try await refuseForm(request, context) { return refused }
        try session.account.require(.export)
        guard let text = context.parameters.get("case"), let caseID = CaseID(text) else { throw HTTPError(.notFound) }
        let stamp = AuditClock.text(Date()).replacingOccurrences(of: ":", with: "").replacingOccurrences(of: ".", with: "-")
        let target = configuration.exportFolder.appendingPathComponent("\(caseID.rawValue)-\(stamp)")
        do {
            let report = try await CaseFileExporter(store: store, actor: session.account.name).export(caseID, to: target)
            return try await casePage(request, context, message: Catalogue(language: context.language)(.exported, report.folder))
        } catch {
            return try await casePage(request, context, message: error.localizedDescription)
        }
    }

    /// `document`'s page as a PNG, rendered once into the cache.
    func image(of document: StoredDocument, page number: Int) async throws -> Response {
        // An Office document's pages are its rendition's, the PDF it was read through.
        let shown = document.renditionSHA256 ?? document.sha256
        let original = try await store.originalURL(sha256: shown)
        let renderer = PageImageRenderer(cache: configuration.pageCache)
        let format = document.renditionSHA256 == nil ? document.format : "pdf"
        let sha256 = shown
        let file: URL
        do {
            file = try await rendering.run { try renderer.image(of: original, sha256: sha256, format: format, page: number) }
        } catch {
            throw HTTPError(.unprocessableContent, message: "the page cannot be shown")
        }
        guard let data = FileManager.default.contents(atPath: file.path) else { throw HTTPError(.notFound) }
        return Response(status: .ok, headers: [.contentType: "image/png", .cacheControl: "private, max-age=3600"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }


    // MARK: - Helpers

    /// The item named by the path, if it exists: anything else (text, negative, huge, `../`) is 404.
    func requireItem(_ context: WorkspaceContext) async throws -> ReviewItem {
        guard let text = context.parameters.get("id"), text.count <= 18, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber),
              let id = Int64(text), id > 0, let item = try await store.item(id)
        else { throw HTTPError(.notFound) }
        return item
    }

    /// A refusal page unless the posted form carries this session's token.
    func refuseForm(_ request: Request, _ context: WorkspaceContext) async throws -> Response? {
        guard let session = context.session else { return Self.redirect("/login") }
        let form = try await Self.form(request)
        return forms.accepts(form["csrf"], for: session.tokenHash) ? nil : forbiddenForm(context)
    }

    func forbiddenForm(_ context: WorkspaceContext) -> Response {
        let text = Catalogue(language: context.language)
        return Pages(catalogue: text).message(text(.forbiddenForm)).response(status: .forbidden)
    }

    static func form(_ request: Request) async throws -> FormFields {
        var request = request
        let buffer = try await request.collectBody(upTo: 256 * 1024)
        return FormFields(String(buffer: buffer))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    static func messageText(_ context: WorkspaceContext) -> (String) -> String? {
        { code in
            let text = Catalogue(language: context.language)
            switch code {
            case "saved": return text(.edited)
            case "nothing": return text(.nothingToReview)
            default: return nil
            }
        }
    }

    /// A store refusal in the interface's language where there is a translation, else as the CLI says it.
    static func describe(_ error: any Error, _ text: Catalogue) -> String {
        guard let error = error as? ReviewStoreError else { return error.localizedDescription }
        if text.language == .en { return error.localizedDescription }
        switch error {
        case .selfApproval(let id, let editor): return "Item \(id) is bewerkt door \(editor); vier ogen: een andere beoordelaar moet het goedkeuren."
        case .claimedByOther(let id, let reviewer, let until): return "Item \(id) is in behandeling bij \(reviewer) tot \(AuditClock.text(until))."
        case .alreadyDecided(let id, let state): return "Over item \(id) is al besloten (\(state.rawValue))."
        case .unconfirmedRedaction(let id):
            return "Item \(id) is een afschermingsset; vier ogen: eerst controleert of wijzigt een beoordelaar hem, dan keurt een ander hem goed."
        case .unplacedRedactions(let id, let marks):
            return "Item \(id) heeft afscherming\(marks.count == 1 ? "" : "en") \(marks.map(String.init).joined(separator: ", ")) zonder plaats op de paginaafbeelding; "
                + "teken het gebied of verwijder \(marks.count == 1 ? "de markering" : "de markeringen") voordat de set wordt goedgekeurd."
        case .missingReason: return "Een afwijzing heeft een reden nodig."
        case .notAllowed: return text(.notAllowed)
        default: return error.localizedDescription
        }
    }

    static func status(of error: any Error) -> HTTPResponse.Status {
        switch error as? ReviewStoreError {
        case .notAllowed?, .accountDisabled?: .forbidden
        case .notSignedIn?: .unauthorized
        case .noSuchItem?: .notFound
        case .invalidEdit?, .missingReason?: .badRequest
        default: .conflict
        }
    }
}

extension WorkspaceContext {
    func requireSession() throws -> SessionRecord {
        guard let session else { throw HTTPError(.unauthorized) }
        return session
    }
}

/// Refuses the routes behind it without a live session: pages redirect to the login, forms get 401.
struct SessionRequired: RouterMiddleware {
    let workspace: Workspace

    func handle(_ request: Request, context: WorkspaceContext, next: (Request, WorkspaceContext) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[Workspace.sessionCookie]?.value,
           let session = try? await workspace.accounts.signedIn(token: token),
           await workspace.idle.touch(session.tokenHash, at: Date()) {
            context.session = session
            return try await respond(request, context, session: session, next: next)
        }
        // Single sign-on: the proxy names the account; a session is made for it once.
        if let header = workspace.configuration.trustRemoteUser.flatMap({ HTTPField.Name($0) }),
           let name = request.headers[header], !name.isEmpty,
           let grant = try? await workspace.accounts.trustedLogin(name: name),
           let session = try? await workspace.accounts.signedIn(token: grant.token) {
            await workspace.idle.started(session.tokenHash, at: Date())
            context.session = session
            var response = try await respond(request, context, session: session, next: next)
            response.headers.append(HTTPField(name: .setCookie, value: workspace.cookie(Workspace.sessionCookie, grant.token, path: "/")))
            return response
        }
        if request.method == .get {
            return Workspace.redirect("/login")
        }
        return Pages(catalogue: Catalogue(language: context.language)).message(Catalogue(language: context.language)(.sessionEnded))
            .response(status: .unauthorized)
    }

    /// The route's answer for a live session; a refusal of the store becomes a page saying why.
    private func respond(
        _ request: Request, _ context: WorkspaceContext, session: SessionRecord, next: (Request, WorkspaceContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ReviewStoreError {
            let text = Catalogue(language: context.language)
            return Pages(catalogue: text, session: session, formToken: workspace.forms.token(for: session.tokenHash))
                .message(Workspace.describe(error, text)).response(status: Workspace.status(of: error))
        }
    }
}

/// The headers every answer carries: a strict content security policy (only this server's own
/// styles and script, no frames, forms only to itself), no sniffing, no referrer, no caching.
struct SecurityHeaders: RouterMiddleware {
    typealias Context = WorkspaceContext

    static let policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    func handle(_ request: Request, context: WorkspaceContext, next: (Request, WorkspaceContext) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            let text = Catalogue(language: context.language)
            response = Pages(catalogue: text).message(error.status == .notFound ? text(.notFound) : error.status.reasonPhrase)
                .response(status: error.status)
        }
        response.headers[.contentSecurityPolicy] = Self.policy
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

/// `?lang=en` or `?lang=nl` chooses the language and keeps it in a cookie; Dutch by default.
struct LanguageChoice: RouterMiddleware {
    typealias Context = WorkspaceContext

    func handle(_ request: Request, context: WorkspaceContext, next: (Request, WorkspaceContext) async throws -> Response) async throws -> Response {
        var context = context
        let asked = FormFields(request.uri.query ?? "")["lang"].flatMap(InterfaceLanguage.init(rawValue:))
        context.language = asked ?? request.cookies[Workspace.languageCookie].flatMap { InterfaceLanguage(rawValue: $0.value) } ?? .nl
        var response = try await next(request, context)
        if let asked {
            response.headers.append(HTTPField(name: .setCookie, value: "\(Workspace.languageCookie)=\(asked.rawValue); Path=/; SameSite=Strict"))
        }
        return response
    }
}

/// Runs blocking page rendering on a thread of its own, one page at a time, so the server's
/// threads keep answering.
final class RenderQueue: Sendable {
    private let queue = DispatchQueue(label: "dossier.workspace.render")

    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}

extension Optional where Wrapped: Sendable {
    /// `flatMap` with an asynchronous transform.
    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
