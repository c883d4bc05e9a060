import DuckDB
import Foundation
import TesseraModel

extension ModelBuilder {
    /// **snapshot**: SCD type 2 history of the query's result, keyed by `unique_key`. The table
    /// has the query's columns plus `valid_from TIMESTAMP` and `valid_to TIMESTAMP` (UTC; NULL
    /// while the version is current). `@start`/`@end` are the full range up to `now`.
    ///
    /// - First build: every row, `valid_from` = its `updated_at` (or `now` with
    ///   `check_columns`), `valid_to` NULL.
    /// - Later builds, for each key of the result:
    ///   - changed (`updated_at` later than the current version's, or any `check_columns`
    ///     IS DISTINCT FROM it): the current version is closed at the new version's `valid_from`
    ///     and the new version inserted;
    ///   - no current version (new, or back after it was gone): a new version is inserted;
    ///   - otherwise untouched.
    ///   A current version whose key is gone from the result is closed at `now`.
    /// - With `updated_at`, a new version never starts before the version it follows (the
    ///   current one, or the closed one of a key that reappears), so versions never overlap;
    ///   a NULL `updated_at` starts at `now`. A `TIMESTAMPTZ` is taken in UTC.
    ///
    /// A full refresh keeps the history (as dbt does with snapshots): the history is data that
    /// cannot be rebuilt from the sources. If the query's columns change, the build fails; to
    /// start the history over, drop the table. The result must have one row per key, without
    /// NULL keys. The history is only replaced if `main.<model>` was not a snapshot before.
    func buildSCD2(_ job: Job, strategy: SCD2Strategy) throws -> Outcome {
        let context = job.context
        let query = try context.query(for: .all(until: context.now), thisExists: job.existing == .table)
        let previous = job.existing == .table ? job.previous : nil
        guard previous?.kind == .snapshot else { return try startHistory(job, strategy: strategy, query: query) }
        return try extendHistory(job, strategy: strategy, query: query)
    }

    /// The first build (or one over a table that was not a snapshot): every row opens its version.
    private func startHistory(_ job: Job, strategy: SCD2Strategy, query: ModelQuery) throws -> Outcome {
        let context = job.context
        let now = BuildSQL.timestamp(context.now)
        let columns = try describe(query)
        try requireSCD2Columns(columns, strategy, context)
        let validFrom =
            switch strategy.changeDetection {
            case .updatedAt(let column): "coalesce(\(try asUTCTimestamp(column, in: columns, context)), \(now))"
            case .checkColumns: now
            }
        let rows = try createTable(
            job,
            as: """
                SELECT *, \(validFrom) AS valid_from, CAST(NULL AS TIMESTAMP) AS valid_to FROM \(query.subquery)
                """)
        try requireUniqueKeys(strategy.uniqueKey, in: context.target, setting: "snapshot.unique_key", context)
        return Outcome(action: job.existing == .table ? .replaced : .created, rowsWritten: rows, rowsInTable: rows)
    }

