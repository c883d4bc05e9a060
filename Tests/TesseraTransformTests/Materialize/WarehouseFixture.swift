import DuckDB
import Foundation
import TesseraModel
import Testing
@testable import TesseraTransform

/// A throwaway domain warehouse on disk (schemas `src` and `main`), with helpers to build models
/// in it the way the runtime will.
final class WarehouseFixture {
    private let folder: TemporaryDirectory
    let database: Database
    let connection: Connection

    var directory: URL { folder.url }

    init() throws {
        folder = try TemporaryDirectory(prefix: "tessera-mat")
        database = try Database(path: folder.file("sales.duckdb").path)
        connection = try database.connect()
        try connection.execute("CREATE SCHEMA src")
    }

    static func model(_ name: String, _ sql: String, _ materialization: Materialization = .table) -> Model {
        Model(
            name: name, domain: "sales", sql: sql, sqlFile: "domains/sales/models/\(name).sql",
            materialization: materialization, location: .start(of: "domains/sales/models/\(name).sql"))
    }

    @discardableResult
    func build(
        _ name: String, _ sql: String, _ materialization: Materialization = .table, at now: Date = Date(),
        fullRefresh: Bool = false, backfill: BuildInterval? = nil, fingerprint: String = "fp",
        on connection: Connection? = nil
    ) throws -> BuildResult {
        let request = BuildRequest(
            model: Self.model(name, sql, materialization), environment: "dev", fingerprint: fingerprint,
            upstreamVersion: 7, fullRefresh: fullRefresh, backfill: backfill, now: now, runID: "run-\(name)")
        return try ModelBuilder(connection: connection ?? self.connection).build(request)
    }

    /// Expects the build to fail with a `BuildError` and returns it.
    func failingBuild(
        _ name: String, _ sql: String, _ materialization: Materialization = .table, at now: Date = Date(),
        fullRefresh: Bool = false, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> BuildError? {
        #expect(throws: BuildError.self, sourceLocation: sourceLocation) {
            try self.build(name, sql, materialization, at: now, fullRefresh: fullRefresh)
        }
    }

    func rows(_ sql: String) throws -> [[DuckDBValue]] {
        try connection.rows(sql)
    }

    func count(_ sql: String) throws -> Int64 {
        try connection.scalar(sql)?.int64Value ?? -1
    }

    /// Rows of `a` not in `b` plus rows of `b` not in `a`, as multisets: 0 when the tables are equal.
    func difference(_ a: String, _ b: String) throws -> Int64 {
        try count(
            "SELECT (SELECT count(*) FROM (FROM \(a) EXCEPT ALL FROM \(b))) + (SELECT count(*) FROM (FROM \(b) EXCEPT ALL FROM \(a)))"
        )
    }

    /// The column names of a table.
    func describe(_ table: String) throws -> [String] {
        try rows("DESCRIBE \(table)").compactMap { $0.first?.stringValue }
    }

    /// 'table', 'view' or nil for `main.<name>`.
    func relationKind(_ name: String) throws -> String? {
        try connection.scalar(
            """
            SELECT 'table' FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $1
            UNION ALL SELECT 'view' FROM duckdb_views() WHERE database_name = current_database() AND schema_name = 'main' AND view_name = $1
            """, .varchar(name))?.stringValue
    }

    func state(_ model: String) throws -> ModelState? {
        try ModelStateStore(connection: connection).state(of: model)
    }
}

/// `2024-05-01 10:00:00` read as UTC.
func utc(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.date(from: text.replacingOccurrences(of: " ", with: "T") + "Z") ?? Date.distantPast
}
