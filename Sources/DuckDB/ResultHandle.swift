internal import CDuckDB

/// Owns one `duckdb_result`, materialized or streaming. It lives at a fixed address because the
/// C API takes it by pointer.
final class ResultHandle {
    let pointer: UnsafeMutablePointer<duckdb_result>

    init() {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: duckdb_result())
    }

    deinit {
        duckdb_destroy_result(pointer)
        pointer.deinitialize(count: 1)
        pointer.deallocate()
    }

    var errorMessage: String? { duckdb_result_error(pointer).map { String(cString: $0) } }

    func error(sql: String?) -> DuckDBError {
        let message = errorMessage ?? "DuckDB reported an error without a message"
        var kind = DuckDBError.Kind(duckdb_result_error_type(pointer))
        if kind == .unknown { kind = DuckDBError.Kind(messagePrefixOf: message) }
        return DuckDBError(kind: kind, message: message, sql: sql)
    }
}
