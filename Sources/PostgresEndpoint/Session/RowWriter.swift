import DuckDB
import PostgresWire

/// Streams a portal's rows as DataRow messages, a DuckDB chunk at a time: each chunk's rows are
/// encoded into one buffer and written before the next chunk is fetched, so memory holds one
/// chunk however large the result, and a slow client slows DuckDB down (the output blocks).
struct RowWriter<Output: ReplyOutput> {
    let output: Output
    let types: [PostgresType]
    let formats: [ValueFormat]

    init(portal: EndpointSession.Portal, output: Output) {
        self.output = output
        let columns = portal.stream?.columns ?? []
        types = columns.map { PostgresType($0.type) }
        formats = columns.indices.map { BindRequest.format(portal.resultFormats, at: $0) }
    }

    /// Writes up to `limit` rows of `portal` (all when 0); true when the result is exhausted.
    func write(_ portal: inout EndpointSession.Portal, limit: Int) throws(EndpointError) -> Bool {
        var sent = 0
        var buffer = WireBuffer(capacity: 1 << 18)
        while limit == 0 || sent < limit {
            if portal.pendingRow >= portal.pendingCount {
                guard let stream = portal.stream, let chunk = try Self.next(stream) else {
                    try flush(&buffer)
                    portal.stream = nil
                    return true
                }
                do {
                    portal.pending = try (0..<chunk.columnCount).map { try ChunkColumn.read(chunk, column: $0) }
                } catch { throw ErrorMapping.error(error) }
                (portal.pendingRow, portal.pendingCount) = (0, chunk.count)
            }
            let available = portal.pendingCount - portal.pendingRow
            let take = limit == 0 ? available : min(limit - sent, available)
            for row in portal.pendingRow..<(portal.pendingRow + take) { encode(row, of: portal.pending, into: &buffer) }
            portal.pendingRow += take
            sent += take
            portal.rows += take
            try flush(&buffer)
        }
        return false
    }

    private static func next(_ stream: ResultStream) throws(EndpointError) -> DataChunk? {
        do { return try stream.nextChunk() } catch { throw ErrorMapping.error(error) }
    }

    private func flush(_ buffer: inout WireBuffer) throws(EndpointError) {
        guard !buffer.isEmpty else { return }
        do { try buffer.withBytes { try output.write(rows: $0) } } catch { throw EndpointSession.clientGone }
        buffer.removeAll()
    }

    private func encode(_ row: Int, of columns: [ChunkColumn], into out: inout WireBuffer) {
        out.append(UInt8(ascii: "D"))
        let lengthAt = out.count
        out.appendInt32(0)
        out.appendInt16(Int16(clamping: columns.count))
        for index in columns.indices {
            columns[index].write(row: row, format: formats[index], type: types[index], into: &out)
        }
        out.setInt32(Int32(out.count - lengthAt), at: lengthAt)
    }
}
