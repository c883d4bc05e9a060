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
            if portal.pendingRow >= (portal.pending?.rows ?? 0) {
                guard let stream = portal.stream, let chunk = try Self.next(stream) else {
                    try flush(&buffer)
                    (portal.stream, portal.pending) = (nil, nil)
                    return true
                }
                do {
                    portal.pending = try EncodedChunk(chunk, types: types, formats: formats)
                } catch { throw ErrorMapping.error(error) }
                portal.pendingRow = 0
            }
            guard let pending = portal.pending else { continue }
            let available = pending.rows - portal.pendingRow
            let take = limit == 0 ? available : min(limit - sent, available)
            pending.write(rows: portal.pendingRow..<(portal.pendingRow + take), into: &buffer)
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
}
