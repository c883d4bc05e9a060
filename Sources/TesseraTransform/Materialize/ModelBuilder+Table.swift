import DuckDB
import Foundation

extension ModelBuilder {
    /// **view**: `CREATE OR REPLACE VIEW main.<model>`; a table of that name (the model was
    /// materialized differently before) is dropped in the same transaction. `@start`/`@end` are
    /// the full range up to the run's `now`, fixed in the view's text when it is built.
    func buildView(_ job: Job) throws -> Outcome {
        let context = job.context
        let query = try context.query(for: .all(until: context.now), thisExists: false)
        if job.existing == .table { try connection.execute("DROP TABLE \(context.target)") }
        try connection.execute("CREATE OR REPLACE VIEW \(context.target) AS \(query.subquery)")
        return Outcome(action: .view, rowsWritten: 0, rowsInTable: nil)
    }

    /// **table**: rebuilt in full every time, with `@start`/`@end` the full range up to `now`.
    /// A view of that name is dropped in the same transaction.
    func buildTable(_ job: Job) throws -> Outcome {
        let context = job.context
        let query = try context.query(for: .all(until: context.now), thisExists: job.existing == .table)
        let rows = try createTable(job, as: query.text)
        return Outcome(action: job.existing == .table ? .replaced : .created, rowsWritten: rows, rowsInTable: rows)
    }

    /// Creates or replaces `main.<model>` as `select`, first dropping a view of that name; returns
    /// the rows written. Inside the build's transaction, the old table stays readable to others
    /// until COMMIT and comes back on ROLLBACK.
    func createTable(_ job: Job, as select: String) throws -> Int64 {
        if job.existing == .view { try connection.execute("DROP VIEW \(job.context.target)") }
        return Int64(try connection.execute("CREATE OR REPLACE TABLE \(job.context.target) AS \n\(select)\n"))
    }

    /// `count(*)` of the model's table.
    func countRows(_ job: Job) throws -> Int64 {
        try connection.scalar("SELECT count(*) FROM \(job.context.target)")?.int64Value ?? 0
    }
}
