import DuckDB
import Foundation
import TesseraModel
import TesseraSQL

/// A ``BuildRequest`` checked and made ready for SQL: the target's name, the run's clock to the
/// microsecond (what DuckDB keeps), and the model's query for a given interval.
struct BuildContext {
    let request: BuildRequest
    /// `request.now` rounded to the microsecond, so that what is stored reads back equal.
    let now: Date
    /// `"main"."<model>"`.
    let target: String

    init(request: BuildRequest) throws {
        self.request = request
        now = DuckDBTimestamp(request.now).foundationDate
        target = SQL.qualified("main", request.model.name)
        if let backfill = request.backfill, !(backfill.start < backfill.end) {
            throw error(
                .configuration, "the range to rebuild \(backfill) is empty",
                hint: "--start must be earlier than --end")
        }
    }

    var model: Model { request.model }
    var table: String { request.model.name }

    /// The model's SELECT with its macros expanded for `interval`.
    ///
    /// - Parameter thisExists: whether `main.<model>` is a table `@this` can read; when it is not,
    ///   a query that uses `@this` is refused (see ``ModelBuilder``).
    func query(for interval: BuildInterval, thisExists: Bool) throws -> ModelQuery {
        let values = MacroValues(
            start: BuildSQL.timestamp(interval.start), end: BuildSQL.timestamp(interval.end),
            this: target, env: SQL.literal(request.environment))
        let expansion = MacroExpansion.expand(model.sql, values: values, file: model.sqlFile)
        if let first = expansion.diagnostics.first {
            throw BuildError(.macro, model: qualifiedModel, first.message, hint: first.hint, location: first.location)
        }
        if expansion.macros.contains(.this), !thisExists {
            throw error(
                .macro, "@this refers to \(model.name)'s own table, which does not exist yet",
                hint: model.materialization == .view
                    ? "a view cannot read itself; make it a table or incremental model, or remove @this"
                    : "on a first build nothing can stand in for it; select new rows with @start/@end (a first build gets the whole range) instead of reading @this"
            )
        }
        return ModelQuery(expansion.expandedSQL)
    }

    var qualifiedModel: String { "\(model.domain).\(model.name)" }

    func error(_ kind: BuildError.Kind, _ message: String, hint: String? = nil) -> BuildError {
        BuildError(kind, model: qualifiedModel, message, hint: hint)
    }
}
