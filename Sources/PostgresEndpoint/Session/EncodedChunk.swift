import DuckDB
import PostgresWire

/// A DuckDB chunk's cells already encoded as DataRow fields, a column at a time, and then sent as
/// DataRow messages a row at a time (an Execute's row limit can stop in the middle of a chunk,
/// so the rows left wait here for the next Execute). Encoding by column decides each column's
/// type once per chunk; assembling a row is then a copy of each of its fields.
final class EncodedChunk {
    let rows: Int
    private let columns: Int
    private var cells = WireBuffer(capacity: 1 << 17)
    /// Where each cell starts in `cells`, column after column: `rows + 1` entries per column, the
    /// last one the column's end.
    private var starts: [Int] = []

    init(_ chunk: DataChunk, types: [PostgresType], formats: [ValueFormat]) throws {
        rows = chunk.count
        columns = chunk.columnCount
        starts.reserveCapacity(columns * (rows + 1))
        for column in 0..<columns {
            try ChunkColumn.encode(
                chunk, column: column, type: types[column], format: formats[column], into: &cells, starts: &starts)
        }
    }

    /// Appends the rows of `range` to `out` as DataRow messages.
    func write(rows range: Range<Int>, into out: inout WireBuffer) {
        let stride = rows + 1
        cells.withBytes { raw in
            let bytes = raw.assumingMemoryBound(to: UInt8.self)
            starts.withUnsafeBufferPointer { starts in
                for row in range {
                    var length = 6
                    for column in 0..<columns {
                        length &+= starts[column &* stride &+ row &+ 1] &- starts[column &* stride &+ row]
                    }
                    out.append(UInt8(ascii: "D"))
                    out.appendInt32(Int32(length))
                    out.appendInt16(Int16(clamping: columns))
                    for column in 0..<columns {
                        let start = starts[column &* stride &+ row], end = starts[column &* stride &+ row &+ 1]
                        out.append(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                    }
                }
            }
        }
    }
}

// Not Sendable: a session's portal holds it on the session's own thread.
@available(*, unavailable)
extension EncodedChunk: Sendable {}
