import DuckDB
import Foundation
import TesseraModel
import Testing
@testable import TesseraTransform

@Suite("Materialize: incremental, interval mode")
struct IntervalTests {
    static let bounded = "SELECT id, ts, amount * 10 AS amount10 FROM src.events WHERE ts >= @start AND ts < @end"
    /// Forgets its bounds: the builder's own filter must keep each build to its range.
    static let unbounded = "SELECT id, ts, amount * 10 AS amount10 FROM src.events"
    static let mode = Materialization.incremental(.interval(timeColumn: "ts"))

    @Test(arguments: [bounded, unbounded])
    func runsAndBackfillsEqualAFullRefresh(sql: String) throws {
        let warehouse = try WarehouseFixture()
        let c = warehouse.connection
        try c.execute(
            """
            CREATE TABLE src.events (id INTEGER, ts TIMESTAMP, amount INTEGER);
            INSERT INTO src.events VALUES (1, '2024-05-01 09:00', 1), (2, '2024-05-02 09:00', 2), (3, '2024-05-03 08:00', 3),
                                          (0, NULL, 0);
            """)
        let first = try warehouse.build("events", sql, Self.mode, at: utc("2024-05-03 12:00:00"))
        #expect(first.action == .created && first.rowsInTable == 3)
        #expect(first.interval == .all(until: utc("2024-05-03 12:00:00")))

        // Same-day changes after the last run, a new day, and a row in the future.
        try c.execute(
            """
            INSERT INTO src.events VALUES (4, '2024-05-03 15:00', 4), (5, '2024-05-04 09:00', 5), (9, '2024-05-09 00:00', 9);
            UPDATE src.events SET amount = 30 WHERE id = 3;
            """)
        let second = try warehouse.build("events", sql, Self.mode, at: utc("2024-05-04 12:00:00"))
        #expect(second.interval == BuildInterval(start: utc("2024-05-03 00:00:00"), end: utc("2024-05-04 12:00:00")))
        #expect(second.action == .intervalReplaced(deleted: 1, inserted: 3))

        // Old days change: an update, a delete, a late arrival; a backfill repairs them.
        try c.execute(
            """
            UPDATE src.events SET amount = 100 WHERE id = 1;
            DELETE FROM src.events WHERE id = 2;
            INSERT INTO src.events VALUES (6, '2024-05-02 18:00', 6);
            """)
        let backfill = BuildInterval(start: utc("2024-05-01 00:00:00"), end: utc("2024-05-03 00:00:00"))
        let third = try warehouse.build("events", sql, Self.mode, at: utc("2024-05-04 13:00:00"), backfill: backfill)
        #expect(third.interval == backfill)
        #expect(third.action == .intervalReplaced(deleted: 2, inserted: 2))

        try c.execute("INSERT INTO src.events VALUES (7, '2024-05-04 20:00', 7), (8, '2024-05-05 01:00', 8)")
        let now = utc("2024-05-05 06:00:00")
        let fourth = try warehouse.build("events", sql, Self.mode, at: now)
        #expect(fourth.interval?.start == utc("2024-05-04 00:00:00"))

        try warehouse.build("events_full", sql, Self.mode, at: now, fullRefresh: true)
        #expect(try warehouse.difference("main.events", "main.events_full") == 0)
        #expect(try warehouse.count("SELECT count(*) FROM main.events") == 7)
        let state = try #require(try warehouse.state("events"))
        #expect(state.builtFrom == BuildInterval.beginningOfTime && state.builtUntil == now && state.rows == 7)
        #expect(state.kind == .incremental)
    }

