import Foundation
import TesseraModel
import TesseraRuntime

/// `validate`: every problem of a project at once — its files, governance, connectors, SQL, and
/// contract changes that would break consumers of what the environment last published. A project
/// without errors has its metadata recorded in the catalog, so discovery reflects it as soon as it
/// is valid, not only after its next run.
public struct ProjectValidation: Sendable {
    public var validated: ValidatedProject
    /// Every diagnostic, breaking contract changes included, in file order.
    public var diagnostics: [Diagnostic]

    public var project: Project? { validated.project }
    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }

    public static func run(
        root: URL, environment requested: String?, stores: CatalogStores = .sqlite,
        warn: @escaping @Sendable (String) -> Void = Workspace.standardError
    ) async throws(CoreError)
        -> ProjectValidation
    {
        let validated = try ValidatedProject.load(root: root)
        guard let project = validated.project, let mesh = validated.mesh else {
            return ProjectValidation(validated: validated, diagnostics: validated.diagnostics)
        }
        let environment = try ValidatedProject.environment(requested, of: project.mesh)
        let workspace = Workspace(
            validated: validated, project: project, mesh: mesh, environment: environment,
            stores: stores, warehouses: WarehouseRegistry(), warn: warn)
        let diagnostics = (validated.diagnostics + (try await workspace.policy.breakingChanges())).sortedByLocation()
        let validation = ProjectValidation(validated: validated, diagnostics: diagnostics)
        if validation.errorCount == 0 { await record(workspace) }
        return validation
    }

    /// A catalog that cannot be written is not a validation error: it is said as a warning.
    private static func record(_ workspace: Workspace) async {
        do {
            try await MetadataRecorder.record(
                workspace.mesh, lineage: workspace.lineageEdges, in: workspace.catalog(),
                environment: workspace.environment)
        } catch {
            workspace.warn("the catalog's metadata was not recorded: \(error)")
        }
    }
}
