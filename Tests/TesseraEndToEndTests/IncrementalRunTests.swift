import DuckDB
import Foundation
import Testing

/// Incremental models and snapshots through `tessera run`, on data that changes between runs.
@Suite struct IncrementalRunTests {
    func mesh() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try dir.write(
            "tessera.yaml", "mesh: inc\ngovernance: {require_description: false, require_classification: false}\n")
        try dir.write("domains/shop/domain.yaml", "owner: shop@x\n")
        try dir.write(
            "domains/shop/sources/events.yaml",
            "connector: {type: csv, path: domains/shop/data/events*.csv}\nload: {mode: full}\n")
        try dir.write(
            "domains/shop/sources/customers.yaml",
            "connector: {type: csv, path: domains/shop/data/customers.csv}\nload: {mode: full}\n")
        try dir.write(
            "domains/shop/models/daily.sql",
            """
            select event_id, ts, amount * 2 as doubled from src.events
            where ts >= @start and ts < @end

            """)
        try dir.write("domains/shop/models/daily.yaml", "materialized: incremental\nincremental: {time_column: ts}\n")
        try dir.write("domains/shop/models/customer_history.sql", "select id, tier, updated_at from src.customers\n")
        try dir.write(
            "domains/shop/models/customer_history.yaml",
            "materialized: snapshot\nsnapshot: {unique_key: [id], updated_at: updated_at}\n")
        return dir
    }

    func rows(_ dir: TemporaryDirectory, _ sql: String) throws -> [[DuckDBValue]] {
        let file = dir.url.appendingPathComponent(".tessera/dev/domains/shop/warehouse.duckdb").path
        return try Database(path: file, options: ["access_mode": "READ_ONLY"]).connect().rows(sql)
    }

    func run(_ dir: TemporaryDirectory, _ arguments: [String] = []) async throws {
        let outcome = try await TesseraBinary.run(["run"] + arguments, in: dir.url)
        #expect(outcome.status == 0, "\(outcome.stdout)\n\(outcome.stderr)")
    }

    @Test func intervalModelsAfterChangesAndBackfillsEqualAFullRefresh() async throws {
        let dir = try mesh()
        try dir.write("domains/shop/data/customers.csv", "id,tier,updated_at\n1,a,2026-01-01 00:00:00\n")
        try dir.write(
            "domains/shop/data/events.csv",
            """
            event_id,ts,amount
            1,2026-11-01 10:00:00,1
            2,2026-11-02 10:00:00,2

            """)
        try await run(dir)
        #expect(try rows(dir, "select count(*) from daily") == [[.bigint(2)]])

        // New events, and an event of an old day corrected at the source.
        try dir.write(
            "domains/shop/data/events.csv",
            """
            event_id,ts,amount
            1,2026-11-01 10:00:00,100
            2,2026-11-02 10:00:00,2
            3,2026-11-03 10:00:00,3

            """)
        try await run(dir)
        // Those days lie before the interval the run built (from the start of the day of the last
        // run): late data stays out, the corrected row keeps its old value…
        #expect(try rows(dir, "select cast(doubled as double) from daily where event_id = 1") == [[.double(2)]])
        #expect(try rows(dir, "select count(*) from daily") == [[.bigint(2)]])
        // …until a backfill of exactly those days, which then equals a full refresh.
        try await run(dir, ["shop.daily", "--start", "2026-11-01", "--end", "2026-11-04"])
        #expect(try rows(dir, "select cast(doubled as double) from daily where event_id = 1") == [[.double(200)]])
        let fullRefresh = "select event_id, ts, amount * 2 as doubled from src.events"
        #expect(
            try rows(
                dir,
                "select count(*) from (select * from daily except all \(fullRefresh)) union all select count(*) from (\(fullRefresh) except all select * from daily)"
            )
                == [[.bigint(0)], [.bigint(0)]])
    }

    @Test func keyModelsMergeUpdatesAndInserts() async throws {
        let dir = try mesh()
        try dir.write("domains/shop/models/latest.sql", "select event_id, amount from src.events\n")
        try dir.write(
            "domains/shop/models/latest.yaml", "materialized: incremental\nincremental: {unique_key: [event_id]}\n")
        try dir.write("domains/shop/data/customers.csv", "id,tier,updated_at\n1,a,2026-01-01 00:00:00\n")
        try dir.write(
            "domains/shop/data/events.csv", "event_id,ts,amount\n1,2026-11-01 10:00:00,1\n2,2026-11-02 10:00:00,2\n")
        try await run(dir)
        try dir.write(
            "domains/shop/data/events.csv", "event_id,ts,amount\n2,2026-11-02 10:00:00,20\n3,2026-11-03 10:00:00,3\n")
        try await run(dir)
        // 1 stays (key mode never deletes), 2 is updated, 3 is new.
        #expect(
            try rows(dir, "select event_id, amount from latest order by event_id")
                == [[.bigint(1), .bigint(1)], [.bigint(2), .bigint(20)], [.bigint(3), .bigint(3)]])
        let plan = try await TesseraBinary.run(["plan", "shop.latest"], in: dir.url)
        #expect(plan.stdout.contains("0 of 1 selected node to do"), "\(plan.stdout)")
    }

    @Test func snapshotsKeepHistoryOverThreeLoadsWithADelete() async throws {
        let dir = try mesh()
        try dir.write("domains/shop/data/events.csv", "event_id,ts,amount\n1,2026-11-01 10:00:00,1\n")
        try dir.write(
            "domains/shop/data/customers.csv",
            """
            id,tier,updated_at
            1,bronze,2026-11-01 00:00:00
            2,silver,2026-11-01 00:00:00

            """)
        try await run(dir)
        try dir.write("domains/shop/data/customers.csv", "id,tier,updated_at\n1,gold,2026-11-05 00:00:00\n")
        try await run(dir)
        try dir.write(
            "domains/shop/data/customers.csv",
            """
            id,tier,updated_at
            1,gold,2026-11-05 00:00:00
            3,bronze,2026-11-06 00:00:00

            """)
        try await run(dir)
        let history = try rows(
            dir,
            """
            select id, tier, cast(valid_from as varchar), valid_to is null from customer_history order by id, valid_from
            """)
        #expect(
            history == [
                [.bigint(1), .varchar("bronze"), .varchar("2026-11-01 00:00:00"), .boolean(false)],
                [.bigint(1), .varchar("gold"), .varchar("2026-11-05 00:00:00"), .boolean(true)],
                [.bigint(2), .varchar("silver"), .varchar("2026-11-01 00:00:00"), .boolean(false)],
                [.bigint(3), .varchar("bronze"), .varchar("2026-11-06 00:00:00"), .boolean(true)],
            ])
        #expect(
            try rows(dir, "select cast(valid_to as varchar) from customer_history where id = 1 and tier = 'bronze'")
                == [[.varchar("2026-11-05 00:00:00")]])
    }
}