    @Test func changedColumnsAskForAFullRefresh() throws {
        let warehouse = try WarehouseFixture()
        try warehouse.connection.execute(
            "CREATE TABLE src.events AS SELECT 1 AS id, TIMESTAMP '2024-05-01 09:00' AS ts")
        try warehouse.build(
            "events", "SELECT id, ts FROM src.events", Self.mode, at: utc("2024-05-01 12:00:00"), fingerprint: "v1")

        let changed = "SELECT id, ts, 'x' AS note, CAST(id AS BIGINT) AS big FROM src.events"
        let error = try #require(warehouse.failingBuild("events", changed, Self.mode, at: utc("2024-05-02 12:00:00")))
        #expect(error.kind == .columnsChanged)
        #expect(error.message.contains("new note VARCHAR"))
        #expect(error.hint?.contains("--full-refresh") == true)
        #expect(try warehouse.state("events")?.fingerprint == "v1")

        let retyped = try #require(
            warehouse.failingBuild("events", "SELECT CAST(id AS BIGINT) AS id, ts FROM src.events", Self.mode))
        #expect(retyped.message.contains("id INTEGER → BIGINT"))

        let rebuilt = try warehouse.build(
            "events", changed, Self.mode, at: utc("2024-05-02 12:00:00"), fullRefresh: true)
        #expect(rebuilt.action == .replaced)
        #expect(try warehouse.describe("main.events") == ["id", "ts", "note", "big"])
    }

    @Test func aFailureAfterTheDeleteRestoresTheInterval() throws {
        let warehouse = try WarehouseFixture()
        try warehouse.connection.execute(
            """
            CREATE TABLE src.events AS SELECT * FROM (VALUES (1, TIMESTAMP '2024-05-01 09:00', 1), (2, TIMESTAMP '2024-05-01 10:00', 2)) t(id, ts, amount)
            """)
        try warehouse.build(
            "events", "SELECT id, ts, amount FROM src.events", Self.mode, at: utc("2024-05-01 12:00:00"),
            fingerprint: "v1")
        let failing =
            "SELECT id, ts, CAST(CASE WHEN id = 2 THEN 'x' ELSE amount::VARCHAR END AS INTEGER) AS amount FROM src.events"
        #expect(throws: BuildError.self) {
            try warehouse.build("events", failing, Self.mode, at: utc("2024-05-01 13:00:00"), fingerprint: "v2")
        }
        #expect(try warehouse.count("SELECT count(*) FROM main.events") == 2)
        let state = try #require(try warehouse.state("events"))
        #expect(state.fingerprint == "v1" && state.builtUntil == utc("2024-05-01 12:00:00"))
    }

    @Test func timeColumnMustBeTemporal() throws {
        let warehouse = try WarehouseFixture()
        let missing = try #require(warehouse.failingBuild("m", "SELECT 1 AS id", Self.mode))
        #expect(missing.kind == .configuration && missing.message.contains("'ts'"))
        let text = try #require(warehouse.failingBuild("m", "SELECT 'x' AS ts", Self.mode))
        #expect(text.kind == .configuration && text.hint?.contains("CAST") == true)
    }

    @Test func utcDaysAndTimeZoneColumns() throws {
        #expect(BuildInterval.startOfUTCDay(containing: utc("2024-05-03 23:59:59")) == utc("2024-05-03 00:00:00"))
        #expect(BuildInterval.startOfUTCDay(containing: utc("1969-12-31 10:00:00")) == utc("1969-12-31 00:00:00"))
        let warehouse = try WarehouseFixture()
        try warehouse.connection.execute("SET TimeZone = 'America/New_York'")
        try warehouse.connection.execute(
            """
            CREATE TABLE src.events AS SELECT * FROM (VALUES (1, TIMESTAMPTZ '2024-05-01 23:30:00+00'), (2, TIMESTAMPTZ '2024-05-02 00:30:00+00')) t(id, ts)
            """)
        try warehouse.build("events", "SELECT * FROM src.events", Self.mode, at: utc("2024-05-02 12:00:00"))
        let backfill = BuildInterval(start: utc("2024-05-02 00:00:00"), end: utc("2024-05-03 00:00:00"))
        let result = try warehouse.build(
            "events", "SELECT * FROM src.events", Self.mode, at: utc("2024-05-02 13:00:00"), backfill: backfill)
        #expect(result.action == .intervalReplaced(deleted: 1, inserted: 1))
    }
}
