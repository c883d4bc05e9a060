import DuckDB
import Foundation
import TesseraModel
import Testing
@testable import TesseraTransform

@Suite("Materialize: views and tables")
struct ViewAndTableTests {
    @Test func tableIsCreatedThenReplacedWithItsState() throws {
        let warehouse = try WarehouseFixture()
        try warehouse.connection.execute("CREATE TABLE src.orders AS SELECT range AS id FROM range(5)")
        let first = try warehouse.build("orders", "SELECT id FROM src.orders", at: utc("2024-05-01 10:00:00"))
        #expect(first.action == .created)
        #expect(first.rowsWritten == 5 && first.rowsInTable == 5)

        try warehouse.connection.execute("INSERT INTO src.orders VALUES (5)")
        let second = try warehouse.build(
            "orders", "SELECT id FROM src.orders", at: utc("2024-05-02 10:00:00"), fingerprint: "fp2")
        #expect(second.action == .replaced)
        #expect(second.rowsInTable == 6)
        #expect(try warehouse.count("SELECT count(*) FROM main.orders") == 6)

        let state = try #require(try warehouse.state("orders"))
        #expect(state == second.state)
        #expect(state.fingerprint == "fp2" && state.kind == .table && state.rows == 6 && state.upstreamVersion == 7)
        #expect(state.builtAt == utc("2024-05-02 10:00:00") && state.builtFrom == nil && state.runID == "run-orders")
        #expect(try ModelStateStore(connection: warehouse.connection).all().keys.sorted() == ["orders"])
    }

    @Test func viewReplacesTableAndTableReplacesView() throws {
        let warehouse = try WarehouseFixture()
        try warehouse.build("m", "SELECT 1 AS x")
        #expect(try warehouse.relationKind("m") == "table")

        let view = try warehouse.build("m", "SELECT 2 AS x", .view)
        #expect(view.action == .view && view.rowsInTable == nil)
        #expect(try warehouse.relationKind("m") == "view")
        #expect(try warehouse.count("SELECT x FROM main.m") == 2)
        #expect(try warehouse.state("m")?.kind == .view)

        let table = try warehouse.build("m", "SELECT 3 AS x")
        #expect(table.action == .created)
        #expect(try warehouse.relationKind("m") == "table")
        #expect(try warehouse.count("SELECT x FROM main.m") == 3)
        #expect(try warehouse.state("m")?.kind == .table)
    }

    @Test func failedBuildLeavesTheOldTableAndState() throws {
        let warehouse = try WarehouseFixture()
        try warehouse.build("m", "SELECT 1 AS x", fingerprint: "good")
        let error = try #require(warehouse.failingBuild("m", "SELECT no_such_column FROM src.nothing"))
        #expect(error.kind == .sql)
        #expect(error.duckDBMessage?.contains("nothing") == true)
        #expect(error.description.contains("model 'sales.m'") && error.hint != nil)
        #expect(!error.description.contains("LINE "))

        // Fails while running, after the old table was replaced inside the transaction.
        #expect(throws: BuildError.self) {
            try warehouse.build("m", "SELECT CAST('x' AS INTEGER) AS x", fingerprint: "bad")
        }
        #expect(try warehouse.count("SELECT x FROM main.m") == 1)
        #expect(try warehouse.state("m")?.fingerprint == "good")

