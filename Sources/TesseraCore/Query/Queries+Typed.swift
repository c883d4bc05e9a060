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
            try Self.typedRows(body, on: connection, limit: limit)
        }
    }

    /// Each query's bounded result, or why it has none, read through one view of the products
    /// opened once for all of them (a dashboard's charts): each query is checked, run and
    /// audited on its own, as `typedTable` would, without paying for a fresh view each time.
    func typedTables(_ sqls: [String], as principal: Principal, limit: Int) async -> [Result<TypedTable, CoreError>] {
        var outcomes: [Result<TypedTable, CoreError>] = []
        do {
            // The checks first, for every query: the view is opened once, of what they all name.
            let analyzer = try QueryGuard.analyzer()
            var refused: [Int: CoreError] = [:]
            var named: Set<String>? = []
            for (index, sql) in sqls.enumerated() {
                do {
                    let products = try refuseEscapesAndUnreadable(sql, as: principal, analyzer: analyzer)
                    named = products.flatMap { mine in named?.union(mine) }
                } catch { refused[index] = error }
            }
            let (connection, lease) = try await view(as: principal, anyOrder: false, only: named)
            defer { withExtendedLifetime(lease) {} }
            for (index, sql) in sqls.enumerated() {
                if let error = refused[index] {
                    outcomes.append(.failure(error))
                    continue
                }
                do {
                    outcomes.append(
                        .success(try run(sql, on: connection) { try Self.typedRows($1, on: $0, limit: limit) }))
                } catch { outcomes.append(.failure(error)) }
            }
        } catch {
            outcomes = sqls.map { _ in .failure(error) }
        }
        for (sql, outcome) in zip(sqls, outcomes) {
            switch outcome {
            case .success(let table): await audit(sql: sql, principal: principal, rows: table.rows.count, failure: nil)
            case .failure(let error): await audit(sql: sql, principal: principal, rows: nil, failure: error.message)
            }
        }
        return outcomes
    }

    private static func typedRows(_ body: String, on connection: Connection, limit: Int) throws -> TypedTable {
        let types = try connection.query("SELECT * FROM (\n\(body)\n) LIMIT 0").columns
        let result = try connection.query("SELECT CAST(COLUMNS(*) AS VARCHAR) FROM (\n\(body)\n) LIMIT \(limit + 1)")
        var rows: [[String?]] = []
        while let row = try result.nextRow() {
            rows.append(row.map { value in if case .varchar(let text) = value { text } else { nil } })
        }
        return TypedTable(columns: types, rows: Array(rows.prefix(limit)), truncated: rows.count > limit)
    }
}
