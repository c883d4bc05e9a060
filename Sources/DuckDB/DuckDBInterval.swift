/// An INTERVAL: months, days and microseconds, kept apart because their lengths vary
/// (a month is not a fixed number of days, nor a day of seconds across DST changes).
public struct DuckDBInterval: Hashable, Sendable, CustomStringConvertible {
    public var months: Int32
    public var days: Int32
    public var microseconds: Int64

    public init(months: Int32 = 0, days: Int32 = 0, microseconds: Int64 = 0) {
        self.months = months
        self.days = days
        self.microseconds = microseconds
    }

    /// DuckDB's text form: `1 year 2 months 3 days 04:05:06.5`.
    public var description: String {
        var parts: [String] = []
        let years = months / 12, restMonths = months % 12
        if years != 0 { parts.append("\(years) year" + (years.magnitude == 1 ? "" : "s")) }
        if restMonths != 0 { parts.append("\(restMonths) month" + (restMonths.magnitude == 1 ? "" : "s")) }
        if days != 0 { parts.append("\(days) day" + (days.magnitude == 1 ? "" : "s")) }
        if microseconds != 0 || parts.isEmpty {
            let sign = microseconds < 0 ? "-" : ""
            let magnitude = Int64(clamping: microseconds.magnitude)
            let seconds = magnitude / 1_000_000
            var text =
                sign + pad(Int(seconds / 3600), 2) + ":" + pad(Int(seconds / 60 % 60), 2) + ":"
                + pad(Int(seconds % 60), 2)
            let fraction = magnitude % 1_000_000
            if fraction != 0 {
                var digits = pad(Int(fraction), 6)
                while digits.last == "0" { digits.removeLast() }
                text += "." + digits
            }
            parts.append(text)
        }
        return parts.joined(separator: " ")
    }
}
