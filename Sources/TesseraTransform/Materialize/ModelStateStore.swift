import DuckDB
import Foundation
import TesseraModel

/// The models' build state, kept in the domain warehouse itself so that ``ModelBuilder`` writes
/// it in the same transaction as the table it describes. Reading it is how the runtime decides
/// what is stale.
///
/// One row per model in `_tessera.model_state`, the state packed into one text column
/// (``ModelStateText``); `_tessera.model_builds` is a view that unpacks it into typed columns
/// for reading, by Tessera and by people. Packed because DuckDB appends to every column of a
/// table separately: a nine-column state row measured about 1.5 ms of CPU per build against
/// about 0.6 ms for two columns, most of a trivial build's own overhead. Warehouses written
/// before had `model_builds` as a table: ``prepare(on:)`` converts it once.
///
/// Timestamps are stored as UTC `TIMESTAMP` text, never `TIMESTAMPTZ`: DuckDB would convert those
/// through the session's time zone.
public struct ModelStateStore {
    let connection: Connection

    static let table = "_tessera.model_state"
    static let view = "_tessera.model_builds"

    // No PRIMARY KEY: `INSERT OR REPLACE` through a key index measured several times slower than
    // an UPDATE, and one row per model holds without it: a build updates the row it read, in its
    // own transaction; two overlapping builds of one model conflict in DuckDB (on that row, or on
    // the model's table or view when both create it), so only one can commit.
    static let schemaSQL = """
        CREATE SCHEMA IF NOT EXISTS _tessera;
        CREATE TABLE IF NOT EXISTS _tessera.model_state (
            model VARCHAR NOT NULL,
            state VARCHAR NOT NULL            -- ModelStateText: fingerprint|kind|built_at|…
        );
        CREATE VIEW IF NOT EXISTS _tessera.model_builds AS \(ModelStateText.unpackingSelect);
        """

    /// Opens the store, creating `_tessera.model_state` when the warehouse has none yet.
    public init(connection: Connection) throws {
        self.connection = connection
        try Self.prepare(on: connection)
    }

    /// For use inside a build, whose builder has already prepared the table.
    init(unprepared connection: Connection) {
        self.connection = connection
    }

    /// Creates the schema, table and view if missing, after converting a warehouse whose
    /// `model_builds` is still the unpacked table of earlier versions. Two connections doing this
    /// at once on a new warehouse make DuckDB report a catalog write-write conflict on one of
    /// them; the loser finds the table there and goes on, or, when it lost on the schema while
    /// the winner is still to create the table, tries again.
    public static func prepare(on connection: Connection) throws {
        for attempt in 1...3 {
            do {
                if try relationKind("model_builds", on: connection) == "BASE TABLE" {
                    try connection.execute(ModelStateText.conversionSQL(schema: schemaSQL))
                }
                try connection.execute(schemaSQL)
                return
            } catch let error as DuckDBError {
                if try relationKind("model_state", on: connection) != nil,
                    try relationKind("model_builds", on: connection) == "VIEW"
                {
                    return
                }
                if attempt == 3 { throw error }
            }
        }
    }

    /// `BASE TABLE`, `VIEW`, or nil: what `_tessera.<name>` is in this warehouse.
    private static func relationKind(_ name: String, on connection: Connection) throws -> String? {
        try connection.scalar(
            """
            SELECT table_type FROM information_schema.tables
            WHERE table_catalog = current_database() AND table_schema = '_tessera' AND table_name = \(SQL.literal(name))
            """)?.stringValue
    }

    /// The state of the last successful build of `model`, or `nil` if it was never built here.
    public func state(of model: String) throws -> ModelState? {
        // Literal SQL, without ORDER BY: a bound parameter or a sort measured 1–2 ms each here,
        // as much as the rest of a trivial build.
        let rows = try connection.rows("SELECT \(Self.columns) FROM \(Self.view) WHERE model = \(SQL.literal(model))")
        return rows.first.flatMap { Self.decode($0)?.state }
    }

    /// Every model's state, by model name.
    public func all() throws -> [String: ModelState] {
        var states: [String: ModelState] = [:]
        for row in try connection.rows("SELECT \(Self.columns) FROM \(Self.view)") {
            if let (model, state) = Self.decode(row) { states[model] = state }
        }
        return states
    }

    /// Writes the row of `model`, inside the caller's transaction: an UPDATE when the build
    /// read a row (one statement, the usual case), an INSERT otherwise.
    func write(_ state: ModelState, of model: String, replacing: Bool) throws {
        let packed = SQL.literal(ModelStateText.pack(state))
        if replacing,
            try connection.execute("UPDATE \(Self.table) SET state = \(packed) WHERE model = \(SQL.literal(model))") > 0
        {
            return
        }
        try connection.execute("INSERT INTO \(Self.table) (model, state) VALUES (\(SQL.literal(model)), \(packed))")
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
