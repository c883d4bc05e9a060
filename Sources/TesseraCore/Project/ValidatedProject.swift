import Foundation
import TesseraIngest
import TesseraLineage
import TesseraModel
import TesseraQuality
import TesseraSQL
import TesseraTransform

/// A project as every front end must see it before it does anything: its files parsed, governance
/// applied (pii propagated through column lineage included), connector settings checked, and the
/// SQL of every model resolved into the mesh DAG. `project` and `mesh` are nil only when the files
/// themselves could not be read into a model.
public struct ValidatedProject: Sendable {
    public var project: Project?
    public var mesh: MeshAnalysis?
    /// The mesh's column lineage, extracted once (pii propagation needs it) for those that use it
    /// again: runs record it, `lineage` traverses it. Dashboards' charts are in it, downstream of
    /// the products they read.
    public var lineage: [MeshLineageEdge]
    /// Every problem found, each once, in file order.
    public var diagnostics: [Diagnostic]
    /// What reading the files found, before any analysis (kept to re-analyse part of the project).
    var loadDiagnostics: [Diagnostic] = []
    /// The dashboards of domains set aside for their errors: a contract change still names the
    /// charts it breaks there.
    var setAsideDashboards: [Dashboard] = []

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// Reads and checks the project at `root`. `${VAR}` references resolve against `variables`.
    public static func load(root: URL, variables: [String: String] = ProcessInfo.processInfo.environment)
        throws(CoreError)
        -> ValidatedProject
    {
        let loaded = ProjectLoader(root: root, environment: variables).load()
        guard let project = loaded.project else {
            return ValidatedProject(
                project: nil, mesh: nil, lineage: [], diagnostics: unique(loaded.diagnostics),
                loadDiagnostics: loaded.diagnostics)
        }
        return try analyze(project, loadDiagnostics: loaded.diagnostics)
    }

    /// Governance, connectors, the SQL of every model and pii propagation, over a loaded project.
    static func analyze(_ project: Project, loadDiagnostics: [Diagnostic]) throws(CoreError) -> ValidatedProject {
        let analyzer: SQLAnalyzer
        do { analyzer = try SQLAnalyzer() } catch {
            throw CoreError(.internalError, "cannot start DuckDB's SQL parser: \(error)")
        }
        let analysis = MeshAnalysis(project: project, analyzer: analyzer)
        // pii follows column lineage: a governance rule every command applies, as the others.
        let lineage = LineageExtractor.edges(from: analysis)
        let diagnostics =
            loadDiagnostics + Governance.violations(in: project) + ConnectorRules.diagnostics(for: project)
            + ContractTypeRule.diagnostics(for: project) + analysis.diagnostics
            + analyzer.checkSQLDiagnostics(for: project)
            + ClassificationPropagation.diagnostics(project: project, edges: lineage)
            + DashboardValidation.diagnostics(for: project, analyzer: analyzer)
        // Dashboards end lineage: nothing derives from a chart, so pii propagation needs them not.
        let dashboards = DashboardLineage.edges(project: project, analyzer: analyzer)
        return ValidatedProject(
            project: project, mesh: analysis, lineage: dashboards.isEmpty ? lineage : (lineage + dashboards).sorted(),
            diagnostics: unique(diagnostics),
            loadDiagnostics: loadDiagnostics)
    }

    /// The same problem found twice (e.g. by two passes) is reported once, in file order.
    private static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen: Set<Diagnostic> = []
        return diagnostics.filter { seen.insert($0).inserted }.sortedByLocation()
    }

    /// `requested`, or the mesh's default; an environment the mesh does not declare is a usage error.
    public static func environment(_ requested: String?, of mesh: Mesh) throws(CoreError) -> String {
        let environment = requested ?? mesh.defaultEnvironment
        guard mesh.environments.contains(environment) else {
            throw CoreError(
                .usage, "--env \(environment): the mesh has no such environment.",
                hint: "use one of: \(mesh.environments.joined(separator: ", ")) (environments: in tessera.yaml).")
        }
        return environment
    }
}
