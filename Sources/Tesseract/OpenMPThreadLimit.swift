internal import Foundation

/// Keeps tesseract's OpenMP from spawning helper threads on the calling thread.
///
/// Debian's tesseract is built with OpenMP; on a two-core machine its helper threads
/// oversubscribe the cores and busy-wait, making OCR 3.5–4.5× slower. The setting is per
/// thread, so every OCR worker thread calls this once before recognising (``OCREngine`` does it
/// when made). The symbol comes from the libgomp that libtesseract loads.
public enum OpenMPThreadLimit {
    /// Disables nested OpenMP parallelism for the current thread; a no-op without libgomp.
    public static func applyToCurrentThread() {
        guard let library = try? TesseractLibrary.shared.get() else { return }
        library.setOpenMPMaxActiveLevels?(0)
    }
}
