internal import DossierCore

/// Runs one transcription job per page concurrently (the pool bounds how many run at once)
/// and puts the results into `pages` by page number, reporting each finished page.
enum PageFanOut {
    static func transcribe(
        _ numbers: [Int], into pages: inout [PageTranscript?], progress: @escaping @Sendable (Int) -> Void,
        job: @escaping @Sendable (Int) async throws(ExtractionError) -> PageTranscript
    ) async throws(ExtractionError) {
        do {
            try await withThrowingTaskGroup(of: PageTranscript.self) { group in
                for number in numbers {
                    group.addTask { try await job(number) }
                }
                for try await page in group {
                    pages[page.number - 1] = page
                    progress(1)
                }
            }
        } catch let error as ExtractionError {
            throw error
        } catch {
            throw .damaged("unexpected failure")
        }
    }
}
