import Foundation

/// A five-field cron schedule, evaluated in UTC: `minute hour day-of-month month day-of-week`.
///
/// Each field takes `*`, a value, a range `a-b`, a step `*/n` or `a-b/n` or `a/n`, or a comma
/// list of these. Months take `JAN`–`DEC` and days of the week `SUN`–`SAT` (case-insensitive);
/// day of week 0 and 7 are both Sunday. As in Vixie cron, when both day fields are restricted a
/// day matches if either does. The macros `@yearly`, `@annually`, `@monthly`, `@weekly`,
/// `@daily`, `@midnight` and `@hourly` are accepted too.
public struct Cron: Sendable, Hashable, CustomStringConvertible {
    public enum Field: String, Sendable, CaseIterable {
        case minute, hour, dayOfMonth = "day-of-month", month, dayOfWeek = "day-of-week"

        var range: ClosedRange<Int> {
            switch self {
            case .minute: 0...59
            case .hour: 0...23
            case .dayOfMonth: 1...31
            case .month: 1...12
            case .dayOfWeek: 0...7
            }
        }

        var names: [String] {
            switch self {
            case .month: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
            case .dayOfWeek: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
            default: []
            }
        }

        /// The value of the first name (JAN is 1, SUN is 0).
        var firstNameValue: Int { self == .month ? 1 : 0 }
    }

    /// The expression as written.
    public let expression: String
    public let minutes: Set<Int>
    public let hours: Set<Int>
    public let daysOfMonth: Set<Int>
    public let months: Set<Int>
    /// 0 is Sunday; a 7 in the expression is stored as 0.
    public let daysOfWeek: Set<Int>
    let dayOfMonthIsWildcard: Bool
    let dayOfWeekIsWildcard: Bool

    public var description: String { expression }

    private static let macros: [String: String] = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
        "@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]

    public init(parsing expression: String) throws(CronError) {
        let trimmed = expression.trimmingCharacters(in: .whitespaces)
        var text = trimmed
        if trimmed.hasPrefix("@") {
            guard let expanded = Cron.macros[trimmed.lowercased()] else {
                throw CronError(
                    expression: expression, field: nil, message: "unknown macro '\(trimmed)'",
                    hint: "use one of " + Cron.macros.keys.sorted().joined(separator: ", "))
            }
            text = expanded
        }
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard parts.count == 5 else {
            throw CronError(
                expression: expression, field: nil,
                message: "expected 5 fields (minute hour day-of-month month day-of-week), found \(parts.count)",
                hint: "for example \"0 6 * * *\" is every day at 06:00 UTC")
        }
        self.expression = trimmed
        minutes = try Cron.parse(parts[0], field: .minute, expression: expression)
        hours = try Cron.parse(parts[1], field: .hour, expression: expression)
        daysOfMonth = try Cron.parse(parts[2], field: .dayOfMonth, expression: expression)
        months = try Cron.parse(parts[3], field: .month, expression: expression)
        daysOfWeek = Set(try Cron.parse(parts[4], field: .dayOfWeek, expression: expression).map { $0 % 7 })
        dayOfMonthIsWildcard = parts[2] == "*" || parts[2] == "?"
        dayOfWeekIsWildcard = parts[4] == "*" || parts[4] == "?"
    }

