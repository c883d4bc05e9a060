import Foundation
import TesseraRuntime

/// Products as their owners look after them: `check` runs their contracts, checks and drift
/// against what is current, and records the results.
public struct Products: Sendable {
    let workspace: Workspace

    /// `names`: `domain.product` or a name unique across domains; empty: every product.
    public func check(_ names: [String], now: Date = Date()) async throws(CoreError) -> CheckReport {
        let checker = ProductChecker(
            project: workspace.project, layout: workspace.layout, environment: workspace.environment,
            maskKey: try workspace.maskKey())
        let catalog = try workspace.catalog()
        return try await Runs.mapping { try await checker.check(names, catalog: catalog, now: now) }
    }
}
