import Synchronization
import TesseraCatalog
import TesseraModel

/// Sample rows of products' current snapshots, as each principal saw them: a snapshot never
/// changes once published, and what a principal may see of it depends only on the project, so a
/// sample read once answers every later request for the same principal, product and snapshot.
/// The project is fixed for a workspace (a service that reloads the project gets a new one, and
/// an empty cache). A page that shows samples (the web UI's product page) then costs a catalog
/// read, not an engine opened over the snapshot's files.
final class SampleCache: Sendable {
    struct Key: Hashable, Sendable {
        var principal: Principal
        var product: String
        var snapshot: String
        var limit: Int
    }

    /// A bound on memory, not a working size: emptied whole when reached.
    static let capacity = 2_000
    private let entries = Mutex<[Key: Queries.Table]>([:])

    func sample(_ key: Key) -> Queries.Table? { entries.withLock { $0[key] } }

    func remember(_ table: Queries.Table, for key: Key) {
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = table
        }
    }
}

extension Queries {
    /// At most `limit` rows of `product`'s current snapshot as `principal` may see them (masked,
    /// or refused, as any query of theirs), for a page that shows what a product holds. Each call
    /// is audited as the query it stands for, whether or not the rows were read again.
    public func sample(of product: Product, as principal: Principal, limit: Int) async throws(CoreError) -> Table {
        // The names are the project's own (validated identifiers), never a caller's text.
        let sql = "select * from \(product.domain).\(product.name) limit \(limit)"
        let snapshot = try await workspace.withCatalog { catalog throws(CatalogError) in
            try await catalog.currentSnapshot(product: product.qualifiedName)
        }
        guard let snapshot else { return try await table(sql, as: principal, limit: limit) }
        let key = SampleCache.Key(
            principal: principal, product: product.qualifiedName, snapshot: snapshot.id, limit: limit)
        if let cached = workspace.samples.sample(key) {
            await audit(sql: sql, principal: principal, rows: cached.rows.count, failure: nil)
            return cached
        }
        let table = try await table(sql, as: principal, limit: limit)
        workspace.samples.remember(table, for: key)
        return table
    }
}
