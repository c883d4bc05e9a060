internal import CDuckDB

/// The rows of a running statement, fetched from DuckDB one chunk at a time.
///
/// Only the chunk being read is in memory, however large the result. The stream keeps its
/// statement and connection alive, and keeps the connection busy: until it has been read to
/// the end (or released), the connection refuses other statements with a `resourceInUse` error.
/// Releasing it early aborts the statement; a statement that writes is rolled back then, so
/// read (or ``drain()``) a stream to the end when its effects matter.
///
/// Read it by chunks (``nextChunk()``, ``forEachChunk(_:)``) or by rows (``nextRow()``,
/// ``forEachRow(_:)``, ``rows()``); rows already buffered by `nextRow` are skipped by a later
/// `nextChunk`, so pick one way per stream. Not `Sendable`, like its ``Connection``.
public final class ResultStream {
    private let pending: PendingResult
    private let result: ResultHandle
    public let columns: [ResultColumn]
    /// Rows handed out so far (by chunks or by rows).
    public private(set) var rowsRead = 0
    private var finished = false
    private var buffered: [[DuckDBValue]] = []
    private var bufferedIndex = 0

    init(pending: PendingResult) throws {
        self.pending = pending
        result = ResultHandle()
        try pending.execute(into: result)
        let pointer = result.pointer
        columns = (0..<duckdb_column_count(pointer)).map { index in
            ResultColumn(
                name: duckdb_column_name(pointer, index).map { String(cString: $0) } ?? "",
                type: LogicalType(owning: duckdb_column_logical_type(pointer, index))?.swiftType ?? .sqlNull)
        }
    }

    public var statement: PreparedStatement { pending.statement }
    public var connection: Connection { pending.statement.connection }
    public var columnNames: [String] { columns.map(\.name) }

    /// The next chunk, or `nil` once the result is exhausted.
    public func nextChunk() throws -> DataChunk? {
        while !finished {
            guard let chunk = duckdb_fetch_chunk(result.pointer.pointee) else {
                finished = true
                // The C API signals both the end and a failure with NULL; only the error text tells them apart.
                if result.errorMessage != nil { throw result.error(sql: statement.sql) }
                return nil
            }
            let wrapped = DataChunk(owning: chunk, columns: columns, database: connection.database)
            if wrapped.count > 0 {
                rowsRead += wrapped.count
                return wrapped
            }
        }
        return nil
    }

    /// Calls `body` with each remaining chunk, in order.
    public func forEachChunk(_ body: (DataChunk) throws -> Void) throws {
        while let chunk = try nextChunk() { try body(chunk) }
    }

    /// The next row, decoded, or `nil` at the end.
    public func nextRow() throws -> [DuckDBValue]? {
        if bufferedIndex == buffered.count {
            buffered.removeAll(keepingCapacity: true)
            bufferedIndex = 0
            guard let chunk = try nextChunk() else { return nil }
            try chunk.appendRows(to: &buffered)
        }
        defer { bufferedIndex += 1 }
        return buffered[bufferedIndex]
    }

    /// Calls `body` with each remaining row, decoded.
    public func forEachRow(_ body: ([DuckDBValue]) throws -> Void) throws {
        while let row = try nextRow() { try body(row) }
    }

    /// Reads every remaining row into memory.
    public func rows() throws -> [[DuckDBValue]] {
        var rows = Array(buffered[bufferedIndex...])
        buffered.removeAll()
        bufferedIndex = 0
        while let chunk = try nextChunk() { try chunk.appendRows(to: &rows) }
        return rows
    }

    /// Reads one fixed-width column of every remaining chunk into a typed column (the other
    /// columns are dropped). To keep several columns, append them per chunk in ``forEachChunk(_:)``.
    public func column<T: FixedWidthColumnElement>(_ column: Int, as type: T.Type = T.self) throws -> TypedColumn<T> {
        var result = TypedColumn<T>()
        try forEachChunk { try $0.append(column: column, to: &result) }
        return result
    }

    /// Reads one VARCHAR column of every remaining chunk into a typed column.
    public func stringColumn(_ column: Int) throws -> TypedColumn<String> {
        var result = TypedColumn<String>()
        try forEachChunk { try $0.append(column: column, to: &result) }
        return result
    }

    /// Reads and drops the remaining rows so the statement completes; returns how many there were.
    @discardableResult
    public func drain() throws -> Int {
        var skipped = buffered.count - bufferedIndex
        buffered.removeAll()
        bufferedIndex = 0
        while let chunk = try nextChunk() { skipped += chunk.count }
        return skipped
    }
}

// Not Sendable on purpose: see the type's documentation and the threading model in
// docs/reference/duckdb-wrapper.md.
@available(*, unavailable)
extension ResultStream: Sendable {}
