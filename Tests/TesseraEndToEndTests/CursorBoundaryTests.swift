import DuckDB
import FlyingFox
import Foundation
import Testing

/// Incremental loads through the real binary, at the cursor's boundary: a row whose cursor equals
/// the previous load's maximum (a second file, a late write, a record added to an API) must
/// reach `src.<source>`, and a re-run must neither lose nor duplicate a row, with or without a
/// primary key, for every kind of connector.
@Suite struct CursorBoundaryTests {
    func mesh(_ sourceYAML: String) throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try dir.write(
            "tessera.yaml", "mesh: cursors\ngovernance: {require_description: false, require_classification: false}\n")
        try dir.write("domains/shop/domain.yaml", "owner: shop@x\n")
        try dir.write("domains/shop/sources/orders.yaml", sourceYAML)
        return dir
    }

    func rows(_ dir: TemporaryDirectory, _ sql: String) throws -> [[DuckDBValue]] {
        let file = dir.url.appendingPathComponent(".tessera/dev/domains/shop/warehouse.duckdb").path
        return try Database(path: file, options: ["access_mode": "READ_ONLY"]).connect().rows(sql)
    }

    /// Runs `tessera ingest --format json` and returns the one source's summary.
    func ingest(_ dir: TemporaryDirectory, environment: [String: String] = [:]) async throws -> [String: Any] {
        try await summary(try TesseraBinary.run(["ingest", "--format", "json"], in: dir.url, environment: environment))
    }

    /// The same, waiting on a thread of its own: the fixture API answers on the cooperative pool,
    /// which a blocking wait there could leave without a thread to answer with.
    func ingestAwaiting(_ dir: TemporaryDirectory) async throws -> [String: Any] {
        let project = dir.url
        let outcome = try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    with: Result { try TesseraBinary.run(["ingest", "--format", "json"], in: project) })
            }
        }
        return try summary(outcome)
    }

    func summary(_ outcome: TesseraBinary.Outcome) throws -> [String: Any] {
        #expect(outcome.status == 0, "\(outcome.stdout)\n\(outcome.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        let sources = try #require(json?["sources"] as? [[String: Any]])
        return try #require(sources.first)
    }

    static let keyed = "load: {mode: incremental, cursor: updated_at, primary_key: [order_id]}\n"
    static let keyless = "load: {mode: incremental, cursor: updated_at}\n"

    // MARK: - Files

    @Test func aNewFileWithARowAtThePreviousMaximumIsLoaded() async throws {
        let dir = try mesh("connector: {type: csv, path: domains/shop/data/orders_*.csv}\n" + Self.keyed)
        try dir.write(
            "domains/shop/data/orders_1.csv",
            "order_id,amount,updated_at\n1,10,2026-11-01 10:00:00\n2,20,2026-11-01 11:00:00\n")
        await #expect(try ingest(dir)["loadedRows"] as? Int == 2)
        try dir.write("domains/shop/data/orders_2.csv", "order_id,amount,updated_at\n3,30,2026-11-01 11:00:00\n")
        let second = try await ingest(dir)
        #expect(second["loadedRows"] as? Int == 1)
        #expect(
            try rows(dir, "SELECT order_id FROM src.orders ORDER BY order_id") == [
                [.bigint(1)], [.bigint(2)], [.bigint(3)],
            ])
        await #expect(try ingest(dir)["status"] as? String == "up_to_date")
        #expect(try rows(dir, "SELECT count(*) FROM src.orders") == [[.bigint(3)]])
    }

    @Test func withoutAKeyBoundaryRowsAreLoadedOnceWhetherNewOrReRead() async throws {
        let dir = try mesh("connector: {type: csv, path: domains/shop/data/orders_*.csv}\n" + Self.keyless)
        try dir.write(
            "domains/shop/data/orders_1.csv",
            "order_id,amount,updated_at\n1,10,2026-11-01 10:00:00\n2,20,2026-11-01 11:00:00\n")
        _ = try await ingest(dir)
        // An export overlapping the last one by its boundary row, with a new row at the same time.
        try dir.write(
            "domains/shop/data/orders_2.csv",
            "order_id,amount,updated_at\n2,20,2026-11-01 11:00:00\n3,30,2026-11-01 11:00:00\n")
        let second = try await ingest(dir)
        #expect(second["loadedRows"] as? Int == 1)
        #expect(second["staleRows"] as? Int == 1)
        // A file that grew: its old rows are read again, the appended one is new.
        try dir.write(
            "domains/shop/data/orders_1.csv",
            """
            order_id,amount,updated_at
            1,10,2026-11-01 10:00:00
            2,20,2026-11-01 11:00:00
            4,40,2026-11-01 11:00:00

            """)
        let third = try await ingest(dir)
        #expect(third["loadedRows"] as? Int == 1)
        #expect(third["staleRows"] as? Int == 2)
        #expect(
            try rows(dir, "SELECT order_id, count(*) FROM src.orders GROUP BY ALL ORDER BY order_id")
                == [
                    [.bigint(1), .bigint(1)], [.bigint(2), .bigint(1)], [.bigint(3), .bigint(1)],
                    [.bigint(4), .bigint(1)],
                ])
    }

    // MARK: - PostgreSQL

    static func postgresURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["TESSERA_TEST_PG_URL"], !url.isEmpty else {
            throw PostgresUnavailable()
        }
        return url
    }

    struct PostgresUnavailable: Error, CustomStringConvertible {
        var description: String {
            "TESSERA_TEST_PG_URL is not set: run with `scripts/postgres-test-cluster.sh run -- swift test`"
        }
    }

    /// Runs SQL on the test server through psql (the test target links no PostgreSQL client).
    static func psql(_ sql: String) throws {
        let process = Process()
        let bin = ProcessInfo.processInfo.environment["TESSERA_TEST_PG_BINDIR"].map { $0 + "/psql" } ?? "/usr/bin/psql"
        process.executableURL = URL(
            fileURLWithPath: FileManager.default.isExecutableFile(atPath: bin) ? bin : "/usr/bin/psql")
        process.arguments = [try postgresURL(), "-v", "ON_ERROR_STOP=1", "-q", "-c", sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "psql failed on: \(sql)")
    }

    @Test(arguments: [true, false]) func aLateWriteWithTheSameTimestampIsLoadedAndReRunsAreIdempotent(keyed: Bool)
        async throws
    {
        let url = try Self.postgresURL()
        let table = "boundary_\(UInt32.random(in: 0...UInt32.max))"
        try Self.psql(
            """
            CREATE TABLE public.\(table) (order_id bigint\(keyed ? " PRIMARY KEY" : ""), amount numeric(10,2), updated_at timestamp NOT NULL);
            INSERT INTO public.\(table) VALUES (1, 10, '2026-11-01 10:00:00'), (2, 20, '2026-11-01 11:00:00');
            """)
        defer { try? Self.psql("DROP TABLE public.\(table)") }
        let dir = try mesh(
            "connector: {type: postgres, url: \"${TESSERA_TEST_PG_URL}\", table: public.\(table)}\n"
                + (keyed ? Self.keyed : Self.keyless))
        let environment = ["TESSERA_TEST_PG_URL": url]
        await #expect(try ingest(dir, environment: environment)["loadedRows"] as? Int == 2)
        // A transaction that began before the first load commits after it, with the same time.
        try Self.psql("INSERT INTO public.\(table) VALUES (3, 30, '2026-11-01 11:00:00')")
        let second = try await ingest(dir, environment: environment)
        #expect(second["loadedRows"] as? Int == 1)
        #expect(second["staleRows"] as? Int == 1)
        let third = try await ingest(dir, environment: environment)
        #expect(third["status"] as? String == "up_to_date")
        #expect(third["loadedRows"] as? Int == 0)
        #expect(
            try rows(dir, "SELECT order_id, count(*) FROM src.orders GROUP BY ALL ORDER BY order_id")
                == [[.bigint(1), .bigint(1)], [.bigint(2), .bigint(1)], [.bigint(3), .bigint(1)]])
    }

    // MARK: - HTTP

    @Test(arguments: [true, false]) func aRecordAddedToAnAPIAtTheLastTimestampIsLoaded(keyed: Bool) async throws {
        let api = try await RecordsAPI.start(records: [
            #"{"order_id":1,"amount":10,"updated_at":"2026-11-01 10:00:00"}"#,
            #"{"order_id":2,"amount":20,"updated_at":"2026-11-01 11:00:00"}"#,
        ])
        defer { Task { await api.stop() } }
        let dir = try mesh(
            """
            connector: {type: http, url: "\(api.url)", records: /data}
            schema: {columns: [{name: updated_at, type: TIMESTAMP}]}

            """ + (keyed ? Self.keyed : Self.keyless))
        #expect(try await ingestAwaiting(dir)["loadedRows"] as? Int == 2)
        await api.records.append(#"{"order_id":3,"amount":30,"updated_at":"2026-11-01 11:00:00"}"#)
        let second = try await ingestAwaiting(dir)
        #expect(second["loadedRows"] as? Int == 1)
        #expect(second["staleRows"] as? Int == 2)
        let third = try await ingestAwaiting(dir)
        #expect(third["status"] as? String == "up_to_date")
        #expect(
            try rows(dir, "SELECT order_id::BIGINT, count(*) FROM src.orders GROUP BY ALL ORDER BY 1")
                == [[.bigint(1), .bigint(1)], [.bigint(2), .bigint(1)], [.bigint(3), .bigint(1)]])
    }
}

/// An API on 127.0.0.1 serving `{"data": [records…]}` at `/orders`, whose records a test changes
/// between loads (a `FixtureServer`: it answers even while other tests block the shared pool).
final class RecordsAPI: Sendable {
    actor Records {
        var items: [String]
        init(_ items: [String]) { self.items = items }
        func append(_ record: String) { items.append(record) }
        var body: String { #"{"data":["# + items.joined(separator: ",") + "]}" }
    }

    let records: Records
    let server: FixtureServer
    var url: String { server.url("/orders") }

    private init(records: Records, server: FixtureServer) {
        self.records = records
        self.server = server
    }

    static func start(records items: [String]) async throws -> RecordsAPI {
        let records = Records(items)
        let server = try await FixtureServer.start { _ in
            HTTPResponse(
                statusCode: .ok, headers: HTTPHeaders([.contentType: "application/json"]),
                body: Data(await records.body.utf8))
        }
        return RecordsAPI(records: records, server: server)
    }

    func stop() async { await server.stop() }
}
