internal import CHeif
internal import Foundation

/// The part of libheif's C API Dossier uses, loaded with `dlopen` on first use.
///
/// libheif brings its decoders (libde265, x265, aom, dav1d) with it; only a HEIC photo needs
/// them, so nothing is loaded until the first one is read. The table is immutable once loaded.
struct HEIFLibrary: Sendable {
    typealias Context = OpaquePointer
    typealias Handle = OpaquePointer
    typealias Image = OpaquePointer

    let initialise: @convention(c) (UnsafeRawPointer?) -> heif_error
    let contextAlloc: @convention(c) () -> Context?
    let contextFree: @convention(c) (Context?) -> Void
    let readFromFile: @convention(c) (Context?, UnsafePointer<CChar>?, UnsafeRawPointer?) -> heif_error
    let setMaximumImageSize: @convention(c) (Context?, Int32) -> Void
    let topLevelImageCount: @convention(c) (Context?) -> Int32
    let primaryImageHandle: @convention(c) (Context?, UnsafeMutablePointer<Handle?>?) -> heif_error
    let handleRelease: @convention(c) (Handle?) -> Void
    let handleWidth: @convention(c) (Handle?) -> Int32
    let handleHeight: @convention(c) (Handle?) -> Int32
    let decodeImage: @convention(c) (Handle?, UnsafeMutablePointer<Image?>?, heif_colorspace, heif_chroma, UnsafeRawPointer?) -> heif_error
    let planeReadOnly: @convention(c) (Image?, heif_channel, UnsafeMutablePointer<Int32>?) -> UnsafePointer<UInt8>?
    let imageWidth: @convention(c) (Image?, heif_channel) -> Int32
    let imageHeight: @convention(c) (Image?, heif_channel) -> Int32
    let imageRelease: @convention(c) (Image?) -> Void

    /// The library, loaded and initialised once per process; the error says what is missing.
    static let shared: Result<HEIFLibrary, HEIFError> = load()

    private static func load() -> Result<HEIFLibrary, HEIFError> {
        guard let handle = dlopen(DOSSIER_HEIF_SONAME, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? ""
            if reason.isEmpty || reason.contains("No such file") { return .failure(.libraryMissing(DOSSIER_HEIF_SONAME)) }
            return .failure(.libraryUnloadable(reason))
        }
        func symbol<T>(_ name: String, as type: T.Type) throws(HEIFError) -> T {
            guard let pointer = dlsym(handle, name) else { throw .libraryMissing("\(DOSSIER_HEIF_SONAME): \(name)") }
            return unsafeBitCast(pointer, to: type)
        }
        do throws(HEIFError) {
            let library = HEIFLibrary(
                initialise: try symbol("heif_init", as: (@convention(c) (UnsafeRawPointer?) -> heif_error).self),
                contextAlloc: try symbol("heif_context_alloc", as: (@convention(c) () -> Context?).self),
                contextFree: try symbol("heif_context_free", as: (@convention(c) (Context?) -> Void).self),
                readFromFile: try symbol("heif_context_read_from_file", as: (@convention(c) (Context?, UnsafePointer<CChar>?, UnsafeRawPointer?) -> heif_error).self),
                setMaximumImageSize: try symbol("heif_context_set_maximum_image_size_limit", as: (@convention(c) (Context?, Int32) -> Void).self),
                topLevelImageCount: try symbol("heif_context_get_number_of_top_level_images", as: (@convention(c) (Context?) -> Int32).self),
                primaryImageHandle: try symbol("heif_context_get_primary_image_handle", as: (@convention(c) (Context?, UnsafeMutablePointer<Handle?>?) -> heif_error).self),
                handleRelease: try symbol("heif_image_handle_release", as: (@convention(c) (Handle?) -> Void).self),
                handleWidth: try symbol("heif_image_handle_get_width", as: (@convention(c) (Handle?) -> Int32).self),
                handleHeight: try symbol("heif_image_handle_get_height", as: (@convention(c) (Handle?) -> Int32).self),
                decodeImage: try symbol("heif_decode_image", as: (@convention(c) (Handle?, UnsafeMutablePointer<Image?>?, heif_colorspace, heif_chroma, UnsafeRawPointer?) -> heif_error).self),
                planeReadOnly: try symbol("heif_image_get_plane_readonly", as: (@convention(c) (Image?, heif_channel, UnsafeMutablePointer<Int32>?) -> UnsafePointer<UInt8>?).self),
                imageWidth: try symbol("heif_image_get_width", as: (@convention(c) (Image?, heif_channel) -> Int32).self),
                imageHeight: try symbol("heif_image_get_height", as: (@convention(c) (Image?, heif_channel) -> Int32).self),
                imageRelease: try symbol("heif_image_release", as: (@convention(c) (Image?) -> Void).self)
            )
            // Registers the decoder plug-ins; reference counted, and never undone: the process
            // keeps the library until it ends.
            let status = library.initialise(nil)
            guard status.code == heif_error_Ok else { return .failure(.libraryUnloadable("libheif did not start")) }
            return .success(library)
        } catch {
            return .failure(error)
        }
    }
}
