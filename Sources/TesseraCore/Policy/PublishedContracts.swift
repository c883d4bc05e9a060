import Foundation
import TesseraCatalog
import TesseraModel
import TesseraQuality
import TesseraSQL
import TesseraTransform

/// What a project's contracts are compared with: the contract each product was last published
/// with in the environment's catalog, and who reads which columns (column lineage): models,
/// products and dashboards' charts. Shared by
/// `validate` (breaking changes as errors), `plan` (contract changes shown with the run) and runs
/// (which refuse to publish a breaking change).
public struct PublishedContracts {
    public var published: [String: ContractDocument]
    public var consumers: BreakingChangeRule.ConsumerLookup

    /// Nil when nothing was ever published in this environment: nothing to compare with.
    static func load(
        project: Project, mesh: MeshAnalysis, setAsideDashboards: [Dashboard] = [], catalog: (any CatalogStore)?
    ) async throws(CoreError) -> PublishedContracts? {
        guard let catalog else { return nil }
        var published: [String: ContractDocument] = [:]
        for product in project.domains.flatMap(\.products) {
            guard let latest = try? await catalog.latestPublishedContract(product: product.qualifiedName),
                let document = try? ContractDocument(json: latest.contract)
            else { continue }
            published[product.qualifiedName] = document
        }
        guard !published.isEmpty else { return nil }
        let finder: ProductConsumers, dashboards: DashboardConsumers
        do {
            let analyzer = try SQLAnalyzer()
            finder = ProductConsumers(analysis: mesh, analyzer: analyzer)
            dashboards = DashboardConsumers(project: project, analyzer: analyzer, setAside: setAsideDashboards)
        } catch {
            throw CoreError(.internalError, "cannot analyse the consumers of products: \(error)")
        }
        return PublishedContracts(
            published: published,
            consumers: { product, columns in consumers(of: product, columns: columns, finder, dashboards) })
    }

    /// The models and products reading the columns, and the dashboards' charts reading them or
    /// what those products derive from them.
    private static func consumers(
        of product: String, columns: Set<String>?, _ finder: ProductConsumers, _ dashboards: DashboardConsumers
    ) -> [ContractConsumer] {
        let found = finder.consumers(of: product, columns: columns)
        var all = found.map {
            ContractConsumer(
                kind: $0.kind.rawValue, domain: $0.domain, name: $0.node.name, file: $0.file,
                columns: $0.columns, readsAllColumns: $0.readsAllColumns)
        }
        let parts = product.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return all }
        all += dashboards.consumers(of: NodeID(.product, parts[0], parts[1]), columns: columns)
        for reader in found where reader.kind == .product {
            all += dashboards.consumers(of: reader.node, columns: Set(reader.derivedColumns))
        }
        return Array(Set(all)).sorted()
    }

    public func diagnostics(products: [Product]) -> [Diagnostic] {
        BreakingChangeRule.diagnostics(products: products, consumers: consumers, published: { published[$0] })
    }

    public func reviews(project: Project) -> [ContractReview] {
        BreakingChangeRule.reviews(project: project, consumers: consumers, published: { published[$0] })
    }
}
