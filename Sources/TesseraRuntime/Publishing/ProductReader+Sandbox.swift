import DuckDB
import Foundation
import TesseraModel

extension ProductReader {
    /// What a query's database may read, for DuckDB's sandbox: the snapshot folders of the
    /// products the principal may read, and for a principal acting as a domain that domain's
    /// warehouse (attached read-only to show its own work) with the files DuckDB keeps beside it
    /// (`.wal`, and `.wal.checkpoint` while the last writer's checkpoint is not finished). Nothing
    /// else, whatever the SQL.
    func sandbox(as principal: Principal, policy: ReadPolicy) -> Sandbox {
        let folders = project.domains.flatMap(\.products).filter { policy.decide(principal, reads: $0).isReadable }.map
        {
            layout.productDirectory(domain: $0.domain, product: $0.name)
        }
        guard case .domain(let domain) = principal, project.domain(named: domain) != nil else {
            return Sandbox(directories: folders)
        }
        let warehouse = layout.warehouseFile(domain)
        let sidecars = [".wal", ".wal.checkpoint"].map { URL(fileURLWithPath: warehouse.path + $0) }
        return Sandbox(directories: folders, files: [warehouse] + sidecars)
    }
}
