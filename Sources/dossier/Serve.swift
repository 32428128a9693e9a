import ArgumentParser
import Foundation
import Hummingbird
import Workspace

extension Dossier {
    /// `dossier serve`: the review workspace in the browser.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve the review workspace in the browser: the queue, each item beside its page, approve in one key."
        )

        @Option(help: "Address and port to listen on (default 127.0.0.1:8080; port 0 picks a free one).")
        var listen: String = "127.0.0.1:8080"

        @Option(help: "Minutes a browser session may stay unused before it must log in again (default 30).")
        var idleMinutes: Int = 30

        @Flag(help: "Mark cookies Secure (when a TLS proxy serves the workspace).")
        var secureCookies = false

        @Option(help: "Count deadlines from this day (YYYY-MM-DD; default today).")
        var today: String?

        @Option(help: "Folder case files exported from the workspace go into (default ./exports; made private).")
        var exports: String = "exports"

        @Option(help: "Folder for rendered page images (default a private folder under $TMPDIR).")
        var pageCache: String?

        @Option(help: "Trust this request header, set by an authenticating reverse proxy, to name the account (single sign-on).")
        var trustRemoteUser: String?

        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            guard address != nil else { throw ValidationError("--listen takes HOST:PORT, e.g. 127.0.0.1:8080") }
            guard idleMinutes >= 1 else { throw ValidationError("--idle-minutes must be at least 1") }
            if let today, CivilDay(iso: today) == nil { throw ValidationError("--today takes YYYY-MM-DD") }
            if let trustRemoteUser, trustRemoteUser.isEmpty || !trustRemoteUser.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
                throw ValidationError("--trust-remote-user takes a header name such as Remote-User")
            }
        }

        var address: (host: String, port: Int)? {
            guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), (0...65535).contains(port) else {
                return nil
            }
            let host = String(listen[..<colon])
            return host.isEmpty ? nil : (host, port)
        }

        func run() async throws {
            guard let address else { throw CLIError("--listen takes HOST:PORT", status: .usage) }
            let store = try await storeOptions.open()
            let workspace = Workspace(store: store, configuration: WorkspaceConfiguration(
                host: address.host, port: address.port, idleMinutes: idleMinutes, secureCookies: secureCookies,
                today: today.flatMap(CivilDay.init(iso:)),
                pageCache: pageCache.map { URL(fileURLWithPath: $0) } ?? WorkspaceConfiguration().pageCache,
                exportFolder: URL(fileURLWithPath: exports), trustRemoteUser: trustRemoteUser
            ))
            let host = address.host
            let application = workspace.application { port in
                printLine("Dossier workspace on \(storeOptions.displayLocation): http://\(host):\(port)/ (Ctrl-C stops it)")
            }
            do { try await application.runService() } catch { throw CLIError("the workspace stopped: \(error.localizedDescription)", status: .failed) }
        }
    }
}
