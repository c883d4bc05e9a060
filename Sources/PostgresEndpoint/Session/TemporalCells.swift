import DuckDB
import PostgresWire

/// DATE and TIMESTAMP cells written straight from DuckDB's counts into a DataRow, as
/// PostgreSQL 15 writes them with `DateStyle = ISO` and `TimeZone = UTC`: `YYYY-MM-DD` and
/// `YYYY-MM-DD HH:MM:SS[.fraction]` (trailing zeros of the fraction dropped; `+00` after a
/// timestamptz). Years outside 1–9999 and infinities go the slow way, through `ValueEncoder`.
enum TemporalCells {
    static let microsPerDay: Int64 = 86_400_000_000

    /// A DATE cell (length, then bytes) of `days` since 1970-01-01.
    static func date(_ days: Int32, format: ValueFormat, into out: inout WireBuffer) {
        var cache = CivilDays()
        date(days, format: format, into: &out, days: &cache)
    }

    /// A TIMESTAMP (or, with `zone`, TIMESTAMPTZ) cell of `micros` since 1970-01-01 00:00 UTC.
    static func timestamp(_ micros: Int64, zone: Bool, format: ValueFormat, into out: inout WireBuffer) {
        var cache = CivilDays()
        timestamp(micros, zone: zone, format: format, into: &out, days: &cache)
    }

    /// A DATE cell, the calendar date from `cache` when it is the previous cell's.
    static func date(_ days: Int32, format: ValueFormat, into out: inout WireBuffer, days cache: inout CivilDays) {
        if format == .binary {
            out.appendInt32(4)
            let finite = DuckDBDate(days: days).isFinite
            return out.appendInt32(finite ? days - ValueEncoder.epochDays : (days > 0 ? .max : .min))
        }
        guard DuckDBDate(days: days).isFinite, let civil = cache.civil(Int64(days)), (1...9999).contains(civil.year)
        else {
            return ChunkColumn.cell(ValueEncoder.text(.date(DuckDBDate(days: days))), into: &out)
        }
        out.appendInt32(10)
        appendDate(civil, into: &out)
    }

    /// A TIMESTAMP (or TIMESTAMPTZ) cell, the calendar date from `cache` when it is the previous
    /// cell's (timestamps in a column are often near each other).
    static func timestamp(
        _ micros: Int64, zone: Bool, format: ValueFormat, into out: inout WireBuffer, days cache: inout CivilDays
    ) {
        let instant = DuckDBTimestamp(microseconds: micros)
        if format == .binary {
            out.appendInt32(8)
            return out.appendInt64(
                instant.isFinite ? micros - ValueEncoder.epochMicroseconds : (micros > 0 ? .max : .min))
        }
        let days = micros >= 0 ? micros / microsPerDay : (micros + 1) / microsPerDay - 1
        guard instant.isFinite, let civil = cache.civil(days), (1...9999).contains(civil.year) else {
            return ChunkColumn.cell(ValueEncoder.text(zone ? .timestampTZ(instant) : .timestamp(instant)), into: &out)
        }
        let lengthAt = out.count
        out.appendInt32(0)
        appendDate(civil, into: &out)
        out.append(UInt8(ascii: " "))
        let within = micros - days * microsPerDay
        let seconds = within / 1_000_000
        out.appendPadded(seconds / 3600, width: 2)
        out.append(UInt8(ascii: ":"))
        out.appendPadded(seconds / 60 % 60, width: 2)
        out.append(UInt8(ascii: ":"))
        out.appendPadded(seconds % 60, width: 2)
        appendFraction(within % 1_000_000, into: &out)
        if zone {
            out.append(UInt8(ascii: "+"))
            out.append(UInt8(ascii: "0"))
            out.append(UInt8(ascii: "0"))
        }
        out.setInt32(Int32(out.count - lengthAt - 4), at: lengthAt)
    }

    /// `.ffffff` without its trailing zeros; nothing for a whole second.
    private static func appendFraction(_ micros: Int64, into out: inout WireBuffer) {
        guard micros != 0 else { return }
        var value = micros, digits = 6
        while value % 10 == 0 {
            value /= 10
            digits -= 1
        }
        out.append(UInt8(ascii: "."))
        out.appendPadded(value, width: digits)
    }

    private static func appendDate(_ civil: (year: Int64, month: Int64, day: Int64), into out: inout WireBuffer) {
        out.appendPadded(civil.year, width: 4)
        out.append(UInt8(ascii: "-"))
        out.appendPadded(civil.month, width: 2)
        out.append(UInt8(ascii: "-"))
        out.appendPadded(civil.day, width: 2)
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64)? {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// The calendar date of the last day count asked for: a column of timestamps a few seconds apart
/// asks for the same day thousands of times in a row.
struct CivilDays {
    private var days = Int64.min
    private var date: (year: Int64, month: Int64, day: Int64)?

    mutating func civil(_ days: Int64) -> (year: Int64, month: Int64, day: Int64)? {
        if days != self.days {
            self.days = days
            date = TemporalCells.civil(fromDays: days)
        }
        return date
    }
}
