import Foundation

/// Where a mesh keeps its state on disk, per environment (`.tessera/` by default, git-ignored):
///
/// ```
/// <project>/<state_dir>/<env>/
///   domains/<domain>/warehouse.duckdb          the domain's own analytical database
///   domains/<domain>/lake/landing/<source>/    raw batches, one immutable Parquet file per load
///   domains/<domain>/staging/<load_id>/        scratch space of a load in progress
///   domains/<domain>/lake/products/<product>/<snapshot_id>/   immutable published snapshots
///   catalog.sqlite                               the catalog: runs, snapshots, metadata
///   mask.key                                     the secret of the `hash` mask (mode 0600)
/// ```
///
/// Environments never share a file, so `dev` and `prod` are fully separate.
///
/// What Tessera records about these files (the catalog's snapshot folders, the load ledger's
/// landed files) is stored relative to the environment folder and resolved against the layout
/// of the project that reads it, so a project moved or copied elsewhere finds its own files and
/// never the original's.
public struct StateLayout: Sendable, Hashable {
    public var projectRoot: URL
    public var stateDirectory: String
    public var environment: String

    public init(projectRoot: URL, stateDirectory: String = Mesh.defaultStateDirectory, environment: String) {
        self.projectRoot = projectRoot
        self.stateDirectory = stateDirectory
        self.environment = environment
    }

    public init(project: Project, environment: String) {
        self.init(projectRoot: project.root, stateDirectory: project.mesh.stateDirectory, environment: environment)
    }

    /// `<project>/<state_dir>/<env>`; `state_dir` may also be absolute.
    public var environmentDirectory: URL {
        let base =
            stateDirectory.hasPrefix("/")
            ? URL(fileURLWithPath: stateDirectory, isDirectory: true)
            : projectRoot.appendingPathComponent(stateDirectory, isDirectory: true)
        return base.appendingPathComponent(environment, isDirectory: true)
    }

    public func domainDirectory(_ domain: String) -> URL {
        environmentDirectory.appendingPathComponent("domains/\(domain)", isDirectory: true)
    }

    public func warehouseFile(_ domain: String) -> URL {
        domainDirectory(domain).appendingPathComponent("warehouse.duckdb")
    }

    public func landingDirectory(domain: String, source: String) -> URL {
        domainDirectory(domain).appendingPathComponent("lake/landing/\(source)", isDirectory: true)
    }

    public func productDirectory(domain: String, product: String) -> URL {
        domainDirectory(domain).appendingPathComponent("lake/products/\(product)", isDirectory: true)
    }

    public var catalogFile: URL { environmentDirectory.appendingPathComponent("catalog.sqlite") }

    /// A domain's scratch space for loads in progress: one folder per load, removed when it ends.
    public func stagingDirectory(domain: String) -> URL {
        domainDirectory(domain).appendingPathComponent("staging", isDirectory: true)
    }

    public func stagingDirectory(domain: String, loadID: String) -> URL {
        stagingDirectory(domain: domain).appendingPathComponent(loadID, isDirectory: true)
    }

    /// `url` relative to the environment folder (`domains/sales/lake/…`), or nil when it is not
    /// below it. Paths are compared as written, standardized: `..` never leads below.
    public func relativePath(of url: URL) -> String? {
        let base = environmentDirectory.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        guard path.hasPrefix(base + "/"), path.count > base.count + 1 else { return nil }
        return String(path.dropFirst(base.count + 1))
    }

    /// A path stored relative to the environment folder, resolved against this layout; nil for an
    /// absolute path, or a relative one that climbs out of the environment folder.
    public func resolve(relativePath path: String) -> URL? {
        guard !path.isEmpty, !path.hasPrefix("/") else { return nil }
        let url = environmentDirectory.appendingPathComponent(path).standardizedFileURL
        return relativePath(of: url) == nil ? nil : url
    }

    /// Whether `url` lies below the environment folder once symbolic links are followed: the test
    /// anything that deletes state passes first, so a link, a stale record or a copied catalog
    /// can never make it delete another project's files.
    public func isInside(_ url: URL) -> Bool {
        let base = environmentDirectory.resolvingSymlinksInPath().standardizedFileURL.path
        let path = url.resolvingSymlinksInPath().standardizedFileURL.path
        return path.hasPrefix(base + "/") && path.count > base.count + 1
    }
}
