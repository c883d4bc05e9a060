import DuckDB
import Foundation
import PostgresWire
import Testing
import TesseraIngest

/// The postgres connector against the throwaway server `make test` starts
/// (`scripts/postgres-test-cluster.sh` exports TESSERA_TEST_PG_URL). Without it these tests fail.
@Suite(.serialized) struct PostgresLoadTests {
    static func server() throws -> PostgresConnection {
        guard let url = ProcessInfo.processInfo.environment["TESSERA_TEST_PG_URL"], !url.isEmpty else {
            throw FixtureError(
                message:
                    "TESSERA_TEST_PG_URL is not set: run the tests with `make test` or `scripts/postgres-test-cluster.sh run -- swift test`."
            )
        }
        return try PostgresConnection.connect(try PostgresURL(url))
    }

    /// A fresh table with `rows` orders; returns its name.
    static func ordersTable(rows: Int) throws -> String {
        let name = "orders_\(UInt32.random(in: 0...UInt32.max))"
        let pg = try server()
        defer { pg.close() }
        _ = try pg.simpleQuery(
            """
            CREATE TABLE public.\(name) (id bigint PRIMARY KEY, customer text, amount numeric(12,2), paid boolean,
                                         note text, updated_at timestamp NOT NULL);
            INSERT INTO public.\(name)
            SELECT i, 'customer, "' || (i % 7) || '"', (i % 1000) / 10.0, i % 2 = 0,
                   CASE WHEN i % 10 = 0 THEN NULL WHEN i % 10 = 1 THEN '' ELSE 'line one' || chr(10) || 'line two' END,
                   timestamp '2026-11-01' + i * interval '1 second'
            FROM generate_series(1, \(rows)) AS i;
            """)
        return name
    }

    static func mesh(table: String, mode: String = "incremental") throws -> MeshFixture {
        let mesh = try MeshFixture()
        try mesh.source(
            "shop_orders",
            """
            connector:
              type: postgres
              url: ${TESSERA_TEST_PG_URL}
              table: public.\(table)
            load: {mode: \(mode), cursor: updated_at, primary_key: [id]}

            """)
        return mesh
    }

