/// Calendar arithmetic on days counted from 1970-01-01 in the proleptic Gregorian calendar, in
/// integers: cron schedules walk many days, and Foundation's calendars cost microseconds a call.
enum CivilTime {
    /// Year, month (1–12) and day (1–31) of `day` days after 1970-01-01.
    static func date(ofDay day: Int) -> (year: Int, month: Int, day: Int) {
        // Howard Hinnant's days-to-civil: eras of 400 years, years starting on 1 March.
        let shifted = day + 719_468
        let era = floorDiv(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, dayOfMonth)
    }

    /// 0 for Sunday through 6 for Saturday; 1970-01-01 was a Thursday.
    static func weekday(ofDay day: Int) -> Int { floorMod(day + 4, 7) }

    static func floorDiv(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    static func floorMod(_ value: Int, _ divisor: Int) -> Int { value - floorDiv(value, divisor) * divisor }
}
