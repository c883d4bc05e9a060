import DuckDB
import Testing
@testable import TesseraQuality

@Suite("Aggregate scan")
struct AggregateScanTests {
    @Test func computesEveryExpressionInOneQueryAndSharesDuplicates() throws {
        let connection = try Connection(Database())
        try connection.execute("CREATE TABLE t AS SELECT range AS x FROM range(10)")
        var scan = AggregateScan(relation: "t")
        let count = scan.add("count(*)")
        let big = scan.add("count(*) FILTER (WHERE x >= 7)")
        let again = scan.add("count(*)")
        #expect(again == count)
        #expect(scan.expressions.count == 2)
        let result = try scan.run(on: connection)
        #expect(result[count].int64Value == 10)
        #expect(result[big].int64Value == 3)
    }
}

/// A scan that fails while running loses only the groups that fail.
@Suite("Aggregate scan isolation")
struct AggregateScanIsolationTests {
    @Test func aGroupFailingWhileRunningFailsAloneAndTheRestKeepTheirValues() throws {
        let connection = try Connection(Database())
        try connection.execute("CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(id, s)")
        var scan = AggregateScan(relation: "t")
        let owner = scan.add("count(*)")
        let good = scan.add("max(t.id)", group: 0)
        let bad = scan.add("sum(CAST(t.s AS INTEGER))", group: 1)
        let shared = scan.add("count(*)", group: 2)
        let result = try scan.run(on: connection)
        #expect(result[owner] == .bigint(2))
        #expect(result[good] == .integer(2))
        #expect(result[bad] == .null)
        #expect(result[shared] == .bigint(2))
        #expect(Array(result.failures.keys) == [1])
        #expect(result.failures[1]?.contains("Could not convert string 'a'") == true)
        #expect(
            result.failures[1]?.contains("LINE") == false, "no excerpt of the scan's SQL: \(result.failures[1] ?? "")")
    }

    @Test func aFailureOfTheOwnersExpressionsIsThrown() throws {
        let connection = try Connection(Database())
        try connection.execute("CREATE TABLE t AS SELECT 'a' AS s")
        var scan = AggregateScan(relation: "t")
        _ = scan.add("sum(CAST(t.s AS INTEGER))")
        _ = scan.add("count(*)", group: 0)
        #expect(throws: (any Error).self) { try scan.run(on: connection) }
    }
}
