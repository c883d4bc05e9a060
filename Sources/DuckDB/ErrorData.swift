internal import CDuckDB

/// Owns one `duckdb_error_data`, which the C API allocates for every call that reports one.
final class ErrorData {
    private var handle: duckdb_error_data?

    init?(_ handle: duckdb_error_data?) {
        guard let handle else { return nil }
        self.handle = handle
    }

    deinit { duckdb_destroy_error_data(&handle) }

    var hasError: Bool { duckdb_error_data_has_error(handle) }
    var kind: DuckDBError.Kind { DuckDBError.Kind(duckdb_error_data_error_type(handle)) }
    var message: String? { duckdb_error_data_message(handle).map { String(cString: $0) } }
}
