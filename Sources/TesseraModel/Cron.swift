import Foundation

/// A five-field cron schedule, `minute hour day-of-month month day-of-week`, evaluated in a time
/// zone: UTC unless given one.
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
    /// Where the fields are read: 6 in the hour field is 06:00 on this zone's clocks.
    public let timeZone: TimeZone
    public let minutes: Set<Int>
    public let hours: Set<Int>
    public let daysOfMonth: Set<Int>
    public let months: Set<Int>
    /// 0 is Sunday; a 7 in the expression is stored as 0.
    public let daysOfWeek: Set<Int>
    let dayOfMonthIsWildcard: Bool
    let dayOfWeekIsWildcard: Bool
    /// The minutes of a day it fires at (hour × 60 + minute), ascending.
    let minutesOfDay: [Int]
    /// The zone's offset from UTC in seconds when it never changes (UTC itself): no zone lookups.
    let fixedOffset: Int?

    /// The expression, followed by its zone in parentheses unless that is UTC.
    public var description: String { isUTC ? expression : "\(expression) (\(timeZone.identifier))" }

    /// True when the schedule is read in UTC.
    public var isUTC: Bool { fixedOffset == 0 }

    private static let macros: [String: String] = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
        "@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]

    public init(parsing expression: String, timeZone: TimeZone = Cron.utc) throws(CronError) {
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
        let (hourValues, minuteValues) = (hours, minutes)
        minutesOfDay = hourValues.flatMap { hour in minuteValues.map { hour * 60 + $0 } }.sorted()
        self.timeZone = timeZone
        let neverChanges = timeZone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: -4e9)) == nil
        fixedOffset = neverChanges ? timeZone.secondsFromGMT() : nil
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

    /// Whether the schedule fires at the minute containing `date`: the minute's wall-clock time in
    /// the schedule's zone matches, or a time it skipped (a daylight-saving gap) ends there.
    public func matches(_ date: Date) -> Bool {
        let second = Int(date.timeIntervalSince1970.rounded(.down))
        let minute = second - CivilTime.floorMod(second, 60)
        return previous(atOrBefore: Date(timeIntervalSince1970: Double(minute + 59))).map {
            Int($0.timeIntervalSince1970) >= minute
        } ?? false
    }

    /// The first time strictly after `date` at which the schedule fires, or nil if there is none
    /// within eight years (e.g. `0 0 31 2 *`). Computed in the schedule's zone; see ``instant(ofLocal:)``
    /// for the daylight-saving rule.
    public func next(after date: Date) -> Date? {
        let limit = date.timeIntervalSince1970
        let after = Int(limit.rounded(.down))
        let local = after + offset(at: after)
        let startDay = CivilTime.floorDiv(local, 86_400)
        // Wall-clock times more than three hours before `date` fire before it whatever the zone did.
        let earliestMinute = CivilTime.floorMod(local, 86_400) / 60 - 180
        for day in startDay...(startDay + 366 * 8) where matchesDay(day) {
            for minute in minutesOfDay where day > startDay || minute >= earliestMinute {
                let fire = instant(ofLocal: day * 86_400 + minute * 60)
                if Double(fire) > limit { return Date(timeIntervalSince1970: Double(fire)) }
            }
        }
        return nil
    }

    /// The last time at or before `date` at which the schedule fired, or nil if there is none
    /// within eight years.
    public func previous(atOrBefore date: Date) -> Date? {
        let limit = date.timeIntervalSince1970
        let before = Int(limit.rounded(.down))
        let local = before + offset(at: before)
        let startDay = CivilTime.floorDiv(local, 86_400)
        let latestMinute = CivilTime.floorMod(local, 86_400) / 60 + 180
        for day in stride(from: startDay, through: startDay - 366 * 8, by: -1) where matchesDay(day) {
            for minute in minutesOfDay.reversed() where day < startDay || minute <= latestMinute {
                let fire = instant(ofLocal: day * 86_400 + minute * 60)
                if Double(fire) <= limit { return Date(timeIntervalSince1970: Double(fire)) }
            }
        }
        return nil
    }

    /// The instant at which the wall-clock time `local` (seconds since 1970-01-01 00:00 on the
    /// zone's clocks) happens. Where the zone's clocks jump forward (a daylight-saving gap) the
    /// times skipped happen at the end of the gap, so a 02:30 schedule fires once, at 03:00;
    /// where they fall back, a time read twice happens the first time only, so it fires once.
    func instant(ofLocal local: Int) -> Int {
        if let fixedOffset { return local - fixedOffset }
        // The offsets a day either side bracket any change of the zone near `local`.
        let before = offset(at: local - 86_400)
        let after = offset(at: local + 86_400)
        guard before != after else { return local - before }
        let early = local - max(before, after)
        let late = local - min(before, after)
        let earlyIsValid = offset(at: early) == max(before, after)
        let lateIsValid = offset(at: late) == min(before, after)
        switch (earlyIsValid, lateIsValid) {
        case (true, _): return early
        case (false, true): return late
        case (false, false):
            // A gap: no instant reads `local`; the gap ends at the zone's change after `early`.
            let change = timeZone.nextDaylightSavingTimeTransition(
                after: Date(timeIntervalSince1970: Double(early)))
            return change.map { Int($0.timeIntervalSince1970) } ?? late
        }
    }

    private func offset(at second: Int) -> Int {
        fixedOffset ?? timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(second)))
    }

    private func matchesDay(_ day: Int) -> Bool {
        let date = CivilTime.date(ofDay: day)
        guard months.contains(date.month) else { return false }
        let dayOfMonthMatches = daysOfMonth.contains(date.day)
        let dayOfWeekMatches = daysOfWeek.contains(CivilTime.weekday(ofDay: day))
        switch (dayOfMonthIsWildcard, dayOfWeekIsWildcard) {
        case (true, true): return true
        case (true, false): return dayOfWeekMatches
        case (false, true): return dayOfMonthMatches
        case (false, false): return dayOfMonthMatches || dayOfWeekMatches
        }
    }

    /// UTC, the zone of a schedule that names none.
    public static let utc = TimeZone(identifier: "UTC") ?? .gmt
}

/// Why a cron expression was rejected; `field` is nil when the problem is the expression as a whole.
public struct CronError: Error, Sendable, Hashable, CustomStringConvertible {
    public let expression: String
    public let field: Cron.Field?
    public let message: String
    public let hint: String?
    public var description: String { message }
}
