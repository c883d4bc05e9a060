import DuckDB
import Foundation
import Testing
import TesseraIngest

/// HTTP sources through the whole load pipeline, against the fixture API on 127.0.0.1.
@Suite struct HTTPLoadTests {
    @Test func aPaginatedAPILoadsEveryRecordOnce() async throws {
        let server = try await FixtureServer.start()
        defer { Task { await server.stop() } }
        let mesh = try MeshFixture()
        try mesh.source(
            "api_records",
            """
            connector:
              type: http
              url: \(server.url("/page"))
              params: {per_page: "10"}
              records: /data
              pagination: {type: page, page_param: page}
            load: {mode: incremental, cursor: id, primary_key: [id]}
            schema:
              columns:
                - {name: id, type: BIGINT, nullable: false}
                - {name: amount, type: "DECIMAL(10,2)"}

            """)
        let (report, failure) = try await mesh.ingestOne("api_records")
        #expect(failure == nil, "\(String(describing: failure))")
        #expect(report.inputs == 4)  // three pages of records and the empty one that ends them
        #expect(report.loadedRows == FixtureServer.recordCount)
        #expect(try mesh.count("SELECT count(DISTINCT id) FROM src.api_records") == FixtureServer.recordCount)
        #expect(
            try mesh.rows("SELECT amount::VARCHAR, big::VARCHAR FROM src.api_records WHERE id = 7") == [
                [.varchar("1.10"), .varchar("12345678901234567890")]
            ])

        // The API serves the same records again: nothing is past the cursor.
        let (again, _) = try await mesh.ingestOne("api_records")
        #expect(again.loadedRows == 0)
        #expect(again.staleRows == FixtureServer.recordCount)
        #expect(again.status == .upToDate)
    }

    @Test func serverErrorsAreRetriedAndTheLoadCompletes() async throws {
        let server = try await FixtureServer.start()
        defer { Task { await server.stop() } }
        let mesh = try MeshFixture()
        try mesh.source(
            "flaky",
            """
            connector: {type: http, url: "\(server.url("/flaky"))", records: /data, retries: {max_attempts: 4, backoff: 1s}}

            """)
        let (report, failure) = try await mesh.ingestOne("flaky")
        #expect(failure == nil)
        #expect(report.loadedRows == 3)
        #expect(await server.log.count("/flaky") == 3)
    }

    @Test func aMissingEndpointFailsNamingTheSourceAndLeavesTheTableAlone() async throws {
        let server = try await FixtureServer.start()
        defer { Task { await server.stop() } }
        let mesh = try MeshFixture()
        try mesh.source("gone", "connector: {type: http, url: \"\(server.url("/nothing-here"))\", records: /data}\n")
        let (report, failure) = try await mesh.ingestOne("gone")
        #expect(report.status == .failed)
        #expect(failure?.kind == .extraction)
        #expect(failure?.location?.file == "domains/sales/sources/gone.yaml")
        #expect(failure?.message.contains("404") == true)
        #expect(failure?.message.contains("/nothing-here") == true)
        #expect(try mesh.rows("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'gone'") == [[.bigint(0)]])
    }
}
