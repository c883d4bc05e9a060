internal import CDuckDB

/// The version string of the linked DuckDB library, e.g. `v2.0.0`.
public func duckDBLibraryVersion() -> String {
    String(cString: duckdb_library_version())
}
