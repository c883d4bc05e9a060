import Foundation

/// Reads a mesh project from its folder into a `Project`, reporting every problem at once.
///
/// Loading checks each file on its own (syntax, keys, types, names, values) and then the
/// references between files (a product's model or source, `access.readers`, relationship
/// targets). Governance rules are separate: see `Governance.violations(in:)`. Names used inside
/// model SQL are resolved by a later stage.
public struct ProjectLoader: Sendable {
    public let root: URL
    public let environment: [String: String]

    /// - Parameters:
    ///   - root: the folder holding tessera.yaml.
    ///   - environment: the variables `${NAME}` resolves from, usually `ProcessInfo.processInfo.environment`.
    public init(root: URL, environment: [String: String]) {
        self.root = root
        self.environment = environment
    }

    public func load() -> ProjectLoadResult {
        let session = ParseSession(root: root, environment: environment)
        let project = session.loadProject()
        return ProjectLoadResult(project: project, diagnostics: session.sink.diagnostics.sortedByLocation())
    }

    /// tessera.yaml alone, with the same checks and messages as `load()`; the domains are not
    /// read. For commands that need only the mesh's settings (its state folder, environments) and
    /// must stay fast however many domains there are, like `tessera catalog`. The project it
    /// returns has no domains.
    public func loadMesh() -> ProjectLoadResult {
        let session = ParseSession(root: root, environment: environment)
        let meshFile = "tessera.yaml"
        guard session.isFile(meshFile) else { return load() }
        let mesh = session.loadMesh(file: meshFile)
        return ProjectLoadResult(
            project: Project(root: root, mesh: mesh, domains: []),
            diagnostics: session.sink.diagnostics.sortedByLocation())
    }
}

public struct ProjectLoadResult: Sendable {
    /// nil only when nothing usable could be read (no tessera.yaml). When `diagnostics` has
    /// errors, the project holds what could be read, for reporting, not for running.
    public var project: Project?
    /// Sorted by file, line and column.
    public var diagnostics: [Diagnostic]

    public init(project: Project?, diagnostics: [Diagnostic]) {
        self.project = project
        self.diagnostics = diagnostics
    }

    public var hasErrors: Bool { diagnostics.hasErrors }
}
