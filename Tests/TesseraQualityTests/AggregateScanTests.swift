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
