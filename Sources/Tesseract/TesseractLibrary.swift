internal import CTesseract
internal import Foundation

/// The tesseract C API, loaded with `dlopen` on first use.
///
/// Loading libtesseract pulls in some forty libraries (libcurl, NSS, Kerberos, LDAP…) and costs
/// a process about 15–25 ms at start, which is most of the start-up of a text-layer-only run.
/// Only OCR needs it, so it is loaded the first time an engine is made. The table is immutable
/// once loaded.
struct TesseractLibrary: Sendable {
    typealias API = OpaquePointer

    let create: @convention(c) () -> API?
    let delete: @convention(c) (API?) -> Void
    let end: @convention(c) (API?) -> Void
    let setVariable: @convention(c) (API?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32
    let initialise: @convention(c) (API?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32
    let setImagePix: @convention(c) (API?, UnsafeMutablePointer<PIX>?) -> Void
    let setSourceResolution: @convention(c) (API?, Int32) -> Void
    let recognize: @convention(c) (API?, OpaquePointer?) -> Int32
    let utf8Text: @convention(c) (API?) -> UnsafeMutablePointer<CChar>?
    let meanTextConfidence: @convention(c) (API?) -> Int32
    let clear: @convention(c) (API?) -> Void
    let deleteText: @convention(c) (UnsafePointer<CChar>?) -> Void
    let availableLanguages: @convention(c) (API?) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    let loadedLanguages: @convention(c) (API?) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    let deleteTextArray: @convention(c) (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Void
    let setPageSegMode: @convention(c) (API?, UInt32) -> Void
    let detectOrientationScript: @convention(c) (
        API?, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Float>?,
        UnsafeMutablePointer<UnsafePointer<CChar>?>?, UnsafeMutablePointer<Float>?
    ) -> Int32
    let resultIterator: @convention(c) (API?) -> OpaquePointer?
    let resultIteratorDelete: @convention(c) (OpaquePointer?) -> Void
    let resultIteratorPageIterator: @convention(c) (OpaquePointer?) -> OpaquePointer?
    let resultIteratorNext: @convention(c) (OpaquePointer?, UInt32) -> Int32
    let resultIteratorText: @convention(c) (OpaquePointer?, UInt32) -> UnsafeMutablePointer<CChar>?
    let resultIteratorConfidence: @convention(c) (OpaquePointer?, UInt32) -> Float
    let pageIteratorBegin: @convention(c) (OpaquePointer?) -> Void
    let pageIteratorIsAtBeginningOf: @convention(c) (OpaquePointer?, UInt32) -> Int32
    let pageIteratorBoundingBox: @convention(c) (
        OpaquePointer?, UInt32, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?,
        UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?
    ) -> Int32
    /// `omp_set_max_active_levels` from the libgomp tesseract brings, when present.
    let setOpenMPMaxActiveLevels: (@convention(c) (Int32) -> Void)?

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
        func symbol<T>(_ name: String, as type: T.Type) throws(OCRError) -> T {
            guard let pointer = dlsym(handle, name) else { throw .libraryMissing("\(DOSSIER_TESSERACT_SONAME): \(name)") }
            return unsafeBitCast(pointer, to: type)
        }
        do throws(OCRError) {
            return .success(TesseractLibrary(
                create: try symbol("TessBaseAPICreate", as: (@convention(c) () -> API?).self),
                delete: try symbol("TessBaseAPIDelete", as: (@convention(c) (API?) -> Void).self),
                end: try symbol("TessBaseAPIEnd", as: (@convention(c) (API?) -> Void).self),
                setVariable: try symbol("TessBaseAPISetVariable", as: (@convention(c) (API?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32).self),
                initialise: try symbol("TessBaseAPIInit3", as: (@convention(c) (API?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32).self),
                setImagePix: try symbol("TessBaseAPISetImage2", as: (@convention(c) (API?, UnsafeMutablePointer<PIX>?) -> Void).self),
                setSourceResolution: try symbol("TessBaseAPISetSourceResolution", as: (@convention(c) (API?, Int32) -> Void).self),
                recognize: try symbol("TessBaseAPIRecognize", as: (@convention(c) (API?, OpaquePointer?) -> Int32).self),
                utf8Text: try symbol("TessBaseAPIGetUTF8Text", as: (@convention(c) (API?) -> UnsafeMutablePointer<CChar>?).self),
                meanTextConfidence: try symbol("TessBaseAPIMeanTextConf", as: (@convention(c) (API?) -> Int32).self),
                clear: try symbol("TessBaseAPIClear", as: (@convention(c) (API?) -> Void).self),
                deleteText: try symbol("TessDeleteText", as: (@convention(c) (UnsafePointer<CChar>?) -> Void).self),
                availableLanguages: try symbol("TessBaseAPIGetAvailableLanguagesAsVector", as: (@convention(c) (API?) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?).self),
                loadedLanguages: try symbol("TessBaseAPIGetLoadedLanguagesAsVector", as: (@convention(c) (API?) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?).self),
                deleteTextArray: try symbol("TessDeleteTextArray", as: (@convention(c) (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Void).self),
                setPageSegMode: try symbol("TessBaseAPISetPageSegMode", as: (@convention(c) (API?, UInt32) -> Void).self),
                detectOrientationScript: try symbol("TessBaseAPIDetectOrientationScript", as: (@convention(c) (
                    API?, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Float>?,
                    UnsafeMutablePointer<UnsafePointer<CChar>?>?, UnsafeMutablePointer<Float>?
                ) -> Int32).self),
                resultIterator: try symbol("TessBaseAPIGetIterator", as: (@convention(c) (API?) -> OpaquePointer?).self),
                resultIteratorDelete: try symbol("TessResultIteratorDelete", as: (@convention(c) (OpaquePointer?) -> Void).self),
                resultIteratorPageIterator: try symbol("TessResultIteratorGetPageIterator", as: (@convention(c) (OpaquePointer?) -> OpaquePointer?).self),
                resultIteratorNext: try symbol("TessResultIteratorNext", as: (@convention(c) (OpaquePointer?, UInt32) -> Int32).self),
                resultIteratorText: try symbol("TessResultIteratorGetUTF8Text", as: (@convention(c) (OpaquePointer?, UInt32) -> UnsafeMutablePointer<CChar>?).self),
                resultIteratorConfidence: try symbol("TessResultIteratorConfidence", as: (@convention(c) (OpaquePointer?, UInt32) -> Float).self),
                pageIteratorBegin: try symbol("TessPageIteratorBegin", as: (@convention(c) (OpaquePointer?) -> Void).self),
                pageIteratorIsAtBeginningOf: try symbol("TessPageIteratorIsAtBeginningOf", as: (@convention(c) (OpaquePointer?, UInt32) -> Int32).self),
                pageIteratorBoundingBox: try symbol("TessPageIteratorBoundingBox", as: (@convention(c) (
                    OpaquePointer?, UInt32, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?,
                    UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?
                ) -> Int32).self),
                setOpenMPMaxActiveLevels: dlsym(handle, "omp_set_max_active_levels").map {
                    unsafeBitCast($0, to: (@convention(c) (Int32) -> Void).self)
                }
            ))
        } catch {
            return .failure(error)
        }
    }
}
