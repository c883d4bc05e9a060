import Foundation
internal import GRDB

// What the alert and delivery outboxes share: rows due for an attempt are claimed by pushing their
// next attempt forward in the transaction that reads them, so two processes never send the same
// row at once, and a process that dies mid-send leaves the row to be claimed again at `until`.
extension SQLiteCatalog {
    /// Up to `limit` rows of `table` matching `condition` (which binds `arguments`), oldest first,
    /// each updated with `claim` (an assignment list whose one parameter is `until`) before the
    /// transaction ends.
    func claimDue<Record: Sendable>(
        from table: String, columns: String, where condition: String, arguments: StatementArguments,
        claim: String, until: Date, limit: Int, decode: @escaping @Sendable (Row) throws -> Record
    ) async throws(CatalogError) -> [Record] {
        let filter = "FROM \(table) WHERE \(condition)"
        // Most calls find nothing due: they learn it from a read, without taking the write lock.
        let due = try await reading { db in
            try Bool.fetchOne(db, sql: "SELECT 1 \(filter) LIMIT 1", arguments: arguments) == true
        }
        guard due else { return [] }
        let page = arguments + [limit]
        return try await writing { db in
            let rows = try Row.fetchAll(db, sql: "SELECT \(columns) \(filter) ORDER BY id LIMIT ?", arguments: page)
            for row in rows {
                let id: Int64 = try row.decode(forColumn: "id")
                try db.execute(sql: "UPDATE \(table) SET \(claim) WHERE id = ?", arguments: [until, id])
            }
            return try rows.map(decode)
        }
    }
}
