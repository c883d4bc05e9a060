import Foundation
import TesseraCatalog
import TesseraLineage
import TesseraModel
import TesseraQuality

/// What `tessera catalog show NAME` prints: everything a consumer needs about one domain, asset
/// or column. Sections that do not apply (a source has no contract) are nil and left out of JSON.
public struct CatalogShowReport: Encodable {
    public struct Column: Encodable {
        public var name: String
        public var type: String?
        public var nullable: Bool?
        public var classification: String?
        public var description: String?
        /// How readers outside the domain see it, when masked.
        public var mask: String?
    }

    public struct Freshness: Encodable {
        /// `fresh`, `stale`, `never published` or `no sla` (published, no `sla.freshness`).
        public var status: String
        public var sla: String?
        public var ageSeconds: Double?
    }

    public struct Snapshot: Encodable {
        public var id: String
        public var version: String
        public var rows: Int64
        public var bytes: Int64
        public var files: Int
        public var createdAt: String
        /// The run that published it.
        public var runId: String?
    }

    public struct Checks: Encodable {
        public struct Failure: Encodable {
            public var name: String; public var status: String; public var failingRows: Int64;
            public var message: String
        }
        public var checkedAt: String
        public var passed: Int
        public var failed: Int
        public var failures: [Failure]
    }

    public struct ProfileSummary: Encodable, Sendable {
        public struct Column: Encodable, Sendable {
            public var name: String; public var nulls: Int64; public var distinct: Int64?; public var min: String?;
            public var max: String?
            /// How it was profiled: `number`, `time`, `text`, `boolean` or `other`.
            public var kind: String?
            /// Non-null values.
            public var count: Int64?
            /// The most frequent values, most frequent first, for low-cardinality columns.
            public var top: [ValueCount]?
            /// Ascending by `p` (0–1), p0 and p100 included; for times, seconds since the epoch.
            public var quantiles: [Quantile]?
        }
        public struct ValueCount: Encodable, Sendable { public var value: String; public var count: Int64 }
        public struct Quantile: Encodable, Sendable { public var p: Double; public var value: Double }
        public var rows: Int64
        public var columns: [Column]
    }

    public struct Access: Encodable {
        /// nil: every domain may read it.
        public var readers: [String]?
        public var roles: [String]
        public var masks: [AssetMetadata.Mask]
    }

    public struct Member: Encodable { public var name: String; public var description: String? }

    public struct Members: Encodable {
        public var products: [Member]; public var models: [Member]; public var sources: [Member]
    }

    public struct Lineage: Encodable { public var upstream: [String]; public var downstream: [String] }

    public var kind: String
    public var name: String
    public var id: String?
    public var description: String?
    public var owner: String?
    public var tags: [String] = []
    public var file: String?
    public var version: String?
    public var schedule: String?
    public var members: Members?
    public var columns: [Column]?
    public var column: Column?
    public var freshness: Freshness?
    public var snapshot: Snapshot?
    public var checks: Checks?
    public var profile: ProfileSummary?
    /// Node ids (`model.finance.revenue`): a model and a product often share a display name.
    public var upstream: [String]?
    public var consumers: [String]?
    public var lineage: Lineage?
    public var access: Access?
    public var query: String?

