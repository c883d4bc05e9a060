import Foundation
import TesseraIngest
import TesseraLineage
import TesseraModel
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
    /// again: runs record it, `lineage` traverses it.
    public var lineage: [MeshLineageEdge]
    /// Every problem found, each once, in file order.
    public var diagnostics: [Diagnostic]

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// Reads and checks the project at `root`. `${VAR}` references resolve against `variables`.
    public static func load(root: URL, variables: [String: String] = ProcessInfo.processInfo.environment) throws(CoreError)
        -> ValidatedProject
    {
        let loaded = ProjectLoader(root: root, environment: variables).load()
        var diagnostics = loaded.diagnostics
        var mesh: MeshAnalysis?
        var lineage: [MeshLineageEdge] = []
        if let project = loaded.project {
            diagnostics += Governance.check(project) + ConnectorChecks.diagnostics(for: project)
            let analyzer: SQLAnalyzer
            do { analyzer = try SQLAnalyzer() } catch {
                throw CoreError(.internalError, "cannot start DuckDB's SQL parser: \(error)")
            }
            let analysis = MeshAnalysis(project: project, analyzer: analyzer)
            // pii follows column lineage: a governance rule every command applies, as the others.
            lineage = LineageExtractor.edges(from: analysis)
            diagnostics += analysis.diagnostics + ClassificationPropagation.diagnostics(project: project, edges: lineage)
            mesh = analysis
        }
        // The same problem found twice (e.g. by two passes) is reported once.
        var seen: Set<Diagnostic> = []
        diagnostics = diagnostics.filter { seen.insert($0).inserted }
        return ValidatedProject(project: loaded.project, mesh: mesh, lineage: lineage, diagnostics: diagnostics.sortedByLocation())
    }

    /// `requested`, or the mesh's default; an environment the mesh does not declare is a usage error.
    public static func environment(_ requested: String?, of mesh: Mesh) throws(CoreError) -> String {
        let environment = requested ?? mesh.defaultEnvironment
        guard mesh.environments.contains(environment) else {
            throw CoreError(.usage, "--env \(environment): the mesh has no such environment.",
                            hint: "use one of: \(mesh.environments.joined(separator: ", ")) (environments: in tessera.yaml).")
        }
        return environment
    }
}
