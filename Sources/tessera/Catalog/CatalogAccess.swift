import Foundation
import TesseraCatalog
import TesseraModel
import TesseraRuntime

/// The catalog of the chosen environment, opened for the `catalog` commands.
///
/// These commands read the catalog, not the project: they load tessera.yaml alone (to find the
/// state folder and the environments), so a search in a mesh of ten thousand products never
/// parses ten thousand YAML files. The catalog's metadata is recorded by `tessera run` and
/// `tessera validate`; when the environment has none yet, or the project's files are newer than
/// the recording, the project is loaded and its metadata recorded first.
struct CatalogAccess {
    var store: SQLiteCatalog
    var environment: String
    var state: MetadataState

    static func open(_ global: GlobalOptions, console: Console) async throws -> CatalogAccess {
        let root = try global.projectRoot()
        let mesh = try loadMesh(root: root, global: global, console: console)
        let environment = try ProjectContext.environment(global.env, of: Project(root: root, mesh: mesh, domains: []))
        let layout = StateLayout(projectRoot: root, stateDirectory: mesh.stateDirectory, environment: environment)
        let store: SQLiteCatalog
        do { store = try SQLiteCatalog(file: layout.catalogFile) } catch {
            throw CLIError(.internalError, error.description, hint: error.hint)
        }
        let recorded = try await map { try await store.metadataState() }
        if let recorded, !ProjectChanges.since(recorded.recordedAt, root: root) {
            return CatalogAccess(store: store, environment: environment, state: recorded)
        }
        // Never recorded in this environment, or the project's files changed since: read the
        // project and record it. A project that no longer loads keeps what was recorded, said so.
        let context: ProjectContext
        do { context = try ProjectContext.load(global, console: console) } catch let error as CLIError {
            guard let recorded else { throw error }
            Console.write("warning: \(error.message) Showing the catalog as recorded at \(Timestamps.iso(recorded.recordedAt)).\n",
                          to: .standardError)
            return CatalogAccess(store: store, environment: environment, state: recorded)
        }
        console.detail("recording the catalog of '\(context.project.mesh.name)' in '\(environment)' from the project")
        try await map { try await MetadataRecorder.refresh(context.mesh, lineage: context.lineage, in: store, environment: environment) }
        guard let state = try await map({ try await store.metadataState() }) else {
            throw CLIError(.internalError, "the catalog \(layout.catalogFile.path) has no metadata right after recording it",
                           hint: "this is a bug in Tessera; please report it.")
        }
        return CatalogAccess(store: store, environment: environment, state: state)
    }

    /// tessera.yaml alone (the domains are not read). Any problem in it is reported as every
    /// command reports project errors.
    private static func loadMesh(root: URL, global: GlobalOptions, console: Console) throws -> Mesh {
        let loaded = ProjectLoader(root: root, environment: ProcessInfo.processInfo.environment).loadMesh()
        guard let project = loaded.project, !loaded.hasErrors else {
            // The full load reports the same errors with the project's own paths, and throws.
            _ = try ProjectContext.load(global, console: console)
            throw CLIError(.usage, "tessera.yaml has errors.", hint: "run `tessera validate`.")
        }
        return project.mesh
    }

    /// A catalog failure as the CLI reports it: an internal error (exit 3) with the catalog's hint.
    static func map<T>(_ work: () async throws -> T) async throws -> T {
        do { return try await work() } catch let error as CatalogError {
            throw CLIError(.internalError, error.description, hint: error.hint)
        }
    }
}
