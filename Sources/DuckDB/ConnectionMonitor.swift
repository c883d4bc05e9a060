internal import CDuckDB

/// How far the statement running on a connection has come.
public struct QueryProgress: Sendable, Equatable {
    /// 0…100, or nil when DuckDB cannot tell (no statement running, or one it cannot estimate).
    public var percentage: Double?
    public var rowsProcessed: UInt64
    public var totalRowsToProcess: UInt64
}

/// Watches a connection from another thread while it runs a statement: DuckDB's progress and
/// interrupt calls are made for exactly that, so this is the one way to touch a `Connection`
/// from two threads at once. Progress is tracked only once `enable_progress_bar` is on for the
/// connection (`SET enable_progress_bar = true; SET enable_progress_bar_print = false`).
public final class ConnectionMonitor: @unchecked Sendable {
    // Only DuckDB's thread-safe progress and interrupt calls use it.
    private let connection: Connection

    init(connection: Connection) {
        self.connection = connection
    }

    public func progress() -> QueryProgress {
        let raw = duckdb_query_progress(connection.rawHandle)
        return QueryProgress(
            percentage: raw.percentage >= 0 ? raw.percentage : nil,
            rowsProcessed: raw.rows_processed, totalRowsToProcess: raw.total_rows_to_process)
    }

    /// Asks DuckDB to stop the running statement; it then fails with an interrupt error.
    public func interrupt() {
        connection.interrupt()
    }
}

extension Connection {
    /// A handle for watching (and interrupting) this connection from another thread.
    public func monitor() -> ConnectionMonitor {
        ConnectionMonitor(connection: self)
    }
}
