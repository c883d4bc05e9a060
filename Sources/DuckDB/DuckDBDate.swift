internal import CDuckDB
import Foundation

/// A DATE: days since 1970-01-01, exactly as DuckDB stores it. `Int32.max` and `-Int32.max`
/// are DuckDB's `infinity` and `-infinity`.
public struct DuckDBDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var days: Int32

    public init(days: Int32) {
        self.days = days
    }

    /// A calendar date; `nil` if it does not exist (e.g. February 30).
    public init?(year: Int32, month: Int8, day: Int8) {
        let parts = duckdb_date_struct(year: year, month: month, day: day)
        let date = duckdb_to_date(parts)
        // DuckDB does not reject impossible dates here; a round trip shows whether it normalized one.
        let back = duckdb_from_date(date)
        guard back.year == year, back.month == month, back.day == day else { return nil }
        days = date.days
    }

    public var isFinite: Bool { duckdb_is_finite_date(duckdb_date(days: days)) }

    /// Year, month and day (proleptic Gregorian, astronomical year numbering).
    public var components: (year: Int32, month: Int8, day: Int8) {
        let parts = duckdb_from_date(duckdb_date(days: days))
        return (parts.year, parts.month, parts.day)
    }

    /// Midnight UTC of this day.
    public var foundationDate: Date { Date(timeIntervalSince1970: Double(days) * 86_400) }

    public var description: String {
        guard isFinite else { return days > 0 ? "infinity" : "-infinity" }
        let (year, month, day) = components
        return formatDate(year: year, month: month, day: day)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.days < rhs.days }
}

/// `YYYY-MM-DD`, with DuckDB's ` (BC)` suffix for years before 1.
func formatDate(year: Int32, month: Int8, day: Int8) -> String {
    let bc = year <= 0
    let shownYear = bc ? 1 - Int(year) : Int(year)
    return pad(shownYear, 4) + "-" + pad(Int(month), 2) + "-" + pad(Int(day), 2) + (bc ? " (BC)" : "")
}

func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
