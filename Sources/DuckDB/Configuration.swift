internal import CDuckDB

/// Owns one `duckdb_config` for the time it takes to open a database.
final class Configuration {
    private(set) var handle: duckdb_config?

    init() throws {
        var config: duckdb_config?
        let state = duckdb_create_config(&config)
        // The C API asks for the config to be destroyed even when creating it failed.
        handle = config
        guard state == DuckDBSuccess, config != nil else {
            throw DuckDBError(kind: .outOfMemory, message: "DuckDB could not allocate a configuration")
        }
    }

    deinit { duckdb_destroy_config(&handle) }

    func set(_ name: String, _ value: String) throws {
        guard duckdb_set_config(handle, name, value) == DuckDBSuccess else {
            // duckdb_set_config gives no message; name the option so the user can find the typo.
            throw DuckDBError(
                kind: .invalidConfiguration,
                message: "Invalid Configuration Error: cannot set option '\(name)' to '\(value)'"
            )
        }
    }
}
