import Foundation
import TesseraCatalog
import TesseraLineage
import TesseraModel
import TesseraQuality
import TesseraSQL
import TesseraTransform

/// Turns an analysed project into the catalog's `MeshMetadata` and records it. Called by
/// `tessera run` (at its start), `tessera validate` (when the project has no errors) and the
/// `catalog` commands (when the environment has no metadata yet). The store skips the write when
/// nothing changed, so calling it on every command is cheap.
public enum MetadataRecorder {
    /// Records the project's metadata; returns whether the catalog changed.
    @discardableResult
    /// `lineage`: the mesh's edges when the caller has them already (a run extracts them once).
    public static func record(
        _ analysis: MeshAnalysis, lineage: [MeshLineageEdge]? = nil, in catalog: some CatalogStore,
        environment: String
    ) async throws(CatalogError) -> Bool {
        try await catalog.recordMetadata(
            metadata(of: analysis, lineage: lineage ?? LineageExtractor.edges(from: analysis)),
            environment: environment)
    }

    /// Records the project's metadata, and when nothing changed, marks what is recorded as
    /// current now (so a command that found the files newer than the recording does not read the
    /// project again until they change again).
    public static func refresh(
        _ analysis: MeshAnalysis, lineage: [MeshLineageEdge], in catalog: some CatalogStore,
        environment: String
    ) async throws(CatalogError) {
        let metadata = metadata(of: analysis, lineage: lineage)
        if try await !catalog.recordMetadata(metadata, environment: environment) {
            try await catalog.confirmMetadata(fingerprint: metadata.fingerprint)
        }
    }

    public static func metadata(of analysis: MeshAnalysis, lineage: [MeshLineageEdge]) -> MeshMetadata {
        let project = analysis.project
        var domains: [DomainMetadata] = [], assets: [AssetMetadata] = []
        for domain in project.domains {
            domains.append(
                DomainMetadata(
                    name: domain.name, owner: domain.owner, description: domain.description, tags: domain.tags))
            for source in domain.sources {
                let columns = (source.schema?.columns ?? []).enumerated().map { position, column in
                    ColumnMetadata(
                        position: position, name: column.name, type: column.type, nullable: column.nullable,
                        description: column.description)
                }
                assets.append(
                    AssetMetadata(
                        id: NodeID(.source, domain.name, source.name), description: source.description,
                        owner: domain.owner, file: source.location.file, columns: columns))
            }
            for model in domain.models {
                assets.append(
                    AssetMetadata(
                        id: NodeID(.model, domain.name, model.name), description: model.description,
                        owner: domain.owner, tags: model.tags, file: model.sqlFile,
                        columns: modelColumns(model, analysis: analysis)))
            }
            for product in domain.products {
                assets.append(productMetadata(product))
            }
        }
        return MeshMetadata(mesh: project.mesh.name, domains: domains, assets: assets, lineage: lineage)
    }

    static func productMetadata(_ product: Product) -> AssetMetadata {
        let columns = product.contract.columns.enumerated().map { position, column in
            ColumnMetadata(
                position: position, name: column.name, type: column.type, nullable: column.nullable,
                description: column.description, classification: column.effectiveClassification.rawValue)
        }
        return AssetMetadata(
            id: NodeID(.product, product.domain, product.name), description: product.description, owner: product.owner,
            tags: product.tags, file: product.location.file, version: product.version.description,
            schedule: product.schedule?.description, freshness: product.sla.freshness?.description,
            freshnessSeconds: product.sla.freshness?.timeInterval, readers: product.access.readers,
            roles: product.access.roles,
            masks: ReadPolicy.masks(of: product).map { .init(column: $0.column, kind: $0.kind.rawValue) },
            contract: ContractDocument(product: product).json, columns: columns)
    }

    /// The columns the model's SQL produces, in order, with the descriptions its YAML gives;
    /// documented columns the SQL does not show (a `SELECT *` left unresolved) come after.
    static func modelColumns(_ model: Model, analysis: MeshAnalysis) -> [ColumnMetadata] {
        let documented = Dictionary(model.columns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var names: [String] = []
        if let info = analysis.info(NodeID(.model, model.domain, model.name)) {
            names = info.analysis.outputColumns.filter { !$0.isUnresolvedStar }.map(\.name)
        }
        for column in model.columns where !names.contains(column.name) { names.append(column.name) }
        return names.enumerated().map { position, name in
            ColumnMetadata(position: position, name: name, description: documented[name]?.description)
        }
    }
}
