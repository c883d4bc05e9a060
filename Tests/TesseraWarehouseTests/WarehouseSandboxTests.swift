import DuckDB
import Foundation
import TesseraModel
import TesseraTesting
import TesseraWarehouse
import Testing

/// The second wall: a warehouse runs under DuckDB's own sandbox, which holds without the SQL guard.
/// SQL run straight on its connection reaches its domain's folders, its file sources and the
/// products it may read, and nothing else; the sandbox cannot be switched off from SQL.
@Suite struct WarehouseSandboxTests {
    static let files = [
        "domains/sales/sources/orders.yaml": MeshFixture.csvSource("domains/sales/data/*.csv"),
        "domains/sales/data/orders.csv": "id\n1\n",
        "domains/sales/products/orders.yaml":
            "version: 1.0.0\naccess: {readers: [finance]}\ncontract: {columns: [{name: id, type: BIGINT}]}\n",
        "domains/sales/models/orders.sql": "select id from src.orders\n",
        "domains/sales/products/secret.yaml":
            "version: 1.0.0\naccess: {readers: []}\ncontract: {columns: [{name: id, type: BIGINT}]}\n",
        "domains/sales/models/secret.sql": "select id from src.orders\n",
        "domains/marketing/domain.yaml": "owner: team@example.com\n",
        "domains/finance/domain.yaml": "owner: team@example.com\n",
    ]

    /// A Parquet file in the lake of `product` of sales, as a published snapshot would be.
    func snapshot(_ fixture: MeshFixture, _ product: String) throws -> String {
        let folder = fixture.layout.productDirectory(domain: "sales", product: product).appendingPathComponent("s1")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("part.parquet").path
        try Connection(Database()).execute("COPY (SELECT 42 AS id) TO \(SQL.literal(file))")
        return file
    }

    func open(_ domain: String, _ fixture: MeshFixture) throws -> Connection {
        let project = try fixture.project()
        let sandbox = Warehouse.sandbox(domain: domain, project: project, layout: fixture.layout)
        let warehouse = try Warehouse(domain: domain, file: fixture.layout.warehouseFile(domain), sandbox: sandbox)
        return try warehouse.connect()
    }

    func refused(_ sql: String, on connection: Connection) -> Bool {
        do {
            _ = try connection.rows(sql)
            return false
        } catch {
            // "disabled by configuration", "disabled through configuration", "Cannot change …"
            return "\(error)".contains("configuration") || "\(error)".contains("Cannot")
        }
    }

    @Test func aWarehouseReadsOnlyWhatItsDomainMayRead() throws {
        let fixture = try MeshFixture(Self.files)
        let orders = try snapshot(fixture, "orders")
        let secret = try snapshot(fixture, "secret")

        let finance = try open("finance", fixture)
        #expect(try finance.scalar("SELECT id FROM read_parquet(\(SQL.literal(orders)))")?.int64Value == 42)
        #expect(refused("SELECT * FROM read_parquet(\(SQL.literal(secret)))", on: finance))
        #expect(refused("SELECT * FROM read_text('/etc/passwd')", on: finance))
        #expect(refused("SELECT * FROM glob('/etc/*')", on: finance))
        #expect(refused("SELECT * FROM read_csv('https://example.com/x.csv')", on: finance))
        let csv = fixture.root.appendingPathComponent("domains/sales/data/orders.csv").path
        #expect(refused("SELECT * FROM read_csv(\(SQL.literal(csv)))", on: finance))
        #expect(refused("COPY (SELECT 1) TO '/tmp/tessera-escape-\(UUID().uuidString).csv'", on: finance))
        #expect(refused("ATTACH \(SQL.literal(fixture.layout.warehouseFile("sales").path)) AS s", on: finance))
        #expect(refused("SET enable_external_access = true", on: finance))
        #expect(refused("SET allowed_directories = ['/']", on: finance))

        let marketing = try open("marketing", fixture)
        #expect(refused("SELECT * FROM read_parquet(\(SQL.literal(orders)))", on: marketing))

        let sales = try open("sales", fixture)
        #expect(try sales.scalar("SELECT count(*) FROM read_csv(\(SQL.literal(csv)))")?.int64Value == 1)
        #expect(try sales.scalar("SELECT id FROM read_parquet(\(SQL.literal(secret)))")?.int64Value == 42)
    }

    @Test func aLockedSandboxRefusesEverySetting() throws {
        let database = try Database(options: Sandbox.openOptions)
        try Sandbox(directories: []).confine(database)
        try Sandbox.lock(database)
        try Sandbox.lock(database)  // again: nothing happens
        let connection = try database.connect()
        #expect(Sandbox.isLocked(connection))
        #expect(refused("SET threads = 1", on: connection))
        #expect(refused("SET lock_configuration = false", on: connection))
        #expect(refused("SELECT * FROM read_text('/etc/passwd')", on: connection))
        #expect(refused("INSTALL httpfs", on: connection))
        #expect(refused("LOAD httpfs", on: connection))
    }
}
