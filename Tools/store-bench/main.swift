// store-bench: the review store under load.
//
//   swift run -c release store-bench claims [--workers 8] [--items 1000] [--store DIR | --store postgres://…]
//   swift run -c release store-bench search [--pages 10000] [--corpus DIR] [--store postgres://… (an empty database)]
//
// claims: the parent makes a fresh store with `--items` proposals (ten per document) through the
// store's own API, starts `--workers` copies of itself, each looping `claimNext` + `approve`
// under its own reviewer name until the queue is empty, and then checks: no item claimed
// twice, none lost, every item approved once, and the audit trail still verifies. It prints
// the claims per second. Workers talk to the store only, never to each other.
//
// search: fills a store with `--pages` pages of Dutch text (paragraphs of the reports in
// `--corpus`, default ../shared/corpus, shuffled into pages; sample sentences when absent),
// then times 200 searches of one and two words and a phrase, and prints the median and 95th
// percentile beside `grep -rlis` over the same pages written as files.
import DossierCore
import Foundation
import Review
import Stores

struct Options {
    var mode = "claims"
    var workers = 8
    var items = 1000
    var pages = 10_000
    var corpus = "../shared/corpus"
    var store: String?
    var worker: String?

    init(_ arguments: [String]) {
        var index = 1
        if arguments.count > 1, !arguments[1].hasPrefix("--") {
            mode = arguments[1]
            index = 2
        }
        while index < arguments.count {
            let value = index + 1 < arguments.count ? arguments[index + 1] : ""
            switch arguments[index] {
            case "--workers": workers = Int(value) ?? workers
            case "--items": items = Int(value) ?? items
            case "--store": store = value
            case "--pages": pages = Int(value) ?? pages
            case "--corpus": corpus = value
            case "--worker": worker = value
            default: break
            }
            index += 2
        }
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("store-bench: \(message)\n".utf8))
    exit(1)
}

func openStore(_ path: String) async -> any ReviewStore {
    do { return try await StoreLocation(path).open() } catch { fail(error.localizedDescription) }
}

/// Accounts for a benchmark: the supervisor `bench` (who takes the documents in) and
/// `reviewer-1…N`. bcrypt at its lowest cost: logins are not what is measured.
func makeAccounts(_ store: any ReviewStore, reviewers: Int) async {
    let service = AccountService(store: store, hashCost: 4)
    do {
        let bench = try await service.addAccount(name: "bench", role: .supervisor, password: "bench-password", by: nil)
        for number in 0..<reviewers {
            try await service.addAccount(name: "reviewer-\(number + 1)", role: .reviewer, password: "bench-password", by: bench)
        }
    } catch { fail("cannot make the benchmark's accounts: \(error.localizedDescription)") }
}

/// A worker: claim, approve, repeat; prints one claimed id per line.
func runWorker(name: String, store path: String) async {
    let store = await openStore(path)
    var output = ""
    while true {
        let item: ReviewItem?
        do { item = try await store.claimNext(by: name, in: nil, lease: 300) } catch { fail("\(name): \(error.localizedDescription)") }
        guard let item else { break }
        do { _ = try await store.act(item.id, .approve, by: name) } catch { fail("\(name): item \(item.id): \(error.localizedDescription)") }
        output += "\(item.id)\n"
    }
    FileHandle.standardOutput.write(Data(output.utf8))
}

