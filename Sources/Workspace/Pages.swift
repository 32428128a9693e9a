internal import DossierCore
internal import Foundation
internal import Hummingbird
internal import HTTPTypes
internal import Review
internal import Language

/// A rendered page.
struct HTMLPage {
    let html: String

    func response(status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// The queue's filters, from the query string.
struct QueueFilter {
    var caseID: CaseID?
    var kind: ReviewItemKind?
    var state: ReviewState?
    var severity: String?

    init(query: FormFields) {
        caseID = query["case"].flatMap { $0.isEmpty ? nil : CaseID($0) }
        kind = query["kind"].flatMap(ReviewItemKind.init(rawValue:))
        state = query["state"].flatMap(ReviewState.init(rawValue:))
        severity = query["severity"].flatMap { ItemFacts.severities.contains($0) ? $0 : nil }
    }
}

/// What the machine's proposal says beyond its summary line: a flag's severity and deadline.
struct ItemFacts {
    static let severities = ["critical", "high", "medium", "low", "info"]

    let severity: String?
    let deadline: CivilDay?
    let flagReason: String?
    let documentType: String?

    init(_ item: ReviewItem) {
        // Only flags and document types say more than their summary line: nothing else is parsed.
        guard item.kind == .flag || item.kind == .documentType else {
            severity = nil
            deadline = nil
            flagReason = nil
            documentType = nil
            return
        }
        let object = (try? JSONSerialization.jsonObject(with: Data(item.currentProposal.utf8))) as? [String: Any]
        let flag = object?["flag"] as? [String: Any]
        severity = item.kind == .flag ? (flag?["severity"] as? String ?? item.summary.split(separator: " ").first.map(String.init)) : nil
        deadline = ((flag?["details"] as? [String: Any])?["deadline"] as? String).flatMap(CivilDay.init(iso:))
        flagReason = flag?["reason"] as? String
        documentType = item.kind == .documentType ? object?["type"] as? String : nil
    }
}

/// The queue as a reviewer sees it: open items first, by priority.
struct QueueView {
    let rows: [(item: ReviewItem, facts: ItemFacts)]
    /// Items that match the filters (``rows`` holds the first ``shown``).
    let total: Int
    let counts: [(ReviewState, Int)]
    let filter: QueueFilter
    let today: CivilDay
    let cases: [String]

    /// `items`: the rows to show, already filtered and in queue order by the store; `total`: how
    /// many match in all; `counts`: items per state.
    init(items: [ReviewItem], total: Int, counts: [ReviewState: Int], cases: [String], filter: QueueFilter, today: CivilDay) {
        self.filter = filter
        self.today = today
        self.counts = ReviewState.allCases.map { ($0, counts[$0] ?? 0) }
        self.cases = cases
        rows = items.map { ($0, ItemFacts($0)) }
        self.total = total
    }

    /// Rows shown at once; filters narrow the rest down.
    static let shown = 250

    /// Open before decided, then priority, then age.
    static func order(_ a: ReviewItem, _ b: ReviewItem) -> Bool {
        if a.state.isOpen != b.state.isOpen { return a.state.isOpen }
        if a.priority != b.priority { return a.priority > b.priority }
        return a.id < b.id
    }
}

/// Everything the item page shows.
struct ItemView {
    let item: ReviewItem
    let document: StoredDocument?
    let history: [AuditEvent]
    let previous: Int64?
    let next: Int64?
    let policy: FourEyesPolicy
    let viewer: String
}

/// Turns the edit form into a reviewer's version, through the same parser the CLI uses.
enum ItemEdits {
    static func draft(from form: FormFields, for item: ReviewItem, pages: [PageTranscript] = []) throws(ReviewStoreError) -> ReviewEditDraft {
        switch item.kind {
        case .documentType:
            guard let chosen = form["type"], let type = DocumentType(rawValue: chosen) else {
                throw .invalidEdit("choose a document type from the list")
            }
            var object = ((try? JSONSerialization.jsonObject(with: Data(item.currentProposal.utf8))) as? [String: Any]) ?? [:]
            object["type"] = type.rawValue
            object["confidence"] = nil
            object["set_by"] = "reviewer"
            guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
                throw .invalidEdit("the proposal cannot be written")
            }
            return try ItemEditText.parse("summary: \(type.rawValue) (set by a reviewer)\nproposal:\n" + String(decoding: data, as: UTF8.self), for: item)
        case .summary:
            guard let content = SummaryContent(json: item.currentProposal) else { throw .invalidEdit("this summary cannot be edited here") }
            // Each sentence: keep or drop, a place in the order, and its words.
            var kept: [(order: Double, line: String)] = []
            for (index, sentence) in content.sentences.enumerated() {
                let tag = index + 1
                guard form["keep\(tag)"] == "on" else { continue }
                let order = Double(form["order\(tag)"] ?? "") ?? Double(tag)
                let words = (form["text\(tag)"] ?? sentence.text).replacingOccurrences(of: "\n", with: " ")
                    .trimmingCharacters(in: .whitespaces)
                kept.append((order + Double(tag) / 1000, "[\(tag)] \(words)"))
            }
            guard !kept.isEmpty else { throw .invalidEdit("keep at least one sentence, or reject the summary") }
            return try ItemEditText.parse(kept.sorted { $0.order < $1.order }.map(\.line).joined(separator: "\n"), for: item)
        case .flag, .transcript:
            throw .invalidEdit("confirm (approve) or dismiss (reject with a reason) this item")
        case .redaction:
            // The first of two looks at a redaction set: confirmed as it stands, or changed.
            if form["confirm"] == "1" { return try RedactionEditing.confirmation(item) }
            let set = try RedactionEditing.set(of: item)
            var changes = RedactionChanges()
            changes.remove = set.marks.indices.map { $0 + 1 }.filter { form["remove\($0)"] == "on" }
            for number in set.marks.indices.map({ $0 + 1 }) {
                guard let written = form["place\(number)"]?.trimmingCharacters(in: .whitespaces), !written.isEmpty else { continue }
                guard let area = RedactionChanges.placement("\(number):" + written) else {
                    throw .invalidEdit("the area of mark \(number) is X,Y,W,H in percent of its page from its top left, e.g. 10,80,80,12")
                }
                changes.place.append(area)
            }
            let category = RedactionCategory(rawValue: form["category"] ?? "") ?? .other
            if let text = form["addText"]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
                changes.addText = [(text, nil, category)]
            }
            if let written = form["addArea"]?.trimmingCharacters(in: .whitespaces), !written.isEmpty {
                guard let area = RedactionChanges.area(written) else {
                    throw .invalidEdit("an area is PAGE:X,Y,W,H in percent of the page from its top left, e.g. 2:10,20,30,5")
                }
                changes.addArea = [(area.page, area.x, area.y, area.width, area.height, category)]
            }
            guard !changes.isEmpty else {
                throw .invalidEdit("nothing changed: tick marks to remove or give text or an area to add, or confirm the set as it stands")
            }
            return try RedactionEditing.draft(item, pages: pages, changes: changes)
        }
    }
}

