import DuckDB
import Foundation

extension ProductReader {
    /// What a query's database may read, for DuckDB's sandbox: the snapshot folders of the
    /// products, and for a reader acting as a domain that domain's warehouse (attached read-only to
    /// show its own work) and its WAL. Nothing else, whatever the SQL.
    func sandbox(readingAs domain: String?) -> Sandbox {
        let folders = project.domains.flatMap { owner in
            owner.products.map { layout.productDirectory(domain: owner.name, product: $0.name) }
        }
        guard let domain, project.domain(named: domain) != nil else { return Sandbox(directories: folders) }
        let warehouse = layout.warehouseFile(domain)
        return Sandbox(directories: folders, files: [warehouse, URL(fileURLWithPath: warehouse.path + ".wal")])
    }
}
