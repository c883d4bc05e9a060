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
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16)
        while limit == 0 || sent < limit {
            if portal.pending.isEmpty {
                guard let stream = portal.stream else { return true }
                let chunk: DataChunk?
                do { chunk = try stream.nextChunk() } catch { throw ErrorMapping.error(error) }
                guard let chunk else {
                    try flush(&buffer)
                    portal.stream = nil
                    return true
                }
                do { portal.pending = try Self.rows(of: chunk)[...] } catch { throw ErrorMapping.error(error) }
            }
            let take = limit == 0 ? portal.pending.count : min(limit - sent, portal.pending.count)
            for row in portal.pending.prefix(take) { encode(row, into: &buffer) }
            portal.pending = portal.pending.dropFirst(take)
            sent += take
            portal.rows += take
            try flush(&buffer)
        }
        return false
    }

    private func flush(_ buffer: inout [UInt8]) throws(EndpointError) {
        guard !buffer.isEmpty else { return }
        do { try output.write(buffer) } catch { throw EndpointSession.clientGone }
        buffer.removeAll(keepingCapacity: true)
    }

    static func rows(of chunk: DataChunk) throws -> [[DuckDBValue]] {
        let columns = try (0..<chunk.columnCount).map { try chunk.values(column: $0) }
        return (0..<chunk.count).map { row in columns.map { $0[row] } }
    }

    private func encode(_ row: [DuckDBValue], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "D"))
        let lengthAt = out.count
        out.appendInt32(0)
        out.appendInt16(Int16(clamping: row.count))
        for (index, value) in row.enumerated() {
            let bytes =
                formats[index] == .binary ? ValueEncoder.binary(value, as: types[index]) : ValueEncoder.text(value)
            if let bytes {
                out.appendInt32(Int32(clamping: bytes.count))
                out.append(contentsOf: bytes)
            } else {
                out.appendInt32(-1)
            }
        }
        out.patchLength(at: lengthAt)
    }
}
