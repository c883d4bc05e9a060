import DuckDB
import Foundation
import PostgresWire

/// One column of a DuckDB chunk, read the fastest way its type allows, and written cell by cell
/// into a DataRow buffer. Integers, booleans, floats, dates and text are read as typed arrays
/// (one memory copy per chunk) and formatted here; the other types go through `DuckDBValue`.
enum ChunkColumn {
    case int64(TypedColumn<Int64>)
    case int32(TypedColumn<Int32>)
    case int16(TypedColumn<Int16>)
    case int8(TypedColumn<Int8>)
    case booleans(TypedColumn<Bool>)
    case doubles(TypedColumn<Double>)
    case dates(TypedColumn<Int32>)
    case strings(TypedColumn<String>)
    case values([DuckDBValue])

    static func read(_ chunk: DataChunk, column: Int) throws -> ChunkColumn {
        switch chunk.columns[column].type {
        case .bigint: return .int64(try chunk.column(column, as: Int64.self))
        case .integer: return .int32(try chunk.column(column, as: Int32.self))
        case .smallint: return .int16(try chunk.column(column, as: Int16.self))
        case .tinyint: return .int8(try chunk.column(column, as: Int8.self))
        case .boolean: return .booleans(try chunk.column(column, as: Bool.self))
        case .double: return .doubles(try chunk.column(column, as: Double.self))
        case .date: return .dates(try chunk.column(column, as: Int32.self))
        case .varchar: return .strings(try chunk.stringColumn(column))
        default: return .values(try chunk.values(column: column))
        }
    }

    /// Writes the cell at `row` (length, then bytes; -1 for NULL).
    func write(row: Int, format: ValueFormat, type: PostgresType, into out: inout [UInt8]) {
        switch self {
        case .int64(let column): Self.integer(column[row], format: format, type: type, into: &out)
        case .int32(let column): Self.integer(column[row].map(Int64.init), format: format, type: type, into: &out)
        case .int16(let column): Self.integer(column[row].map(Int64.init), format: format, type: type, into: &out)
        case .int8(let column): Self.integer(column[row].map(Int64.init), format: format, type: type, into: &out)
        case .booleans(let column):
            guard let value = column[row] else { return out.appendInt32(-1) }
            out.appendInt32(1)
            out.append(format == .binary ? (value ? 1 : 0) : (value ? UInt8(ascii: "t") : UInt8(ascii: "f")))
        case .doubles(let column):
            guard let value = column[row] else { return out.appendInt32(-1) }
            if format == .binary {
                out.appendInt32(8)
                return out.appendInt64(Int64(bitPattern: value.bitPattern))
            }
            Self.lengthPrefixed(&out) {
                $0.append(contentsOf: ValueEncoder.floatText(value, description: value.description).utf8)
            }
        case .dates(let column):
            guard let days = column[row] else { return out.appendInt32(-1) }
            Self.cell(ValueEncoderCell.date(days, format: format), into: &out)
        case .strings(let column):
            guard let text = column[row] else { return out.appendInt32(-1) }
            Self.lengthPrefixed(&out) { $0.append(contentsOf: text.utf8) }
        case .values(let values):
            let value = values[row]
            Self.cell(format == .binary ? ValueEncoder.binary(value, as: type) : ValueEncoder.text(value), into: &out)
        }
    }

    static func integer(_ value: Int64?, format: ValueFormat, type: PostgresType, into out: inout [UInt8]) {
        guard let value else { return out.appendInt32(-1) }
        if format == .binary { return binaryInteger(value, type: type, into: &out) }
        lengthPrefixed(&out) { appendDecimal(value, into: &$0) }
    }

    static func cell(_ bytes: [UInt8]?, into out: inout [UInt8]) {
        guard let bytes else { return out.appendInt32(-1) }
        out.appendInt32(Int32(clamping: bytes.count))
        out.append(contentsOf: bytes)
    }

    /// Writes a length, then what `body` appends, then patches the length.
    static func lengthPrefixed(_ out: inout [UInt8], _ body: (inout [UInt8]) -> Void) {
        let at = out.count
        out.appendInt32(0)
        body(&out)
        let length = Int32(out.count - at - 4)
        out.withUnsafeMutableBytes { bytes in
            bytes.storeBytes(of: length.bigEndian, toByteOffset: at, as: Int32.self)
        }
    }

    static func binaryInteger(_ value: Int64, type: PostgresType, into out: inout [UInt8]) {
        switch type.oid {
        case PostgresType.int2.oid:
            out.appendInt32(2)
            out.appendInt16(Int16(truncatingIfNeeded: value))
        case PostgresType.int4.oid:
            out.appendInt32(4)
            out.appendInt32(Int32(truncatingIfNeeded: value))
        default:
            out.appendInt32(8)
            out.appendInt64(value)
        }
    }

    /// The decimal digits of `value`, without allocating a String.
    static func appendDecimal(_ value: Int64, into out: inout [UInt8]) {
        if value == 0 { return out.append(UInt8(ascii: "0")) }
        var magnitude = value.magnitude
        if value < 0 { out.append(UInt8(ascii: "-")) }
        let start = out.count
        while magnitude > 0 {
            out.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        }
        out[start...].reverse()
    }
}

/// Date cells: days since 1970 as PostgreSQL's text (`YYYY-MM-DD`) or binary (days since 2000).
enum ValueEncoderCell {
    static func date(_ days: Int32, format: ValueFormat) -> [UInt8] {
        let date = DuckDBDate(days: days)
        if format == .binary {
            var out: [UInt8] = []
            out.appendInt32(date.isFinite ? days - ValueEncoder.epochDays : (days > 0 ? .max : .min))
            return out
        }
        guard date.isFinite, let civil = civil(fromDays: Int64(days)), civil.year >= 1, civil.year <= 9999 else {
            return Array(date.description.utf8)
        }
        var out: [UInt8] = []
        out.reserveCapacity(10)
        pad(civil.year, 4, &out)
        out.append(UInt8(ascii: "-"))
        pad(civil.month, 2, &out)
        out.append(UInt8(ascii: "-"))
        pad(civil.day, 2, &out)
        return out
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

    private static func pad(_ value: Int64, _ width: Int, _ out: inout [UInt8]) {
        var digits: [UInt8] = []
        var rest = value
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        if digits.count < width {
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count))
        }
        out.append(contentsOf: digits.reversed())
    }
}
