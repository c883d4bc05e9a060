internal import CDuckDB

/// Owns one `duckdb_value`: a value built in Swift on its way to a statement or an appender.
final class ValueHandle {
    private(set) var handle: duckdb_value?

    init?(owning handle: duckdb_value?) {
        guard let handle else { return nil }
        self.handle = handle
    }

    deinit { duckdb_destroy_value(&handle) }
}
