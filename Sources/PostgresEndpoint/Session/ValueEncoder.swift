import DuckDB
import Foundation
import PostgresWire

/// DuckDB values in PostgreSQL's text and binary formats, as a PostgreSQL 15 server writes them
/// with `DateStyle = ISO`, `IntervalStyle = postgres`, `TimeZone = UTC`, `bytea_output = hex`.
enum ValueEncoder {
    /// Days and microseconds between 1970-01-01 (DuckDB's epoch) and 2000-01-01 (PostgreSQL's).
    static let epochDays: Int32 = 10_957
    static let epochMicroseconds: Int64 = 946_684_800_000_000

    static func text(_ value: DuckDBValue) -> [UInt8]? {
        switch value {
        case .null: return nil
        case .boolean(let flag): return [flag ? UInt8(ascii: "t") : UInt8(ascii: "f")]
        case .float(let number): return Array(floatText(Double(number), description: number.description).utf8)
        case .double(let number): return Array(floatText(number, description: number.description).utf8)
        case .varchar(let text), .enum(let text): return Array(text.utf8)
        case .blob(let data): return Array(("\\x" + data.map { String(format: "%02x", $0) }.joined()).utf8)
        case .timestampTZ(let instant):
            return Array((instant.isFinite ? instant.description + "+00" : instant.description).utf8)
        case .uuid(let id): return Array(id.uuidString.lowercased().utf8)
        case .interval(let interval): return Array(intervalText(interval).utf8)
        default: return Array(value.description.utf8)
        }
    }

    /// PostgreSQL's float output: shortest round-trip digits, `Infinity`/`NaN`, no `.0`.
    static func floatText(_ number: Double, description: String) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        if description.hasSuffix(".0") { return String(description.dropLast(2)) }
        return description
    }

    /// `1 year 2 mons 3 days 04:05:06.5`, PostgreSQL's `postgres` style.
    static func intervalText(_ interval: DuckDBInterval) -> String {
        var parts: [String] = []
        let years = interval.months / 12, months = interval.months % 12
        if years != 0 { parts.append("\(years) year" + (years.magnitude == 1 ? "" : "s")) }
        if months != 0 { parts.append("\(months) mon" + (months.magnitude == 1 ? "" : "s")) }
        if interval.days != 0 { parts.append("\(interval.days) day" + (interval.days.magnitude == 1 ? "" : "s")) }
        if interval.microseconds != 0 || parts.isEmpty {
            let time = DuckDBInterval(microseconds: interval.microseconds).description
            parts.append(time)
        }
        return parts.joined(separator: " ")
    }

    /// The binary form of `value` sent as `type`; nil for NULL.
    static func binary(_ value: DuckDBValue, as type: PostgresType) -> [UInt8]? {
        var out: [UInt8] = []
        switch value {
        case .null: return nil
        case .boolean(let flag): return [flag ? 1 : 0]
        case .float(let number): out.appendInt32(Int32(bitPattern: number.bitPattern))
        case .double(let number): out.appendInt64(Int64(bitPattern: number.bitPattern))
        case .date(let date):
            out.appendInt32(date.isFinite ? date.days - epochDays : (date.days > 0 ? .max : .min))
        case .timestamp(let instant), .timestampTZ(let instant):
            out.appendInt64(
                instant.isFinite ? instant.microseconds - epochMicroseconds : (instant.value > 0 ? .max : .min))
        case .time(let time): out.appendInt64(time.microseconds)
        case .interval(let interval):
            out.appendInt64(interval.microseconds)
            out.appendInt32(interval.days)
            out.appendInt32(interval.months)
        case .uuid(let id): out = withUnsafeBytes(of: id.uuid) { Array($0) }
        case .blob(let data): return Array(data)
        default:
            return binaryOfText(value, as: type)
        }
        return out
    }

    /// Integers, numerics and text: through their text, which is exact.
    static func binaryOfText(_ value: DuckDBValue, as type: PostgresType) -> [UInt8]? {
        guard let text = text(value) else { return nil }
        var out: [UInt8] = []
        switch type.oid {
        case PostgresType.int2.oid: out.appendInt16(Int16(String(decoding: text, as: UTF8.self)) ?? 0)
        case PostgresType.int4.oid: out.appendInt32(Int32(String(decoding: text, as: UTF8.self)) ?? 0)
        case PostgresType.int8.oid: out.appendInt64(Int64(String(decoding: text, as: UTF8.self)) ?? 0)
        case PostgresType.numeric.oid: return NumericBinary.encode(String(decoding: text, as: UTF8.self))
        default: return text
        }
        return out
    }
}
