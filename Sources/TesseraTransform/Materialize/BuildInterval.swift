import DuckDB
import Foundation

/// A half-open time range `[start, end)`: what a build covers, and what `--start/--end` ask for.
///
/// Dates are instants; the warehouse sees them as UTC `TIMESTAMP`s. Day arithmetic is done on
/// microseconds since the epoch, never through `Calendar`, whose Gregorian calendar turns Julian
/// before 1582 while DuckDB stays proleptic Gregorian down to year 1.
public struct BuildInterval: Sendable, Hashable, CustomStringConvertible {
    public var start: Date
    public var end: Date

    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }

    /// `0001-01-01 00:00:00` UTC: where a full build starts (`@start` covers the full range
    /// on a full refresh).
    public static let beginningOfTime = Date(timeIntervalSince1970: -62_135_596_800)

    /// Everything up to `end`: the range of a first build or a full refresh.
    public static func all(until end: Date) -> BuildInterval {
        BuildInterval(start: beginningOfTime, end: end)
    }

    /// The start of the UTC day that contains `date`.
    public static func startOfUTCDay(containing date: Date) -> Date {
        let day: Int64 = 86_400_000_000
        let micros = DuckDBTimestamp(date).microseconds
        let floored = micros >= 0 ? micros / day * day : -((-micros + day - 1) / day) * day
        return DuckDBTimestamp(microseconds: floored).foundationDate
    }

    public var description: String {
        "[\(DuckDBTimestamp(start).description), \(DuckDBTimestamp(end).description))"
    }
}
