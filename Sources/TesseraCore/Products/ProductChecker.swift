import DuckDB
import Foundation
import TesseraCatalog
import TesseraModel
import TesseraQuality
import TesseraRuntime
import TesseraSQL

/// `tessera check [NAME…]`: runs the contract and the checks of products against their
/// *current* snapshots, and reports the drift of each current snapshot from the one before it
/// under today's thresholds. Nothing is published or changed, except that the results are
/// recorded in the catalog (so `catalog show` can say when a product was last checked).
///
/// Snapshots are plain Parquet folders: an in-memory DuckDB reads them, so checking never
/// opens (or waits for) a domain's warehouse.
public struct ProductChecker: Sendable {
    public struct Report: Sendable, Encodable {
        public var environment: String
        public var products: [QualityReport]
        public var passed: Bool { products.allSatisfy(\.passed) }

        enum CodingKeys: String, CodingKey { case environment, passed, products }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(environment, forKey: .environment)
            try container.encode(passed, forKey: .passed)
            try container.encode(products, forKey: .products)
        }
    }

    public let project: Project
    public let layout: StateLayout
    public let environment: String
    /// The key of the `hash` mask: samples shown to other domains are masked as their views are.
    public let maskKey: MaskKey?

    public init(project: Project, layout: StateLayout, environment: String, maskKey: MaskKey?) {
        self.project = project
        self.layout = layout
        self.environment = environment
        self.maskKey = maskKey
    }

    public func check(_ names: [String], catalog: any CatalogStore, now: Date = Date(), runID: String? = nil)
        async throws -> Report
    {
        let products = try resolve(names)
        let database = try Database(options: Sandbox.openOptions)
        try sandbox(checking: products).confine(database)
        let connection = try Connection(database)
        if let maskKey { try MaskSQL.install(maskKey, on: connection) }
        try Sandbox.lock(database)
        var reports: [QualityReport] = []
        for product in products {
            reports.append(try await check(product, catalog: catalog, connection: connection, now: now, runID: runID))
        }
        return Report(environment: environment, products: reports)
    }

    private func check(
        _ product: Product, catalog: any CatalogStore, connection: Connection, now: Date,
        runID: String?
    ) async throws -> QualityReport {
        let history = try await catalog.snapshots(product: product.qualifiedName)
        guard let current = history.first(where: { $0.status == .current }) else {
            throw RunError(
                .usage, "\(product.qualifiedName) has no published snapshot to check",
                hint: "run `tessera run \(product.qualifiedName)` to build and publish it")
        }
        let previous = history.first { $0.status == .superseded && $0.createdAt < current.createdAt }

        let relationships = try await RelationshipTargets.resolve(
            product.checks, excluding: product.qualifiedName, catalog: catalog, layout: layout)
        let lease = try await catalog.beginReading(snapshotIDs: [current.id] + relationships.snapshotIDs)
        defer { Task { [catalog] in try? await catalog.endReading(lease) } }

        let inspector = SnapshotInspector(
            product: product, folder: layout.snapshotFolder(of: current), now: now,
            previousRowCount: previous?.rows, relationships: relationships.relations, profile: false)
        let outcome: SnapshotInspector.Outcome
        do { outcome = try inspector.inspect(on: connection) } catch {
            throw RunError(
                .environment,
                "cannot read the current snapshot of \(product.qualifiedName) at \(layout.snapshotFolder(of: current).path): \(error)",
                hint:
                    "its files may have been removed by hand; run `tessera run \(product.qualifiedName) --full-refresh`"
            )
        }
        try await catalog.recordChecks(
            outcome.checks.map {
                CheckRunRecord(
                    result: $0, snapshotID: current.id, product: product.qualifiedName, runID: runID, checkedAt: now)
            })

        var drift: DriftReport?
        if let previous,
            let before = try await catalog.profile(snapshotID: previous.id).flatMap({ try? Profile(json: $0) }),
            let after = try await catalog.profile(snapshotID: current.id).flatMap({ try? Profile(json: $0) })
        {
            drift = DriftDetector(settings: product.drift).compare(previous: before, current: after)
        }
        return QualityReport(
            product: product.qualifiedName, snapshot: current.id, rows: current.rows,
            contract: outcome.contract, checks: outcome.checks, drift: drift)
    }

    /// What checking `products` may read, for DuckDB's sandbox: their snapshot folders and those of
    /// the products their `relationship` checks point at. Nothing else, whatever a check's SQL.
    func sandbox(checking products: [Product]) -> Sandbox {
        var folders: [URL] = []
        for product in products {
            folders.append(layout.productDirectory(domain: product.domain, product: product.name))
            for case .relationship(_, let target) in product.checks.map(\.kind) {
                folders.append(layout.productDirectory(domain: target.domain, product: target.product))
            }
        }
        return Sandbox(directories: folders)
    }

    /// `domain.product` or a product name unique across domains; none: every product.
    func resolve(_ names: [String]) throws -> [Product] {
        let all = project.domains.flatMap(\.products)
        guard !names.isEmpty else { return all }
        return try names.map { name in
            let matches = all.filter { $0.qualifiedName == name || $0.name == name }
            if matches.count == 1 { return matches[0] }
            if matches.count > 1 {
                throw RunError(
                    .usage,
                    "'\(name)' names products in several domains: \(matches.map(\.qualifiedName).joined(separator: ", "))",
                    hint: "write it as domain.product")
            }
            let suggestion = closestName(to: name, among: all.map(\.qualifiedName))
            throw RunError(
                .usage, "no product named '\(name)'",
                hint: suggestion.map { "did you mean '\($0)'?" } ?? "`tessera catalog list` lists the products")
        }
    }
}
