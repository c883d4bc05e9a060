internal import CDuckDB
import Foundation

/// Bulk inserts into one table, row by row, much faster than INSERT statements.
///
/// Append one value per column, then ``endRow()``. Rows are buffered and written on ``flush()``,
/// ``close()``, or when DuckDB's buffer fills. Always ``close()`` an appender whose rows matter:
/// closing reports errors (a constraint violated by a buffered row, say), while the automatic
/// close on release can only drop them. Not `Sendable`; it uses its ``Connection``.
public final class Appender {
    private var handle: duckdb_appender?
    private var closed = false
    public let connection: Connection
    public let table: String
    public let columnCount: Int

    init(connection: Connection, table: String, schema: String?) throws {
        self.connection = connection
        self.table = table
        var appender: duckdb_appender?
        let state = duckdb_appender_create(connection.rawHandle, schema, table, &appender)
        // The C API asks for the appender to be destroyed even when creating it failed.
        handle = appender
        guard state == DuckDBSuccess, appender != nil else {
            throw DuckDBError.take(duckdb_appender_error_data(appender), fallback: "could not open an appender")
                ?? DuckDBError(kind: .catalog, message: "Catalog Error: could not open an appender on table \(table)")
        }
        columnCount = Int(duckdb_appender_column_count(appender))
    }

    deinit { duckdb_appender_destroy(&handle) }

    /// Appends the next column's value of the current row.
    public func append(_ value: DuckDBValue) throws {
        try checkOpen()
        try check(try value.append(to: handle), "append \(value)")
    }

    /// Appends a Swift value (Int, String, Double, Data, Date, …).
    public func append(_ value: some DuckDBValueConvertible) throws {
        try append(value.duckDBValue)
    }

    public func append(_ value: Int64) throws {
        try checkOpen()
        try check(duckdb_append_int64(handle, value), "append \(value)")
    }

    public func append(_ value: Double) throws {
        try checkOpen()
        try check(duckdb_append_double(handle, value), "append \(value)")
    }

    public func append(_ value: String) throws {
        try checkOpen()
        var text = value
        try check(
            text.withUTF8 { duckdb_append_varchar_length(handle, $0.baseAddress, idx_t($0.count)) }, "append a string")
    }

    public func appendNull() throws {
        try checkOpen()
        try check(duckdb_append_null(handle), "append NULL")
    }

    /// Finishes the current row; every column must have had a value.
    public func endRow() throws {
        try checkOpen()
        try check(duckdb_appender_end_row(handle), "end the row")
    }

    /// Appends a whole row and ends it.
    public func appendRow(_ values: [DuckDBValue]) throws {
        for value in values { try append(value) }
        try endRow()
    }

    public func appendRow(_ values: DuckDBValue...) throws {
        try appendRow(values)
    }

    /// Writes the buffered rows to the table.
    public func flush() throws {
        try checkOpen()
        try check(duckdb_appender_flush(handle), "flush")
    }

    /// Flushes and closes. Later calls fail with a `closed` error.
    public func close() throws {
        guard !closed else { return }
        closed = true
        try check(duckdb_appender_close(handle), "close")
    }

    private func checkOpen() throws {
        guard !closed else {
            throw DuckDBError(kind: .closed, message: "Invalid Input Error: the appender on \(table) is closed")
        }
    }

    private func check(_ state: duckdb_state, _ action: String) throws {
        guard state == DuckDBSuccess else {
            throw DuckDBError.take(duckdb_appender_error_data(handle), fallback: "could not \(action)")
                ?? DuckDBError(kind: .invalidInput, message: "Invalid Input Error: the appender could not \(action)")
        }
    }
}

// Not Sendable on purpose: see the type's documentation and the threading model in
// docs/reference/duckdb-wrapper.md.
@available(*, unavailable)
extension Appender: Sendable {}
