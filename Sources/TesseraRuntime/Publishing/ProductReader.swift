import DuckDB
import Foundation
import TesseraCatalog
import TesseraModel
import TesseraQuality
import TesseraSQL

/// A read-only window on the published products a principal may read, for `tessera query`: an
/// in-memory DuckDB in which `<domain>.<product>` (and each served earlier major, `__v<N>`) is a
/// view over the current snapshot's files, as `ReadPolicy` lets the principal see it. A product
/// the principal may not read has no view at all.
///
/// Only one statement, and only a query: DuckDB's own `json_serialize_sql` accepts nothing but
/// SELECT statements, which is the check used before anything runs.
public struct ProductReader: Sendable {
    public let project: Project
    public let layout: StateLayout
    /// The key of the `hash` mask, registered in the reader's database (`MaskSQL.install`).
    public let maskKey: MaskKey?

    public init(project: Project, layout: StateLayout, maskKey: MaskKey?) {
        self.project = project
        self.layout = layout
        self.maskKey = maskKey
    }

    /// A connection with the principal's views in place, and the lease on the snapshots it reads:
    /// the caller keeps the lease for as long as it uses the connection (the lease ends when it is
    /// released, see `SnapshotLease`).
    /// `anyOrder`: rows a query does not order (no ORDER BY) may come in any order, as SQL allows;
    /// for exports, where DuckDB would otherwise hold every batch that finished early in memory
    /// until the ones before it were written (memory growing with the result).
    /// `only`: the products (`domain.product`) to make views of; nil for every product the
    /// principal may read. `threads`: DuckDB's threads for the connection's queries (nil: one per core).
    public func open(
        as principal: Principal, catalog: any CatalogStore, anyOrder: Bool = false, only: Set<String>? = nil,
        threads: Int? = nil
    ) async throws -> (Connection, products: Int, lease: SnapshotLease) {
        let policy = ReadPolicy(project: project)
        var options = Sandbox.openOptions
        if anyOrder { options["preserve_insertion_order"] = "false" }
        if let threads { options["threads"] = String(threads) }
        let database = try Database(options: options)
        try sandbox(as: principal, policy: policy).confine(database)
        let connection = try Connection(database)
        if let maskKey { try MaskSQL.install(maskKey, on: connection) }
        var count = 0
        var read: [String] = []
        for product in project.domains.flatMap(\.products) where only?.contains(product.qualifiedName) ?? true {
            let decision = policy.decide(principal, reads: product)
            guard decision.isReadable,
                let current = try await catalog.currentSnapshot(product: product.qualifiedName)
            else { continue }
            let earlier = try await catalog.previousMajorSnapshots(product: product.qualifiedName)
            let sql = ProductViews.sql(
                for: product, current: current, earlier: earlier, decision: decision, layout: layout)
            read += [current.id] + earlier.map(\.id)
            try connection.execute(sql)
            count += 1
        }
        let lease = SnapshotLease(try await catalog.beginReading(snapshotIDs: read), catalog: catalog)
        try Sandbox.lock(database)
        return (connection, count, lease)
    }

    /// Refuses anything but one SELECT (or VALUES/WITH … SELECT) statement.
    public static func requireQuery(_ sql: String, on connection: Connection) throws {
        let row =
            try connection.rows(
                """
                SELECT coalesce(CAST(json_extract(j, '$.error') AS BOOLEAN), false), json_extract_string(j, '$.error_message')
                FROM (SELECT json_serialize_sql(?) AS j)
                """, .varchar(sql)
            ).first ?? []
        guard row.count == 2, case .boolean(true) = row[0] else { return }
        throw RunError(
            .usage, "tessera query runs one read-only SELECT: \(row[1].stringValue ?? "not a query")",
            hint: "e.g. tessera query \"select * from sales.orders limit 10\"")
    }
}