        // A view that fails leaves the table in place too.
        #expect(throws: BuildError.self) {
            try warehouse.build("m", "SELECT * FROM src.nothing", .view, fingerprint: "bad")
        }
        #expect(try warehouse.relationKind("m") == "table")
        #expect(try warehouse.state("m")?.kind == .table)
    }

    @Test func uncommittedBuildIsGoneAfterTheProcessDies() throws {
        // The closest a test gets to a kill mid-build: a build's statements run in an open
        // transaction, the database is closed without COMMIT, and the file is reopened.
        let warehouse = try WarehouseFixture()
        let path = warehouse.directory.appendingPathComponent("other.duckdb").path
        do {
            let database = try Database(path: path)
            let connection = try database.connect()
            try connection.execute("CREATE SCHEMA src")
            try ModelBuilder(connection: connection).build(
                .init(
                    model: WarehouseFixture.model("m", "SELECT 1 AS x"), environment: "dev",
                    fingerprint: "good", runID: "r1"))
            try connection.execute(
                "BEGIN TRANSACTION; CREATE OR REPLACE TABLE main.m AS SELECT 2 AS x; DELETE FROM _tessera.model_state")
        }
        let reopened = try Database(path: path).connect()
        #expect(try reopened.scalar("SELECT x FROM main.m")?.int64Value == 1)
        #expect(try ModelStateStore(connection: reopened).state(of: "m")?.fingerprint == "good")
    }

    /// A model's first state row goes through DuckDB's appender, not an INSERT: it must belong to
    /// the build's transaction all the same, gone on ROLLBACK and on a process that dies first.
    @Test func aNewStateRowCommitsWithItsTransactionOnly() throws {
        let warehouse = try WarehouseFixture()
        let path = warehouse.directory.appendingPathComponent("appended.duckdb").path
        let state = ModelState(
            fingerprint: "fp", kind: .table, builtAt: utc("2024-05-01 10:00:00"), upstreamVersion: 3,
            builtFrom: nil, builtUntil: utc("2024-05-02 00:00:00"), rows: 5, runID: "r1")
        do {
            let database = try Database(path: path)
            let connection = try database.connect()
            let store = try ModelStateStore(connection: connection)
            try connection.execute("BEGIN TRANSACTION")
            try store.write(state, of: "rolled_back", replacing: false)
            try connection.execute("ROLLBACK")
            try connection.execute("BEGIN TRANSACTION")
            try store.write(state, of: "committed", replacing: false)
            try connection.execute("COMMIT")
            // Dies with this one open: never committed.
            try connection.execute("BEGIN TRANSACTION")
            try store.write(state, of: "never_committed", replacing: false)
        }
        let reopened = try ModelStateStore(connection: try Database(path: path).connect())
        #expect(try reopened.all() == ["committed": state])
    }

    @Test func macrosTrailingSemicolonAndComments() throws {
        let warehouse = try WarehouseFixture()
        let now = utc("2024-05-01 10:00:00")
        try warehouse.build("m", "SELECT @env AS env, @start AS s, @end AS e, ';' AS semicolon; -- the end", at: now)
        let row = try #require(try warehouse.rows("SELECT env, s::VARCHAR, e::VARCHAR, semicolon FROM main.m").first)
        #expect(
            row == [.varchar("dev"), .varchar("0001-01-01 00:00:00"), .varchar("2024-05-01 10:00:00"), .varchar(";")])

        let unknown = try #require(warehouse.failingBuild("n", "SELECT @stat AS x"))
        #expect(unknown.kind == .macro && unknown.hint?.contains("@start") == true)
    }

    @Test func thisNeedsAnExistingTable() throws {
        let warehouse = try WarehouseFixture()
        let first = try #require(warehouse.failingBuild("m", "SELECT count(*) AS n FROM @this"))
        #expect(first.kind == .macro)
        #expect(try warehouse.relationKind("m") == nil)

        try warehouse.build("m", "SELECT 1 AS n")
        try warehouse.build("m", "SELECT n + 1 AS n FROM @this")
        #expect(try warehouse.count("SELECT n FROM main.m") == 2)

        let view = try #require(warehouse.failingBuild("m", "SELECT * FROM @this", .view))
        #expect(view.kind == .macro && view.hint?.contains("view") == true)
    }

    @Test func manyTrivialBuildsOnOneConnection() throws {
        let warehouse = try WarehouseFixture()
        let builder = ModelBuilder(connection: warehouse.connection)
        let clock = ContinuousClock()
        let started = clock.now
        for index in 0..<200 {
            let request = BuildRequest(
                model: WarehouseFixture.model("m\(index % 20)", "SELECT \(index) AS x"), environment: "dev",
                fingerprint: "fp\(index)", runID: "run")
            try builder.build(request)
        }
        let elapsed = clock.now - started
        print("200 trivial table builds: \(elapsed) (\(elapsed / 200) per build)")
        let states = try ModelStateStore(connection: warehouse.connection).all()
        #expect(states.count == 20)
        #expect(states["m19"]?.fingerprint == "fp199")
        #expect(try warehouse.count("SELECT count(*) FROM _tessera.model_builds") == 20)
    }
}

@Suite("Materialize: a warehouse changed outside Tessera")
struct OutsideChangeTests {
    /// The builder takes the state row's word for what `main.<model>` is; when DuckDB says
    /// otherwise, it asks the catalog and builds again.
    @Test func stateThatNoLongerMatchesTheCatalog() throws {
        let warehouse = try WarehouseFixture()
        try warehouse.build("m", "SELECT 1 AS x")
        try warehouse.connection.execute("DROP TABLE main.m; CREATE VIEW main.m AS SELECT 0 AS x")
        #expect(try warehouse.build("m", "SELECT 2 AS x").action == .created)
        #expect(try warehouse.relationKind("m") == "table")

        let mode = Materialization.incremental(.uniqueKey(["x"]))
        try warehouse.build("k", "SELECT 1 AS x", mode)
        try warehouse.connection.execute("DROP TABLE main.k")
        #expect(try warehouse.build("k", "SELECT 2 AS x", mode).action == .created)
        #expect(try warehouse.count("SELECT x FROM main.k") == 2)
    }

    @Test func aTableWithoutStateIsReplaced() throws {
        let warehouse = try WarehouseFixture()
        try warehouse.connection.execute("CREATE VIEW main.m AS SELECT 0 AS x")
        #expect(try warehouse.build("m", "SELECT 1 AS x").action == .created)
        try warehouse.connection.execute("DELETE FROM _tessera.model_state")
        #expect(try warehouse.build("m", "SELECT 2 AS x", .view).action == .view)
        #expect(try warehouse.relationKind("m") == "view")
    }
}
