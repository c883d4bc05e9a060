/// A TIME: microseconds since midnight.
public struct DuckDBTime: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var microseconds: Int64

    public init(microseconds: Int64) {
        self.microseconds = microseconds
    }

    public init(hour: Int, minute: Int, second: Int, microsecond: Int = 0) {
        microseconds = ((Int64(hour) * 60 + Int64(minute)) * 60 + Int64(second)) * 1_000_000 + Int64(microsecond)
    }

    /// `HH:MM:SS`, with the fraction of a second when there is one (trailing zeros dropped).
    public var description: String { formatTimeOfDay(microseconds, fractionDigits: 6, unitsPerSecond: 1_000_000) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.microseconds < rhs.microseconds }
}

/// `HH:MM:SS[.fff]` for a count of sub-second units since midnight.
func formatTimeOfDay(_ units: Int64, fractionDigits: Int, unitsPerSecond: Int64) -> String {
    let seconds = units / unitsPerSecond
    let fraction = units % unitsPerSecond
    var text = pad(Int(seconds / 3600), 2) + ":" + pad(Int(seconds / 60 % 60), 2) + ":" + pad(Int(seconds % 60), 2)
    if fraction != 0 {
        var digits = pad(Int(fraction), fractionDigits)
        while digits.last == "0" { digits.removeLast() }
        text += "." + digits
    }
    return text
}

/// `+HH`, or `+HH:MM` / `+HH:MM:SS` when the offset is not whole hours, as DuckDB prints it.
func formatOffset(_ seconds: Int32) -> String {
    let sign = seconds < 0 ? "-" : "+"
    let magnitude = Int(seconds.magnitude)
    var text = sign + pad(magnitude / 3600, 2)
    if magnitude % 3600 != 0 {
        text += ":" + pad(magnitude / 60 % 60, 2)
        if magnitude % 60 != 0 { text += ":" + pad(magnitude % 60, 2) }
    }
    return text
}
