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
}
