internal import CDuckDB

/// A VARCHAR column of a chunk read in place: each row's UTF-8 bytes straight out of DuckDB's
/// vector, without making a `String`. For writers that copy bytes onward (a wire protocol, a
/// file), where a `String` per value would be an allocation per cell for nothing.
///
/// It keeps its chunk alive; the bytes a subscript returns are valid as long as the cells are.
public struct StringCells {
    private let chunk: DataChunk
    private let data: UnsafeMutableRawPointer?
    private let validity: UnsafeMutablePointer<UInt64>?
    public let count: Int

    init(chunk: DataChunk, vector: duckdb_vector) {
        self.chunk = chunk
        let memory = VectorMemory(vector)
        data = memory.data
        validity = memory.validity
        count = chunk.count
    }

    /// The bytes of `row`, or `nil` when it is NULL.
    @inline(__always)
    public subscript(row: Int) -> UnsafeBufferPointer<UInt8>? {
        precondition(row >= 0 && row < count, "row \(row) out of 0..<\(count)")
        if let validity, validity[row &>> 6] & (1 &<< UInt64(row & 63)) == 0 { return nil }
        guard let data else { return nil }
        return stringBytes(data, row)
    }
}

extension DataChunk {
    /// A VARCHAR column's cells, read in place (see ``StringCells``).
    public func stringCells(_ column: Int) throws -> StringCells {
        guard columns.indices.contains(column), columns[column].type == .varchar,
            let vector = duckdb_data_chunk_get_vector(handle, idx_t(column))
        else {
            throw DuckDBError(
                kind: .typeMismatch,
                message: "Mismatch Type Error: column \(column) is not a VARCHAR column of this chunk")
        }
        return StringCells(chunk: self, vector: vector)
    }
}

// Not Sendable, like the chunk it reads.
@available(*, unavailable)
extension StringCells: Sendable {}