    static func make(_ target: CatalogNameResolver.Target, store: any CatalogStore, environment: String, now: Date)
        async throws -> CatalogShowReport
    {
        switch target {
        case let .domain(domain, assets):
            func members(_ kind: NodeKind) -> [Member] {
                assets.filter { $0.id.kind == kind }.map {
                    Member(name: $0.id.displayName, description: $0.description)
                }
            }
            return CatalogShowReport(
                kind: "domain", name: domain.name, description: domain.description, owner: domain.owner,
                tags: domain.tags,
                members: Members(
                    products: members(.product), models: members(.model),
                    sources: members(.source)))
        case let .asset(asset):
            var report = CatalogShowReport(
                kind: asset.id.kind.rawValue, name: asset.id.displayName, id: asset.id.id,
                description: asset.description, owner: asset.owner, tags: asset.tags, file: asset.file,
                version: asset.version, schedule: asset.schedule)
            report.columns = asset.columns.map { column(for: $0, in: asset) }
            let edges = try await CatalogBrowser.map { try await store.lineageEdges(of: asset.id) }.filter {
                !$0.isColumnLevel
            }
            report.upstream = Array(Set(edges.filter { $0.downstream == asset.id }.map(\.upstream.id))).sorted()
            report.consumers = try await CatalogBrowser.map { try await store.consumers(of: asset.id) }.map(\.id)
            if asset.id.kind == .product {
                try await report.addPublication(of: asset, store: store, now: now)
                report.access = Access(readers: asset.readers, roles: asset.roles, masks: asset.masks)
                report.query =
                    "tessera query \"select * from \(asset.id.displayName) limit 10\""
                    + (environment == "dev" ? "" : " --env \(environment)")
            }
            return report
        case let .column(column, asset):
            var report = CatalogShowReport(
                kind: "column", name: "\(asset.id.displayName).\(column.name)", id: asset.id.id,
                description: column.description, owner: asset.owner, tags: column.tags, file: asset.file,
                version: asset.version)
            report.column = self.column(for: column, in: asset)
            let edges = try await CatalogBrowser.map { try await store.lineageEdges(of: asset.id) }.filter(
                \.isColumnLevel)
            report.lineage = Lineage(
                upstream: edges.filter { $0.downstream == asset.id && $0.downstreamColumn == column.name }
                    .map(\.upstreamVertex.displayName),
                downstream: edges.filter { $0.upstream == asset.id && $0.upstreamColumn == column.name }
                    .map(\.downstreamVertex.displayName))
            if asset.id.kind == .product {
                try await report.addPublication(of: asset, store: store, now: now)
                report.profile?.columns.removeAll { $0.name != column.name }
                report.access = Access(
                    readers: asset.readers, roles: asset.roles, masks: asset.masks.filter { $0.column == column.name })
                report.query =
                    "tessera query \"select \(column.name) from \(asset.id.displayName) limit 10\""
                    + (environment == "dev" ? "" : " --env \(environment)")
            }
            return report
        }
    }

    private static func column(for column: ColumnMetadata, in asset: AssetMetadata) -> Column {
        Column(
            name: column.name, type: column.type, nullable: column.nullable, classification: column.classification,
            description: column.description, mask: asset.masks.first { $0.column == column.name }?.kind)
    }

    /// The current snapshot, its freshness against the SLA, the latest checks and the profile.
    private mutating func addPublication(of asset: AssetMetadata, store: any CatalogStore, now: Date) async throws {
        let product = asset.id.displayName
        let current = try await CatalogBrowser.map { try await store.currentSnapshot(product: product) }
        if let current {
            snapshot = Snapshot(
                id: current.id, version: current.version, rows: current.rows, bytes: current.bytes,
                files: current.files, createdAt: Timestamps.iso(current.createdAt), runId: current.runID)
            let age = now.timeIntervalSince(current.createdAt)
            let status = asset.freshnessSeconds.map { age <= $0 ? "fresh" : "stale" } ?? "no sla"
            freshness = Freshness(status: status, sla: asset.freshness, ageSeconds: age.rounded())
            if let json = try await CatalogBrowser.map({ try await store.profile(snapshotID: current.id) }) {
                profile = ProfileSummary.of(json: json)
            }
        } else {
            freshness = Freshness(status: "never published", sla: asset.freshness)
        }
        let latest = try await CatalogBrowser.map { try await store.latestChecks(product: product) }
        if let first = latest.first {
            let failing = latest.filter { $0.status != "passed" }
            checks = Checks(
                checkedAt: Timestamps.iso(first.checkedAt), passed: latest.count - failing.count, failed: failing.count,
                failures: failing.map {
                    .init(name: $0.name, status: $0.status, failingRows: $0.failingRows, message: $0.message)
                })
        }
    }
}
