import Foundation
import TesseraIngest
import TesseraLineage
import TesseraModel
import TesseraQuality
import TesseraSQL
import TesseraTransform

/// The project a command works on, loaded and checked, with its environment chosen.
/// Commands other than `validate` refuse to work on a project with errors, and print the same
/// diagnostics `validate` would.
struct ProjectContext {
    var project: Project
    var mesh: MeshAnalysis
    /// The mesh's lineage, extracted once by `check` (pii propagation needs it) for the commands
    /// that use it again: `run` records it, `lineage` traverses it.
    var lineage: [MeshLineageEdge]
    var environment: String
    var layout: StateLayout

    /// Everything `validate` checks, in one place: the files, governance (pii propagated through
    /// column lineage included), connector settings, and the SQL of every model (names, access,
    /// cycles) with the mesh DAG it defines.
    static func check(root: URL) throws -> (project: Project?, mesh: MeshAnalysis?, lineage: [MeshLineageEdge], diagnostics: [Diagnostic]) {
        let loaded = ProjectLoader(root: root, environment: ProcessInfo.processInfo.environment).load()
        var diagnostics = loaded.diagnostics
        var mesh: MeshAnalysis?
        var lineage: [MeshLineageEdge] = []
        if let project = loaded.project {
            diagnostics += Governance.check(project) + ConnectorChecks.diagnostics(for: project) + ContractTypeCheck.diagnostics(for: project)
            let analyzer: SQLAnalyzer
            do { analyzer = try SQLAnalyzer() } catch {
                throw CLIError(.internalError, "cannot start DuckDB's SQL parser: \(error)")
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
        return (loaded.project, mesh, lineage, diagnostics.sortedByLocation())
    }

    /// `--env`, or the mesh's default; an environment the mesh does not declare is a usage error.
    static func environment(_ requested: String?, of project: Project) throws -> String {
        let environment = requested ?? project.mesh.defaultEnvironment
        guard project.mesh.environments.contains(environment) else {
            throw CLIError(.usage, "--env \(environment): the mesh has no such environment.",
                           hint: "use one of: \(project.mesh.environments.joined(separator: ", ")) (environments: in tessera.yaml).")
        }
        return environment
    }

    static func load(_ global: GlobalOptions, console: Console) throws -> ProjectContext {
        let (loaded, mesh, lineage, diagnostics) = try check(root: try global.projectRoot())
        let errors = diagnostics.filter { $0.severity == .error }
        guard let project = loaded, let mesh, errors.isEmpty else {
            let renderer = DiagnosticRenderer(console: console)
            for diagnostic in errors { Console.write(renderer.render(diagnostic) + "\n", to: .standardError) }
            throw CLIError(.usage, "the project has \(errors.count) error\(errors.count == 1 ? "" : "s"); nothing was done.",
                           hint: "fix them (see `tessera validate`) and run this again.")
        }
        let environment = try environment(global.env, of: project)
        return ProjectContext(project: project, mesh: mesh, lineage: lineage, environment: environment,
                              layout: StateLayout(project: project, environment: environment))
    }
}
