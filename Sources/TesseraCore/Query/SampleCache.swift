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

    /// A read under way is shared: twenty pages opened at once start one read, not twenty.
    enum Entry {
        case ready(Queries.Table)
        case reading(Task<Queries.Table, any Error>)
    }

    /// A bound on memory, not a working size: emptied whole when reached.
    static let capacity = 2_000
    private let entries = Mutex<[Key: Entry]>([:])

    /// The sample for `key`: remembered, or awaited from the read under way, or read now with
    /// `read`. `read` is true when this call's `read` ran, whatever its outcome (it audited itself;
    /// the others did not).
    func sample(
        _ key: Key, reading read: @escaping @Sendable () async throws(CoreError) -> Queries.Table
    ) async -> (result: Result<Queries.Table, CoreError>, read: Bool) {
        let (entry, started) = entries.withLock { entries -> (Entry, Bool) in
            if let entry = entries[key] { return (entry, false) }
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            let entry = Entry.reading(Task { try await read() })
            entries[key] = entry
            return (entry, true)
        }
        let task: Task<Queries.Table, any Error>
        switch entry {
        case .ready(let table): return (.success(table), false)
        case .reading(let reading): task = reading
        }
        do {
            let table = try await task.value
            if started { entries.withLock { $0[key] = .ready(table) } }
            return (.success(table), started)
        } catch {
            if started { entries.withLock { _ = $0.removeValue(forKey: key) } }
            let failure = error as? CoreError ?? CoreError(.internalError, "the sample could not be read: \(error)")
            return (.failure(failure), started)
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
        let (result, read) = await workspace.samples.sample(key) { () throws(CoreError) in
            try await self.table(sql, as: principal, limit: limit)
        }
        if !read {
            switch result {
            case .success(let table): await audit(sql: sql, principal: principal, rows: table.rows.count, failure: nil)
            case .failure(let error): await audit(sql: sql, principal: principal, rows: nil, failure: error.message)
            }
        }
        return try result.get()
    }
}
