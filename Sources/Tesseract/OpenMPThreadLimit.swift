internal import Foundation

/// Keeps tesseract's OpenMP from spawning helper threads on the calling thread.
///
/// Debian's tesseract is built with OpenMP; on a two-core machine its helper threads
/// oversubscribe the cores and busy-wait, making OCR 3.5–4.5× slower. The setting is per
/// thread, so every OCR worker thread calls this once before recognising. The symbol is looked
/// up at run time because libgomp is only a dependency of libtesseract, not of Dossier.
public enum OpenMPThreadLimit {
    /// Disables nested OpenMP parallelism for the current thread; a no-op without libgomp.
    public static func applyToCurrentThread() {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "omp_set_max_active_levels") else { return }
        typealias SetLevels = @convention(c) (Int32) -> Void
        unsafeBitCast(symbol, to: SetLevels.self)(0)
    }
}
