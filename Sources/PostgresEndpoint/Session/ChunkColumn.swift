import DuckDB
import Foundation
import PostgresWire

/// One column of a DuckDB chunk, read the fastest way its type allows, and written cell by cell
/// into a DataRow buffer. Integers, booleans, floats, dates and timestamps are read as typed arrays
/// (one memory copy per chunk), text in place from DuckDB's vector, and formatted here straight
/// into the buffer; the other types go through `DuckDBValue`.
enum ChunkColumn {
    case int64(TypedColumn<Int64>)
    case int32(TypedColumn<Int32>)
    case int16(TypedColumn<Int16>)
    case int8(TypedColumn<Int8>)
    case booleans(TypedColumn<Bool>)
    case doubles(TypedColumn<Double>)
    case dates(TypedColumn<Int32>)
    /// Microseconds since 1970; `zone` for TIMESTAMP WITH TIME ZONE.
    case timestamps(TypedColumn<Int64>, zone: Bool)
    case strings(StringCells)
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
        case .timestamp: return .timestamps(try chunk.column(column, as: Int64.self), zone: false)
        case .timestampTZ: return .timestamps(try chunk.column(column, as: Int64.self), zone: true)
        case .varchar: return .strings(try chunk.stringCells(column))
        default: return .values(try chunk.values(column: column))
        }
    }

    /// Writes the cell at `row` (length, then bytes; -1 for NULL).
    func write(row: Int, format: ValueFormat, type: PostgresType, into out: inout WireBuffer) {
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
            Self.double(value, format: format, into: &out)
        case .dates(let column):
            guard let days = column[row] else { return out.appendInt32(-1) }
            TemporalCells.date(days, format: format, into: &out)
        case .timestamps(let column, let zone):
            guard let micros = column[row] else { return out.appendInt32(-1) }
            TemporalCells.timestamp(micros, zone: zone, format: format, into: &out)
        case .strings(let cells):
            guard let bytes = cells[row] else { return out.appendInt32(-1) }
            out.appendInt32(Int32(clamping: bytes.count))
            out.append(bytes)
        case .values(let values):
            let value = values[row]
            Self.cell(format == .binary ? ValueEncoder.binary(value, as: type) : ValueEncoder.text(value), into: &out)
        }
    }

    static func integer(_ value: Int64?, format: ValueFormat, type: PostgresType, into out: inout WireBuffer) {
        guard let value else { return out.appendInt32(-1) }
        if format == .binary { return binaryInteger(value, type: type, into: &out) }
        let lengthAt = out.count
        out.appendInt32(0)
        out.appendDecimal(value)
        out.setInt32(Int32(out.count - lengthAt - 4), at: lengthAt)
    }

    /// PostgreSQL's float8 output: the shortest digits that read back the same, as Swift's
    /// `description` writes them, without its `.0` on whole numbers.
    static func double(_ value: Double, format: ValueFormat, into out: inout WireBuffer) {
        if format == .binary {
            out.appendInt32(8)
            return out.appendInt64(Int64(bitPattern: value.bitPattern))
        }
        guard value.isFinite else {
            return cell(Array(ValueEncoder.floatText(value, description: "").utf8), into: &out)
        }
        var text = value.description
        text.withUTF8 { bytes in
            let whole =
                bytes.count >= 2 && bytes[bytes.count - 2] == UInt8(ascii: ".") && bytes.last == UInt8(ascii: "0")
            let kept = UnsafeBufferPointer(rebasing: bytes[..<(whole ? bytes.count - 2 : bytes.count)])
            out.appendInt32(Int32(kept.count))
            out.append(kept)
        }
    }

    static func cell(_ bytes: [UInt8]?, into out: inout WireBuffer) {
        guard let bytes else { return out.appendInt32(-1) }
        out.appendInt32(Int32(clamping: bytes.count))
        out.append(bytes)
    }

    static func binaryInteger(_ value: Int64, type: PostgresType, into out: inout WireBuffer) {
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
}