    /// A later build: the query's rows are staged, new and changed keys open a version, changed
    /// and vanished keys close theirs.
    private func extendHistory(_ job: Job, strategy: SCD2Strategy, query: ModelQuery) throws -> Outcome {
        let context = job.context
        let keys = strategy.uniqueKey
        let now = BuildSQL.timestamp(context.now)
        let batch = BuildSQL.temporary("__tessera_batch_" + context.table)
        let opened = BuildSQL.temporary("__tessera_opened_" + context.table)
        try connection.execute("CREATE OR REPLACE TEMP TABLE \(batch) AS \n\(query.text)\n")
        let columns = try describe(batch)
        try requireSCD2Columns(columns, strategy, context)
        let history = try describe(context.target).filter {
            !["valid_from", "valid_to"].contains($0.name.lowercased())
        }
        try requireSameColumns(
            columns, as: history, context,
            hint:
                "a snapshot keeps its history, even with --full-refresh; keep the columns, or drop \(context.target) to start the history over"
        )
        try requireUniqueKeys(keys, in: batch, setting: "snapshot.unique_key", context)

        let matches = BuildSQL.keysEqual(keys, "b", "c")
        let absent = "c.\(SQL.identifier(keys[0])) IS NULL"
        let (changed, validFrom) = try changeDetection(strategy, columns: columns, now: now, context)
        let closedAt = "(SELECT \(BuildSQL.list(keys)), max(valid_to) AS closed_at FROM \(context.target) GROUP BY ALL)"
        let openedCount = Int64(
            try connection.execute(
                """
                CREATE OR REPLACE TEMP TABLE \(opened) AS
                SELECT b.*, \(validFrom) AS valid_from, CAST(NULL AS TIMESTAMP) AS valid_to
                FROM \(batch) AS b
                LEFT JOIN (SELECT * FROM \(context.target) WHERE valid_to IS NULL) AS c ON \(matches)
                LEFT JOIN \(closedAt) AS h ON \(BuildSQL.keysEqual(keys, "b", "h"))
                WHERE \(absent) OR \(changed)
                """))
        let closedChanged = try connection.execute(
            """
            UPDATE \(context.target) AS c SET valid_to = o.valid_from FROM \(opened) AS o
            WHERE c.valid_to IS NULL AND \(BuildSQL.keysEqual(keys, "c", "o"))
            """)
        let closedGone = try connection.execute(
            """
            UPDATE \(context.target) AS c SET valid_to = \(now)
            WHERE c.valid_to IS NULL AND NOT EXISTS (SELECT 1 FROM \(batch) AS b WHERE \(matches))
            """)
        try connection.execute("INSERT INTO \(context.target) BY NAME SELECT * FROM \(opened)")
        try connection.execute("DROP TABLE \(opened); DROP TABLE \(batch)")
        let closed = Int64(closedChanged + closedGone)
        return Outcome(
            action: .scd2Versions(opened: openedCount, closed: closed), rowsWritten: openedCount + closed,
            rowsInTable: try countRows(job))
    }

    /// When a staged row (`b`) is a change of the current version (`c`), and when its version
    /// starts (`h`: when its key's last version closed).
    private func changeDetection(
        _ strategy: SCD2Strategy, columns: [Column], now: String, _ context: BuildContext
    ) throws -> (changed: String, validFrom: String) {
        switch strategy.changeDetection {
        case .updatedAt(let column):
            let changed = "b.\(SQL.identifier(column)) > c.\(SQL.identifier(column))"
            let updated = try asUTCTimestamp(column, in: columns, context, prefix: "b.")
            let validFrom =
                "greatest(coalesce(\(updated), \(now)), coalesce(c.valid_from, h.closed_at, \(BuildSQL.timestamp(BuildInterval.beginningOfTime))))"
            return (changed, validFrom)
        case .checkColumns(let checked):
            let changed = checked.map { "b.\(SQL.identifier($0)) IS DISTINCT FROM c.\(SQL.identifier($0))" }.joined(
                separator: " OR ")
            return (changed, now)
        }
    }

    /// The snapshot's settings must name columns of the result, and the result must leave
    /// `valid_from`/`valid_to` to the snapshot.
    private func requireSCD2Columns(_ columns: [Column], _ strategy: SCD2Strategy, _ context: BuildContext)
        throws
    {
        if let clash = columns.first(where: { ["valid_from", "valid_to"].contains($0.name.lowercased()) }) {
            throw context.error(
                .configuration, "the query returns a column named \(clash.name), which a snapshot adds itself",
                hint: "rename it in the SELECT")
        }
        try requireColumns(strategy.uniqueKey, in: columns, setting: "snapshot.unique_key", context)
        switch strategy.changeDetection {
        case .updatedAt(let column): try requireColumns([column], in: columns, setting: "snapshot.updated_at", context)
        case .checkColumns(let checked):
            try requireColumns(checked, in: columns, setting: "snapshot.check_columns", context)
        }
    }

    /// `updated_at` as a UTC `TIMESTAMP` (the type of `valid_from`), whatever its type.
    private func asUTCTimestamp(_ column: String, in columns: [Column], _ context: BuildContext, prefix: String = "")
        throws -> String
    {
        guard let found = try requireColumns([column], in: columns, setting: "snapshot.updated_at", context).first,
            ["DATE", "TIMESTAMP"].contains(where: found.type.uppercased().hasPrefix)
        else {
            throw context.error(
                .configuration, "snapshot.updated_at '\(column)' must be a DATE or TIMESTAMP column",
                hint: "cast it in the SELECT, e.g. CAST(\(column) AS TIMESTAMP) AS \(column)")
        }
        let name = prefix + SQL.identifier(found.name)
        return found.type.uppercased().hasPrefix("TIMESTAMP WITH TIME ZONE")
            ? "timezone('UTC', \(name))" : "CAST(\(name) AS TIMESTAMP)"
    }
}
