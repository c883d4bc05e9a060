import Foundation
import TesseraCatalog
import TesseraModel
import TesseraQuality

/// What the `relationship` checks of a product or a model read: each target product's current
/// snapshot, as the SQL of its Parquet files, and the snapshot ids to lease while they are read.
/// A reference to `product` itself is left to the checks, which resolve it to the candidate.
///
/// A target published earlier in the same run is in `published` (the DAG orders targets first),
/// so the check reads exactly what the run published, without asking the catalog again.
public struct RelationshipTargets: Sendable {
    public var relations: [ColumnReference: String] = [:]
    public var snapshotIDs: [String] = []

    public static func resolve(
        _ checks: [Check], excluding product: String? = nil, published: [String: SnapshotRecord] = [:],
        catalog: any CatalogStore, layout: StateLayout
    ) async throws -> RelationshipTargets {
        var targets = RelationshipTargets()
        for check in checks {
            guard case .relationship(_, let reference) = check.kind else { continue }
            let target = "\(reference.domain).\(reference.product)"
            guard target != product, targets.relations[reference] == nil else { continue }
            let snapshot: SnapshotRecord?
            if let known = published[target] {
                snapshot = known
            } else {
                snapshot = try await catalog.currentSnapshot(product: target)
            }
            guard let current = snapshot else { continue }
            // As the target's contract types: a key stored in another form (HUGEINT as
            // DECIMAL(38,0)) is cast back, as the target's consumers read it.
            let columns =
                current.contract.flatMap { try? ContractDocument(json: $0) }?.contractColumns.map { ($0.name, $0.type) }
                ?? []
            targets.relations[reference] = SnapshotStorage.relation(
                files: SnapshotInspector.relation(of: layout.snapshotFolder(of: current)),
                columns: columns)
            targets.snapshotIDs.append(current.id)
        }
        return targets
    }
}