/// The parent: fill a store, run the workers, check and report.
func runParent(_ options: Options) async {
    // A postgres:// store must be an empty database; a folder is made fresh.
    let onServer = options.store.map { StoreLocation($0).folder == nil } == true
    let root = (onServer ? nil : options.store.map { URL(fileURLWithPath: $0) })
        ?? FileManager.default.temporaryDirectory.appendingPathComponent("claim-bench-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    let storePath = onServer ? (options.store ?? "") : root.appendingPathComponent("store").path
    let store = await openStore(storePath)
    await makeAccounts(store, reviewers: options.workers)
    let caseID = CaseID("BENCH")!
    let documents = (options.items + 9) / 10
    var total = 0
    for number in 0..<documents {
        let file = root.appendingPathComponent("document-\(number).txt")
        do { try Data("document \(number)\n".utf8).write(to: file) } catch { fail("cannot write \(file.path)") }
        let count = min(10, options.items - total)
        let proposals = (0..<count).map { index in
            ProposedItem(kind: .flag, summary: "item \(number)-\(index)", proposal: "{}", evidence: [], priority: (number * 7 + index) % 100)
        }
        total += count
        do {
            _ = try await store.submit(DocumentSubmission(
                caseID: caseID, originalURL: file, sha256: try FileDigest.sha256(of: file), fileName: file.lastPathComponent,
                format: "pdf", pages: [PageTranscript(number: 1, method: .textLayer, text: "document \(number)", confidence: nil)],
                proposals: proposals
            ), by: "bench")
        } catch { fail("cannot fill the store: \(error.localizedDescription)") }
    }
    let started = Date()
    var processes: [(Process, Pipe)] = []
    for worker in 0..<options.workers {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["claims", "--worker", "reviewer-\(worker + 1)", "--store", storePath]
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch { fail("cannot start a worker") }
        processes.append((process, pipe))
    }
    var claimed: [Int64] = []
    var perWorker: [Int] = []
    for (process, pipe) in processes {
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus != 0 { fail("a worker failed (status \(process.terminationStatus))") }
        let ids = String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { Int64($0) }
        perWorker.append(ids.count)
        claimed += ids
    }
    let seconds = Date().timeIntervalSince(started)
    let twice = claimed.count - Set(claimed).count
    let items: [ReviewItem]
    let verification: AuditVerification
    do {
        items = try await store.items(ReviewItemFilter(caseID: caseID))
        verification = try await store.verifyAudit()
    } catch { fail(error.localizedDescription) }
    let lost = items.filter { !Set(claimed).contains($0.id) }.count
    let notApproved = items.filter { $0.state != .approved }.count
    print("store            \(onServer ? "PostgreSQL" : "SQLite") (\(onServer ? "server" : storePath))")
    print("items            \(items.count)")
    print("workers          \(options.workers) processes (items each: \(perWorker.map(String.init).joined(separator: ", ")))")
    print("claimed twice    \(twice)")
    print("lost             \(lost)")
    print("not approved     \(notApproved)")
    print(String(format: "claims/s         %.0f (claim + approve, %.2f s for all)", Double(claimed.count) / seconds, seconds))
    switch verification {
    case .intact(let events, _): print("audit trail      intact, \(events) events")
    case .broken(let sequence, let reason): print("audit trail      BROKEN at \(sequence): \(reason)")
    }
    if options.store == nil || onServer { try? FileManager.default.removeItem(at: root) }
    if twice > 0 || lost > 0 || notApproved > 0 { exit(1) }
    if case .broken = verification { exit(1) }
}

/// Search: fill, then time queries against grep over the same text.
func runSearch(_ options: Options) async {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("search-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    let onServer = options.store.map { StoreLocation($0).folder == nil } == true
    let store = await openStore(onServer ? (options.store ?? "") : root.appendingPathComponent("store").path)
    await makeAccounts(store, reviewers: 0)
    var paragraphs: [String] = []
    if let names = try? FileManager.default.contentsOfDirectory(atPath: options.corpus) {
        for name in names.sorted() where name.hasSuffix(".txt") {
            let text = (try? String(contentsOfFile: options.corpus + "/" + name, encoding: .utf8)) ?? ""
            paragraphs += text.components(separatedBy: "\n\n").map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
                .filter { $0.split(separator: " ").count >= 20 }
        }
    }
    if paragraphs.isEmpty {
        paragraphs = ["De aanvraag voor een verblijfsvergunning is ontvangen en wordt beoordeeld door de IND binnen de wettelijke termijn van negentig dagen.",
                      "Cliënt heeft zijn paspoort, geboorteakte en huwelijksakte overgelegd; de vertaling door een beëdigd vertaler ontbreekt nog."]
    }
    var seed: UInt64 = 42
    func next() -> Int {  // deterministic page mixes (xorshift)
        seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
        return Int(seed % UInt64(Int.max))
    }
    let pagesPerDocument = 20
    let documents = (options.pages + pagesPerDocument - 1) / pagesPerDocument
    let textFolder = root.appendingPathComponent("text")
    try? FileManager.default.createDirectory(at: textFolder, withIntermediateDirectories: true)
    var pageCount = 0
    let fillStarted = Date()
    for number in 0..<documents {
        var pages: [PageTranscript] = []
        for page in 1...pagesPerDocument where pageCount < options.pages {
            let text = (0..<4).map { _ in paragraphs[next() % paragraphs.count] }.joined(separator: "\n\n")
            pages.append(PageTranscript(number: page, method: .textLayer, text: text, confidence: nil))
            try? Data(text.utf8).write(to: textFolder.appendingPathComponent("d\(number)-p\(page).txt"))
            pageCount += 1
        }
        let file = root.appendingPathComponent("document-\(number).txt")
        try? Data("document \(number)".utf8).write(to: file)
        do {
            _ = try await store.submit(DocumentSubmission(
                caseID: CaseID("CASE-\(number % 50)")!, originalURL: file, sha256: try FileDigest.sha256(of: file),
                fileName: file.lastPathComponent, format: "pdf", pages: pages, proposals: []
            ), by: "bench")
        } catch { fail("cannot fill the store: \(error.localizedDescription)") }
    }
    let fillSeconds = Date().timeIntervalSince(fillStarted)
    let words = Array(Set(paragraphs.flatMap { $0.lowercased().split { !$0.isLetter } }.map(String.init).filter { $0.count >= 6 })).sorted()
    var queries: [String] = []
    for index in 0..<200 {
        let a = words[next() % words.count], b = words[next() % words.count]
        switch index % 3 {
        case 0: queries.append(a)
        case 1: queries.append(a + " " + b)
        default:
            let paragraph = paragraphs[next() % paragraphs.count].split(separator: " ")
            let start = next() % max(1, paragraph.count - 3)
            queries.append("\"" + paragraph[start..<min(paragraph.count, start + 3)].joined(separator: " ") + "\"")
        }
    }
    var times: [Double] = []
    var hits = 0
    for query in queries {
        let started = Date()
        do { hits += try await store.search(query, in: nil, limit: 20).count } catch { fail(error.localizedDescription) }
        times.append(Date().timeIntervalSince(started))
    }
    times.sort()
    var grepTimes: [Double] = []
    for query in queries.prefix(20) {
        let word = query.split(separator: " ").first.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) } ?? query
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/grep")
        process.arguments = ["-rlis", word, textFolder.path]
        process.standardOutput = FileHandle.nullDevice
        let started = Date()
        try? process.run()
        process.waitUntilExit()
        grepTimes.append(Date().timeIntervalSince(started))
    }
    grepTimes.sort()
    print("pages            \(pageCount) (\(documents) documents, 50 cases; filled in \(String(format: "%.1f", fillSeconds)) s)")
    print("queries          \(queries.count) (one word, two words, three-word phrases), \(hits) hits in all")
    print(String(format: "dossier search   median %.2f ms, p95 %.2f ms (\(onServer ? "PostgreSQL tsvector + unaccent" : "SQLite FTS5"), diacritics folded, top 20 with snippets)",
                 times[times.count / 2] * 1000, times[times.count * 95 / 100] * 1000))
    print(String(format: "grep -rlis       median %.1f ms over the same pages as files (one word, no ranking, no snippets)",
                 grepTimes[grepTimes.count / 2] * 1000))
}

