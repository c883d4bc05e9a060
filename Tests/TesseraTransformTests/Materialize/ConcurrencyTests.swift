import DuckDB
import Foundation
import Synchronization
import TesseraModel
import Testing
@testable import TesseraTransform

@Suite("Materialize: builds on several connections at once")
struct ConcurrencyTests {
    /// Each worker builds its own models, of every kind, over and over on its own connection of
    /// one database, starting on a warehouse without `_tessera` (so the state table is created
    /// concurrently too). None may fail, and every model ends with one state row.
    @Test func differentModelsBuildConcurrently() throws {
        let warehouse = try WarehouseFixture()
        try warehouse.connection.execute(
            "CREATE TABLE src.events AS SELECT range AS id, TIMESTAMP '2024-05-01' + INTERVAL (range) HOUR AS ts FROM range(100)"
        )
        let database = warehouse.database
        let failures = Mutex<[String]>([])
        let workers = 4
        let rounds = 15
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            do {
                let builder = ModelBuilder(connection: try database.connect())
                let models: [(String, String, Materialization)] = [
                    ("t\(worker)", "SELECT * FROM src.events", .table),
                    ("v\(worker)", "SELECT * FROM src.events", .view),
                    ("i\(worker)", "SELECT * FROM src.events", .incremental(.interval(timeColumn: "ts"))),
                    ("k\(worker)", "SELECT * FROM src.events WHERE ts >= @start", .incremental(.uniqueKey(["id"]))),
                    (
                        "s\(worker)", "SELECT id, ts FROM src.events",
                        .scd2(.init(uniqueKey: ["id"], changeDetection: .updatedAt("ts")))
                    ),
                ]
                for round in 0..<rounds {
                    for (name, sql, materialization) in models {
                        let request = BuildRequest(
                            model: WarehouseFixture.model(name, sql, materialization), environment: "dev",
                            fingerprint: "fp\(round)",
                            now: utc("2024-05-05 00:00:00").addingTimeInterval(Double(round) * 3600),
                            runID: "run\(round)")
                        try builder.build(request)
                    }
                }
            } catch {
                failures.withLock { $0.append("worker \(worker): \(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        let states = try ModelStateStore(connection: warehouse.connection).all()
        #expect(states.count == workers * 5)
        #expect(states.values.allSatisfy { $0.fingerprint == "fp\(rounds - 1)" })
        #expect(try warehouse.count("SELECT count(*) FROM _tessera.model_builds") == Int64(workers * 5))
        #expect(try warehouse.count("SELECT count(*) FROM main.k0") == 100)
    }

    /// Interleaved on purpose: a build of `a` is held open (its table replaced, its state row
    /// updated, not committed) while `b` is built on another connection. Different rows of the
    /// state table and different tables: both commit.
    @Test func overlappingBuildsOfDifferentModelsBothCommit() throws {
        let warehouse = try WarehouseFixture()
        try warehouse.build("a", "SELECT 0 AS x")
        try warehouse.build("b", "SELECT 0 AS x")
        let other = try warehouse.database.connect()
        try other.execute(
            """
            BEGIN TRANSACTION;
            CREATE OR REPLACE TABLE main.a AS SELECT 1 AS x;
            UPDATE _tessera.model_state SET state = 'a1' || substr(state, strpos(state, '|')) WHERE model = 'a';
            """)
        try warehouse.build("b", "SELECT 1 AS x", fingerprint: "b1")
        try other.execute("COMMIT")
        let states = try ModelStateStore(connection: warehouse.connection).all()
        #expect(states["a"]?.fingerprint == "a1" && states["b"]?.fingerprint == "b1")
    }

    /// The same model built twice at once: DuckDB lets the first one commit; the other fails as
    /// a `.conflict` and changes nothing, and can simply be run again.
    @Test func overlappingBuildsOfOneModelConflict() throws {
        let warehouse = try WarehouseFixture()
        try warehouse.build("m", "SELECT 0 AS x", fingerprint: "first")
        let other = try warehouse.database.connect()
        try other.execute("BEGIN TRANSACTION; CREATE OR REPLACE TABLE main.m AS SELECT 1 AS x")
        let error = #expect(throws: BuildError.self) {
            try warehouse.build("m", "SELECT 2 AS x", fingerprint: "second")
        }
        #expect(error?.kind == .conflict)
        #expect(error?.hint?.contains("run the build again") == true)
        try other.execute("ROLLBACK")
        #expect(try warehouse.state("m")?.fingerprint == "first")
        try warehouse.build("m", "SELECT 2 AS x", fingerprint: "second")
        #expect(try warehouse.count("SELECT x FROM main.m") == 2)
        #expect(try warehouse.count("SELECT count(*) FROM _tessera.model_builds WHERE model = 'm'") == 1)
    }

    /// Two first builds of one model at once, on a warehouse that has no `_tessera` yet.
    @Test func overlappingFirstBuildsLeaveOneStateRow() throws {
        let warehouse = try WarehouseFixture()
        let other = try warehouse.database.connect()
        try ModelStateStore.prepare(on: other)
        try other.execute(
            """
            BEGIN TRANSACTION;
            CREATE OR REPLACE TABLE main.m AS SELECT 1 AS x;
            INSERT INTO _tessera.model_state VALUES ('m', 'other|table|2024-05-01 00:00:00|0|||1|r');
            """)
        #expect(throws: BuildError.self) { try warehouse.build("m", "SELECT 2 AS x") }
        try other.execute("COMMIT")
        #expect(try warehouse.count("SELECT count(*) FROM _tessera.model_builds WHERE model = 'm'") == 1)
    }
}
