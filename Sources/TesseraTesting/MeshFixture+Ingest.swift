import DuckDB
import TesseraIngest
import TesseraModel

/// Real loads into the fixture's domain, and queries of its warehouse.
extension MeshFixture {
    /// Loads the named sources (all when empty) and returns their reports.
    @discardableResult
    public func ingest(_ names: [String] = []) async throws -> [(LoadReport, IngestError?)] {
        let ingestor = Ingestor(project: try project(), layout: layout)
        return await ingestor.run(try ingestor.select(names), parallelism: 2)
    }

    public func ingestOne(_ name: String) async throws -> (LoadReport, IngestError?) {
        guard let first = try await ingest([name]).first else { throw FixtureError(message: "no report for '\(name)'") }
        return first
    }

    /// Runs a query against the domain's warehouse (opened only for the query, as another process would).
    public func rows(_ sql: String) throws -> [[DuckDBValue]] {
        let database = try Database(path: layout.warehouseFile(domain).path)
        return try database.connect().rows(sql)
    }

    /// The first column of the first row as a number; -1 when it is not a BIGINT.
    public func count(_ sql: String) throws -> Int {
        guard case .bigint(let n)? = try rows(sql).first?.first else { return -1 }
        return Int(n)
    }
}
