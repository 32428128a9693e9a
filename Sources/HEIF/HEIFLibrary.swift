internal import CHeif
internal import Foundation

/// The part of libheif's C API Dossier uses, loaded with `dlopen` on first use.
///
/// libheif brings its decoders (libde265, x265, aom, dav1d) with it; only a HEIC photo needs
/// them, so nothing is loaded until the first one is read. The table is immutable once loaded.
@dynamicMemberLookup
struct HEIFLibrary: Sendable {
    typealias Context = OpaquePointer
    typealias Handle = OpaquePointer
    typealias Image = OpaquePointer

    /// The functions, typed by libheif's header (`dossier_heif_api` in the shim); every one is
    /// present once loaded.
    private let api: dossier_heif_api

    /// A libheif function by its field name in the shim, e.g. `library.contextAlloc()`.
    subscript<Function>(dynamicMember field: KeyPath<dossier_heif_api, Function?>) -> Function {
        // dossier_heif_api_load leaves no field empty (load() fails otherwise).
        api[keyPath: field]!
    }

    /// The library, loaded and initialised once per process; the error says what is missing.
    static let shared: Result<HEIFLibrary, HEIFError> = load()

    private static func load() -> Result<HEIFLibrary, HEIFError> {
        guard let handle = dlopen(DOSSIER_HEIF_SONAME, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? ""
            if reason.isEmpty || reason.contains("No such file") { return .failure(.libraryMissing(DOSSIER_HEIF_SONAME)) }
            return .failure(.libraryUnloadable(reason))
        }
        var api = dossier_heif_api()
        if let missing = dossier_heif_api_load(handle, &api) {
            return .failure(.libraryMissing("\(DOSSIER_HEIF_SONAME): \(String(cString: missing))"))
        }
        let library = HEIFLibrary(api: api)
        // Registers the decoder plug-ins; reference counted, and never undone: the process
        // keeps the library until it ends.
        let status = library.initialise(nil)
        guard status.code == heif_error_Ok else { return .failure(.libraryUnloadable("libheif did not start")) }
        return .success(library)
    }
}
