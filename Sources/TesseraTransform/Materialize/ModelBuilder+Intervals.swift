import DuckDB
import Foundation
import TesseraModel

extension ModelBuilder {
    /// **incremental, interval mode** (`time_column`). Intervals are UTC days.
    ///
    /// - First build, full refresh, or a table whose state is not an incremental one: `@start` is
    ///   `0001-01-01 00:00:00`, `@end` the run's `now`; the table is created from the query.
    ///   With `--start/--end` on a first build, only that range is built.
    /// - Later builds: `@start` is the start of the UTC day containing the previous `@end`
    ///   (`built_until`), so the last, partial day is rebuilt; `@end` is `now`.
    /// - A backfill `[start, end)` rebuilds exactly that range.
    ///
    /// Building a range is `DELETE` of the rows with `time_column` in `[start, end)`, then
    /// `INSERT` of the query's rows filtered to the same range, so only that range is touched
    /// even if the SQL forgets a bound. Rows whose `time_column` is NULL or outside every range
    /// built (including later than `now`) are never in the table, in a full refresh as well:
    /// incremental runs and a full refresh agree. The state covers the union of the ranges.
    ///
    /// The range filter compares a `TIMESTAMPTZ` column with UTC instants. `@start`/`@end` in the
    /// SQL are plain `TIMESTAMP`s in UTC: a query comparing a `TIMESTAMPTZ` with them must run in
    /// a UTC session, or its own filter selects less than the range the build replaces.
    ///
    /// The query's columns must match the table's (names, types, order): otherwise the build
    /// fails and the hint says to rebuild with `--full-refresh`.
    func buildIntervals(_ job: Job, timeColumn: String) throws -> Outcome {
        let context = job.context
        let previous = incrementalState(job)
        let interval: BuildInterval =
            if context.request.fullRefresh {
                .all(until: context.now)
            } else if let backfill = context.request.backfill {
                backfill
            } else if let previous, let until = previous.builtUntil {
                BuildInterval(start: BuildInterval.startOfUTCDay(containing: until), end: context.now)
            } else {
                .all(until: context.now)
            }
        let query = try context.query(for: interval, thisExists: job.existing == .table)
        let columns = try describe(query)
        guard
            let time = try requireColumns([timeColumn], in: columns, setting: "incremental.time_column", context).first,
            ["DATE", "TIMESTAMP"].contains(where: time.type.uppercased().hasPrefix)
        else {
            throw context.error(
                .configuration, "incremental.time_column '\(timeColumn)' must be a DATE or TIMESTAMP column",
                hint: "cast it in the SELECT, e.g. CAST(\(timeColumn) AS TIMESTAMP) AS \(timeColumn)")
        }
        let column = SQL.identifier(time.name)
        let range =
            "\(column) >= \(BuildSQL.bound(interval.start, forColumnType: time.type)) AND \(column) < \(BuildSQL.bound(interval.end, forColumnType: time.type))"
        let select = "SELECT * FROM \(query.subquery) WHERE \(range)"

        guard let previous, !context.request.fullRefresh else {
            let rows = try createTable(job, as: select)
            return Outcome(
                action: job.existing == .table ? .replaced : .created, rowsWritten: rows, rowsInTable: rows,
                interval: interval, covered: interval)
        }
        try requireSameColumns(
            columns, as: try describe(context.target), context,
            hint: "the model's SQL changed its columns; rebuild the whole table with --full-refresh")
        let deleted = try connection.execute("DELETE FROM \(context.target) WHERE \(range)")
        let inserted = Int64(try connection.execute("INSERT INTO \(context.target) \(select)"))
        return Outcome(
            action: .intervalReplaced(deleted: Int64(deleted), inserted: inserted), rowsWritten: inserted,
            rowsInTable: try countRows(job), interval: interval, covered: previous.covered(adding: interval))
    }

    /// The previous state when the existing table was built by an incremental build that can be
    /// continued; `nil` means the table must be (re)created.
    func incrementalState(_ job: Job) -> ModelState? {
        guard job.existing == .table, let state = job.previous,
            state.kind == .incremental, state.builtUntil != nil
        else { return nil }
        return state
    }
}

extension ModelState {
    /// The range covered once `interval` is built too.
    func covered(adding interval: BuildInterval) -> BuildInterval {
        BuildInterval(
            start: min(builtFrom ?? interval.start, interval.start),
            end: max(builtUntil ?? interval.end, interval.end))
    }
}
