import DuckDB
import Foundation
import Testing
import TesseraModel
@testable import TesseraQuality

@Suite("Check plan")
struct CheckPlanTests {
    static let here = SourceLocation(file: "domains/sales/products/orders.yaml", line: 12, column: 5)

    /// Ten orders: one duplicate id (3), a NULL customer (row 4), a bad status, a negative amount,
    /// a bad e-mail, an orphan customer (99); customers 1..5.
    static func fixture() throws -> Connection {
        let connection = try Connection(Database())
        try connection.execute(
            """
            CREATE TABLE orders AS SELECT * FROM (VALUES
                (1, 1, 'placed',   10.00::DECIMAL(12,2), 'a@x.com', TIMESTAMP '2024-03-01 10:00:00'),
                (2, 2, 'paid',     20.00, 'b@x.com', TIMESTAMP '2024-03-02 10:00:00'),
                (3, 3, 'shipped',  30.00, 'c@x.com', TIMESTAMP '2024-03-03 10:00:00'),
                (3, NULL, 'paid',  40.00, 'd@x.com', TIMESTAMP '2024-03-04 10:00:00'),
                (5, 5, 'lost',     50.00, 'e@x.com', TIMESTAMP '2024-03-05 10:00:00'),
                (6, 1, 'returned', -5.00, 'f@x.com', TIMESTAMP '2024-03-06 10:00:00'),
                (7, 2, 'paid',     -7.00, 'g@x.com', TIMESTAMP '2024-03-07 10:00:00'),
                (8, 3, 'placed',   80.00, 'h.x.com', TIMESTAMP '2024-03-08 10:00:00'),
                (9, 99, 'placed',  90.00, 'i@x.com', TIMESTAMP '2024-03-09 10:00:00'),
                (10, 4, 'paid',     0.00, 'j@x.com', TIMESTAMP '2024-03-10 12:00:00')
            ) AS v(order_id, customer_id, status, amount, email, ordered_at)
            """)
        try connection.execute("CREATE TABLE customers AS SELECT range + 1 AS customer_id FROM range(5)")
        return connection
    }

    static let columns = ["order_id", "customer_id", "status", "amount", "email", "ordered_at"].map {
        ContractColumn(name: $0, type: $0 == "amount" ? "DECIMAL(12,2)" : "VARCHAR", location: here)
    }
    static let customers = ColumnReference(domain: "sales", product: "customers", column: "customer_id")

    static func context(
        now: String = "2024-03-11T12:00:00Z", previous: Int64? = nil,
        masks: [Access.Mask] = []
    ) -> CheckContext {
        CheckContext(
            now: ISO8601DateFormatter().date(from: now) ?? Date(), previousRowCount: previous,
            relations: [customers: "customers"], columns: columns, masks: masks)
    }

    static func check(_ kind: CheckKind, severity: Check.Severity = .error, where condition: String? = nil) -> Check {
        Check(kind: kind, severity: severity, where: condition, location: here)
    }

    /// Runs `checks` on the fixture the way the runtime does: one shared scan.
    static func run(
        _ checks: [Check], context: CheckContext = context(), relation: String = "orders",
        connection: Connection? = nil
    ) throws -> (results: [CheckResult], plan: CheckPlan, scan: AggregateScan) {
        let connection = try connection ?? fixture()
        var scan = AggregateScan(relation: relation)
        var plan = CheckPlan(checks: checks, context: context)
        plan.contribute(to: &scan, on: connection)
        let row = try scan.run(on: connection)
        let results = try plan.finish(scan: row, connection: connection)
        return (results, plan, scan)
    }

    static func result(_ kind: CheckKind, where condition: String? = nil, context: CheckContext = context()) throws
        -> CheckResult
    {
        let results = try run([check(kind, where: condition)], context: context).results
        try #require(results.count == 1)
        return results[0]
    }

    // MARK: Each kind, failing and passing

