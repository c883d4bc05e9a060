import DuckDB
import Foundation
import Testing
import TesseraIngest

/// The load ledger names files relative to the project and landed files relative to the
/// environment folder, so a moved or copied project knows which files it loaded; a ledger
/// written with absolute paths (by an older Tessera, maybe elsewhere) still counts its files.
@Suite struct LedgerPathTests {
    static let source = """
        connector: {type: csv, path: data/orders*.csv}
        load: {mode: append}

        """

    @Test func theLedgerRecordsNoAbsolutePath() async throws {
        let mesh = try MeshFixture()
        try mesh.source("orders", Self.source)
        try mesh.write("data/orders_1.csv", "order_id,amount\n1,10\n")
        let (report, failure) = try await mesh.ingestOne("orders")
        #expect(failure == nil && report.status == .committed)
        #expect(try mesh.rows("SELECT path FROM _tessera.load_files") == [[.varchar("data/orders_1.csv")]])
        let landed = try mesh.rows("SELECT landed_file FROM _tessera.loads")
        #expect(landed == [[.varchar("domains/sales/lake/landing/orders/\(report.loadID.rawValue).parquet")]])
    }

    @Test func filesRecordedUnderAnotherPlaceAreNotLoadedAgain() async throws {
        let mesh = try MeshFixture()
        try mesh.source("orders", Self.source)
        try mesh.write("data/orders_1.csv", "order_id,amount\n1,10\n")
        _ = try await mesh.ingestOne("orders")
        // As an older Tessera recorded it, in the project's previous place.
        do {
            let database = try Database(path: mesh.layout.warehouseFile("sales").path)
            try database.connect().execute("UPDATE _tessera.load_files SET path = '/somewhere/else/project/' || path")
        }
        try mesh.write("data/orders_2.csv", "order_id,amount\n2,20\n")
        let (report, failure) = try await mesh.ingestOne("orders")
        #expect(failure == nil)
        #expect(report.loadedRows == 1, "only orders_2.csv is new")
        #expect(try mesh.count("SELECT count(*) FROM src.orders") == 2)
    }

    @Test func rejectedRowsNameTheirFileRelativeToTheProject() async throws {
        let mesh = try MeshFixture()
        try mesh.source("orders", SchemaAndRejectTests.source(maxRejected: "0.9"))
        try mesh.write("data/1.csv", "id,amount\n1,1.5\n2,lots\n,3\n")
        let (report, failure) = try await mesh.ingestOne("orders")
        #expect(failure == nil && report.rejectedRows == 2)
        let rejected = try mesh.rows("SELECT _file, _record FROM src.orders__rejected ORDER BY _line NULLS LAST")
        #expect(rejected.map { $0[0] } == [.varchar("data/1.csv"), .varchar("data/1.csv")])
        #expect(!"\(rejected)".contains(mesh.root.path), "\(rejected)")
    }
}
