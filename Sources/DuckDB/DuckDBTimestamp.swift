internal import CDuckDB
import Foundation

/// A TIMESTAMP (or TIMESTAMP_S / _MS / _NS, or TIMESTAMP WITH TIME ZONE): a count of units
/// since 1970-01-01 00:00:00, exactly as DuckDB stores it. For WITH TIME ZONE the count is UTC.
public struct DuckDBTimestamp: Hashable, Sendable, CustomStringConvertible {
    public enum Precision: UInt8, Hashable, Sendable {
        case seconds, milliseconds, microseconds, nanoseconds

        var unitsPerSecond: Int64 {
            switch self {
            case .seconds: 1
            case .milliseconds: 1_000
            case .microseconds: 1_000_000
            case .nanoseconds: 1_000_000_000
            }
        }
    }

    public var value: Int64
    public var precision: Precision

    public init(value: Int64, precision: Precision = .microseconds) {
        self.value = value
        self.precision = precision
    }

    public init(microseconds: Int64) {
        self.init(value: microseconds, precision: .microseconds)
    }

    /// The instant of a `Foundation.Date`, to the microsecond.
    public init(_ date: Date) {
        self.init(microseconds: Int64((date.timeIntervalSince1970 * 1_000_000).rounded()))
    }

    /// DuckDB's `infinity` and `-infinity` are the extreme values of the count.
    public var isFinite: Bool { value != .max && value != -.max }

    /// The instant in microseconds since the epoch (nanoseconds are floored).
    public var microseconds: Int64 {
        switch precision {
        case .seconds: value.multipliedReportingOverflow(by: 1_000_000).partialValue
        case .milliseconds: value.multipliedReportingOverflow(by: 1_000).partialValue
        case .microseconds: value
        case .nanoseconds: floorDivide(value, 1_000)
        }
    }

    public var foundationDate: Date {
        Date(timeIntervalSince1970: Double(value) / Double(precision.unitsPerSecond))
    }

    /// `YYYY-MM-DD HH:MM:SS[.fraction]`, read as UTC.
    public var description: String {
        guard isFinite else { return value > 0 ? "infinity" : "-infinity" }
        let perDay = 86_400 * precision.unitsPerSecond
        let days = floorDivide(value, perDay)
        let within = value - days * perDay
        let date = duckdb_from_date(duckdb_date(days: Int32(clamping: days)))
        let digits =
            switch precision {
            case .seconds: 0
            case .milliseconds: 3
            case .microseconds: 6
            case .nanoseconds: 9
            }
        return formatDate(year: date.year, month: date.month, day: date.day) + " "
            + formatTimeOfDay(within, fractionDigits: digits, unitsPerSecond: precision.unitsPerSecond)
    }
}

func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
    let quotient = value / divisor
    return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
}
