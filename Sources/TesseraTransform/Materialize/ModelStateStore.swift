import DuckDB
import Foundation
import TesseraModel

/// The models' build state, kept in the domain warehouse itself (`_tessera.model_builds`, one row
/// per model) so that ``ModelBuilder`` writes it in the same transaction as the table it
/// describes. Reading it is how the runtime decides what is stale.
///
/// Timestamps are stored as UTC `TIMESTAMP`s, never `TIMESTAMPTZ`: DuckDB would convert those
/// through the session's time zone.
public struct ModelStateStore {
    let connection: Connection

    static let table = "_tessera.model_builds"

    // No PRIMARY KEY: `INSERT OR REPLACE` through a key index measured several times slower than
    // an UPDATE, and one row per model holds without it: a build updates the row it read, in its
    // own transaction; two overlapping builds of one model conflict in DuckDB (on that row, or on
    // the model's table or view when both create it), so only one can commit.
    static let schemaSQL = """
        CREATE SCHEMA IF NOT EXISTS _tessera;
        CREATE TABLE IF NOT EXISTS _tessera.model_builds (
            model VARCHAR NOT NULL,
            fingerprint VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,            -- view | table | incremental | snapshot
            built_at TIMESTAMP NOT NULL,      -- UTC
            upstream_version BIGINT NOT NULL,
            built_from TIMESTAMP,             -- incremental: the range the table covers, UTC
            built_until TIMESTAMP,
            rows BIGINT,                      -- NULL for views
            run_id VARCHAR NOT NULL
        )
        """

    /// Opens the store, creating `_tessera.model_builds` when the warehouse has none yet.
    public init(connection: Connection) throws {
        self.connection = connection
        try Self.prepare(on: connection)
    }

    /// For use inside a build, whose builder has already prepared the table.
    init(unprepared connection: Connection) {
        self.connection = connection
    }

    /// Creates the schema and table if missing. Two connections doing this at once on a new
    /// warehouse make DuckDB report a catalog write-write conflict on one of them; the loser
    /// finds the table there and goes on, or, when it lost on the schema while the winner is
    /// still to create the table, tries again.
    public static func prepare(on connection: Connection) throws {
        for attempt in 1...3 {
            do {
                try connection.execute(schemaSQL)
                return
            } catch let error as DuckDBError {
                if try exists(on: connection) { return }
                if attempt == 3 { throw error }
            }
        }
    }

    private static func exists(on connection: Connection) throws -> Bool {
        let found = try connection.scalar(
            """
            SELECT count(*) FROM duckdb_tables()
            WHERE database_name = current_database() AND schema_name = '_tessera' AND table_name = 'model_builds'
            """)
        return (found?.int64Value ?? 0) > 0
    }

    /// The state of the last successful build of `model`, or `nil` if it was never built here.
    public func state(of model: String) throws -> ModelState? {
        // Literal SQL, without ORDER BY: a bound parameter or a sort measured 1–2 ms each here,
        // as much as the rest of a trivial build.
        let rows = try connection.rows("SELECT \(Self.columns) FROM \(Self.table) WHERE model = \(SQL.literal(model))")
        return rows.first.flatMap { Self.decode($0)?.state }
    }

    /// Every model's state, by model name.
    public func all() throws -> [String: ModelState] {
        var states: [String: ModelState] = [:]
        for row in try connection.rows("SELECT \(Self.columns) FROM \(Self.table)") {
            if let (model, state) = Self.decode(row) { states[model] = state }
        }
        return states
    }

    /// Writes the row of `model`, inside the caller's transaction: an UPDATE when the build
    /// read a row (one statement, the usual case), an INSERT otherwise.
    func write(_ state: ModelState, of model: String, replacing: Bool) throws {
        func timestamp(_ date: Date?) -> String { date.map(BuildSQL.timestamp) ?? "NULL" }
        let values = [
            SQL.literal(model), SQL.literal(state.fingerprint), SQL.literal(state.kind.rawValue),
            timestamp(state.builtAt), String(state.upstreamVersion), timestamp(state.builtFrom),
            timestamp(state.builtUntil),
            state.rows.map(String.init) ?? "NULL", SQL.literal(state.runID),
        ]
        if replacing {
            let assignments = zip(Self.columnNames, values).dropFirst().map { "\($0) = \($1)" }.joined(separator: ", ")
            if try connection.execute("UPDATE \(Self.table) SET \(assignments) WHERE model = \(values[0])") > 0 {
                return
            }
        }
        try connection.execute("INSERT INTO \(Self.table) (\(Self.columns)) VALUES (\(values.joined(separator: ", ")))")
    }

    private static let columnNames = [
        "model", "fingerprint", "kind", "built_at", "upstream_version", "built_from", "built_until", "rows", "run_id",
    ]
    private static let columns = columnNames.joined(separator: ", ")

    private static func decode(_ row: [DuckDBValue]) -> (model: String, state: ModelState)? {
        func date(_ value: DuckDBValue) -> Date? {
            if case .timestamp(let stamp) = value { return stamp.foundationDate }
            return nil
        }
        guard row.count == 9, let model = row[0].stringValue, let fingerprint = row[1].stringValue,
            let kind = row[2].stringValue.flatMap(Materialization.Kind.init(rawValue:)),
            let builtAt = date(row[3]), let upstream = row[4].int64Value, let runID = row[8].stringValue
        else { return nil }
        return (
            model,
            ModelState(
                fingerprint: fingerprint, kind: kind, builtAt: builtAt, upstreamVersion: upstream,
                builtFrom: date(row[5]), builtUntil: date(row[6]), rows: row[7].int64Value, runID: runID)
        )
    }
}