/// Renders the pages.
struct Pages {
    let catalogue: Catalogue
    var session: SessionRecord?
    var formToken: String?

    init(catalogue: Catalogue, session: SessionRecord? = nil, formToken: String? = nil) {
        self.catalogue = catalogue
        self.session = session
        self.formToken = formToken
    }

    private var text: Catalogue { catalogue }

    /// The frame every page shares.
    private func page(_ title: String, bodyClass: String = "", _ body: (inout HTMLWriter) -> Void) -> HTMLPage {
        var html = HTMLWriter()
        html.trusted("<!DOCTYPE html>")
        html.open("html", ["lang": catalogue.language.rawValue])
        html.element("head") { head in
            head.void("meta", ["charset": "utf-8"])
            head.void("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
            head.element("title", text: title)
            head.void("link", ["rel": "stylesheet", "href": "/static/workspace.css"])
            head.element("script", ["src": "/static/workspace.js", "defer": ""]) { _ in }
        }
        html.element("body", ["class": bodyClass.isEmpty ? nil : bodyClass]) { body_ in
            body_.element("header") { header in
                header.element("a", ["href": "/", "class": "brand"], text: text(.title))
                header.element("nav") { nav in
                    nav.element("a", ["href": "?lang=\(catalogue.language == .nl ? "en" : "nl")"], text: text(.language))
                    if let session {
                        nav.element("span", ["class": "who"], text: text(.signedInAs, session.account.name, session.account.role.rawValue))
                        nav.element("form", ["method": "post", "action": "/logout", "class": "inline"]) { form in
                            csrfField(&form)
                            form.element("button", ["type": "submit"], text: text(.logOut))
                        }
                    }
                }
            }
            body_.element("main") { main in body(&main) }
        }
        html.close("html")
        return HTMLPage(html: html.output)
    }

    private func csrfField(_ html: inout HTMLWriter) {
        html.void("input", ["type": "hidden", "name": "csrf", "value": formToken ?? ""])
    }

    func message(_ message: String) -> HTMLPage {
        page(text(.title)) { html in
            html.element("p", ["class": "message", "role": "alert"], text: message)
            html.element("p") { p in p.element("a", ["href": "/"], text: text(.back)) }
        }
    }

    func login(formToken: String, message: String?) -> HTMLPage {
        page(text(.loginTitle), bodyClass: "login") { html in
            html.element("h1", text: text(.loginTitle))
            if let message { html.element("p", ["class": "message", "role": "alert"], text: message) }
            html.element("form", ["method": "post", "action": "/login"]) { form in
                form.void("input", ["type": "hidden", "name": "csrf", "value": formToken])
                form.element("label") { label in
                    label.text(text(.name))
                    label.void("input", ["name": "username", "autocomplete": "username", "required": "", "autofocus": ""])
                }
                form.element("label") { label in
                    label.text(text(.password))
                    label.void("input", ["name": "password", "type": "password", "autocomplete": "current-password", "required": ""])
                }
                form.element("button", ["type": "submit", "id": "login"], text: text(.logIn))
            }
        }
    }

    func queue(_ queue: QueueView, message: String?) -> HTMLPage {
        page(text(.queue)) { html in
            html.element("h1", text: text(.queue))
            searchForm(&html, query: "")
            if let message { html.element("p", ["class": "message", "role": "status"], text: message) }
            html.element("form", ["method": "post", "action": "/next", "class": "next"]) { form in
                csrfField(&form)
                form.element("button", ["type": "submit", "id": "review-next", "data-key": "n"], text: text(.reviewNext))
            }
            html.element("section", ["class": "counts", "aria-label": text(.counts)]) { section in
                for (state, count) in queue.counts {
                    section.element("a", ["href": "/?state=\(state.rawValue)" + (queue.filter.caseID.map { "&case=\($0.rawValue)" } ?? ""),
                                          "class": "count state-\(state.rawValue)"]) { link in
                        link.element("strong", text: "\(count)")
                        link.text(" \(Self.stateName(state, text))")
                    }
                }
            }
            html.element("form", ["method": "get", "action": "/", "class": "filters"]) { form in
                select(&form, name: "case", label: text(.caseLabel), options: queue.cases.map { ($0, $0) }, chosen: queue.filter.caseID?.rawValue)
                select(&form, name: "kind", label: text(.kind), options: ReviewItemKind.allCases.map { ($0.rawValue, Self.kindName($0, text)) },
                       chosen: queue.filter.kind?.rawValue)
                select(&form, name: "state", label: text(.state), options: ReviewState.allCases.map { ($0.rawValue, Self.stateName($0, text)) },
                       chosen: queue.filter.state?.rawValue)
                select(&form, name: "severity", label: text(.severity), options: ItemFacts.severities.map { ($0, $0) }, chosen: queue.filter.severity)
                form.element("button", ["type": "submit"], text: text(.filter))
            }
            guard !queue.rows.isEmpty else {
                html.element("p", ["class": "empty"], text: text(.queueEmpty))
                return
            }
            if queue.total > QueueView.shown {
                html.element("p", ["class": "more"], text: text(.moreRows, "\(QueueView.shown)", "\(queue.total)"))
            }
            html.element("table", ["class": "queue"]) { table in
                table.element("thead") { head in
                    head.element("tr") { row in
                        for heading in [text(.columnItem), text(.caseLabel), text(.columnDocument), text(.kind), text(.columnProposal),
                                        text(.state), text(.columnDeadline), text(.columnPriority)] {
                            row.element("th", text: heading)
                        }
                    }
                }
                table.element("tbody") { body in
                    for (item, facts) in queue.rows {
                        body.element("tr", ["data-item": "\(item.id)", "class": facts.severity.map { "severity-\($0)" }]) { row in
                            row.element("td") { cell in cell.element("a", ["href": "/items/\(item.id)"], text: "\(item.id)") }
                            row.element("td") { cell in cell.element("a", ["href": "/cases/\(item.caseID.rawValue)"], text: item.caseID.rawValue) }
                            row.element("td", text: item.fileName.map(PrintableName.of) ?? text(.wholeCase))
                            row.element("td", text: Self.kindName(item.kind, text))
                            row.element("td", ["class": "summary"], text: String(item.currentSummary.prefix(200)))
                            row.element("td", text: Self.stateName(item.state, text) + (item.claim.map { " · \($0.reviewer)" } ?? ""))
                            row.element("td", text: facts.deadline.map { deadlineWords($0, today: queue.today) } ?? "")
                            row.element("td", text: "\(item.priority)")
                        }
                    }
                }
            }
        }
    }

    private func select(_ html: inout HTMLWriter, name: String, label: String, options: [(String, String)], chosen: String?) {
        html.element("label") { wrapper in
            wrapper.text(label)
            wrapper.element("select", ["name": name]) { select in
                select.element("option", ["value": ""], text: text(.any))
                for (value, title) in options {
                    select.element("option", ["value": value, "selected": value == chosen ? "" : nil], text: title)
                }
            }
        }
    }

    func deadlineWords(_ deadline: CivilDay, today: CivilDay) -> String {
        let days = today.days(until: deadline)
        let date = String(format: "%04d-%02d-%02d", deadline.year, deadline.month, deadline.day)
        if days < 0 { return text(.deadlinePassed, "\(-days)", date) }
        if days == 0 { return text(.deadlineToday, date) }
        return text(.deadlineIn, "\(days)", date)
    }

    func item(_ view: ItemView, message: String?) -> HTMLPage {
        let item = view.item
        return page("\(text(.columnItem)) \(item.id)", bodyClass: "item") { html in
            html.element("nav", ["class": "item-nav"]) { nav in
                nav.element("a", ["href": "/", "id": "back"], text: text(.back))
                if let previous = view.previous { nav.element("a", ["href": "/items/\(previous)", "id": "previous", "rel": "prev"], text: text(.previous)) }
                if let next = view.next { nav.element("a", ["href": "/items/\(next)", "id": "next", "rel": "next"], text: text(.next)) }
                nav.element("form", ["method": "post", "action": "/next", "class": "inline"]) { form in
                    csrfField(&form)
                    form.element("button", ["type": "submit", "id": "review-next", "data-key": "n"], text: text(.reviewNext))
                }
                nav.element("button", ["type": "button", "id": "help-toggle"], text: "?")
            }
            html.element("p", ["id": "help", "class": "help", "hidden": ""], text: text(.keyboardHelp))
            html.element("h1") { h1 in
                h1.text("\(text(.columnItem)) \(item.id) · \(Self.kindName(item.kind, text)) · ")
                h1.element("span", ["class": "state state-\(item.state.rawValue)", "id": "state"], text: Self.stateName(item.state, text))
            }
            if let message { html.element("p", ["class": "message", "role": "alert", "id": "message"], text: message) }
            html.element("p", ["class": "meta"]) { meta in
                meta.text("\(text(.caseLabel)) \(item.caseID.rawValue) · " + (item.fileName.map(PrintableName.of) ?? text(.wholeCase)))
                if let origin = view.document?.origin {
                    meta.text(" · " + text(.memberOf, "\(origin.position)", PrintableName.of(origin.name),
                                           PrintableName.of(origin.parentFileName ?? "")))
                }
                if let claim = item.claim, claim.until > Date() { meta.text(" · " + text(.claimedBy, claim.reviewer, AuditClock.text(claim.until))) }
                if let edit = item.edit { meta.text(" · " + text(.editedBy, edit.editor)) }
                if let reviewer = item.reviewer { meta.text(" · " + text(.decidedBy, reviewer)) }
            }
            html.element("div", ["class": "columns"]) { columns in
                columns.element("section", ["class": "proposal"]) { section in
                    section.element("h2", text: text(.proposal))
                    section.element("p", ["class": "summary", "id": "summary"], text: item.currentSummary)
                    proposalDetails(&section, item)
                    actions(&section, view)
                    history(&section, view.history)
                }
                columns.element("section", ["class": "source"]) { section in
                    section.element("h2", text: text(.transcript))
                    transcript(&section, view)
                }
            }
        }
    }

    private func proposalDetails(_ html: inout HTMLWriter, _ item: ReviewItem) {
        if item.kind == .summary, let content = SummaryContent(json: item.currentProposal) {
            html.element("ol", ["class": "sentences"]) { list in
                for (index, sentence) in content.sentences.enumerated() {
                    list.element("li", ["data-evidence": "e\(index + 1)"]) { entry in
                        entry.element("span", text: sentence.text)
                        entry.element("small", text: " — " + text(.citation, "\(sentence.page)", "\(sentence.line)")
                                      + (sentence.humanWritten ? " · " + text(.rewritten) : ""))
                    }
                }
            }
            return
        }
        let evidence = item.currentEvidence
        guard !evidence.isEmpty else { return }
        html.element("h3", text: text(.evidence))
        html.element("ul", ["class": "evidence"]) { list in
            for (index, piece) in evidence.enumerated() {
                list.element("li", ["data-evidence": "e\(index + 1)"]) { entry in
                    entry.element("a", ["href": "#e\(index + 1)"], text: text(.page, "\(piece.page)"))
                    entry.text(": ")
                    entry.element("q", text: piece.quote)
                }
            }
        }
    }

    private func actions(_ html: inout HTMLWriter, _ view: ItemView) {
        let item = view.item
        guard item.state.isOpen, let session, session.account.may(.decide) else { return }
        html.element("div", ["class": "actions"]) { actions in
            actions.element("form", ["method": "post", "action": "/items/\(item.id)/approve"]) { form in
                csrfField(&form)
                form.element("button", ["type": "submit", "id": "approve", "data-key": "a"],
                             text: item.kind == .flag ? text(.confirmFlag) : text(.approve))
            }
            actions.element("form", ["method": "post", "action": "/items/\(item.id)/reject", "id": "reject-form"]) { form in
                csrfField(&form)
                form.element("label") { label in
                    label.text(text(.reason))
                    label.void("input", ["name": "reason", "id": "reason", "required": ""])
                }
                form.element("button", ["type": "submit", "id": "reject", "data-key": "r"],
                             text: item.kind == .flag ? text(.dismissFlag) : text(.reject))
            }
            switch item.kind {
            case .documentType:
                actions.element("form", ["method": "post", "action": "/items/\(item.id)/edit", "id": "edit-form"]) { form in
                    csrfField(&form)
                    form.element("label") { label in
                        label.text(text(.documentType))
                        label.element("select", ["name": "type", "id": "edit"]) { select in
                            let current = ItemFacts(item).documentType
                            for type in DocumentType.allCases {
                                select.element("option", ["value": type.rawValue, "selected": type.rawValue == current ? "" : nil], text: type.rawValue)
                            }
                        }
                    }
                    form.element("button", ["type": "submit"], text: text(.save))
                }
            case .summary:
                guard let content = SummaryContent(json: item.currentProposal) else { return }
                actions.element("form", ["method": "post", "action": "/items/\(item.id)/edit", "id": "edit-form"]) { form in
                    csrfField(&form)
                    form.element("h3", text: text(.sentences))
                    for (index, sentence) in content.sentences.enumerated() {
                        let tag = index + 1
                        form.element("fieldset", ["class": "sentence"]) { fieldset in
                            fieldset.element("label") { label in
                                label.void("input", ["type": "checkbox", "name": "keep\(tag)", "checked": "", "id": tag == 1 ? "edit" : nil])
                                label.text(text(.keep))
                            }
                            fieldset.void("input", ["type": "number", "name": "order\(tag)", "value": "\(tag)", "min": "1", "class": "order"])
                            fieldset.element("textarea", ["name": "text\(tag)", "rows": "2"], text: sentence.text)
                            fieldset.element("small", text: text(.citation, "\(sentence.page)", "\(sentence.line)"))
                        }
                    }
                    form.element("button", ["type": "submit"], text: text(.save))
                }
            case .flag, .transcript:
                break
            case .redaction:
                actions.element("form", ["method": "post", "action": "/items/\(item.id)/edit", "id": "confirm-form"]) { form in
                    csrfField(&form)
                    form.void("input", ["type": "hidden", "name": "confirm", "value": "1"])
                    form.element("button", ["type": "submit", "id": "confirm-redactions"], text: text(.confirmRedactions))
                }
                guard let set = RedactionSet(json: item.currentProposal) else { return }
                actions.element("form", ["method": "post", "action": "/items/\(item.id)/edit", "id": "edit-form"]) { form in
                    csrfField(&form)
                    form.element("fieldset", ["class": "marks"]) { fieldset in
                        fieldset.element("legend", text: text(.removeMarks))
                        for (index, line) in RedactionEditing.lines(set, pages: view.document?.pages ?? []).enumerated() {
                            let placed = set.marks[index].placed
                            fieldset.element("label", ["class": placed ? nil : "unplaced"]) { label in
                                label.void("input", ["type": "checkbox", "name": "remove\(index + 1)", "id": index == 0 ? "edit" : nil])
                                label.text(line)
                            }
                            // A mark the machine could not place: its area, drawn by hand, in percent of its page.
                            if !placed {
                                fieldset.element("label", ["class": "unplaced"]) { label in
                                    label.text(text(.placeMark))
                                    label.void("input", ["name": "place\(index + 1)", "id": "place-\(index + 1)", "placeholder": "10,80,80,12"])
                                }
                            }
                        }
                    }
                    form.element("fieldset") { fieldset in
                        fieldset.element("legend", text: text(.addMarks))
                        fieldset.element("label") { label in
                            label.text(text(.hideText))
                            label.void("input", ["name": "addText", "id": "add-text"])
                        }
                        fieldset.element("label") { label in
                            label.text(text(.hideArea))
                            label.void("input", ["name": "addArea", "id": "add-area", "placeholder": "2:10,20,30,5"])
                        }
                        fieldset.element("label") { label in
                            label.text(text(.category))
                            label.element("select", ["name": "category", "id": "add-category"]) { select in
                                for category in RedactionCategory.allCases {
                                    select.element("option", ["value": category.rawValue, "selected": category == .other ? "" : nil],
                                                   text: category.rawValue)
                                }
                            }
                        }
                    }
                    form.element("button", ["type": "submit"], text: text(.save))
                }
            }
        }
    }

    private func history(_ html: inout HTMLWriter, _ events: [AuditEvent]) {
        html.element("h3", text: text(.history))
        html.element("ol", ["class": "history"]) { list in
            for event in events {
                list.element("li", text: "\(event.at) · \(event.actor) · \(event.actionName)" + (event.state.map { " → \($0)" } ?? ""))
            }
        }
    }

    /// The cited pages' text with the cited characters marked (or every page, for a transcript item).
    private func transcript(_ html: inout HTMLWriter, _ view: ItemView) {
        guard let document = view.document else {
            // An item about the whole case: its documents are on the case page.
            html.element("p") { p in
                p.text(text(.wholeCase) + ": ")
                p.element("a", ["href": "/cases/\(view.item.caseID.rawValue)"], text: text(.caseTitle, view.item.caseID.rawValue))
            }
            return
        }
        let item = view.item
        var marks: [Int: [(start: Int, end: Int, id: String)]] = [:]
        if item.kind == .summary, let content = SummaryContent(json: item.currentProposal) {
            for (index, sentence) in content.sentences.enumerated() where sentence.span.count == 2 {
                marks[sentence.page, default: []].append((sentence.span[0], sentence.span[1], "e\(index + 1)"))
            }
        } else {
            for (index, piece) in item.currentEvidence.enumerated() {
                marks[piece.page, default: []].append((piece.start, piece.end, "e\(index + 1)"))
            }
        }
        // A redaction set shows every page with its boxes: what is not marked matters as much.
        var redactionBoxes: [Int: [PageBox]] = [:]
        if item.kind == .redaction, let set = RedactionSet(json: item.currentProposal) {
            for mark in set.marks { redactionBoxes[mark.page, default: []] += mark.boxes }
        }
        let shown = item.kind == .transcript || item.kind == .redaction || marks.isEmpty
            ? document.pages : document.pages.filter { marks[$0.number] != nil }
        if shown.count > 1 {
            // The pages shown, to jump between them.
            html.element("nav", ["class": "pages"]) { nav in
                for page in shown { nav.element("a", ["href": "#page-\(page.number)"], text: text(.page, "\(page.number)")) }
            }
        }
        for page in shown {
            html.element("article", ["class": "page", "id": "page-\(page.number)"]) { article in
                article.element("h3", text: text(.page, "\(page.number)"))
                figure(&article, source: "/items/\(item.id)/page/\(page.number)", page: page, marks: marks[page.number] ?? [],
                       redactions: redactionBoxes[page.number] ?? [])
                pageText(&article, page: page, marks: marks[page.number] ?? [])
            }
        }
    }

    /// A page's text with the marked characters in `<mark>`.
    private func pageText(_ html: inout HTMLWriter, page: PageTranscript, marks: [(start: Int, end: Int, id: String)]) {
        html.element("pre", ["class": "text"]) { pre in
            let characters = Array(page.text)
            var position = 0
            for mark in marks.sorted(by: { $0.start < $1.start }) {
                let start = max(position, min(mark.start, characters.count))
                let end = max(start, min(mark.end, characters.count))
                if start > position { pre.text(String(characters[position..<start])) }
                pre.element("mark", ["id": mark.id], text: String(characters[start..<end]))
                position = end
            }
            if position < characters.count { pre.text(String(characters[position...])) }
        }
    }

    /// The page as the original shows it, the cited words boxed (an SVG over the page's own
    /// coordinates, so no inline style is needed and the boxes scale with the image).
    /// A page that is a file's own text (plain text, HTML, a message body) has no image: none is shown.
    private func figure(
        _ html: inout HTMLWriter, source: String, page: PageTranscript, marks: [(start: Int, end: Int, id: String)], redactions: [PageBox] = []
    ) {
        guard page.method != .textFile else { return }
        let figure = "figure-\(page.number)"
        html.element("figure", ["class": "page-image", "id": figure]) { fig in
            if let layout = page.layout, layout.width > 0, layout.height > 0 {
                let locator = WordBoxes(page: page)
                let size = (String(format: "%.1f", layout.width), String(format: "%.1f", layout.height))
                fig.element("svg", ["xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(size.0) \(size.1)", "class": "page-svg",
                                    "role": "img", "aria-label": text(.page, "\(page.number)")]) { svg in
                    // Closed explicitly: inside SVG an unclosed element would swallow the boxes after it.
                    svg.element("image", ["href": source, "x": "0", "y": "0", "width": size.0, "height": size.1]) { _ in }
                    for mark in marks {
                        for box in locator.boxes(start: mark.start, end: mark.end) {
                            svg.element("rect", ["x": String(format: "%.1f", box.x - 1), "y": String(format: "%.1f", box.y - 1),
                                                 "width": String(format: "%.1f", box.width + 2), "height": String(format: "%.1f", box.height + 2),
                                                 "class": "evidence-box", "data-evidence": mark.id]) { _ in }
                        }
                    }
                    // What a redacted copy blacks out, drawn areas included.
                    for box in redactions {
                        svg.element("rect", ["x": String(format: "%.1f", box.x), "y": String(format: "%.1f", box.y),
                                             "width": String(format: "%.1f", box.width), "height": String(format: "%.1f", box.height),
                                             "class": "redaction-box"]) { _ in }
                    }
                }
            } else {
                fig.void("img", ["src": source, "alt": text(.page, "\(page.number)")])
            }
            fig.element("button", ["type": "button", "data-zoom": figure], text: text(.zoomIn))
        }
    }

    func search(_ query: String, hits: [SearchHit]) -> HTMLPage {
        page(text(.searchLabel)) { html in
            html.element("h1", text: text(.searchLabel))
            searchForm(&html, query: query)
            guard !query.isEmpty else { return }
            if hits.isEmpty { html.element("p", ["class": "empty"], text: text(.noHits)) }
            html.element("ol", ["class": "hits"]) { list in
                for hit in hits {
                    list.element("li") { entry in
                        entry.element("a", ["href": "/cases/\(hit.caseID.rawValue)/documents/\(hit.documentSHA256)/pages/\(hit.page)?q=\(FormFields.encode(query))"],
                                      text: "\(hit.caseID.rawValue) · \(PrintableName.of(hit.fileName)) · \(text(.page, "\(hit.page)"))")
                        entry.element("p", ["class": "snippet"]) { snippet in
                            // The store marks matches with [brackets]; they become marks, the rest stays text.
                            var inside = false
                            for part in hit.snippet.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "[" || $0 == "]" }) {
                                if inside { snippet.element("mark", text: String(part)) } else { snippet.text(String(part)) }
                                inside.toggle()
                            }
                        }
                    }
                }
            }
        }
    }

    private func searchForm(_ html: inout HTMLWriter, query: String) {
        html.element("form", ["method": "get", "action": "/search", "class": "filters", "role": "search"]) { form in
            form.element("label") { label in
                label.text(text(.searchLabel))
                label.void("input", ["name": "q", "value": query, "id": "search", "type": "search"])
            }
            form.element("button", ["type": "submit"], text: text(.search))
        }
    }

    func documentPage(_ document: StoredDocument, page number: Int, words: SearchWords, query: String) -> HTMLPage {
        page("\(PrintableName.of(document.fileName)) · \(text(.page, "\(number)"))") { html in
            html.element("nav", ["class": "item-nav"]) { nav in
                nav.element("a", ["href": "/search?q=\(FormFields.encode(query))"], text: text(.search))
                nav.element("a", ["href": "/cases/\(document.caseID.rawValue)"], text: text(.caseTitle, document.caseID.rawValue))
            }
            html.element("h1", text: "\(PrintableName.of(document.fileName)) · \(text(.page, "\(number)"))")
            html.element("nav", ["class": "item-nav"]) { nav in
                let base = "/cases/\(document.caseID.rawValue)/documents/\(document.sha256)/pages/"
                let query = "?q=\(FormFields.encode(query))"
                if document.pages.contains(where: { $0.number == number - 1 }) {
                    nav.element("a", ["href": base + "\(number - 1)" + query, "id": "previous", "rel": "prev"], text: text(.previousPage))
                }
                if document.pages.contains(where: { $0.number == number + 1 }) {
                    nav.element("a", ["href": base + "\(number + 1)" + query, "id": "next", "rel": "next"], text: text(.nextPage))
                }
            }
            guard let page = document.pages.first(where: { $0.number == number }) else { return }
            let spans = words.spans(in: page.text).enumerated().map { ($0.element.start, $0.element.end, "e\($0.offset + 1)") }
            let source = "/cases/\(document.caseID.rawValue)/documents/\(document.sha256)/image/\(number)"
            html.element("div", ["class": "columns"]) { columns in
                columns.element("section", ["class": "proposal"]) { section in
                    figure(&section, source: source, page: page, marks: spans.map { (start: $0.0, end: $0.1, id: $0.2) })
                }
                columns.element("section", ["class": "source"]) { section in
                    pageText(&section, page: page, marks: spans.map { (start: $0.0, end: $0.1, id: $0.2) })
                }
            }
        }
    }

    func casePage(_ caseID: CaseID, documents: [StoredDocument], items: [ReviewItem], message: String?) -> HTMLPage {
        page(text(.caseTitle, caseID.rawValue)) { html in
            html.element("h1", text: text(.caseTitle, caseID.rawValue))
            if let message { html.element("p", ["class": "message", "role": "status"], text: message) }
            searchForm(&html, query: "")
            let overview = items.first { $0.kind == .summary && $0.summary.hasPrefix("Case ") }
            if let overview {
                html.element("p", ["class": "summary"]) { p in
                    p.element("a", ["href": "/items/\(overview.id)"], text: overview.currentSummary)
                }
            }
            html.element("h2", text: text(.documents))
            html.element("table", ["class": "queue"]) { table in
                table.element("thead") { head in
                    head.element("tr") { row in
                        for heading in [text(.columnDocument), text(.documentType), text(.languageColumn), text(.pages), text(.openFlags)] {
                            row.element("th", text: heading)
                        }
                    }
                }
                table.element("tbody") { body in
                    for document in documents {
                        let own = items.filter { $0.documentSHA256 == document.sha256 }
                        let type = own.first { $0.kind == .documentType }
                        let flags = own.filter { $0.kind == .flag && $0.state.isOpen }.count
                        body.element("tr") { row in
                            row.element("td") { cell in
                                cell.element("a", ["href": "/cases/\(caseID.rawValue)/documents/\(document.sha256)/pages/1"], text: PrintableName.of(document.fileName))
                            }
                            row.element("td") { cell in
                                if let type { cell.element("a", ["href": "/items/\(type.id)"], text: type.currentSummary) }
                            }
                            // The language as the bundled trigram profiles read the document's text.
                            let language = LanguageIdentifier.bundled.identify(document.pages.map(\.text).joined(separator: "\n").prefix(20_000))
                            row.element("td", text: language.map { LanguageNames.english($0.code) } ?? "?")
                            row.element("td", text: "\(document.pages.count) (" + Set(document.pages.map(\.method.rawValue)).sorted().joined(separator: ", ") + ")")
                            row.element("td", text: "\(flags)")
                        }
                    }
                }
            }
            if let session, session.account.may(.export) {
                html.element("form", ["method": "post", "action": "/cases/\(caseID.rawValue)/export"]) { form in
                    csrfField(&form)
                    form.element("button", ["type": "submit", "id": "export"], text: text(.exportCase))
                }
            }
        }
    }

    static func kindName(_ kind: ReviewItemKind, _ text: Catalogue) -> String {
        guard text.language == .nl else { return kind.rawValue }
        switch kind {
        case .documentType: return "documentsoort"
        case .transcript: return "transcript"
        case .flag: return "signaal"
        case .summary: return "samenvatting"
        case .redaction: return "afscherming"
        }
    }

    static func stateName(_ state: ReviewState, _ text: Catalogue) -> String {
        guard text.language == .nl else { return state.rawValue }
        switch state {
        case .proposed: return "voorgesteld"
        case .edited: return "bewerkt"
        case .approved: return "goedgekeurd"
        case .editedAndApproved: return "bewerkt en goedgekeurd"
        case .rejected: return "afgewezen"
        case .filed: return "opgenomen in dossier"
        }
    }
}
