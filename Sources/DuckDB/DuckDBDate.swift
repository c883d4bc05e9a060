internal import CDuckDB
import Foundation

/// A DATE: days since 1970-01-01, exactly as DuckDB stores it. `Int32.max` and `-Int32.max`
/// are DuckDB's `infinity` and `-infinity`.
public struct DuckDBDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var days: Int32

    public init(days: Int32) {
        self.days = days
    }

    /// A calendar date; `nil` if it does not exist (e.g. February 30) or is outside DuckDB's range.
    public init?(year: Int32, month: Int8, day: Int8) {
        // Checked here because DuckDB's own conversion throws a C++ exception on an impossible date.
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(Int(year), Int(month)),
            (-5_877_000...5_881_000).contains(year)
        else { return nil }
        days = Int32(daysSinceEpoch(year: Int(year), month: Int(month), day: Int(day)))
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

func isLeapYear(_ year: Int) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

func daysInMonth(_ year: Int, _ month: Int) -> Int {
    switch month {
    case 2: isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
}

/// Days from 1970-01-01 in the proleptic Gregorian calendar. Counts whole 400-year eras (each
/// exactly 146,097 days) from 0000-03-01, so that February's leap day falls at the end of a year.
func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let monthFromMarch = (month + 9) % 12
    let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
}
