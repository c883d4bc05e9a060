import DuckDB
import Foundation
import Synchronization
import TesseraTesting
import TesseraWarehouse
import Testing

/// A warehouse file as it opens: its two schemas, and bookkeeping each part sets up once.
@Suite struct WarehouseTests {
    func open(_ folder: TemporaryDirectory) throws -> Warehouse {
        try Warehouse(
            domain: "sales", file: folder.file("sales/warehouse.duckdb"), sandbox: Sandbox(directories: [folder.url]))
    }

    @Test func aNewWarehouseHasItsSchemasAndNoOnesTables() throws {
        let folder = try TemporaryDirectory()
        let connection = try open(folder).connect()
        let schemas = try connection.rows(
            "SELECT schema_name FROM duckdb_schemas() WHERE database_name = current_database() ORDER BY 1"
        ).compactMap { row -> String? in if case .varchar(let name)? = row.first { name } else { nil } }
        #expect(schemas.contains("src") && schemas.contains("_tessera"))
        // The load ledger is ingestion's: it creates its tables when it first loads.
        #expect(
            try connection.scalar("SELECT count(*) FROM duckdb_tables() WHERE schema_name = '_tessera'") == .bigint(0))
    }

    @Test func bookkeepingIsPreparedOncePerOpen() throws {
        let folder = try TemporaryDirectory()
        let warehouse = try open(folder)
        let calls = Mutex(0)
        for _ in 0..<3 {
            try warehouse.prepare("ledger") { connection in
                calls.withLock { $0 += 1 }
                try connection.execute("CREATE TABLE IF NOT EXISTS _tessera.ledger (id INTEGER)")
            }
        }
        #expect(calls.withLock { $0 } == 1)
        try warehouse.prepare("another") { _ in calls.withLock { $0 += 1 } }
        #expect(calls.withLock { $0 } == 2)
    }

    @Test func aFailedPreparationIsTriedAgain() throws {
        struct Refused: Error {}
        let folder = try TemporaryDirectory()
        let warehouse = try open(folder)
        #expect(throws: Refused.self) { try warehouse.prepare("ledger") { _ in throw Refused() } }
        var ran = false
        try warehouse.prepare("ledger") { _ in ran = true }
        #expect(ran)
    }
}
