public import Foundation
internal import CHeif

/// Why a HEIF/HEIC file could not be read. Messages name the reason, never the file's content.
public enum HEIFError: Error, Equatable, Sendable {
    /// libheif is not installed.
    case libraryMissing(String)
    /// libheif is installed but cannot be loaded (often: no address space left under a limit).
    case libraryUnloadable(String)
    /// The file is not a HEIF image libheif can read, or is damaged; the reason is libheif's
    /// error category, not its message (which may quote the file).
    case unreadable(String)
}

extension HEIFError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .libraryMissing(let name): "the HEIC reader (\(name)) is not installed"
        case .libraryUnloadable(let reason): "the HEIC reader cannot be loaded (\(reason))"
        case .unreadable(let reason): reason
        }
    }
}

/// A HEIF file (an iPhone's HEIC photo, an AVIF image) opened by libheif, its primary image not
/// yet decoded. Owns the libheif context and the image handle and frees them in `deinit`.
///
/// Its size is known from the file's boxes before any pixel is decoded, so a file claiming an
/// enormous image is refused before it costs memory. Decoding applies the file's own rotation
/// and mirroring (`irot`, `imir`), so the pixels stand as a phone's gallery shows them.
public final class HEIFFile {
    private let library: HEIFLibrary
    private let context: OpaquePointer
    private let handle: OpaquePointer

    /// Width of the primary image in pixels, after its rotation.
    public let width: Int
    /// Height of the primary image in pixels, after its rotation.
    public let height: Int

    /// Opens the HEIF file at `url`; images wider or taller than `maximumSide` pixels are
    /// refused by libheif itself (the caller holds the image to its own, tighter pixel limit
    /// with ``width`` and ``height`` before decoding).
    public init(contentsOf url: URL, maximumSide: Int = 1 << 20) throws(HEIFError) {
        let library = try HEIFLibrary.shared.get()
        guard let context = library.contextAlloc() else { throw .unreadable("no memory for the HEIC reader") }
        library.setMaximumImageSize(context, Int32(clamping: maximumSide))
        let read = url.path.withCString { library.readFromFile(context, $0, nil) }
        guard read.code == heif_error_Ok else {
            library.contextFree(context)
            throw .unreadable(Self.describe(read))
        }
        var handle: OpaquePointer?
        let primary = library.primaryImageHandle(context, &handle)
        guard primary.code == heif_error_Ok, let handle else {
            library.contextFree(context)
            throw .unreadable(primary.code == heif_error_Ok ? "the file has no image" : Self.describe(primary))
        }
        self.library = library
        self.context = context
        self.handle = handle
        width = Int(library.handleWidth(handle))
        height = Int(library.handleHeight(handle))
    }

    deinit {
        library.handleRelease(handle)
        library.contextFree(context)
    }

    /// The primary image as 8-bit RGB, three bytes a pixel, row after row without padding, with
    /// the size the decoded pixels really have (a damaged file may decode to another size than
    /// its header claims; only the decoded plane's own size is ever read).
    public func rgbPixels() throws(HEIFError) -> (pixels: [UInt8], width: Int, height: Int) {
        var image: OpaquePointer?
        let decoded = library.decodeImage(handle, &image, heif_colorspace_RGB, heif_chroma_interleaved_RGB, nil)
        guard decoded.code == heif_error_Ok, let image else {
            throw .unreadable(decoded.code == heif_error_Ok ? "the image cannot be decoded" : Self.describe(decoded))
        }
        defer { library.imageRelease(image) }
        let planeWidth = Int(library.imageWidth(image, heif_channel_interleaved))
        let planeHeight = Int(library.imageHeight(image, heif_channel_interleaved))
        var stride: Int32 = 0
        guard planeWidth > 0, planeHeight > 0, let plane = library.planeReadOnly(image, heif_channel_interleaved, &stride),
              Int(stride) >= planeWidth * 3 else {
            throw .unreadable("the image has no RGB pixels")
        }
        var pixels = [UInt8](repeating: 0, count: planeWidth * planeHeight * 3)
        pixels.withUnsafeMutableBufferPointer { target in
            for y in 0..<planeHeight {
                (target.baseAddress! + y * planeWidth * 3).update(from: plane + y * Int(stride), count: planeWidth * 3)
            }
        }
        return (pixels, planeWidth, planeHeight)
    }

    /// libheif's error category in words; its message is not passed on.
    private static func describe(_ error: heif_error) -> String {
        switch error.code {
        case heif_error_Invalid_input: "the HEIC file is damaged or not a HEIF image"
        case heif_error_Unsupported_filetype: "not a HEIF image libheif can read"
        case heif_error_Unsupported_feature: "the HEIC file uses a feature the reader does not support"
        case heif_error_Memory_allocation_error: "the image needs more memory than the reader may use"
        case heif_error_Decoder_plugin_error: "the HEIC image data cannot be decoded"
        default: "the HEIC file cannot be read (libheif error \(error.code.rawValue))"
        }
    }
}
