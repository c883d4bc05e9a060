import DuckDB
import Foundation
import TesseraIngest
import TesseraModel

/// A throwaway mesh project on disk with one domain, for driving real loads in tests.
final class MeshFixture {
    let root: URL
    let domain: String

    init(domain: String = "sales") throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-ingest-\(UUID().uuidString)")
        self.domain = domain
        try write("tessera.yaml", """
            mesh: test
            governance: {require_owner: false, require_description: false, require_classification: false, pii_requires_mask: false}

            """)
        try write("domains/\(domain)/domain.yaml", "owner: team@example.com\n")
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    func source(_ name: String, _ yaml: String) throws {
        try write("domains/\(domain)/sources/\(name).yaml", yaml)
    }

    func project() throws -> Project {
        let result = ProjectLoader(root: root, environment: ProcessInfo.processInfo.environment).load()
        let errors = result.diagnostics.filter { $0.severity == .error }
        guard let project = result.project, errors.isEmpty else {
            throw FixtureError(message: errors.map(\.description).joined(separator: "\n"))
        }
        return project
    }

    var layout: StateLayout { StateLayout(projectRoot: root, environment: "dev") }

    /// Loads the named sources (all when empty) and returns their reports.
    @discardableResult
    func ingest(_ names: [String] = []) async throws -> [(LoadReport, IngestError?)] {
        let project = try project()
        let ingestor = Ingestor(project: project, layout: layout)
        return await ingestor.run(try ingestor.select(names), parallelism: 2)
    }

    func ingestOne(_ name: String) async throws -> (LoadReport, IngestError?) {
        let results = try await ingest([name])
        guard let first = results.first else { throw FixtureError(message: "no report") }
        return first
    }

    /// Runs a query against the domain's warehouse (opened only for the query, as another process would).
    func rows(_ sql: String) throws -> [[DuckDBValue]] {
        let database = try Database(path: layout.warehouseFile(domain).path)
        return try database.connect().rows(sql)
    }

    func count(_ sql: String) throws -> Int {
        guard case .bigint(let n)? = try rows(sql).first?.first else { return -1 }
        return Int(n)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
