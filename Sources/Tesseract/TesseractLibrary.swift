internal import CTesseract
internal import Foundation

/// The tesseract C API, loaded with `dlopen` on first use.
///
/// Loading libtesseract pulls in some forty libraries (libcurl, NSS, Kerberos, LDAP…) and costs
/// a process about 15–25 ms at start, which is most of the start-up of a text-layer-only run.
/// Only OCR needs it, so it is loaded the first time an engine is made. The table is immutable
/// once loaded.
@dynamicMemberLookup
struct TesseractLibrary: Sendable {
    /// The functions, typed by tesseract's header (`dossier_tesseract_api` in the shim); every
    /// one is present once loaded, except the optional OpenMP setting.
    private let api: dossier_tesseract_api

    /// A tesseract function by its field name in the shim, e.g. `library.create()`.
    subscript<Function>(dynamicMember field: KeyPath<dossier_tesseract_api, Function?>) -> Function {
        // dossier_tesseract_api_load leaves no required field empty (load() fails otherwise).
        api[keyPath: field]!
    }

    /// `omp_set_max_active_levels` from the libgomp tesseract brings, when present.
    var setOpenMPMaxActiveLevels: (@convention(c) (Int32) -> Void)? { api.setOpenMPMaxActiveLevels }

    /// The library, loaded once per process; the error says what is missing.
    static let shared: Result<TesseractLibrary, OCRError> = load()

    private static func load() -> Result<TesseractLibrary, OCRError> {
        guard let handle = dlopen(DOSSIER_TESSERACT_SONAME, RTLD_NOW | RTLD_GLOBAL) else {
            // Present but not loadable (most often: no address space left under a memory limit)
            // is another matter than not installed.
            let reason = dlerror().map { String(cString: $0) } ?? ""
            if reason.isEmpty || reason.contains("No such file") {
                return .failure(.libraryMissing(DOSSIER_TESSERACT_SONAME))
            }
            return .failure(.libraryUnloadable(reason))
        }
        var api = dossier_tesseract_api()
        if let missing = dossier_tesseract_api_load(handle, &api) {
            return .failure(.libraryMissing("\(DOSSIER_TESSERACT_SONAME): \(String(cString: missing))"))
        }
        return .success(TesseractLibrary(api: api))
    }
}
