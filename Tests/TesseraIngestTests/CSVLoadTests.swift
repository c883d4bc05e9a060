import DuckDB
import Foundation
import Testing
import TesseraIngest

@Suite struct CSVLoadTests {
    static let ordersSource = """
        connector:
          type: csv
          path: data/orders*.csv
        load: {mode: incremental, cursor: updated_at, primary_key: [order_id]}
        schema:
          columns:
            - {name: order_id, type: BIGINT, nullable: false}
            - {name: amount, type: "DECIMAL(12,2)"}
            - {name: updated_at, type: TIMESTAMP, nullable: false}

        """

    @Test func firstLoadStandardizesNamesTypesAndStrings() async throws {
        let mesh = try MeshFixture()
        try mesh.source("orders", Self.ordersSource)
        try mesh.write(
            "data/orders_1.csv",
            """
            Order ID,Amount,updated_at,Customer Name
            1,10.50,2026-11-01 10:00:00,  Ada  
            2,7.25,2026-11-01 11:00:00,
            3,1.00,2026-11-01 12:00:00,Grace

            """)
        let (report, failure) = try await mesh.ingestOne("orders")
        #expect(failure == nil)
        #expect(report.status == .committed)
        #expect(report.extractedRows == 3)
        #expect(report.loadedRows == 3)
        #expect(report.rejectedRows == 0)

        let columns = try mesh.rows(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'src' AND table_name = 'orders' ORDER BY ordinal_position"
        )
        #expect(
            columns.map { $0[0] }
                == ["order_id", "amount", "updated_at", "customer_name", "_load_id", "_loaded_at"].map(
                    DuckDBValue.varchar))
        #expect(columns[1][1] == .varchar("DECIMAL(12,2)"))
        let names = try mesh.rows("SELECT customer_name FROM src.orders ORDER BY order_id")
        #expect(names.map { $0[0] } == [.varchar("Ada"), .null, .varchar("Grace")])
        let loadIDs = try mesh.rows("SELECT DISTINCT _load_id FROM src.orders")
        #expect(loadIDs == [[.varchar(report.loadID.rawValue)]])
    }

    @Test func theRawBatchLandsUnchangedAsParquetNamedByTheLoadID() async throws {
        let mesh = try MeshFixture()
        try mesh.source("orders", Self.ordersSource)
        try mesh.write("data/orders_1.csv", "Order ID,Amount,updated_at\n1, 10.50 ,2026-11-01 10:00:00\n")
        let (report, _) = try await mesh.ingestOne("orders")
        let landed = mesh.layout.landingDirectory(domain: "sales", source: "orders").appendingPathComponent(
            "\(report.loadID.rawValue).parquet")
        #expect(FileManager.default.fileExists(atPath: landed.path))
        #expect(report.landedFile == landed.path)
        let database = try Database()
        let raw = try database.connect().rows("SELECT \"Order ID\" FROM read_parquet('\(landed.path)')")
        #expect(raw == [[.bigint(1)]])
    }

    @Test func whatAKilledLoadLeftInStagingGoesWithTheNextLoad() async throws {
        let mesh = try MeshFixture()
        try mesh.source("orders", Self.ordersSource)
        try mesh.write("data/orders_1.csv", "order_id,amount,updated_at\n1,1.00,2026-11-01 10:00:00\n")
        let leftover = mesh.layout.stagingDirectory(domain: "sales", loadID: "20260101T000000000Z-dead00")
        try FileManager.default.createDirectory(at: leftover, withIntermediateDirectories: true)
        try Data("a half-downloaded table".utf8).write(to: leftover.appendingPathComponent("extract.csv"))
        let (report, failure) = try await mesh.ingestOne("orders")
        #expect(failure == nil && report.status == .committed)
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
    }

    @Test func aRerunLoadsNothingTwice() async throws {
        let mesh = try MeshFixture()
        try mesh.source("orders", Self.ordersSource)
        try mesh.write(
            "data/orders_1.csv", "order_id,amount,updated_at\n1,1,2026-11-01 10:00:00\n2,2,2026-11-01 10:00:00\n")
        _ = try await mesh.ingestOne("orders")
        let (again, failure) = try await mesh.ingestOne("orders")
        #expect(failure == nil)
        #expect(again.status == .upToDate)
        #expect(again.loadedRows == 0)
        #expect(try mesh.count("SELECT count(*) FROM src.orders") == 2)
        #expect(try mesh.count("SELECT count(*) FROM _tessera.loads WHERE status = 'committed'") == 1)
    }

    @Test func incrementalLoadsUpdateByKeyAndSkipRowsAtOrBelowTheCursor() async throws {
        let mesh = try MeshFixture()
        try mesh.source("orders", Self.ordersSource)
        try mesh.write(
            "data/orders_1.csv", "order_id,amount,updated_at\n1,10,2026-11-01 10:00:00\n2,20,2026-11-01 11:00:00\n")
        _ = try await mesh.ingestOne("orders")
        // The next export repeats an old row, updates order 2 twice, and adds order 3.
        try mesh.write(
            "data/orders_2.csv",
            """
            order_id,amount,updated_at
            1,10,2026-11-01 10:00:00
            2,21,2026-11-02 09:00:00
            2,22,2026-11-02 10:00:00
            3,30,2026-11-02 08:00:00

            """)
        let (report, failure) = try await mesh.ingestOne("orders")
        #expect(failure == nil)
        #expect(report.extractedRows == 4)
        #expect(report.staleRows == 1)
        #expect(report.deduplicatedRows == 1)
        #expect(report.loadedRows == 2)
        let rows = try mesh.rows("SELECT order_id, amount::VARCHAR FROM src.orders ORDER BY order_id")
        #expect(
            rows == [
                [.bigint(1), .varchar("10.00")], [.bigint(2), .varchar("22.00")], [.bigint(3), .varchar("30.00")],
            ])
        let cursor = try mesh.rows(
            "SELECT cursor_max FROM _tessera.loads WHERE status = 'committed' ORDER BY load_id DESC LIMIT 1")
        #expect(cursor == [[.varchar("2026-11-02 10:00:00")]])
    }

    @Test func aChangedFileIsNoticedInFullMode() async throws {
        let mesh = try MeshFixture()
        try mesh.source(
            "customers",
            """
            connector: {type: csv, path: data/customers.csv}
            load: {mode: full, primary_key: [id]}

            """)
        try mesh.write("data/customers.csv", "id,name\n1,Ada\n2,Grace\n")
        _ = try await mesh.ingestOne("customers")
        try mesh.write("data/customers.csv", "id,name\n1,Ada Lovelace\n")
        let (report, _) = try await mesh.ingestOne("customers")
        #expect(report.status == .committed)
        #expect(try mesh.rows("SELECT id, name FROM src.customers") == [[.bigint(1), .varchar("Ada Lovelace")]])
    }

    @Test func duplicateKeysWithoutACursorKeepTheLastInLoadOrder() async throws {
        let mesh = try MeshFixture()
        try mesh.source(
            "customers",
            """
            connector: {type: csv, path: data/customers.csv}
            load: {mode: full, primary_key: [id]}

            """)
        try mesh.write("data/customers.csv", "id,name\n1,first\n2,x\n1,second\n1,third\n")
        let (report, _) = try await mesh.ingestOne("customers")
        #expect(report.deduplicatedRows == 2)
        #expect(try mesh.rows("SELECT name FROM src.customers WHERE id = 1") == [[.varchar("third")]])
    }
}