    @Test func uniqueCountsRowsRepeatingAKeyAndSamplesTheDuplicates() throws {
        let failing = try Self.result(.unique(columns: ["order_id"]))
        #expect(failing.name == "unique(order_id)")
        #expect(failing.kind == "unique")
        #expect(failing.status == .failed)
        #expect(failing.failingRows == 1)
        #expect(failing.samples.count == 2)
        #expect(failing.samples.allSatisfy { $0.first == "3" })
        #expect(failing.sampleColumns == Self.columns.map(\.name))
        #expect(failing.isBlocking)
        #expect(failing.location == "domains/sales/products/orders.yaml:12:5")
        let passing = try Self.result(.unique(columns: ["email"]))
        #expect(passing.status == .passed)
        #expect(passing.failingRows == 0)
        #expect(passing.samples.isEmpty)
    }

    @Test func uniqueOverSeveralColumnsIgnoresKeysWithANull() throws {
        let connection = try Connection(Database())
        try connection.execute(
            """
            CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a'), (1, 'a'), (1, 'b'), (NULL, 'a'), (NULL, 'a'), (2, NULL), (2, NULL))
            AS v(k1, k2)
            """)
        let results = try Self.run(
            [Self.check(.unique(columns: ["k1", "k2"]))], context: CheckContext(), relation: "t",
            connection: connection
        ).results
        #expect(results.first?.name == "unique(k1, k2)")
        #expect(results.first?.failingRows == 1)
        #expect(results.first?.samples == [["1", "a"], ["1", "a"]])
        #expect(results.first?.sampleColumns == ["k1", "k2"])
    }

    /// Keys -50000, -49997, … 249997 (every 1000th NULL, values v = 0…99999) plus three rows
    /// (v < 0) repeating -49997 twice, 100000 and 249997: duplicates in the first, a middle and
    /// the last of the bitmap blocks.
    static func integerKeys() throws -> Connection {
        let connection = try Connection(Database())
        try connection.execute(
            """
            CREATE TABLE keys AS
            SELECT CASE WHEN i % 1000 = 7 THEN NULL ELSE i * 3 - 50000 END::BIGINT AS k, i AS v FROM range(100000) AS r(i)
            UNION ALL SELECT * FROM (VALUES (-49997, -1), (-49997, -2), (100000, -3), (249997, -4)) AS d(k, v)
            """)
        return connection
    }

