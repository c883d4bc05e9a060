internal import CDuckDB

/// Owns one `duckdb_pending_result`: a statement that has been started but not run.
///
/// It must outlive the streaming result made from it: destroying a pending result whose
/// statement has not completed aborts the statement.
final class PendingResult {
    private var handle: duckdb_pending_result?
    let statement: PreparedStatement

    init(statement: PreparedStatement) throws {
        self.statement = statement
        var pending: duckdb_pending_result?
        // The streaming variant is what lets a result be read chunk by chunk instead of being
        // materialized whole before the first row is seen. Deprecated in the header since 1.0,
        // but still the only streaming entry of the C API in 2.0.
        let state = duckdb_pending_prepared_streaming(statement.rawHandle, &pending)
        handle = pending
        guard state == DuckDBSuccess, pending != nil else {
            let message =
                duckdb_pending_error(pending).map { String(cString: $0) }
                ?? duckdb_prepare_error(statement.rawHandle).map { String(cString: $0) }
                ?? "DuckDB could not start the statement"
            throw DuckDBError(message: message, sql: statement.sql)
        }
    }

    deinit { duckdb_destroy_pending(&handle) }

    /// Runs the statement up to the point where rows can be fetched.
    func execute(into result: ResultHandle) throws {
        guard duckdb_execute_pending(handle, result.pointer) == DuckDBSuccess else {
            if result.errorMessage != nil { throw result.error(sql: statement.sql) }
            let message =
                duckdb_pending_error(handle).map { String(cString: $0) }
                ?? "DuckDB could not run the statement"
            throw DuckDBError(message: message, sql: statement.sql)
        }
    }
}
