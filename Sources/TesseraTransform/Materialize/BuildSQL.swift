import DuckDB
import Foundation
import TesseraSQL

/// The pieces of SQL the materializations write beyond quoting (which is `SQL`'s, in the DuckDB
/// wrapper): temporary tables, timestamps, key comparisons.
enum BuildSQL {
    /// `temp.main."name"`: a temporary table, private to the connection and dropped with it (or
    /// with the transaction that created it, on ROLLBACK).
    static func temporary(_ name: String) -> String {
        "temp." + SQL.qualified("main", name)
    }

    /// The instant as UTC wall-clock text, `2024-05-01 00:00:00[.ffffff]`.
    static func timestampText(_ date: Date) -> String {
        DuckDBTimestamp(date).description
    }

    /// `TIMESTAMP '…'` in UTC: the type of `@start`, `@end`, `valid_from` and `valid_to`.
    static func timestamp(_ date: Date) -> String {
        MacroValues.timestampLiteral(timestampText(date))
    }

    /// A bound to compare a column of type `type` with. A `TIMESTAMP WITH TIME ZONE` column gets
    /// an explicit UTC instant: compared with a plain `TIMESTAMP`, DuckDB would read the bound in
    /// the session's time zone and the UTC days would shift.
    static func bound(_ date: Date, forColumnType type: String) -> String {
        type.uppercased().hasPrefix("TIMESTAMP WITH TIME ZONE")
            ? "CAST(\(SQL.literal(timestampText(date) + "+00")) AS TIMESTAMPTZ)"
            : timestamp(date)
    }

    /// `a.k1 = b.k1 AND a.k2 = b.k2`.
    static func keysEqual(_ keys: [String], _ left: String, _ right: String) -> String {
        keys.map { "\(left).\(SQL.identifier($0)) = \(right).\(SQL.identifier($0))" }.joined(separator: " AND ")
    }

    /// `k1, k2`, quoted.
    static func list(_ names: [String], prefix: String = "") -> String {
        names.map { prefix + SQL.identifier($0) }.joined(separator: ", ")
    }
}
