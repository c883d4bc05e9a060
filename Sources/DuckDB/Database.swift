internal import CDuckDB

/// A DuckDB database: a file on disk, or in memory.
///
/// DuckDB's database object is thread-safe, so a `Database` is `Sendable`: open it once and hand
/// it to every task that needs a ``Connection``. The database is closed when the last reference to
/// it (including the ones every ``Connection`` keeps) goes away.
///
/// Opening a database does file I/O and may block; call it off the cooperative thread pool
/// (see ``AsyncConnection``) when it happens inside async code.
public final class Database: @unchecked Sendable {
    // Written once in init and only read afterwards; DuckDB synchronizes the object itself.
    private var handle: duckdb_database?

    /// The file path, or `nil` for an in-memory database.
    public let path: String?

    /// Opens (or creates) a database.
    /// - Parameters:
    ///   - path: a file path, or `nil` (or `":memory:"`) for a private in-memory database.
    ///   - options: DuckDB configuration options, e.g. `["threads": "2", "memory_limit": "1GB"]`.
    public init(path: String? = nil, options: [String: String] = [:]) throws {
        self.path = path == ":memory:" ? nil : path
        let config = try Configuration()
        // Sorted so that, when two options are wrong, the error names the same one every time.
        for (name, value) in options.sorted(by: { $0.key < $1.key }) {
            try config.set(name, value)
        }
        var database: duckdb_database?
        var cError: UnsafeMutablePointer<CChar>?
        let state = duckdb_open_ext(self.path, &database, config.handle, &cError)
        let message = cError.map { String(cString: $0) }
        duckdb_free(cError)
        guard state == DuckDBSuccess, let database else {
            let text = message ?? "DuckDB could not open the database at \(self.path ?? ":memory:")"
            throw DuckDBError(message: text)
        }
        handle = database
    }

    /// A new private in-memory database.
    public static func inMemory(options: [String: String] = [:]) throws -> Database {
        try Database(path: nil, options: options)
    }

    deinit { duckdb_close(&handle) }

    /// Opens a new connection. Each connection runs one statement at a time; open one per task.
    public func connect() throws -> Connection {
        try Connection(self)
    }

    var rawHandle: duckdb_database? { handle }
}
