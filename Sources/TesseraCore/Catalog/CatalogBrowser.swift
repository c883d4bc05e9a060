import Foundation
import TesseraCatalog
import TesseraModel
import TesseraRuntime

/// Discovery over the catalog of one environment: search, list, show.
///
/// It reads the catalog, not the project: opening loads tessera.yaml alone (to find the state
/// folder and the environments), so a search in a mesh of ten thousand products never parses ten
/// thousand YAML files. The catalog's metadata is recorded by runs and by validation; when the
/// environment has none yet, or the project's files are newer than the recording, the project is
/// loaded and its metadata recorded first.
public struct CatalogBrowser: Sendable {
    let store: any CatalogStore
    public let environment: String
    public let state: MetadataState

    public static func open(
        root: URL, environment requested: String?, stores: CatalogStores = .sqlite,
        warn: @escaping @Sendable (String) -> Void = Workspace.standardError,
        progress: @Sendable (String) -> Void = { _ in }
    ) async throws(CoreError) -> CatalogBrowser {
        let mesh = try loadMesh(root: root)
        let environment = try ValidatedProject.environment(requested, of: mesh)
        let layout = StateLayout(projectRoot: root, stateDirectory: mesh.stateDirectory, environment: environment)
        let store: any CatalogStore
        do { store = try stores.open(layout) } catch { throw CoreError(catalog: error) }
        let recorded = try await map { try await store.metadataState() }
        if let recorded, !ProjectChanges.since(recorded.recordedAt, root: root) {
            return CatalogBrowser(store: store, environment: environment, state: recorded)
        }
        // Never recorded in this environment, or the project's files changed since: read the
        // project and record it. A project that no longer loads keeps what was recorded, said so.
        let workspace: Workspace
        do { workspace = try Workspace(root: root, environment: environment, stores: stores, warn: warn) } catch {
            guard let recorded else { throw error }
            warn("\(error.message) Showing the catalog as recorded at \(Timestamps.iso(recorded.recordedAt)).")
            return CatalogBrowser(store: store, environment: environment, state: recorded)
        }
        if !workspace.skippedDomains.isEmpty, let recorded {
            // Recording only the healthy domains would drop the others from discovery.
            let names = workspace.skippedDomains.map(\.name).joined(separator: ", ")
            warn(
                "domains with errors: \(names) (`tessera validate` lists them). Showing the catalog as recorded at \(Timestamps.iso(recorded.recordedAt))."
            )
            return CatalogBrowser(store: store, environment: environment, state: recorded)
        }
        progress("recording the catalog of '\(workspace.project.mesh.name)' in '\(environment)' from the project")
        try await map {
            try await MetadataRecorder.refresh(
                workspace.mesh, lineage: workspace.lineageEdges, in: store, environment: environment)
        }
        guard let state = try await map({ try await store.metadataState() }) else {
            throw CoreError(
                .internalError, "the catalog of '\(environment)' has no metadata right after recording it",
                hint: "this is a bug in Tessera; please report it.")
        }
        return CatalogBrowser(store: store, environment: environment, state: state)
    }

    /// Ranked full-text search: best first, at most `limit` hits.
    public func search(_ query: CatalogQuery, limit: Int) async throws(CoreError) -> [CatalogSearchHit] {
        try await Self.map { try await store.search(query, limit: limit) }
    }

    public func domains() async throws(CoreError) -> [DomainMetadata] {
        try await Self.map { try await store.catalogDomains() }
    }

    public func assets() async throws(CoreError) -> [AssetMetadata] {
        try await Self.map { try await store.catalogAssets() }
    }

    /// Everything about one domain, asset or column, by the name people write.
    public func show(_ name: String, now: Date = Date()) async throws(CoreError) -> CatalogShowReport {
        do {
            let target = try await CatalogNameResolver(store: store).resolve(name)
            return try await CatalogShowReport.make(target, store: store, environment: environment, now: now)
        } catch let error as CoreError { throw error } catch {
            throw CoreError(.internalError, "\(error)")
        }
    }

    /// tessera.yaml alone (the domains are not read). Any problem in it is reported as every
    /// command reports project errors: the full load's diagnostics carry the project's own paths.
    private static func loadMesh(root: URL) throws(CoreError) -> Mesh {
        let loaded = ProjectLoader(root: root, environment: ProcessInfo.processInfo.environment).loadMesh()
        guard let project = loaded.project, !loaded.hasErrors else {
            _ = try Workspace(root: root)
            throw CoreError(.usage, "tessera.yaml has errors.", hint: "run `tessera validate`.")
        }
        return project.mesh
    }

    /// A catalog failure: an internal error with the catalog's hint.
    static func map<T>(_ work: () async throws -> T) async throws(CoreError) -> T {
        do { return try await work() } catch let error as CoreError { throw error } catch let error as CatalogError {
            throw CoreError(.internalError, error.message, hint: error.hint)
        } catch {
            throw CoreError(.internalError, "\(error)")
        }
    }
}
