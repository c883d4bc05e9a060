import DuckDB
import Foundation
import TesseraSQL

/// Quoting for the SQL the materializations write. Every name and value that comes from a
/// project file goes through here, never straight into a statement.
enum BuildSQL {
    /// `"name"`, with embedded quotes doubled.
    static func identifier(_ name: String) -> String {
        MacroValues.qualifiedName([name])
    }

    /// `"schema"."name"`.
    static func qualified(_ schema: String, _ name: String) -> String {
        MacroValues.qualifiedName([schema, name])
    }

    /// `temp.main."name"`: a temporary table, private to the connection and dropped with it (or
    /// with the transaction that created it, on ROLLBACK).
    static func temporary(_ name: String) -> String {
        "temp." + qualified("main", name)
    }

    static func literal(_ text: String) -> String {
        MacroValues.stringLiteral(text)
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
            ? "CAST(\(literal(timestampText(date) + "+00")) AS TIMESTAMPTZ)"
            : timestamp(date)
    }

    /// `a.k1 = b.k1 AND a.k2 = b.k2`.
    static func keysEqual(_ keys: [String], _ left: String, _ right: String) -> String {
        keys.map { "\(left).\(identifier($0)) = \(right).\(identifier($0))" }.joined(separator: " AND ")
    }

    /// `k1, k2`, quoted.
    static func list(_ names: [String], prefix: String = "") -> String {
        names.map { prefix + identifier($0) }.joined(separator: ", ")
    }
}
