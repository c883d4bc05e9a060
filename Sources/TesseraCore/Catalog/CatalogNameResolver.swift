import Foundation
import TesseraCatalog
import TesseraModel

/// Finds what `tessera catalog show NAME` names, the way people write names: `sales` (a domain),
/// `sales.orders` (the product, else the model), `sales.src.orders` (a source), `sales.orders.amount`
/// (a column), or a node id such as `model.sales.orders`. An unknown name is a usage error with
/// the closest known name.
struct CatalogNameResolver {
    enum Target {
        case domain(DomainMetadata, assets: [AssetMetadata])
        case asset(AssetMetadata)
        case column(ColumnMetadata, of: AssetMetadata)
    }

    var store: any CatalogStore

    func resolve(_ name: String) async throws -> Target {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.contains(where: \.isEmpty) { throw try await unknown(name) }
        switch parts.count {
        case 1:
            if let domain = try await CatalogBrowser.map({ try await store.catalogDomains() }).first(where: {
                $0.name == name
            }) {
                let assets = try await CatalogBrowser.map { try await store.catalogAssets() }.filter {
                    $0.id.domain == name
                }
                return .domain(domain, assets: assets)
            }
        case 2:
            if let product = try await asset(.product, parts[0], parts[1]) { return .asset(product) }
            if let model = try await asset(.model, parts[0], parts[1]) { return .asset(model) }
        case 3:
            if let kind = NodeKind(rawValue: parts[0]), let asset = try await asset(kind, parts[1], parts[2]) {
                return .asset(asset)
            }
            if parts[1] == "src", let asset = try await asset(.source, parts[0], parts[2]) { return .asset(asset) }
            for kind in [NodeKind.product, .model] {
                if let asset = try await asset(kind, parts[0], parts[1]) {
                    if let column = asset.columns.first(where: { $0.name == parts[2] }) {
                        return .column(column, of: asset)
                    }
                    throw noColumn(parts[2], in: asset)
                }
            }
        case 4 where parts[1] == "src":
            if let asset = try await asset(.source, parts[0], parts[2]) {
                if let column = asset.columns.first(where: { $0.name == parts[3] }) {
                    return .column(column, of: asset)
                }
                throw noColumn(parts[3], in: asset)
            }
        default:
            break
        }
        throw try await unknown(name)
    }

    private func asset(_ kind: NodeKind, _ domain: String, _ name: String) async throws -> AssetMetadata? {
        try await CatalogBrowser.map { try await store.catalogAsset(NodeID(kind, domain, name)) }
    }

    private func noColumn(_ column: String, in asset: AssetMetadata) -> CoreError {
        let suggestion = closestName(to: column, among: asset.columns.map(\.name))
        let known =
            asset.columns.isEmpty
            ? "it declares no columns" : "its columns: \(asset.columns.map(\.name).joined(separator: ", "))"
        return CoreError(
            .usage, "\(asset.id.displayName) has no column '\(column)'.",
            hint: suggestion.map { "did you mean '\(asset.id.displayName).\($0)'? " } ?? known)
    }

    private func unknown(_ name: String) async throws -> CoreError {
        let domains = try await CatalogBrowser.map { try await store.catalogDomains() }.map(\.name)
        let assets = try await CatalogBrowser.map { try await store.catalogAssets() }.map(\.id.displayName)
        let candidates = domains + assets
        if let suggestion = closestName(to: name, among: candidates) {
            return CoreError(.usage, "the catalog knows no '\(name)'.", hint: "did you mean '\(suggestion)'?")
        }
        return CoreError(
            .usage, "the catalog knows no '\(name)'.",
            hint: "`tessera catalog list` lists domains and products; `tessera catalog search \(name)` searches for it."
        )
    }
}
