import DuckDB
import Foundation
import PostgresWire

/// One column of a DuckDB chunk encoded as DataRow fields, every cell in turn: the column's type
/// is decided once, then a tight loop writes each cell (its length, then its bytes; -1 for NULL).
/// Integers, booleans, floats, dates and timestamps are read as typed arrays (one memory copy per
/// chunk), text in place from DuckDB's vector, and formatted here straight into the buffer; the
/// other types go through `DuckDBValue`. Deciding the type per cell instead (an enum per column,
/// switched on for every cell) cost a retain and a release of the column's arrays per cell.
enum ChunkColumn {
    /// Appends `column`'s cells to `out`, and where each one starts to `starts` (then the end).
    static func encode(
        _ chunk: DataChunk, column: Int, type: PostgresType, format: ValueFormat,
        into out: inout WireBuffer, starts: inout [Int]
    ) throws {
        switch chunk.columns[column].type {
        case .bigint:
            cells(try chunk.column(column, as: Int64.self), &out, &starts) { integer($0, format, type, &$1) }
        case .integer:
            cells(try chunk.column(column, as: Int32.self), &out, &starts) { integer(Int64($0), format, type, &$1) }
        case .smallint:
            cells(try chunk.column(column, as: Int16.self), &out, &starts) { integer(Int64($0), format, type, &$1) }
        case .tinyint:
            cells(try chunk.column(column, as: Int8.self), &out, &starts) { integer(Int64($0), format, type, &$1) }
        case .boolean:
            cells(try chunk.column(column, as: Bool.self), &out, &starts) { value, out in
                out.appendInt32(1)
                out.append(format == .binary ? (value ? 1 : 0) : (value ? UInt8(ascii: "t") : UInt8(ascii: "f")))
            }
        case .double:
            cells(try chunk.column(column, as: Double.self), &out, &starts) { double($0, format: format, into: &$1) }
        case .date:
            var days = CivilDays()
            cells(try chunk.column(column, as: Int32.self), &out, &starts) {
                TemporalCells.date($0, format: format, into: &$1, days: &days)
            }
        case .timestamp, .timestampTZ:
            let zone = chunk.columns[column].type == .timestampTZ
            var days = CivilDays()
            cells(try chunk.column(column, as: Int64.self), &out, &starts) {
                TemporalCells.timestamp($0, zone: zone, format: format, into: &$1, days: &days)
            }
        case .varchar: strings(try chunk.stringCells(column), rows: chunk.count, &out, &starts)
        default:
            for value in try chunk.values(column: column) {
                starts.append(out.count)
                cell(format == .binary ? ValueEncoder.binary(value, as: type) : ValueEncoder.text(value), into: &out)
            }
            starts.append(out.count)
        }
    }

    /// The loop over one typed column. It reads the arrays' memory itself: `TypedColumn`'s
    /// subscript, generic in another module, ran unspecialized (a call and a copy per cell).
    @inline(__always)
    private static func cells<Element>(
        _ column: TypedColumn<Element>, _ out: inout WireBuffer, _ starts: inout [Int],
        _ write: (Element, inout WireBuffer) -> Void
    ) {
        column.values.withUnsafeBufferPointer { values in
            column.validity.words.withUnsafeBufferPointer { valid in
                for row in 0..<values.count {
                    starts.append(out.count)
                    if valid[row &>> 6] & (1 &<< UInt64(row & 63)) != 0 {
                        write(values[row], &out)
                    } else {
                        out.appendInt32(-1)
                    }
                }
            }
        }
        starts.append(out.count)
    }

    private static func strings(_ cells: StringCells, rows: Int, _ out: inout WireBuffer, _ starts: inout [Int]) {
        for row in 0..<rows {
            starts.append(out.count)
            guard let bytes = cells[row] else {
                out.appendInt32(-1)
                continue
            }
            out.appendInt32(Int32(clamping: bytes.count))
            out.append(bytes)
        }
        starts.append(out.count)
    }

    @inline(__always)
    static func integer(_ value: Int64, _ format: ValueFormat, _ type: PostgresType, _ out: inout WireBuffer) {
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
