import DuckDB

/// The cursor's high-water mark as an incremental load applies it: rows *at or past* the mark are
/// kept (`>=`), because a row written after the last load can carry exactly the last load's
/// maximum — another file, a late commit, a record an API added with the same timestamp. A
/// strict `>` would drop it for good.
///
/// Reading the boundary again means rows loaded last time come back. Those are told apart by
/// content, set-based in DuckDB: a batch row at the mark that is identical, in every column the
/// table shares with the batch, to a row `src.<source>` already holds at the mark is *already
/// loaded*. Identical rows are matched copy for copy (the n-th identical copy in the batch is a
/// re-read only if the table holds at least n), so a source holding a row twice keeps it twice.
/// With a primary key this makes a re-read of an unchanged row a no-op instead of a rewrite;
/// without one it is what keeps a re-read from being inserted a second time.
///
/// A column the batch has and the table not yet: with a primary key the table's value counts as
/// NULL (a value there is new, and replaces the key's row); without one the column is left out of
/// the comparison, since a re-read row would otherwise be inserted a second time.
struct CursorBoundary {
    /// The cursor's standardized column name.
    var cursor: String
    /// The cursor column's type in the standardized batch.
    var type: String
    /// The last committed load's maximum, as text.
    var mark: String
    /// True when the source has a primary key (a changed row replaces its key's row).
    var keyed: Bool

    static let reloadedTable = "tessera_reloaded"

    /// The mark as a value of the cursor's type.
    var markValue: String { "TRY_CAST(\(SQL.literal(mark)) AS \(type))" }

    /// True for a batch row the cursor lets through (at or past the mark).
    var admits: String { "\(SQL.identifier(cursor)) >= \(markValue)" }

    /// True for a row exactly at the mark.
    var atMark: String { "\(SQL.identifier(cursor)) = \(markValue)" }

    /// Fills the temp table `tessera_reloaded` with the landed row numbers (`_row`) of the valid
    /// batch rows at the mark that `table` already holds; returns how many there are.
    ///
    /// - Parameters:
    ///   - standardized: the standardized batch (its rows carry `_row` and `_reject_reason`).
    ///   - batchColumns: the batch's columns (standardized name, type).
    ///   - tableColumns: `table`'s data columns (name, type), or nil when it does not exist yet.
    func markReloaded(
        standardized: String, batchColumns: [(name: String, type: String)], table: String,
        tableColumns: [(name: String, type: String)]?, on connection: Connection
    ) throws -> Int {
        let tableTypes = Dictionary((tableColumns ?? []).map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
        let shared = batchColumns.filter { tableTypes[$0.name] != nil }
        let added =
            keyed
            ? batchColumns.filter { tableTypes[$0.name] == nil }.map { " AND \(SQL.identifier($0.name)) IS NULL" } : []
        // No table yet (or one without the cursor): nothing was loaded at the mark.
        guard shared.contains(where: { $0.name == cursor }) else { return 0 }
        // Batch values are compared as the table stores them: cast to its column type when they differ.
        let batchValues = shared.map { column -> String in
            let name = SQL.identifier(column.name)
            let stored = tableTypes[column.name] ?? column.type
            let same = Standardizer.normalized(stored) == Standardizer.normalized(column.type)
            return same ? name : "TRY_CAST(\(name) AS \(stored)) AS \(name)"
        }
        let names = shared.map { SQL.identifier($0.name) }
        let list = names.joined(separator: ", ")
        let matches = names.map { "b.\($0) IS NOT DISTINCT FROM t.\($0)" }.joined(separator: " AND ")
        return try connection.execute(
            """
            CREATE OR REPLACE TEMP TABLE \(Self.reloadedTable) AS
            WITH b AS (
                SELECT *, row_number() OVER (PARTITION BY \(list) ORDER BY _row) AS tessera_copy
                FROM (SELECT \(batchValues.joined(separator: ", ")), _row FROM (\(standardized)) WHERE _reject_reason IS NULL AND \(atMark)\(added.joined()))
            ), t AS (
                SELECT \(list), count(*) AS tessera_copies FROM \(table) WHERE \(atMark) GROUP BY ALL
            )
            SELECT b._row FROM b JOIN t ON \(matches) WHERE b.tessera_copy <= t.tessera_copies
            """)
    }
}