/// Fills a store for the workspace benchmark: the accounts (`bench` supervisor, `reviewer-1`), and
/// `--items` items over documents of ten items each in five cases, flags with deadlines among them.
func runFill(_ options: Options) async {
    guard let path = options.store else { fail("fill needs --store") }
    let store = await openStore(path)
    await makeAccounts(store, reviewers: 1)
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("fill-bench-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    var total = 0
    var number = 0
    while total < options.items {
        let file = root.appendingPathComponent("document-\(number).txt")
        let text = "Ingebrekestelling \(number): de aanvraag van cliënt is ontvangen op 12 februari 2026 en er is nog niet beslist."
        do { try Data(text.utf8).write(to: file) } catch { fail("cannot write \(file.path)") }
        let count = min(10, options.items - total)
        let proposals = (0..<count).map { index in
            index % 3 == 0
                ? ProposedItem(kind: .flag, summary: "high deadline: term of document \(number) runs out",
                               proposal: #"{"flag":{"kind":"deadline","reason":"term","severity":"high","details":{"deadline":"2026-12-1\#(index % 9)"}},"scope":"document"}"#,
                               evidence: [Evidence(page: 1, start: 0, end: 17, quote: "Ingebrekestelling")], priority: (number * 7 + index) % 100)
                : ProposedItem(kind: .documentType, summary: "notice-of-default (confidence 0.8)", proposal: #"{"type":"notice-of-default"}"#,
                               evidence: [Evidence(page: 1, start: 0, end: 17, quote: "Ingebrekestelling")], priority: (number * 7 + index) % 100)
        }
        total += count
        do {
            _ = try await store.submit(DocumentSubmission(
                caseID: CaseID("BENCH-\(number % 5)")!, originalURL: file, sha256: try FileDigest.sha256(of: file),
                fileName: file.lastPathComponent, format: "pdf",
                pages: [PageTranscript(number: 1, method: .textLayer, text: text, confidence: nil)], proposals: proposals
            ), by: "bench")
        } catch { fail("cannot fill the store: \(error.localizedDescription)") }
        number += 1
    }
    print("filled \(total) items over \(number) documents")
}

let options = Options(CommandLine.arguments)
switch options.mode {
case "claims":
    if let worker = options.worker, let store = options.store {
        await runWorker(name: worker, store: store)
    } else {
        await runParent(options)
    }
case "search":
    await runSearch(options)
case "fill":
    await runFill(options)
default:
    fail("unknown benchmark '\(options.mode)'; use claims or search")
}
