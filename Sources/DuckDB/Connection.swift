internal import CDuckDB

/// A connection to a ``Database``: the place where statements run and transactions live.
///
/// Every call blocks the calling thread until DuckDB is done. A connection runs one statement
/// at a time, and a ``ResultStream`` keeps its connection busy until it is read to the end or
/// released, so `Connection` is deliberately not `Sendable`: keep it in one task or thread. In
/// async code, use ``AsyncConnection``, which moves the blocking work to a thread of its own.
///
/// A connection keeps its database open.
public final class Connection {
    private var handle: duckdb_connection?

    /// The database this connection belongs to (kept alive by the connection).
    public let database: Database

    public init(_ database: Database) throws {
        self.database = database
        var connection: duckdb_connection?
        guard duckdb_connect(database.rawHandle, &connection) == DuckDBSuccess, let connection else {
            throw DuckDBError(kind: .connection, message: "Connection Error: DuckDB could not open a connection")
        }
        handle = connection
    }

    deinit { duckdb_disconnect(&handle) }

    var rawHandle: duckdb_connection? { handle }

    /// Runs one or more SQL statements (separated by `;`) and returns the number of rows the last
    /// one changed (0 for statements that change none). Any rows they return are discarded: use
    /// ``query(_:_:)`` to read them.
    @discardableResult
    public func execute(_ sql: String) throws -> Int {
        let result = ResultHandle()
        guard duckdb_query(handle, sql, result.pointer) == DuckDBSuccess else {
            throw result.error(sql: sql)
        }
        return Int(duckdb_rows_changed(result.pointer))
    }

    /// Runs one statement with positional parameters (`$1`, `?`) and streams its rows.
    ///
    /// Nothing beyond the chunk being read is held in memory. Until the stream has been read to
    /// the end or released, the connection cannot run another statement.
    public func query(_ sql: String, _ parameters: DuckDBValue...) throws -> ResultStream {
        try prepare(sql).query(parameters)
    }

    /// Runs one statement with parameters and returns the number of rows it changed.
    @discardableResult
    public func execute(_ sql: String, _ parameters: DuckDBValue...) throws -> Int {
        try prepare(sql).execute(parameters)
    }

    /// Prepares one statement for repeated execution.
    public func prepare(_ sql: String) throws -> PreparedStatement {
        try PreparedStatement(connection: self, sql: sql)
    }

    /// Opens an appender for bulk inserts into `table`.
    public func appender(table: String, schema: String? = nil) throws -> Appender {
        try Appender(connection: self, table: table, schema: schema)
    }

    /// Reads all rows of a query into memory. Meant for small results; stream large ones.
    public func rows(_ sql: String, _ parameters: DuckDBValue...) throws -> [[DuckDBValue]] {
        try prepare(sql).query(parameters).rows()
    }

    /// The first column of the first row, or `nil` when the query returns no rows.
    public func scalar(_ sql: String, _ parameters: DuckDBValue...) throws -> DuckDBValue? {
        let stream = try prepare(sql).query(parameters)
        let first = try stream.nextRow()?.first
        // Read to the end so the statement completes and the connection is free again.
        try stream.drain()
        return first
    }

    /// Asks DuckDB to stop the statement running on this connection. Safe from another thread:
    /// it is the only call DuckDB allows concurrently with a running statement.
    public func interrupt() {
        duckdb_interrupt(handle)
    }
}

// Not Sendable on purpose: see the type's documentation and the threading model in
// docs/reference/duckdb-wrapper.md.
@available(*, unavailable)
extension Connection: Sendable {}
