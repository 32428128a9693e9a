/// Dutch public holidays as the Algemene termijnenwet (Atw, art. 3) counts them: New Year's
/// Day, Easter Monday, Ascension Day, Whit Monday, both Christmas days, the King's birthday
/// (27 April, or 26 April when the 27th is a Sunday) and 5 May. Good Friday is not among them.
public enum DutchHolidays {
    /// The holidays of `year`, with their names.
    public static func holidays(in year: Int) -> [(date: CivilDate, name: String)] {
        let easter = easterSunday(year)
        var days: [(CivilDate?, String)] = [
            (CivilDate(year: year, month: 1, day: 1), "New Year's Day"),
            (easter.adding(days: 1), "Easter Monday"),
            (easter.adding(days: 39), "Ascension Day"),
            (easter.adding(days: 50), "Whit Monday"),
            (CivilDate(year: year, month: 12, day: 25), "Christmas Day"),
            (CivilDate(year: year, month: 12, day: 26), "second Christmas Day"),
            (CivilDate(year: year, month: 5, day: 5), "Liberation Day (5 May)"),
        ]
        let kingsDay = CivilDate(year: year, month: 4, day: 27)
        days.append((kingsDay.map { $0.weekday == 7 ? $0.adding(days: -1) : $0 }, "King's Day"))
        return days.compactMap { date, name in date.map { ($0, name) } }.sorted { $0.date < $1.date }
    }

    /// The holiday's name when `date` is one.
    public static func holiday(on date: CivilDate) -> String? {
        holidays(in: date.year).first { $0.date == date }?.name
    }

    /// Easter Sunday (Gregorian, anonymous algorithm of Meeus/Jones/Butcher).
    public static func easterSunday(_ year: Int) -> CivilDate {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CivilDate(year: year, month: month, day: day) ?? CivilDate(dayNumber: 0)
    }
}

/// The end of a legal term, with how it was computed in words a caseworker can check.
public struct TermEnd: Sendable, Equatable, Codable {
    /// The last day of the term, after any extension.
    public let date: CivilDate
    /// The last day before any extension.
    public let nominalDate: CivilDate
    /// How the date was reached, e.g. "3 November 2026 + 2 weeks = 17 November 2026".
    public let rule: String
}

/// Computes the end of a term the way the Algemene termijnenwet says: a term that ends on a
/// Saturday, Sunday or public holiday runs on to the next day that is none of these (art. 1),
/// and a term of three days or more is extended until it holds at least two such working days
/// (art. 2).
public enum LegalTerm {
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    public static func spelled(_ date: CivilDate) -> String {
        "\(date.day) \(monthNames[date.month - 1]) \(date.year)"
    }

    /// Whether `date` is a Saturday, Sunday or Atw holiday.
    public static func isNonWorkingDay(_ date: CivilDate) -> Bool {
        date.isWeekend || DutchHolidays.holiday(on: date) != nil
    }

    /// Why `date` is not a working day ("a Saturday", "a Sunday", or the holiday's name).
    static func reason(_ date: CivilDate) -> String? {
        if date.weekday == 6 { return "a Saturday" }
        if date.weekday == 7 { return "a Sunday" }
        return DutchHolidays.holiday(on: date)
    }

    /// The end of a term of `days` days (or `weeks` weeks, or `months` months) starting the
    /// day after `start` (the day of the letter does not count).
    public static func end(from start: CivilDate, days: Int = 0, weeks: Int = 0, months: Int = 0) -> TermEnd {
        var nominal = start.adding(months: months).adding(days: days + 7 * weeks)
        var parts: [String] = []
        if months > 0 { parts.append("\(months) \(months == 1 ? "month" : "months")") }
        if weeks > 0 { parts.append("\(weeks) \(weeks == 1 ? "week" : "weeks")") }
        if days > 0 { parts.append("\(days) \(days == 1 ? "day" : "days")") }
        var rule = "\(spelled(start)) + \(parts.joined(separator: " + ")) = \(spelled(nominal))"
        if nominal < start { nominal = start }
        var end = nominal
        var moved: [String] = []
        while isNonWorkingDay(end) {
            if let why = reason(end) { moved.append("\(spelled(end)) is \(why)") }
            end = end.adding(days: 1)
        }
        if !moved.isEmpty {
            rule += "; " + moved.joined(separator: ", ") + ", so the term runs to \(spelled(end)) (Algemene termijnenwet, art. 1)"
        }
        // Art. 2: a term of at least three days must contain two working days.
        let length = start.days(until: end)
        if length >= 3 {
            var workingDays = (1...length).filter { !isNonWorkingDay(start.adding(days: $0)) }.count
            var extended = end
            while workingDays < 2 {
                extended = extended.adding(days: 1)
                if !isNonWorkingDay(extended) { workingDays += 1 }
            }
            if extended != end {
                rule += "; extended to \(spelled(extended)) so that the term holds two working days (Algemene termijnenwet, art. 2)"
                end = extended
            }
        }
        return TermEnd(date: end, nominalDate: nominal, rule: rule)
    }

    /// A date a document names as the last day ("uiterlijk 20 december 2026"), moved on when
    /// it falls on a non-working day.
    public static func named(_ date: CivilDate) -> TermEnd {
        var end = date
        var moved: [String] = []
        while isNonWorkingDay(end) {
            if let why = reason(end) { moved.append("\(spelled(end)) is \(why)") }
            end = end.adding(days: 1)
        }
        var rule = "\(spelled(date)), the last day the letter names"
        if !moved.isEmpty {
            rule += "; " + moved.joined(separator: ", ") + ", so the term runs to \(spelled(end)) (Algemene termijnenwet, art. 1)"
        }
        return TermEnd(date: end, nominalDate: date, rule: rule)
    }
}
