import Foundation
internal import GRDB

extension SQLiteCatalog {
    public func currentSnapshotIDs() async throws(CatalogError) -> [String: String] {
        try await reading { db in
            let rows = try Row.fetchAll(
                try db.cachedStatement(sql: "SELECT product, id FROM snapshot WHERE status = 'current'"))
            var ids: [String: String] = [:]
            for row in rows { ids[row["product"]] = row["id"] }
            return ids
        }
    }
}
