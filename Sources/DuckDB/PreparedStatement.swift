internal import CDuckDB
import Foundation

/// A statement parsed and planned once, run many times with different parameters.
///
/// Parameters are numbered from 1, like `$1` in SQL. Binding checks the index against the
/// statement; running checks that every parameter got a value. Not `Sendable`: it belongs to
/// its ``Connection``, which it keeps alive.
public final class PreparedStatement {
    private var handle: duckdb_prepared_statement?

    public let connection: Connection
    public let sql: String
    /// How many parameters the statement has.
    public let parameterCount: Int

    init(connection: Connection, sql: String) throws {
        self.connection = connection
        self.sql = sql
        var statement: duckdb_prepared_statement?
        let state = duckdb_prepare(connection.rawHandle, sql, &statement)
        // The C API asks for the statement to be destroyed even when preparing failed.
        handle = statement
        guard state == DuckDBSuccess, statement != nil else {
            let message =
                duckdb_prepare_error(statement).map { String(cString: $0) }
                ?? "DuckDB could not prepare the statement"
            throw DuckDBError(message: message, sql: sql)
        }
        parameterCount = Int(duckdb_nparams(statement))
    }

    deinit { duckdb_destroy_prepare(&handle) }

    var rawHandle: duckdb_prepared_statement? { handle }

    /// Binds `value` to the parameter at `index` (1-based).
    public func bind(_ value: DuckDBValue, at index: Int) throws {
        guard (1...max(parameterCount, 1)).contains(index), parameterCount > 0 else {
            throw DuckDBError(
                kind: .invalidArgument,
                message:
                    "Invalid Input Error: parameter index \(index) is out of range; the statement has \(parameterCount) parameter(s)",
                sql: sql
            )
        }
        let state = try value.bind(to: handle, at: idx_t(index))
        guard state == DuckDBSuccess else {
            let message =
                duckdb_prepare_error(handle).map { String(cString: $0) }
                ?? "Invalid Input Error: could not bind \(value) to parameter \(index)"
            throw DuckDBError(kind: .invalidArgument, message: message, sql: sql)
        }
    }

    /// Binds a Swift value (Int, String, Data, Date, …) to the parameter at `index` (1-based).
    public func bind(_ value: some DuckDBValueConvertible, at index: Int) throws {
        try bind(value.duckDBValue, at: index)
    }

    /// Binds all parameters at once; the count must match ``parameterCount``.
    public func bind(_ values: [DuckDBValue]) throws {
        guard values.count == parameterCount else {
            throw DuckDBError(
                kind: .invalidArgument,
                message:
                    "Invalid Input Error: the statement expects \(parameterCount) parameter(s) but \(values.count) were given",
                sql: sql
            )
        }
        for (offset, value) in values.enumerated() {
            try bind(value, at: offset + 1)
        }
    }

    /// Forgets every bound value.
    public func clearBindings() {
        duckdb_clear_bindings(handle)
    }

    /// Runs the statement and streams its rows. With `parameters`, they are bound first and
    /// must match ``parameterCount``; without, the values bound before are used.
    public func query(_ parameters: DuckDBValue...) throws -> ResultStream {
        try query(parameters)
    }

    /// Runs the statement and streams its rows; see ``query(_:)-(DuckDBValue...)``.
    public func query(_ parameters: [DuckDBValue]) throws -> ResultStream {
        if !parameters.isEmpty || parameterCount == 0 { try bind(parameters) }
        let pending = try PendingResult(statement: self)
        return try ResultStream(pending: pending)
    }

    /// Runs the statement to completion and returns the number of rows it changed
    /// (0 for statements that change none). Rows it returns are read and dropped.
    @discardableResult
    public func execute(_ parameters: DuckDBValue...) throws -> Int {
        try execute(parameters)
    }

    /// Runs the statement to completion; see ``execute(_:)-(DuckDBValue...)``.
    @discardableResult
    public func execute(_ parameters: [DuckDBValue]) throws -> Int {
        if !parameters.isEmpty || parameterCount == 0 { try bind(parameters) }
        let result = ResultHandle()
        guard duckdb_execute_prepared(handle, result.pointer) == DuckDBSuccess else {
            throw result.error(sql: sql)
        }
        return Int(duckdb_rows_changed(result.pointer))
    }
}

// Not Sendable on purpose: see the type's documentation and the threading model in
// docs/reference/duckdb-wrapper.md.
@available(*, unavailable)
extension PreparedStatement: Sendable {}
