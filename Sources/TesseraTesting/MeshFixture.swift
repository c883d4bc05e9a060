import Foundation
import TesseraModel
import TesseraSQL
import TesseraTransform

/// A mesh project written to a temporary folder, loaded and analysed as `tessera validate` does;
/// the folder goes when the fixture does.
///
/// Build it from a dictionary of files (`MeshFixture([...])`), or as one empty domain that a test
/// then fills with sources and data files (`MeshFixture()`, then `source`, `write`, `ingest`).
public final class MeshFixture: Sendable {
    public typealias FixtureError = TesseraTesting.FixtureError

    public let root: URL
    /// The domain `source(_:_:)`, `ingest` and `rows` work in.
    public let domain: String
    /// What `${NAME}` in the project's files reads; this process's environment unless told.
    public let environment: [String: String]
    /// The analysis of the files the fixture was built with; `analyse()` reads what is on disk now.
    public let mesh: MeshAnalysis
    private let directory: TemporaryDirectory

    /// A tessera.yaml with every governance rule off, so fixtures need no owners, descriptions or
    /// classifications; classification propagation stays on.
    public static let governanceOff = """
        mesh: fixture
        governance: {require_owner: false, require_description: false, require_classification: false, pii_requires_mask: false}

        """

    /// `files` maps paths under the project root to their text; tessera.yaml defaults to
    /// `governanceOff`, and each domain's domain.yaml to an owner. Throws when the project does
    /// not load; what the analysis finds (unknown relations, cycles, SQL errors) is left in
    /// `mesh.diagnostics` for the test to read.
    public init(
        _ files: [String: String], domain: String = "sales",
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        directory = try TemporaryDirectory(prefix: "tessera-mesh")
        root = directory.url
        self.domain = domain
        self.environment = environment
        for (path, text) in Self.withDefaults(files) { try directory.write(path, text) }
        mesh = try Self.analyse(Self.load(root, environment))
    }

    /// One domain with an owner and nothing in it yet.
    public convenience init(
        domain: String = "sales", environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        try self.init(
            ["domains/\(domain)/domain.yaml": "owner: team@example.com\n"], domain: domain, environment: environment)
    }

    /// A source `connector` reading CSV files.
    public static func csvSource(_ path: String = "data/*.csv") -> String {
        "connector: {type: csv, path: \"\(path)\"}\n"
    }

    /// Writes `text` at `path` under the project root, creating folders as needed.
    public func write(_ path: String, _ text: String) throws {
        try directory.write(path, text)
    }

    public func remove(_ path: String) throws {
        try directory.remove(path)
    }

    /// Writes `domains/<domain>/sources/<name>.yaml`.
    public func source(_ name: String, _ yaml: String) throws {
        try write("domains/\(domain)/sources/\(name).yaml", yaml)
    }

    /// The project as it is on disk now; throws with the errors when it does not load.
    public func project() throws -> Project {
        try Self.load(root, environment)
    }

    /// The analysis of the project as it is on disk now.
    public func analyse() throws -> MeshAnalysis {
        try Self.analyse(project())
    }

    /// Where the runtime keeps state for the `dev` environment.
    public var layout: StateLayout { StateLayout(projectRoot: root, environment: "dev") }

    /// `files` plus tessera.yaml and the domain.yaml of every domain they name, where missing.
    private static func withDefaults(_ files: [String: String]) -> [String: String] {
        var all = files
        if all["tessera.yaml"] == nil { all["tessera.yaml"] = governanceOff }
        for path in files.keys {
            let parts = path.split(separator: "/")
            guard parts.count > 2, parts[0] == "domains" else { continue }
            let domainFile = "domains/\(parts[1])/domain.yaml"
            if all[domainFile] == nil { all[domainFile] = "owner: team@example.com\n" }
        }
        return all
    }

    private static func load(_ root: URL, _ environment: [String: String]) throws -> Project {
        let loaded = ProjectLoader(root: root, environment: environment).load()
        guard let project = loaded.project, !loaded.diagnostics.hasErrors else {
            let errors = loaded.diagnostics.filter { $0.severity == .error }
            throw FixtureError(message: errors.map(\.description).joined(separator: "\n"))
        }
        return project
    }

    private static func analyse(_ project: Project) throws -> MeshAnalysis {
        MeshAnalysis(project: project, analyzer: try SQLAnalyzer())
    }
}
