import TesseraModel

/// Calendar arithmetic for date axes and labels, over the model's civil dates.
struct DateRangeDay {
    let year: Int
    let month: Int
    let day: Int
    /// 0 is Sunday.
    let weekday: Int

    init(days: Int) {
        let civil = DateRangeText.Day(daysSinceEpoch: days)
        year = civil.year
        month = civil.month
        day = civil.day
        weekday = ((days + 4) % 7 + 7) % 7
    }

    /// The day of seconds since 1970 (UTC), with the time of day.
    init(seconds: Double) {
        self.init(days: Int((seconds / 86_400).rounded(.down)))
    }

    static func days(year: Int, month: Int, day: Int) -> Int {
        DateRangeText.Day(year: year, month: month, day: day).daysSinceEpoch
    }
}
