import Foundation
internal import GRDB
import TesseraModel

extension CatalogSchema {
    /// `v5_relative_paths`: snapshot paths become relative to the environment folder. Older files
    /// recorded absolute paths, which point at the original project after a move or a copy (a
    /// copy's retention then deleted the original's snapshots). The part below the environment
    /// folder cannot be cut from an absolute path reliably (the state folder's name and the
    /// project's location are not recorded), but a snapshot's folder is always
    /// `domains/<domain>/lake/products/<product>/<name>`, so that is what is recorded.
    static func v5RelativePaths(_ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT id, product, path FROM snapshot WHERE path LIKE '/%'")
        for row in rows {
            let id: String = try row.decode(forColumn: "id")
            let relative = StateLayout.canonicalRelativePath(
                product: try row.decode(forColumn: "product"), id: id, path: try row.decode(forColumn: "path"))
            try db.execute(sql: "UPDATE snapshot SET path = ? WHERE id = ?", arguments: [relative, id])
        }
    }
}
