import DuckDB
import Foundation
import TesseraModel
import Testing
@testable import TesseraTransform

/// The packed state row: what is written reads back the same through the view, and a warehouse
/// of an earlier version (its state an unpacked table) is converted once, its rows kept.
struct ModelStateStoreTests {
    @Test func everyFieldReadsBackAsWritten() throws {
        let warehouse = try WarehouseFixture()
        let store = try ModelStateStore(connection: warehouse.connection)
        let full = ModelState(
            fingerprint: "abc def", kind: .incremental, builtAt: utc("2024-05-01 10:00:00").addingTimeInterval(0.25),
            upstreamVersion: 42, builtFrom: utc("2024-04-01 00:00:00"), builtUntil: utc("2024-05-01 00:00:00"),
            rows: 1_234, runID: "20240501T100000Z-1a2b")
        let bare = ModelState(
            fingerprint: "v", kind: .view, builtAt: utc("2024-05-02 00:00:00"), upstreamVersion: 0, runID: "r")
        try store.write(full, of: "orders", replacing: false)
        try store.write(bare, of: "orders_v", replacing: false)
        #expect(try store.state(of: "orders") == full)
        #expect(try store.all() == ["orders": full, "orders_v": bare])
        try store.write(bare, of: "orders", replacing: true)
        #expect(try store.state(of: "orders") == bare)
        #expect(try warehouse.count("SELECT count(*) FROM _tessera.model_state") == 2)
        let viewRows = try warehouse.connection.scalar(
            "SELECT rows FROM _tessera.model_builds WHERE model = 'orders_v'")
        #expect(viewRows?.int64Value == nil)
    }

    @Test func anUnpackedStateTableIsConvertedOnceWithItsRows() throws {
        let warehouse = try WarehouseFixture()
        try warehouse.connection.execute(
            """
            CREATE SCHEMA _tessera;
            CREATE TABLE _tessera.model_builds (
                model VARCHAR NOT NULL, fingerprint VARCHAR NOT NULL, kind VARCHAR NOT NULL,
                built_at TIMESTAMP NOT NULL, upstream_version BIGINT NOT NULL, built_from TIMESTAMP,
                built_until TIMESTAMP, rows BIGINT, run_id VARCHAR NOT NULL);
            INSERT INTO _tessera.model_builds VALUES
                ('a', 'fa', 'table', TIMESTAMP '2024-05-01 10:00:00.5', 3, NULL, NULL, 10, 'r1'),
                ('b', 'fb', 'incremental', TIMESTAMP '2024-05-01 11:00:00', 4,
                    TIMESTAMP '2024-04-01', TIMESTAMP '2024-05-01', 20, 'r2');
            """)
        let states = try ModelStateStore(connection: warehouse.connection).all()
        #expect(
            states["a"]
                == ModelState(
                    fingerprint: "fa", kind: .table, builtAt: utc("2024-05-01 10:00:00").addingTimeInterval(0.5),
                    upstreamVersion: 3,
                    rows: 10, runID: "r1"))
        #expect(states["b"]?.builtFrom == utc("2024-04-01 00:00:00") && states["b"]?.rows == 20)
        #expect(
            try warehouse.connection.scalar(
                "SELECT table_type FROM information_schema.tables WHERE table_name = 'model_builds'")?.stringValue
                == "VIEW")
        _ = try ModelStateStore(connection: warehouse.connection)  // a second open changes nothing
        #expect(try warehouse.count("SELECT count(*) FROM _tessera.model_state") == 2)
    }
}
