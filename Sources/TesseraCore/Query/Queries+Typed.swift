import DuckDB
import TesseraModel

extension Queries {
    /// A bounded result with each column's DuckDB type, values as text: what a chart needs to
    /// tell numbers and dates from text (a masked column is text) without a second query.
    struct TypedTable: Sendable {
        var columns: [ResultColumn]
        var rows: [[String?]]
        var truncated: Bool
    }

    /// At most `limit` rows, as `table` reads them (the same guard, policy and audit).
    func typedTable(_ sql: String, as principal: Principal, limit: Int) async throws(CoreError) -> TypedTable {
        try await audited(sql, as: principal, rows: \.rows.count) { connection, body in
            let types = try connection.query("SELECT * FROM (\n\(body)\n) LIMIT 0").columns
            let result = try connection.query(
                "SELECT CAST(COLUMNS(*) AS VARCHAR) FROM (\n\(body)\n) LIMIT \(limit + 1)")
            var rows: [[String?]] = []
            while let row = try result.nextRow() {
                rows.append(row.map { value in if case .varchar(let text) = value { text } else { nil } })
            }
            return TypedTable(columns: types, rows: Array(rows.prefix(limit)), truncated: rows.count > limit)
        }
    }
}
