import Foundation

/// What a build did, for the run's report.
public struct BuildResult: Sendable, Hashable {
    public var model: String
    public var action: BuildAction
    /// Rows the build inserted or changed (0 for a view). For an SCD2 (`snapshot`) model: new
    /// versions plus closed ones.
    public var rowsWritten: Int64
    /// Rows in the table after the build; `nil` for a view.
    public var rowsInTable: Int64?
    /// The `[@start, @end)` the SQL was run with, for incremental models.
    public var interval: BuildInterval?
    /// The state committed with the build.
    public var state: ModelState
    public var duration: Duration
}

/// The kind of change a build made to the warehouse.
public enum BuildAction: Sendable, Hashable {
    /// The view was created or replaced.
    case view
    /// The table did not exist (or was a view) and was created.
    case created
    /// The whole table was rebuilt.
    case replaced
    /// Interval mode: the rows of the interval were deleted and the query's rows for it inserted.
    case intervalReplaced(deleted: Int64, inserted: Int64)
    /// Key mode: `replaced` rows had a key already in the table, the other `inserted` ones are new.
    case merged(inserted: Int64, replaced: Int64)
    /// SCD2 (`materialized: snapshot`): versions opened (new, changed or reappearing keys) and closed.
    case scd2Versions(opened: Int64, closed: Int64)
}
