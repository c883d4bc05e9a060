import Foundation
import TesseraIngest
import TesseraModel

/// The project a command works on, loaded and checked, with its environment chosen.
/// Commands other than `validate` refuse to work on a project with errors, and print the same
/// diagnostics `validate` would.
struct ProjectContext {
    var project: Project
    var environment: String
    var layout: StateLayout

    /// Everything `validate` checks, in one place: the files, governance, connector settings.
    static func check(root: URL) -> (project: Project?, diagnostics: [Diagnostic]) {
        let loaded = ProjectLoader(root: root, environment: ProcessInfo.processInfo.environment).load()
        var diagnostics = loaded.diagnostics
        if let project = loaded.project {
            diagnostics += Governance.check(project) + ConnectorChecks.diagnostics(for: project)
        }
        return (loaded.project, diagnostics.sortedByLocation())
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
        let (loaded, diagnostics) = check(root: try global.projectRoot())
        let errors = diagnostics.filter { $0.severity == .error }
        guard let project = loaded, errors.isEmpty else {
            let renderer = DiagnosticRenderer(console: console)
            for diagnostic in errors { Console.write(renderer.render(diagnostic) + "\n", to: .standardError) }
            throw CLIError(.usage, "the project has \(errors.count) error\(errors.count == 1 ? "" : "s"); nothing was done.",
                           hint: "fix them (see `tessera validate`) and run this again.")
        }
        let environment = try environment(global.env, of: project)
        return ProjectContext(project: project, environment: environment,
                              layout: StateLayout(project: project, environment: environment))
    }
}