    @Test func anIntegerKeyIsCountedWithBitmapsAndOnlyBlocksWithDuplicatesAreGrouped() throws {
        let connection = try Self.integerKeys()
        let typed = CheckContext(columns: [
            ContractColumn(name: "k", type: "BIGINT", location: Self.here),
            ContractColumn(name: "v", type: "BIGINT", location: Self.here),
        ])
        let run = try Self.run(
            [Self.check(.unique(columns: ["k"]))], context: typed, relation: "keys", connection: connection)
        let result = try #require(run.results.first)
        #expect(result.status == .failed)
        #expect(result.failingRows == 4)
        // The rows of every duplicated key, in key order (the where-less truth of DuckDB itself).
        let truth = try connection.rows(
            """
            SELECT CAST(k AS VARCHAR), CAST(v AS VARCHAR) FROM keys
            WHERE k IN (SELECT k FROM keys GROUP BY k HAVING count(*) > 1) ORDER BY k, v
            """
        ).map { $0.map(\.stringValue) }
        #expect(truth.count == 7)
        #expect(
            result.samples.sorted { ($0[0] ?? "", $0[1] ?? "") < ($1[0] ?? "", $1[1] ?? "") }
                == truth.sorted { ($0[0] ?? "", $0[1] ?? "") < ($1[0] ?? "", $1[1] ?? "") })
        #expect(run.scan.expressions.contains("min(t.\"k\")") && run.scan.expressions.contains("max(t.\"k\")"))
        #expect(
            run.plan.queriesAfterScan == 3,
            "the blocks, the duplicated keys of the three blocks holding them, the samples")

        let scoped = try Self.run(
            [Self.check(.unique(columns: ["k"]), where: "v >= 0")], context: typed, relation: "keys",
            connection: connection)
        #expect(scoped.results.first?.status == .passed)
        #expect(scoped.results.first?.failingRows == 0)
        #expect(
            scoped.plan.queriesAfterScan == 2,
            "its range (a where: not from the scan) and the blocks; no grouping by key")
    }

    @Test func bitmapsAndGroupingAgreeWhenEveryKeyRepeats() throws {
        let connection = try Connection(Database())
        try connection.execute(
            "CREATE TABLE twice AS SELECT (i % 50000)::INTEGER AS k, i AS v FROM range(100000) AS r(i)")
        // A model's checks come without columns: the key's type is looked up.
        let bitmaps = try Self.run(
            [Self.check(.unique(columns: ["k"]))], context: CheckContext(), relation: "twice",
            connection: connection)
        let untyped = CheckContext(columns: [
            ContractColumn(name: "k", type: "VARCHAR", location: Self.here),
            ContractColumn(name: "v", type: "VARCHAR", location: Self.here),
        ])
        let grouped = try Self.run(
            [Self.check(.unique(columns: ["k"]))], context: untyped,
            relation: "(SELECT CAST(k AS VARCHAR) AS k, v FROM twice)", connection: connection)
        #expect(bitmaps.results.first?.failingRows == 50000)
        #expect(grouped.results.first?.failingRows == 50000)
        #expect(bitmaps.results.first?.samples.map { $0[0] } == ["0", "0", "1", "1", "2", "2", "3", "3", "4", "4"])
        #expect(bitmaps.scan.expressions.contains("min(t.\"k\")"))
        #expect(!grouped.scan.expressions.contains("min(t.\"k\")"))
    }

    @Test func anIntegerKeyBesideAColumnNamedLikeTheQueriesAliases() throws {
        let connection = try Connection(Database())
        try connection.execute(
            """
            CREATE TABLE t AS SELECT range % 90 AS id, range % 7 AS block, range AS _tessera_rows FROM range(100)
            """)
        let typed = CheckContext(
            columns: ["id", "block", "_tessera_rows"].map {
                ContractColumn(name: $0, type: "BIGINT", location: Self.here)
            })
        let run = try Self.run(
            [Self.check(.unique(columns: ["id"]))], context: typed, relation: "t", connection: connection)
        #expect(run.results.first?.status == .failed, "\(run.results.first?.message ?? "")")
        #expect(run.results.first?.failingRows == 10)
        #expect(run.results.first?.samples.count == 10)
    }

    @Test func aWhereThatFailsWhileRunningSinksOnlyItsUniqueCheck() throws {
        let connection = try Self.integerKeys()
        try connection.execute("ALTER TABLE keys ADD COLUMN s VARCHAR DEFAULT 'x'")
        let typed = CheckContext(
            columns: ["k", "v"].map { ContractColumn(name: $0, type: "BIGINT", location: Self.here) }
                + [ContractColumn(name: "s", type: "VARCHAR", location: Self.here)])
        let run = try Self.run(
            [
                Self.check(.unique(columns: ["k"]), where: "CAST(s AS INTEGER) > 0"),
                Self.check(.rowCount(min: 1, max: nil)),
            ], context: typed, relation: "keys", connection: connection)
        #expect(run.results.map(\.status) == [.error, .passed], "\(run.results.map(\.message))")
        #expect(run.results[0].message.contains("Could not convert"))
        // With a where that runs, the range is asked for by the check itself, not the scan.
        let scoped = try Self.run(
            [Self.check(.unique(columns: ["k"]), where: "v < 0")], context: typed, relation: "keys",
            connection: connection)
        #expect(scoped.results.first?.failingRows == 1, "among the four added rows only -49997 repeats")
        #expect(!scoped.scan.expressions.contains { $0.contains("min(") })
    }

    @Test func denseKeyBlocksCoverTheRangeInAtMost256Blocks() {
        #expect(DenseKeyBlocks(range: 5...5)?.shift == 0)
        #expect(DenseKeyBlocks(range: 1_000_001...6_000_000)?.shift == 15)  // 5M keys: 153 blocks of 2^15
        #expect(DenseKeyBlocks(range: 0...(DenseKeyBlocks.maximumSpan - 1)) != nil)
        #expect(DenseKeyBlocks(range: 0...DenseKeyBlocks.maximumSpan) == nil)
        #expect(DenseKeyBlocks(range: Int64.min...Int64.max) == nil)
        let blocks = DenseKeyBlocks(range: -10...1000)!  // span 1010: 10 bits, blocks of 4
        #expect(blocks.shift == 2)
        #expect(blocks.keys(inBlock: 0, key: "k") == "k BETWEEN -10 AND -7")
        #expect(
            blocks.keys(inBlock: 252, key: "k") == "k BETWEEN 998 AND 1000", "the last block ends at the range's end")
        let top = DenseKeyBlocks(range: (Int64.max - 1000)...Int64.max)!  // blocks of 4, the last of one key
        #expect(
            top.keys(inBlock: 250, key: "k") == "k BETWEEN \(Int64.max) AND \(Int64.max)", "no overflow past the end")
    }

    @Test func notNullGivesOneResultPerColumn() throws {
        let results = try Self.run([Self.check(.notNull(columns: ["order_id", "customer_id"]))]).results
        #expect(results.map(\.name) == ["not_null(order_id)", "not_null(customer_id)"])
        #expect(results.map(\.status) == [.passed, .failed])
        #expect(results[1].failingRows == 1)
        #expect(results[1].samples == [["3", nil, "paid", "40.00", "d@x.com", "2024-03-04 10:00:00"]])
        #expect(results[1].message == "expected no NULL in customer_id; found 1 row with NULL")
    }

    @Test func acceptedValuesLetsNullsPass() throws {
        let failing = try Self.result(
            .acceptedValues(column: "status", values: ["placed", "paid", "shipped", "returned"]))
        #expect(failing.failingRows == 1)
        #expect(failing.samples.first?[2] == "lost")
        let passing = try Self.result(.acceptedValues(column: "customer_id", values: ["1", "2", "3", "4", "5", "99"]))
        #expect(passing.status == .passed)
    }

    @Test func rangeWithWhere() throws {
        let everyRow = try Self.result(.range(column: "amount", min: 0, max: 100_000))
        #expect(everyRow.failingRows == 2)
        let notReturned = try Self.result(.range(column: "amount", min: 0, max: 100_000), where: "status <> 'returned'")
        #expect(notReturned.failingRows == 1)
        #expect(notReturned.samples.map { $0[0] } == ["7"])
        #expect(notReturned.message.contains("among rows where status <> 'returned'"))
        let passing = try Self.result(.range(column: "amount", min: -10, max: nil))
        #expect(passing.status == .passed)
    }

    @Test func regexMatchesTheWholeValue() throws {
        let failing = try Self.result(.regex(column: "email", pattern: "[^@]+@[^@]+"))
        #expect(failing.failingRows == 1)
        #expect(failing.samples.first?[4] == "h.x.com")
        let passing = try Self.result(.regex(column: "status", pattern: "[a-z]+"))
        #expect(passing.status == .passed)
    }

    @Test func rowCountObservesTheCount() throws {
        let failing = try Self.result(.rowCount(min: 20, max: nil))
        #expect(failing.status == .failed)
        #expect(failing.observed == "10")
        #expect(failing.failingRows == 0)
        #expect(failing.samples.isEmpty)
        #expect(failing.message == "expected at least 20 rows; found 10")
        let passing = try Self.result(.rowCount(min: 1, max: 10))
        #expect(passing.status == .passed)
        let filtered = try Self.result(.rowCount(min: nil, max: 3), where: "status = 'paid'")
        #expect(filtered.observed == "4")
        #expect(filtered.status == .failed)
    }

    @Test func freshnessComparesTheNewestValueWithNow() throws {
        let stale = try Self.result(.freshness(column: "ordered_at", maxAge: TimeSpan(seconds: 3_600)))
        #expect(stale.status == .failed)
        #expect(stale.observed == "2024-03-10 12:00:00")
        #expect(stale.message.contains("1d old"))
        let fresh = try Self.result(.freshness(column: "ordered_at", maxAge: TimeSpan(seconds: 2 * 86_400)))
        #expect(fresh.status == .passed)
        let empty = try Self.result(.freshness(column: "ordered_at", maxAge: TimeSpan(seconds: 60)), where: "false")
        #expect(empty.status == .failed)
        #expect(empty.observed == nil)
    }

    @Test func relationshipJoinsTheTargetOnce() throws {
        let run = try Self.run([Self.check(.relationship(column: "customer_id", to: Self.customers))])
        let failing = try #require(run.results.first)
        #expect(failing.name == "relationship(customer_id → sales.customers.customer_id)")
        #expect(failing.failingRows == 1)
        #expect(failing.samples.first?[1] == "99")
        #expect(run.scan.joins.count == 1)
        let passing = try Self.result(
            .relationship(column: "customer_id", to: Self.customers), where: "customer_id < 50")
        #expect(passing.status == .passed)
    }

    @Test func relationshipWithoutAKnownTargetIsAnError() throws {
        let unknown = ColumnReference(domain: "billing", product: "accounts", column: "id")
        let result = try Self.result(.relationship(column: "customer_id", to: unknown))
        #expect(result.status == .error)
        #expect(result.message.contains("billing.accounts"))
    }

    @Test func rowCountChangeAgainstThePreviousSnapshot() throws {
        let none = try Self.result(.rowCountChange(maxPercent: 50))
        #expect(none.status == .passed)
        #expect(none.message.contains("no previous snapshot"))
        let grown = try Self.result(.rowCountChange(maxPercent: 50), context: Self.context(previous: 5))
        #expect(grown.status == .failed)
        #expect(grown.observed == "+100.00%")
        let steady = try Self.result(.rowCountChange(maxPercent: 50), context: Self.context(previous: 8))
        #expect(steady.status == .passed)
        #expect(steady.observed == "+25.00%")
    }

    @Test func sqlChecksCountTheReturnedRows() throws {
        let run = try Self.run([
            Self.check(
                .sql(name: "no_free_orders", query: "select * from @product where amount = 0;"), severity: .warn),
            Self.check(.sql(name: "no_giant_orders", query: "SELECT order_id FROM @product WHERE amount > 1000")),
        ])
        let free = run.results[0]
        #expect(free.name == "sql(no_free_orders)")
        #expect(free.status == .failed)
        #expect(free.failingRows == 1)
        #expect(free.samples.first?.first == "10")
        #expect(!free.isBlocking)
        #expect(run.results[1].status == .passed)
        #expect(run.results[1].message == "expected no_giant_orders to return no rows; it returned none")
    }

    @Test func aBrokenSQLCheckIsAnError() throws {
        let result = try Self.result(.sql(name: "typo", query: "SELECT * FROM @product WHERE amont = 0"))
        #expect(result.status == .error)
        #expect(result.message.contains("amont"))
    }

    // MARK: Samples

    @Test func samplesAreAtMostTenAndMasked() throws {
        let connection = try MaskSQLTests.connection()
        try connection.execute(
            "CREATE TABLE people AS SELECT range AS id, 'person' || range || '@x.com' AS email, 'Name ' || range AS name, range AS age FROM range(50)"
        )
        let columns = [("id", "BIGINT"), ("email", "VARCHAR"), ("name", "VARCHAR"), ("age", "BIGINT")].map {
            ContractColumn(name: $0.0, type: $0.1, location: Self.here)
        }
        let masks = [
            Access.Mask(column: "email", kind: .hash, location: Self.here),
            Access.Mask(column: "name", kind: .partial, location: Self.here),
            Access.Mask(column: "age", kind: .null, location: Self.here),
        ]
        let context = CheckContext(columns: columns, masks: masks)
        let results = try Self.run(
            [
                Self.check(.range(column: "id", min: nil, max: 3)),
                Self.check(.sql(name: "all", query: "select email, id from @product")),
            ],
            context: context, relation: "people", connection: connection
        ).results
        let range = results[0]
        #expect(range.failingRows == 46)
        #expect(range.samples.count == CheckPlan.sampleLimit)
        let expectedHash = "345b25bdf02749c7a911571e7bebb41d"
        let row = try #require(range.samples.first { $0[0] == "4" })
        #expect(row[1] == expectedHash)
        #expect(row[2] == "Na***")
        #expect(row[3] == nil)
        let sql = results[1]
        #expect(sql.failingRows == 50)
        #expect(sql.sampleColumns == ["email", "id"])
        #expect(sql.samples.count == 10)
        #expect(sql.samples.allSatisfy { $0[0]?.count == 32 })
    }

    @Test func numberedRowsGiveTheSameSamplesFromOneFetch() throws {
        let checks: [Check] = [
            Self.check(.notNull(columns: ["customer_id"])),
            Self.check(.acceptedValues(column: "status", values: ["placed", "paid", "shipped", "returned"])),
            Self.check(.range(column: "amount", min: 0, max: nil), where: "status <> 'returned'"),
            Self.check(.regex(column: "email", pattern: "[^@]+@[^@]+")),
            Self.check(.relationship(column: "customer_id", to: Self.customers)),
            Self.check(.rowCount(min: 1, max: nil)),
        ]
        let connection = try Self.fixture()
        let whole = try Self.run(checks, connection: connection)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "numbered-\(UUID().uuidString).parquet"
        ).path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try connection.execute("COPY orders TO '\(file)' (FORMAT parquet)")
        for numbered in [
            AggregateScan.NumberedRows(
                relation: "(SELECT *, rowid AS _tessera_row FROM orders)", column: "_tessera_row"),
            AggregateScan.NumberedRows(
                relation: "read_parquet('\(file)', file_row_number = true)", column: "file_row_number"),
        ] {
            var scan = AggregateScan(relation: "orders", numbered: numbered)
            var plan = CheckPlan(checks: checks, context: Self.context())
            plan.contribute(to: &scan, on: connection)
            let results = try plan.finish(scan: try scan.run(on: connection), connection: connection)
            #expect(results.map(\.status) == whole.results.map(\.status))
            #expect(results.map(\.failingRows) == whole.results.map(\.failingRows))
            for (got, expected) in zip(results, whole.results) {
                #expect(
                    got.samples.count == expected.samples.count
                        && Set(got.samples.map { $0.map { $0 ?? "∅" } })
                            == Set(expected.samples.map { $0.map { $0 ?? "∅" } }),
                    "\(got.name) through \(numbered.column)")
                #expect(got.sampleColumns == expected.sampleColumns)
            }
            #expect(plan.queriesAfterScan == 1, "one fetch for the samples of all five failing checks")
            #expect(!scan.sql.contains("min_by"), "numbers, not whole rows, ride along the scan")
        }
    }

    @Test func numberedSamplesAreTheFirstFailingRowsMasked() throws {
        let connection = try MaskSQLTests.connection()
        try connection.execute(
            "CREATE TABLE people AS SELECT range AS id, 'person' || range || '@x.com' AS email FROM range(50)")
        let context = CheckContext(
            columns: [
                ContractColumn(name: "id", type: "BIGINT", location: Self.here),
                ContractColumn(name: "email", type: "VARCHAR", location: Self.here),
            ],
            masks: [Access.Mask(column: "email", kind: .hash, location: Self.here)])
        var scan = AggregateScan(
            relation: "people",
            numbered: .init(relation: "(SELECT *, rowid AS _tessera_row FROM people)", column: "_tessera_row"))
        var plan = CheckPlan(checks: [Self.check(.range(column: "id", min: nil, max: 3))], context: context)
        plan.contribute(to: &scan, on: connection)
        let result = try #require(try plan.finish(scan: try scan.run(on: connection), connection: connection).first)
        #expect(result.failingRows == 46)
        #expect(result.samples.map { $0[0] } == (4...13).map { String($0) })
        #expect(result.samples[0][1] == "345b25bdf02749c7a911571e7bebb41d")
    }

    // MARK: One scan, isolation

    @Test func aCleanProductCostsOneScan() throws {
        let checks: [Check] = [
            Self.check(.unique(columns: ["email"])),
            Self.check(.notNull(columns: ["order_id", "status"])),
            Self.check(.acceptedValues(column: "status", values: ["placed", "paid", "shipped", "returned", "lost"])),
            Self.check(.range(column: "amount", min: -10, max: 100)),
            Self.check(.regex(column: "status", pattern: "[a-z]+")),
            Self.check(.rowCount(min: 1, max: nil)),
            Self.check(.freshness(column: "ordered_at", maxAge: TimeSpan(seconds: 86_400 * 7))),
            Self.check(.relationship(column: "customer_id", to: Self.customers), where: "customer_id <> 99"),
            Self.check(.rowCountChange(maxPercent: 50)),
        ]
        let run = try Self.run(checks)
        #expect(run.results.allSatisfy { $0.status == .passed }, "\(run.results.filter { $0.status != .passed })")
        #expect(run.plan.queriesAfterScan == 1, "unique's own grouped query, nothing else")
        #expect(run.plan.statementsPrepared == 1)
        // Every other check is in the one scan: 10 results, 9 aggregates (freshness has two; row_count
        // and row_count_change share count(*)), plus a sample collector for each of the 6 row checks.
        #expect(run.results.count == 10)
        #expect(run.scan.expressions.count == 15)
        #expect(run.scan.joins.count == 1)
        #expect(run.results.allSatisfy { $0.durationMs >= 0 })
    }

    @Test func aBrokenWhereIsIsolatedToItsCheck() throws {
        let run = try Self.run([
            Self.check(.notNull(columns: ["customer_id"])),
            Self.check(.range(column: "amount", min: 0, max: nil), where: "stauts <> 'returned'"),
            Self.check(.acceptedValues(column: "nope", values: ["a"])),
            Self.check(.rowCount(min: 1, max: nil)),
        ])
        #expect(run.results.map(\.status) == [.failed, .error, .error, .passed])
        #expect(run.results[1].message.contains("stauts"))
        #expect(run.results[2].message.contains("nope"))
        #expect(run.scan.expressions.count == 3)  // row_count, and not_null's count and samples
        #expect(run.results[0].failingRows == 1)
        #expect(run.results[0].samples.count == 1, "the sample came from the scan")
        #expect(run.plan.queriesAfterScan == 0)
    }

    @Test func productSubstitutionLeavesLongerNamesAlone() {
        let sql = CheckPlan.substituteProduct(
            in: "select * from @product join @products_x on true; ;", relation: "read_parquet('a/*.parquet')")
        #expect(sql == "select * from read_parquet('a/*.parquet') join @products_x on true")
    }
}

extension CheckPlanTests {
    @Test func aCheckFailingWhileRunningIsAnErrorResultAndTheOthersStillRun() throws {
        // The where binds (a cast is always allowed) and fails on the first status that is no number.
        let results = try Self.run([
            Self.check(.rowCount(min: 1, max: nil)),
            Self.check(.rowCount(min: 1, max: nil), where: "CAST(status AS INTEGER) > 0"),
            Self.check(.notNull(columns: ["customer_id"])),
        ]).results
        #expect(results.map(\.status) == [.passed, .error, .failed])
        #expect(
            results[1].message.hasPrefix("the check failed while running: Conversion Error"), "\(results[1].message)")
        #expect(results[2].samples.count == 1, "the other checks keep their samples")
    }
}
