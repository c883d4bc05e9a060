import Foundation
import TesseraCatalog
import TesseraModel
import TesseraQuality

/// What `tessera catalog show NAME` prints: everything a consumer needs about one domain, asset
/// or column. Sections that do not apply (a source has no contract) are nil and left out of JSON.
struct CatalogShowReport: Encodable {
    struct Column: Encodable {
        var name: String
        var type: String?
        var nullable: Bool?
        var classification: String?
        var description: String?
        /// How readers outside the domain see it, when masked.
        var mask: String?
    }

    struct Freshness: Encodable {
        /// `fresh`, `stale`, `never published` or `no sla` (published, no `sla.freshness`).
        var status: String
        var sla: String?
        var ageSeconds: Double?
    }

    struct Snapshot: Encodable {
        var id: String
        var version: String
        var rows: Int64
        var bytes: Int64
        var files: Int
        var createdAt: String
        var runID: String?
    }

    struct Checks: Encodable {
        struct Failure: Encodable { var name: String; var status: String; var failingRows: Int64; var message: String }
        var checkedAt: String
        var passed: Int
        var failed: Int
        var failures: [Failure]
    }

    struct ProfileSummary: Encodable {
        struct Column: Encodable { var name: String; var nulls: Int64; var distinct: Int64?; var min: String?; var max: String? }
        var rows: Int64
        var columns: [Column]
    }

    struct Access: Encodable {
        /// nil: every domain may read it.
        var readers: [String]?
        var roles: [String]
        var masks: [AssetMetadata.Mask]
    }

    struct Member: Encodable { var name: String; var description: String? }

    struct Members: Encodable { var products: [Member]; var models: [Member]; var sources: [Member] }

    struct Lineage: Encodable { var upstream: [String]; var downstream: [String] }

    var kind: String
    var name: String
    var id: String?
    var description: String?
    var owner: String?
    var tags: [String] = []
    var file: String?
    var version: String?
    var schedule: String?
    var members: Members?
    var columns: [Column]?
    var column: Column?
    var freshness: Freshness?
    var snapshot: Snapshot?
    var checks: Checks?
    var profile: ProfileSummary?
    /// Node ids (`model.finance.revenue`): a model and a product often share a display name.
    var upstream: [String]?
    var consumers: [String]?
    var lineage: Lineage?
    var access: Access?
    var query: String?

    static func make(_ target: CatalogNameResolver.Target, store: SQLiteCatalog, environment: String, now: Date) async throws -> CatalogShowReport {
        switch target {
        case let .domain(domain, assets):
            func members(_ kind: NodeKind) -> [Member] {
                assets.filter { $0.id.kind == kind }.map { Member(name: $0.id.displayName, description: $0.description) }
            }
            return CatalogShowReport(kind: "domain", name: domain.name, description: domain.description, owner: domain.owner,
                                     tags: domain.tags, members: Members(products: members(.product), models: members(.model),
                                                                         sources: members(.source)))
        case let .asset(asset):
            var report = CatalogShowReport(kind: asset.id.kind.rawValue, name: asset.id.displayName, id: asset.id.id,
                                           description: asset.description, owner: asset.owner, tags: asset.tags, file: asset.file,
                                           version: asset.version, schedule: asset.schedule)
            report.columns = asset.columns.map { column(for: $0, in: asset) }
            let edges = try await CatalogAccess.map { try await store.lineageEdges(of: asset.id) }.filter { !$0.isColumnLevel }
            report.upstream = Array(Set(edges.filter { $0.downstream == asset.id }.map(\.upstream.id))).sorted()
            report.consumers = try await CatalogAccess.map { try await store.consumers(of: asset.id) }.map(\.id)
            if asset.id.kind == .product {
                try await report.addPublication(of: asset, store: store, now: now)
                report.access = Access(readers: asset.readers, roles: asset.roles, masks: asset.masks)
                report.query = "tessera query \"select * from \(asset.id.displayName) limit 10\"" + (environment == "dev" ? "" : " --env \(environment)")
            }
            return report
        case let .column(column, asset):
            var report = CatalogShowReport(kind: "column", name: "\(asset.id.displayName).\(column.name)", id: asset.id.id,
                                           description: column.description, owner: asset.owner, tags: column.tags, file: asset.file,
                                           version: asset.version)
            report.column = self.column(for: column, in: asset)
            let edges = try await CatalogAccess.map { try await store.lineageEdges(of: asset.id) }.filter(\.isColumnLevel)
            report.lineage = Lineage(
                upstream: edges.filter { $0.downstream == asset.id && $0.downstreamColumn == column.name }
                    .map { "\($0.upstream.displayName).\($0.upstreamColumn ?? "")" },
                downstream: edges.filter { $0.upstream == asset.id && $0.upstreamColumn == column.name }
                    .map { "\($0.downstream.displayName).\($0.downstreamColumn ?? "")" })
            if asset.id.kind == .product {
                try await report.addPublication(of: asset, store: store, now: now)
                report.profile?.columns.removeAll { $0.name != column.name }
                report.access = Access(readers: asset.readers, roles: asset.roles, masks: asset.masks.filter { $0.column == column.name })
                report.query = "tessera query \"select \(column.name) from \(asset.id.displayName) limit 10\"" + (environment == "dev" ? "" : " --env \(environment)")
            }
            return report
        }
    }

    private static func column(for column: ColumnMetadata, in asset: AssetMetadata) -> Column {
        Column(name: column.name, type: column.type, nullable: column.nullable, classification: column.classification,
               description: column.description, mask: asset.masks.first { $0.column == column.name }?.kind)
    }

    /// The current snapshot, its freshness against the SLA, the latest checks and the profile.
    private mutating func addPublication(of asset: AssetMetadata, store: SQLiteCatalog, now: Date) async throws {
        let product = asset.id.displayName
        let current = try await CatalogAccess.map { try await store.currentSnapshot(product: product) }
        if let current {
            snapshot = Snapshot(id: current.id, version: current.version, rows: current.rows, bytes: current.bytes,
                                files: current.files, createdAt: Timestamps.iso(current.createdAt), runID: current.runID)
            let age = now.timeIntervalSince(current.createdAt)
            let status = asset.freshnessSeconds.map { age <= $0 ? "fresh" : "stale" } ?? "no sla"
            freshness = Freshness(status: status, sla: asset.freshness, ageSeconds: age.rounded())
            if let json = try await CatalogAccess.map({ try await store.profile(snapshotID: current.id) }),
               let decoded = try? JSONDecoder().decode(Profile.self, from: Data(json.utf8)) {
                profile = ProfileSummary(rows: decoded.rowCount, columns: decoded.columns.map {
                    .init(name: $0.name, nulls: $0.nulls, distinct: $0.distinct, min: $0.min?.description, max: $0.max?.description)
                })
            }
        } else {
            freshness = Freshness(status: "never published", sla: asset.freshness)
        }
        let latest = try await CatalogAccess.map { try await store.latestChecks(product: product) }
        if let first = latest.first {
            let failing = latest.filter { $0.status != "passed" }
            checks = Checks(checkedAt: Timestamps.iso(first.checkedAt), passed: latest.count - failing.count, failed: failing.count,
                            failures: failing.map { .init(name: $0.name, status: $0.status, failingRows: $0.failingRows, message: $0.message) })
        }
    }
}
