/// Where a proposal stands in the review queue. It reads only deadlines, flag severities and
/// the document's age: its inputs cannot carry a nationality, religion or any other
/// protected attribute, so none can move work up or down the queue.
public enum ReviewPriority {
    /// Higher is more urgent. `severities` of the document's flags, `deadlineDaysLeft` for
    /// each deadline it sets (negative when passed), `ageDays` since it came in.
    public static func score(severities: [FlagSeverity], deadlineDaysLeft: [Int], ageDays: Int) -> Int {
        let severity = severities.map { severity -> Int in
            switch severity {
            case .critical: 400
            case .high: 200
            case .medium: 80
            case .low: 20
            case .info: 0
            }
        }.max() ?? 0
        let deadline = deadlineDaysLeft.map { days -> Int in
            if days < 0 { return 500 }
            return max(0, 300 - days * 20)
        }.max() ?? 0
        // Older work rises slowly, a point a day, at most a year's worth.
        let age = min(max(ageDays, 0), 365)
        return severity + deadline + age
    }
}
