import DuckDB
import Foundation
import TesseraModel

extension ProductReader {
    /// What a query's database may read, for DuckDB's sandbox: the snapshot folders of the
    /// products the principal may read, and for a principal acting as a domain that domain's
    /// warehouse (attached read-only to show its own work) and its WAL. Nothing else, whatever the SQL.
    func sandbox(as principal: Principal, policy: ReadPolicy) -> Sandbox {
        let folders = project.domains.flatMap(\.products).filter { policy.decide(principal, reads: $0).isReadable }.map
        {
            layout.productDirectory(domain: $0.domain, product: $0.name)
        }
        guard case .domain(let domain) = principal, project.domain(named: domain) != nil else {
            return Sandbox(directories: folders)
        }
        let warehouse = layout.warehouseFile(domain)
        return Sandbox(directories: folders, files: [warehouse, URL(fileURLWithPath: warehouse.path + ".wal")])
    }
}
