/// A date range as a dashboard's parameter writes it: `last_<N>_days` (today included) or
/// `<start>..<end>` with ISO dates, both ends included.
public enum DateRangeText {
    /// A civil date (UTC calendar), comparable and convertible to days since 1970-01-01.
    public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
        public var year: Int
        public var month: Int
        public var day: Int

        public init(year: Int, month: Int, day: Int) {
            self.year = year
            self.month = month
            self.day = day
        }

        /// `YYYY-MM-DD`, only a real date.
        public init?(iso text: some StringProtocol) {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
            else { return nil }
            self.init(year: year, month: month, day: day)
            guard Day(daysSinceEpoch: daysSinceEpoch) == self else { return nil }
        }

        /// Howard Hinnant's days-from-civil: exact for the proleptic Gregorian calendar.
        public var daysSinceEpoch: Int {
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
            return era * 146097 + doe - 719468
        }

        public init(daysSinceEpoch days: Int) {
            let z = days + 719468
            let era = (z >= 0 ? z : z - 146096) / 146097
            let doe = z - era * 146097
            let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
            let mp = (5 * doy + 2) / 153
            let day = doy - (153 * mp + 2) / 5 + 1
            let month = mp < 10 ? mp + 3 : mp - 9
            self.init(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
        }

        public func adding(days: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + days) }

        public var description: String {
            func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
            return "\(year)-\(two(month))-\(two(day))"
        }

        public static func < (lhs: Day, rhs: Day) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }
    }

    public static let hint = "write last_<N>_days (e.g. last_30_days) or <start>..<end> (e.g. 2026-01-01..2026-03-31)"

    /// The range `text` means on `today`; nil when it is neither form, or ends before it starts.
    public static func parse(_ text: String, today: Day) -> ClosedRange<Day>? {
        if text.hasPrefix("last_"), text.hasSuffix("_days"),
            let count = Int(text.dropFirst(5).dropLast(5)), count >= 1, count <= 36600
        {
            return today.adding(days: 1 - count)...today
        }
        let ends = text.components(separatedBy: "..")
        guard ends.count == 2, let start = Day(iso: ends[0]), let end = Day(iso: ends[1]), start <= end else {
            return nil
        }
        return start...end
    }
}
