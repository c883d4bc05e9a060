import DuckDB
import Foundation
import TesseraModel
import Testing
@testable import TesseraTransform

@Suite("Materialize: snapshots (SCD type 2)")
struct SCD2Tests {
    static let sql = "SELECT id, name, updated_at FROM src.customers"

    /// `id name valid_from → valid_to`, oldest first.
    func history(_ warehouse: WarehouseFixture) throws -> [String] {
        try warehouse.rows(
            """
            SELECT id || ' ' || name || ' ' || strftime(valid_from, '%m-%d %H:%M') || ' → ' || coalesce(strftime(valid_to, '%m-%d %H:%M'), 'now')
            FROM main.customers ORDER BY id, valid_from
            """
        ).compactMap { $0.first?.stringValue }
    }

    func load(_ warehouse: WarehouseFixture, _ values: String) throws {
        try warehouse.connection.execute(
            """
            CREATE OR REPLACE TABLE src.customers (id INTEGER, name VARCHAR, updated_at TIMESTAMP);
            INSERT INTO src.customers VALUES \(values);
            """)
    }

    @Test func updatedAtHistoryOverThreeLoads() throws {
        let warehouse = try WarehouseFixture()
        let mode = Materialization.scd2(.init(uniqueKey: ["id"], changeDetection: .updatedAt("updated_at")))
        try load(warehouse, "(1, 'a', '2024-05-01 10:00'), (2, 'b', '2024-05-01 10:00'), (3, 'c', '2024-05-01 10:00')")
        let first = try warehouse.build("customers", Self.sql, mode, at: utc("2024-05-01 12:00:00"))
        #expect(first.action == .created && first.rowsInTable == 3)
        #expect(try warehouse.describe("main.customers") == ["id", "name", "updated_at", "valid_from", "valid_to"])

        // 1 changes, 2 only gets an older updated_at (not a change), 3 is gone.
        try load(warehouse, "(1, 'a2', '2024-05-02 09:00'), (2, 'b?', '2024-04-01 00:00')")
        let second = try warehouse.build("customers", Self.sql, mode, at: utc("2024-05-02 12:00:00"))
        #expect(second.action == .scd2Versions(opened: 1, closed: 2))
        #expect(
            try history(warehouse) == [
                "1 a 05-01 10:00 → 05-02 09:00", "1 a2 05-02 09:00 → now",
                "2 b 05-01 10:00 → now",
                "3 c 05-01 10:00 → 05-02 12:00",
            ])

        // 3 comes back, with an updated_at from before it was closed: its new version starts
        // when the old one ended, so versions never overlap.
        try load(
            warehouse, "(1, 'a2', '2024-05-02 09:00'), (2, 'b?', '2024-04-01 00:00'), (3, 'c3', '2024-05-02 08:00')")
        let third = try warehouse.build("customers", Self.sql, mode, at: utc("2024-05-03 12:00:00"))
        #expect(third.action == .scd2Versions(opened: 1, closed: 0))
        let expected = [
            "1 a 05-01 10:00 → 05-02 09:00", "1 a2 05-02 09:00 → now",
            "2 b 05-01 10:00 → now",
            "3 c 05-01 10:00 → 05-02 12:00", "3 c3 05-02 12:00 → now",
        ]
        #expect(try history(warehouse) == expected)

        // Nothing changed: nothing written. A full refresh keeps the history.
        let same = try warehouse.build("customers", Self.sql, mode, at: utc("2024-05-04 12:00:00"), fullRefresh: true)
        #expect(same.action == .scd2Versions(opened: 0, closed: 0) && same.rowsWritten == 0)
        #expect(try history(warehouse) == expected)
        #expect(try warehouse.state("customers")?.kind == .snapshot)
    }

    @Test func checkColumnsHistoryOverThreeLoads() throws {
        let warehouse = try WarehouseFixture()
        let mode = Materialization.scd2(.init(uniqueKey: ["id"], changeDetection: .checkColumns(["name"])))
        try load(warehouse, "(1, 'a', '2024-05-01 10:00'), (2, 'b', '2024-05-01 10:00'), (3, 'c', '2024-05-01 10:00')")
        try warehouse.build("customers", Self.sql, mode, at: utc("2024-05-01 12:00:00"))
        #expect(try history(warehouse) == ["1 a 05-01 12:00 → now", "2 b 05-01 12:00 → now", "3 c 05-01 12:00 → now"])

        // 1's name changes; 2 changes a column that is not checked; 3 is gone.
        try load(warehouse, "(1, 'a2', '2024-05-01 10:00'), (2, 'b', '2024-05-02 10:00')")
        let second = try warehouse.build("customers", Self.sql, mode, at: utc("2024-05-02 12:00:00"))
        #expect(second.action == .scd2Versions(opened: 1, closed: 2))

        // 3 reappears unchanged: a new version all the same, since it had been closed.
        try load(warehouse, "(1, 'a2', '2024-05-01 10:00'), (2, 'b', '2024-05-02 10:00'), (3, 'c', '2024-05-01 10:00')")
        let third = try warehouse.build("customers", Self.sql, mode, at: utc("2024-05-03 12:00:00"))
        #expect(third.action == .scd2Versions(opened: 1, closed: 0))
        #expect(
            try history(warehouse) == [
                "1 a 05-01 12:00 → 05-02 12:00", "1 a2 05-02 12:00 → now",
                "2 b 05-01 12:00 → now",
                "3 c 05-01 12:00 → 05-02 12:00", "3 c 05-03 12:00 → now",
            ])
        // The untouched row kept its first version's columns, as SCD2 does.
        #expect(
            try warehouse.rows("SELECT updated_at::VARCHAR FROM main.customers WHERE id = 2").first == [
                .varchar("2024-05-01 10:00:00")
            ])
    }

    @Test func snapshotErrors() throws {
        let warehouse = try WarehouseFixture()
        let mode = Materialization.scd2(.init(uniqueKey: ["id"], changeDetection: .checkColumns(["name"])))
        let clash = try #require(
            warehouse.failingBuild("customers", "SELECT 1 AS id, 'a' AS name, NULL AS valid_to", mode))
        #expect(clash.kind == .configuration)
        let duplicated = try #require(
            warehouse.failingBuild("customers", "SELECT 1 AS id, 'a' AS name UNION ALL SELECT 1, 'b'", mode))
        #expect(duplicated.kind == .duplicateKeys)

        try warehouse.build("customers", "SELECT 1 AS id, 'a' AS name", mode)
        let changed = try #require(
            warehouse.failingBuild("customers", "SELECT 1 AS id, 'a' AS name, 2 AS extra", mode, fullRefresh: true))
        #expect(changed.kind == .columnsChanged && changed.hint?.contains("history") == true)
        #expect(try warehouse.count("SELECT count(*) FROM main.customers") == 1)
    }
}