    @Test func aTableLoadsWithItsTypesAndValuesIntact() async throws {
        let table = try Self.ordersTable(rows: 5_000)
        let mesh = try Self.mesh(table: table)
        let (report, failure) = try await mesh.ingestOne("shop_orders")
        #expect(failure == nil, "\(String(describing: failure))")
        #expect(report.loadedRows == 5_000)
        let types = try mesh.rows(
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'shop_orders' ORDER BY ordinal_position"
        )
        #expect(
            types.prefix(6).map { $0[0] }
                == ["BIGINT", "VARCHAR", "DECIMAL(12,2)", "BOOLEAN", "VARCHAR", "TIMESTAMP"].map(DuckDBValue.varchar))
        let sample = try mesh.rows(
            "SELECT customer, amount::VARCHAR, paid, note FROM src.shop_orders WHERE id IN (10, 12) ORDER BY id")
        #expect(
            sample == [
                [.varchar("customer, \"3\""), .varchar("1.00"), .boolean(true), .null],
                [.varchar("customer, \"5\""), .varchar("1.20"), .boolean(true), .varchar("line one\nline two")],
            ])
        // An empty string is not NULL in PostgreSQL; standardizing (empty_as_null) makes it NULL.
        #expect(try mesh.count("SELECT count(*) FROM src.shop_orders WHERE note IS NULL") == 1_000)
    }

    @Test func incrementalLoadsFetchOnlyRowsPastTheCursorAndApplyUpdates() async throws {
        let table = try Self.ordersTable(rows: 1_000)
        let mesh = try Self.mesh(table: table)
        _ = try await mesh.ingestOne("shop_orders")
        let pg = try Self.server()
        _ = try pg.simpleQuery(
            """
            UPDATE public.\(table) SET amount = 999.99, updated_at = timestamp '2026-12-01' WHERE id IN (1, 2);
            INSERT INTO public.\(table) VALUES (5001, 'new', 1, true, 'n', timestamp '2026-12-02');
            """)
        pg.close()
        let (report, failure) = try await mesh.ingestOne("shop_orders")
        #expect(failure == nil)
        // Pushed into PostgreSQL: only the changed rows travel, and row 1000 at the last mark,
        // which is recognised as loaded already.
        #expect(report.extractedRows == 4)
        #expect(report.staleRows == 1)
        #expect(report.loadedRows == 3)
        #expect(try mesh.count("SELECT count(*) FROM src.shop_orders") == 1_001)
        #expect(try mesh.rows("SELECT amount::VARCHAR FROM src.shop_orders WHERE id = 2") == [[.varchar("999.99")]])
        let (again, _) = try await mesh.ingestOne("shop_orders")
        #expect(again.status == .upToDate)
        #expect(again.extractedRows == 1)
        #expect(again.staleRows == 1)
        #expect(try mesh.count("SELECT count(*) FROM src.shop_orders") == 1_001)
    }

    @Test func anUnreachableServerFailsNamingTheEndpointButNotThePassword() async throws {
        let mesh = try MeshFixture()
        try mesh.source(
            "shop_orders",
            """
            connector: {type: postgres, url: "postgres://app:s3cr3t-pw@127.0.0.1:1/shop", table: public.orders}

            """)
        let (report, failure) = try await mesh.ingestOne("shop_orders")
        #expect(report.status == .failed)
        #expect(failure?.kind == .extraction)
        let text = try #require(failure?.description)
        #expect(text.hasPrefix("domains/sales/sources/shop_orders.yaml:1:1: cannot read from PostgreSQL"))
        #expect(text.contains("127.0.0.1:1/shop"))
        #expect(!text.contains("s3cr3t"))
    }

    @Test func aWrongPasswordIsSaidPlainly() async throws {
        let real = try #require(ProcessInfo.processInfo.environment["TESSERA_TEST_PG_URL"])
        let url = try PostgresURL(real)
        let host: String
        if case .tcp(let name) = url.host { host = name } else { host = "127.0.0.1" }
        let mesh = try MeshFixture()
        try mesh.source(
            "shop_orders",
            """
            connector: {type: postgres, url: "postgres://\(url.user):wrong-password@\(host):\(url.port)/\(url.database)", table: public.x}

            """)
        let (_, failure) = try await mesh.ingestOne("shop_orders")
        #expect(failure?.kind == .extraction)
        #expect(failure?.hint == "check the user and password in the connector's url")
        #expect(failure?.description.contains("wrong-password") == false)
    }

    /// The server fails half-way through the COPY, while DuckDB is already parsing the stream:
    /// the load must fail, and nothing may be landed or loaded.
    @Test func anErrorHalfWayThroughTheDownloadFailsTheLoad() async throws {
        let mesh = try MeshFixture()
        try mesh.source(
            "broken",
            """
            connector:
              type: postgres
              url: ${TESSERA_TEST_PG_URL}
              query: "select i, 1 / (i - 150000) as x from generate_series(1, 300000) as i"

            """)
        let (report, failure) = try await mesh.ingestOne("broken")
        #expect(report.status == .failed)
        #expect(failure?.kind == .extraction)
        #expect(failure?.message.contains("division by zero") == true, "\(String(describing: failure))")
        #expect(try mesh.rows("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'broken'") == [[.bigint(0)]])
        let landing = mesh.layout.landingDirectory(domain: "sales", source: "broken")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: landing.path)) ?? []).isEmpty)
    }

    /// The table's primary key lets the load skip its dedup, but not when standardizing can make
    /// two distinct keys equal ('a' and ' a' once trimmed), nor when the table has no unique key.
    @Test func keysTheServerKeepsUniqueButTrimmingMergesAreStillDeduplicated() async throws {
        let name = "codes_\(UInt32.random(in: 0...UInt32.max))"
        let pg = try Self.server()
        _ = try pg.simpleQuery(
            """
            CREATE TABLE public.\(name) (code text PRIMARY KEY, v int);
            INSERT INTO public.\(name) VALUES ('a', 1), (' a', 2), ('b', 3);
            CREATE TABLE public.\(name)_nokey (id bigint, v int);
            INSERT INTO public.\(name)_nokey VALUES (1, 1), (1, 2), (2, 3);
            """)
        pg.close()
        let mesh = try MeshFixture()
        try mesh.source(
            "codes",
            """
            connector: {type: postgres, url: "${TESSERA_TEST_PG_URL}", table: public.\(name)}
            load: {mode: full, primary_key: [code]}

            """)
        try mesh.source(
            "nokey",
            """
            connector: {type: postgres, url: "${TESSERA_TEST_PG_URL}", table: public.\(name)_nokey}
            load: {mode: full, primary_key: [id]}

            """)
        let (codes, codesFailure) = try await mesh.ingestOne("codes")
        #expect(codesFailure == nil, "\(String(describing: codesFailure))")
        #expect(codes.loadedRows == 2)
        #expect(codes.deduplicatedRows == 1)
        let (nokey, nokeyFailure) = try await mesh.ingestOne("nokey")
        #expect(nokeyFailure == nil, "\(String(describing: nokeyFailure))")
        #expect(nokey.loadedRows == 2)
        #expect(nokey.deduplicatedRows == 1)
        #expect(try mesh.count("SELECT count(*) FROM src.nokey WHERE id = 1 AND v = 2") == 1)
    }

    @Test func aQueryThatDoesNotRunFailsWithTheServersMessage() async throws {
        let mesh = try MeshFixture()
        try mesh.source(
            "missing",
            """
            connector: {type: postgres, url: "${TESSERA_TEST_PG_URL}", table: public.no_such_table}

            """)
        let (_, failure) = try await mesh.ingestOne("missing")
        #expect(failure?.kind == .extraction)
        #expect(failure?.message.contains("no_such_table") == true, "\(String(describing: failure))")
    }
}
