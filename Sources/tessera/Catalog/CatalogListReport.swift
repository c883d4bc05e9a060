import Foundation
import TesseraCore

/// What `tessera catalog list` prints: every domain with its owner and what it holds.
struct CatalogListReport: Encodable {
    struct Domain: Encodable {
        var name: String
        var owner: String?
        var description: String?
        var tags: [String]
        var products: [String]
        var models: [String]
        var sources: [String]
    }

    struct Counts: Encodable { var domains = 0, products = 0, models = 0, sources = 0, columns = 0 }

    var environment: String
    var mesh: String
    var recordedAt: String
    var counts: Counts
    var domains: [Domain]

    init(environment: String, state: MetadataState, domains: [DomainMetadata], assets: [AssetMetadata]) {
        self.environment = environment
        self.mesh = state.mesh
        self.recordedAt = Timestamps.iso(state.recordedAt)
        let byDomain = Dictionary(grouping: assets, by: \.id.domain)
        self.domains = domains.map { domain in
            let assets = byDomain[domain.name] ?? []
            func names(_ kind: String) -> [String] { assets.filter { $0.id.kind.rawValue == kind }.map(\.id.name) }
            return Domain(
                name: domain.name, owner: domain.owner, description: domain.description, tags: domain.tags,
                products: names("product"), models: names("model"), sources: names("source"))
        }
        counts = Counts(
            domains: domains.count, products: self.domains.map(\.products.count).reduce(0, +),
            models: self.domains.map(\.models.count).reduce(0, +),
            sources: self.domains.map(\.sources.count).reduce(0, +), columns: state.columnCount)
    }

    func render(_ console: Console) {
        for domain in domains {
            var head = console.styled(domain.name, .bold)
            if let owner = domain.owner { head += "  " + owner }
            head += console.styled(
                "  \(domain.products.count) products, \(domain.models.count) models, \(domain.sources.count) sources",
                .dim)
            console.result(head)
            if let description = domain.description {
                console.result("  " + CatalogSearchReport.oneLine(description, limit: 100))
            }
            for (label, names) in [
                ("products", domain.products), ("models", domain.models), ("sources", domain.sources),
            ] where !names.isEmpty {
                console.result("  \(label.catalogPadded(to: 9)) \(names.joined(separator: ", "))")
            }
        }
        console.result(
            "\(counts.domains) domains, \(counts.products) products, \(counts.models) models, \(counts.sources) sources, "
                + "\(counts.columns) columns in '\(environment)' (recorded \(recordedAt))")
    }
}
