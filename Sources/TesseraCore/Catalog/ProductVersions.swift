import Foundation
import TesseraCatalog
import TesseraQuality

/// Each check of a product across its latest snapshots, oldest first: whether a check started
/// failing with one version, or fails now and then.
public struct CheckHistory: Sendable, Encodable {
    public struct Snapshot: Sendable, Encodable {
        public var id: String
        public var version: String
        public var status: String
        public var createdAt: String
    }

    public struct Check: Sendable, Encodable {
        public var name: String
        public var kind: String
        public var severity: String
        /// One per snapshot, in the order of `snapshots`: `passed`, `failed`, `error`, or nil where
        /// the check did not run on that snapshot.
        public var statuses: [String?]
        /// What it said on the newest snapshot it ran on.
        public var lastMessage: String
    }

    public var product: String
    public var snapshots: [Snapshot]
    public var checks: [Check]
}

/// What changed in a product's contract between two of its snapshots, each change marked
/// breaking or not: the same comparison `tessera validate` makes before publishing.
public struct VersionComparison: Sendable, Encodable {
    public struct Change: Sendable, Encodable {
        public var kind: String
        public var columns: [String]
        public var message: String
        public var breaking: Bool
    }

    public var product: String
    public var from: CheckHistory.Snapshot
    public var to: CheckHistory.Snapshot
    /// nil when either snapshot was published before contracts were kept.
    public var changes: [Change]?
}

extension CatalogView {
    /// The checks of the latest `limit` snapshots of a product the caller may see.
    public func checkHistory(of product: String, limit: Int) async throws(CoreError) -> CheckHistory {
        let store = try visibleProductStore(product)
        return try await CatalogBrowser.map {
            let snapshots = try await store.snapshots(product: product).sorted { $0.createdAt > $1.createdAt }
                .prefix(limit).reversed()
            var checks: [String: CheckHistory.Check] = [:], order: [String] = []
            for (index, snapshot) in snapshots.enumerated() {
                for record in try await store.checks(snapshotID: snapshot.id) {
                    if checks[record.name] == nil {
                        order.append(record.name)
                        checks[record.name] = .init(
                            name: record.name, kind: record.kind, severity: record.severity,
                            statuses: Array(repeating: nil, count: snapshots.count), lastMessage: "")
                    }
                    checks[record.name]?.statuses[index] = record.status
                    checks[record.name]?.lastMessage = record.message
                }
            }
            return CheckHistory(
                product: product, snapshots: snapshots.map(Self.summary), checks: order.compactMap { checks[$0] })
        }
    }

    /// The contract changes from snapshot `from` to snapshot `to` of a product the caller may see.
    public func compare(_ product: String, from: String, to: String) async throws(CoreError) -> VersionComparison {
        let store = try visibleProductStore(product)
        return try await CatalogBrowser.map {
            let snapshots = try await store.snapshots(product: product)
            guard let old = snapshots.first(where: { $0.id == from }), let new = snapshots.first(where: { $0.id == to })
            else {
                let missing = [from, to].first { id in !snapshots.contains { $0.id == id } } ?? from
                throw CoreError(
                    .notFound, "\(product) has no snapshot '\(missing)'.",
                    hint: "the product's history lists its snapshots.")
            }
            var comparison = VersionComparison(product: product, from: Self.summary(old), to: Self.summary(new))
            if let oldJSON = old.contract, let newJSON = new.contract,
                let oldContract = try? ContractDocument(json: oldJSON),
                let newContract = try? ContractDocument(json: newJSON)
            {
                comparison.changes = ContractDiff(old: oldContract, new: newContract).changes.map {
                    .init(kind: $0.kind.rawValue, columns: $0.columns, message: $0.message, breaking: $0.isBreaking)
                }
            }
            return comparison
        }
    }

    private func visibleProductStore(_ product: String) throws(CoreError) -> any CatalogStore {
        guard let node = visibility.node(named: product), node.kind == .product, visibility.sees(node) else {
            throw notFound(product)
        }
        return try workspace.catalog()
    }

    private static func summary(_ snapshot: SnapshotRecord) -> CheckHistory.Snapshot {
        .init(
            id: snapshot.id, version: snapshot.version, status: snapshot.status.rawValue,
            createdAt: Timestamps.iso(snapshot.createdAt))
    }
}
