import Foundation
import TesseraCatalog
import TesseraModel
import TesseraQuality
import TesseraTransform

/// What a project's contracts are compared with: the contract each product was last published
/// with in the environment's catalog, and who reads which columns (column lineage). Shared by
/// `validate` (breaking changes as errors) and `plan` (contract changes shown with the run).
struct PublishedContracts {
    var published: [String: ContractDocument]
    var consumers: BreakingChangeCheck.ConsumerLookup

    /// Nil when nothing was ever published in this environment: nothing to compare with.
    static func load(project: Project, mesh: MeshAnalysis, environment: String) async throws -> PublishedContracts? {
        let layout = StateLayout(project: project, environment: environment)
        guard FileManager.default.fileExists(atPath: layout.catalogFile.path) else { return nil }
        let catalog: SQLiteCatalog
        do { catalog = try SQLiteCatalog(file: layout.catalogFile) } catch {
            throw CLIError(.internalError, "cannot open the catalog \(layout.catalogFile.path): \(error.description)", hint: error.hint)
        }
        var published: [String: ContractDocument] = [:]
        for product in project.domains.flatMap(\.products) {
            guard let latest = try? await catalog.latestPublishedContract(product: product.qualifiedName),
                  let document = try? ContractDocument(json: latest.contract) else { continue }
            published[product.qualifiedName] = document
        }
        guard !published.isEmpty else { return nil }
        let finder: ProductConsumers
        do { finder = try ProductConsumers(analysis: mesh) } catch {
            throw CLIError(.internalError, "cannot analyse the consumers of products: \(error)")
        }
        return PublishedContracts(published: published, consumers: { product, columns in
            finder.consumers(of: product, columns: columns).map {
                ContractConsumer(kind: $0.kind.rawValue, domain: $0.domain, name: $0.node.name, file: $0.file,
                                 columns: $0.columns, readsAllColumns: $0.readsAllColumns)
            }
        })
    }

    func diagnostics(project: Project) -> [Diagnostic] {
        diagnostics(products: project.domains.flatMap(\.products))
    }

    func diagnostics(products: [Product]) -> [Diagnostic] {
        BreakingChangeCheck.diagnostics(products: products, consumers: consumers, published: { published[$0] })
    }

    func reviews(project: Project) -> [ContractReview] {
        BreakingChangeCheck.reviews(project: project, consumers: consumers, published: { published[$0] })
    }
}

extension PublishedContracts {
    /// `tessera run` refuses to publish a breaking contract change without a new major version,
    /// as `validate` reports it (dbt refuses the same for contracted models): consumers would
    /// otherwise find their columns gone from one run to the next. Only the selected products count.
    static func refuseBreakingChanges(_ context: ProjectContext, selected: Set<NodeID>, console: Console) async throws {
        guard selected.contains(where: { $0.kind == .product }),
              let contracts = try await load(project: context.project, mesh: context.mesh, environment: context.environment) else { return }
        let products = selected.filter { $0.kind == .product }.sorted().compactMap {
            context.project.domain(named: $0.domain)?.product(named: $0.name)
        }
        let errors = contracts.diagnostics(products: products).filter { $0.severity == .error }
        guard !errors.isEmpty else { return }
        let renderer = DiagnosticRenderer(console: console)
        for diagnostic in errors { Console.write(renderer.render(diagnostic) + "\n", to: .standardError) }
        throw CLIError(.usage, "\(errors.count) product\(errors.count == 1 ? " changes its" : "s change their") contract without the version it needs; nothing was done.",
                       hint: "set the version each error names (see `tessera plan`), then run again.")
    }
}
