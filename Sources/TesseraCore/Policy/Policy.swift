import Foundation
import TesseraModel
import TesseraQuality
import TesseraTransform

/// The rules every front end must obey, decided here once: which contract changes may be
/// published. (Who may read what is decided by the products' readers, see `Queries`.)
public struct Policy: Sendable {
    let workspace: Workspace

    /// The contracts the environment last published, to compare the project's with; nil when it
    /// never published one.
    public func publishedContracts() async throws(CoreError) -> PublishedContracts? {
        try await PublishedContracts.load(
            project: workspace.project, mesh: workspace.mesh,
            setAsideDashboards: workspace.validated.setAsideDashboards,
            catalog: try workspace.existingCatalog())
    }

    /// Each product's contract against the one it was last published with: a breaking change
    /// needs a new major version. What `validate` reports.
    public func breakingChanges() async throws(CoreError) -> [Diagnostic] {
        try await publishedContracts()?.diagnostics(products: workspace.project.domains.flatMap(\.products)) ?? []
    }

    /// A run refuses to publish a breaking contract change without a new major version (dbt refuses
    /// the same for contracted models): consumers would otherwise find their columns gone from one
    /// run to the next. Only the selected products count.
    func refuseBreakingChanges(selected: Set<NodeID>) async throws(CoreError) {
        guard selected.contains(where: { $0.kind == .product }), let contracts = try await publishedContracts() else {
            return
        }
        let products = selected.filter { $0.kind == .product }.sorted().compactMap {
            workspace.project.domain(named: $0.domain)?.product(named: $0.name)
        }
        let errors = contracts.diagnostics(products: products).filter { $0.severity == .error }
        guard !errors.isEmpty else { return }
        let many = errors.count == 1 ? " changes its" : "s change their"
        throw CoreError(
            .usage, "\(errors.count) product\(many) contract without the version it needs; nothing was done.",
            hint: "set the version each error names (see `tessera plan`), then run again.", diagnostics: errors)
    }
}
