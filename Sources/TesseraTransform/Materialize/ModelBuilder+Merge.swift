import DuckDB
import Foundation
import TesseraModel

extension ModelBuilder {
    /// **incremental, key mode** (`unique_key`).
    ///
    /// - First build or full refresh: `@start` is `0001-01-01 00:00:00`, `@end` the run's `now`;
    ///   the table is created from the query.
    /// - Later builds: `@start` is the previous `@end` (`built_until`), `@end` is `now` (or the
    ///   backfill's range). The result is computed once into a temporary table; the target's rows
    ///   whose key is in it are deleted and the result inserted.
    ///
    /// The result must have one row per key and no NULL in a key column, on every build (a first
    /// build too): otherwise the build fails, saying how many keys repeat and showing one. Its
    /// columns must match the table's (hint: `--full-refresh`).
    func buildMerge(_ job: Job, keys: [String]) throws -> Outcome {
        let context = job.context
        let setting = "incremental.unique_key"
        guard let previous = incrementalState(job), !context.request.fullRefresh, let until = previous.builtUntil else {
            let interval =
                context.request.fullRefresh
                ? .all(until: context.now) : context.request.backfill ?? .all(until: context.now)
            let query = try context.query(for: interval, thisExists: job.existing == .table)
            try requireColumns(keys, in: try describe(query), setting: setting, context)
            let rows = try createTable(job, as: query.text)
            try requireUniqueKeys(keys, in: context.target, setting: setting, context)
            return Outcome(
                action: job.existing == .table ? .replaced : .created, rowsWritten: rows, rowsInTable: rows,
                interval: interval, covered: interval)
        }
        let interval = context.request.backfill ?? BuildInterval(start: until, end: context.now)
        let query = try context.query(for: interval, thisExists: true)
        let batchTable = BuildSQL.temporary("__tessera_batch_" + context.table)
        try connection.execute("CREATE OR REPLACE TEMP TABLE \(batchTable) AS \n\(query.text)\n")
        let columns = try describe(batchTable)
        try requireColumns(keys, in: columns, setting: setting, context)
        try requireSameColumns(
            columns, as: try describe(context.target), context,
            hint: "the model's SQL changed its columns; rebuild the whole table with --full-refresh")
        try requireUniqueKeys(keys, in: batchTable, setting: setting, context)
        let replaced = Int64(
            try connection.execute(
                "DELETE FROM \(context.target) AS t USING \(batchTable) AS b WHERE \(BuildSQL.keysEqual(keys, "t", "b"))"
            ))
        let written = Int64(try connection.execute("INSERT INTO \(context.target) SELECT * FROM \(batchTable)"))
        try connection.execute("DROP TABLE \(batchTable)")
        return Outcome(
            action: .merged(inserted: written - replaced, replaced: replaced), rowsWritten: written,
            rowsInTable: try countRows(job), interval: interval, covered: previous.covered(adding: interval))
    }
}