    private static func parse(_ text: String, field: Field, expression: String) throws(CronError) -> Set<Int> {
        func fail(_ message: String) -> CronError {
            CronError(
                expression: expression, field: field, message: "\(field.rawValue) field '\(text)': \(message)",
                hint: nil)
        }
        func value(_ token: Substring) throws(CronError) -> Int {
            if let number = Int(token) {
                guard field.range.contains(number) else {
                    throw fail("\(number) is out of range \(field.range.lowerBound)-\(field.range.upperBound)")
                }
                return number
            }
            if let index = field.names.firstIndex(of: token.uppercased()) { return index + field.firstNameValue }
            if field.names.isEmpty || token.contains(where: \.isNumber) || token.isEmpty {
                throw fail("'\(token)' is not a number")
            }
            var message = "unknown name '\(token)'"
            if let suggestion = closestName(to: token.uppercased(), among: field.names) {
                message += " (did you mean '\(suggestion)'?)"
            }
            throw fail(message)
        }
        var result = Set<Int>()
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.isEmpty else { throw fail("empty item in list") }
            let stepParts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard stepParts.count <= 2 else { throw fail("more than one '/' in '\(item)'") }
            var step = 1
            if stepParts.count == 2 {
                guard let parsed = Int(stepParts[1]), parsed > 0 else {
                    throw fail("step '\(stepParts[1])' must be a positive number")
                }
                step = parsed
            }
            let base = stepParts[0]
            var lower: Int, upper: Int
            if base == "*" || base == "?" {
                (lower, upper) = (field.range.lowerBound, field.range.upperBound)
                if field == .dayOfWeek { upper = 6 }
            } else if let dash = base.firstIndex(of: "-"), dash != base.startIndex {
                lower = try value(base[..<dash])
                upper = try value(base[base.index(after: dash)...])
                guard lower <= upper else { throw fail("range start \(lower) is after its end \(upper)") }
            } else {
                lower = try value(base)
                // `a/n` means from a to the end of the field, stepping by n.
                upper = stepParts.count == 2 ? (field == .dayOfWeek ? 6 : field.range.upperBound) : lower
            }
            result.formUnion(stride(from: lower, through: upper, by: step))
        }
        return result
    }

    /// Whether the schedule fires at the minute containing `date`.
    public func matches(_ date: Date) -> Bool {
        let parts = Cron.utc.dateComponents([.minute, .hour, .day, .month, .weekday], from: date)
        guard let minute = parts.minute, let hour = parts.hour else { return false }
        return minutes.contains(minute) && hours.contains(hour) && matchesDay(parts)
    }

    /// The first time strictly after `date` at which the schedule fires, or nil if there is none
    /// within eight years (e.g. `0 0 31 2 *`).
    public func next(after date: Date) -> Date? {
        let calendar = Cron.utc
        guard let startMinute = calendar.dateInterval(of: .minute, for: date)?.start,
            var day = calendar.dateInterval(of: .day, for: date)?.start
        else { return nil }
        for _ in 0..<(366 * 8) {
            let parts = calendar.dateComponents([.day, .month, .weekday], from: day)
            if let month = parts.month, months.contains(month), matchesDay(parts) {
                for hour in hours.sorted() {
                    for minute in minutes.sorted() {
                        if let candidate = calendar.date(byAdding: DateComponents(hour: hour, minute: minute), to: day),
                            candidate > date, candidate >= startMinute
                        {
                            return candidate
                        }
                    }
                }
            }
            guard let nextDay = calendar.date(byAdding: .day, value: 1, to: day) else { return nil }
            day = nextDay
        }
        return nil
    }

    private func matchesDay(_ parts: DateComponents) -> Bool {
        guard let day = parts.day, let month = parts.month, let weekday = parts.weekday else { return false }
        guard months.contains(month) else { return false }
        let dayOfMonthMatches = daysOfMonth.contains(day)
        let dayOfWeekMatches = daysOfWeek.contains(weekday - 1)
        switch (dayOfMonthIsWildcard, dayOfWeekIsWildcard) {
        case (true, true): return true
        case (true, false): return dayOfWeekMatches
        case (false, true): return dayOfMonthMatches
        case (false, false): return dayOfMonthMatches || dayOfWeekMatches
        }
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0)!
        return calendar
    }()
}

/// Why a cron expression was rejected; `field` is nil when the problem is the expression as a whole.
public struct CronError: Error, Sendable, Hashable, CustomStringConvertible {
    public let expression: String
    public let field: Cron.Field?
    public let message: String
    public let hint: String?
    public var description: String { message }
}
