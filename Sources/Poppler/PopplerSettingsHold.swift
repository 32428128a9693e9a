internal import CPoppler
internal import Synchronization

/// Keeps poppler's process-wide settings loaded while it lives.
///
/// poppler-glib loads its shared settings (the character-name tables, the data folders' maps)
/// when the first document opens and drops them when the last one closes, so a batch that reads
/// PDFs one after another pays that load for every file (about a twentieth of reading a short
/// letter). A hold keeps one empty, one-page document of its own open, so the settings stay
/// for every document opened while it lives. Hold one for as long as a batch runs, and call
/// ``keepLoaded()`` before the first PDF is read.
public final class PopplerSettingsHold: Sendable {
    /// The hold's own document, once ``keepLoaded()`` opened it: never read, only released when
    /// the hold goes; and whether opening it was tried.
    private let state = Mutex<(document: OpaquePointer?, tried: Bool)>((nil, false))

    /// A hold that holds nothing yet: a program that never reads a PDF never loads poppler's
    /// settings.
    public init() {}

    /// Opens the hold's empty document, once: from now on poppler's settings stay loaded while
    /// the hold lives. When poppler cannot open it (it always can), documents still open as
    /// usual, just slower.
    public func keepLoaded() {
        state.withLock { state in
            guard !state.tried else { return }
            state.tried = true
            state.document = Self.emptyDocument.withUnsafeBufferPointer { buffer in
                guard let data = g_bytes_new(buffer.baseAddress, gsize(buffer.count)) else { return nil }
                defer { g_bytes_unref(data) }
                var failure: UnsafeMutablePointer<GError>?
                let document = poppler_document_new_from_bytes(data, nil, &failure)
                if let failure { g_error_free(failure) }
                return document
            }
        }
    }

    deinit {
        state.withLock { state in
            if let held = state.document { g_object_unref(UnsafeMutableRawPointer(held)) }
            state.document = nil
        }
    }

    /// Whether the hold's document is open (so the settings are held).
    public var isHolding: Bool { state.withLock { $0.document != nil } }

    /// A well-formed PDF of one empty page, its cross-reference table counted from its objects.
    static var emptyDocument: [UInt8] {
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >>",
        ]
        var text = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(text.utf8.count)
            text += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let table = text.utf8.count
        text += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset)
            text += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
        }
        text += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(table)\n%%EOF\n"
        return Array(text.utf8)
    }
}
