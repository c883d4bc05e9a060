import Foundation
import Testing

@testable import PostgresEndpoint

/// `SET search_path`'s value read as PostgreSQL reads it, `EXPLAIN`'s options, DuckDB's plan told
/// in PostgreSQL's shape, and the aborted block refusing an extended-protocol Parse.
@Suite struct SearchPathAndExplainTests {
    @Test func aSearchPathIsAListOfNamesFoldedUnlessQuoted() throws {
        #expect(SearchPath(parsing: "sales, public")?.entries == ["sales", "public"])
        #expect(SearchPath(parsing: "Sales,\"Marketing\"")?.entries == ["sales", "Marketing"])
        #expect(SearchPath(parsing: "'sales'")?.entries == ["sales"])
        #expect(SearchPath(parsing: "\"$user\", public")?.entries == ["$user", "public"])
        #expect(SearchPath(parsing: "''")?.entries == [])
        #expect(SearchPath(parsing: "\"a\"\"b\"")?.entries == ["a\"b"])
        #expect(SearchPath(parsing: "\"unclosed") == nil)
        #expect(SearchPath(parsing: "sales,,public") == nil)
        #expect(SearchPath(parsing: "sales marketing") == nil)
    }

    @Test func itPrintsAsPostgreSQLShowsIt() throws {
        #expect(SearchPath(parsing: SearchPath.defaultText)?.text == "\"$user\", public")
        #expect(SearchPath(parsing: "SALES ,marketing")?.text == "sales, marketing")
        #expect(SearchPath(parsing: "\"Odd Name\"")?.text == "\"Odd Name\"")
    }

    @Test func itResolvesToTheVisibleSchemasInOrderWithUserAsTheUsersName() throws {
        let path = try #require(SearchPath(parsing: "\"$user\", nowhere, marketing, sales, marketing, pg_catalog"))
        #expect(path.schemas(user: "ana", visible: ["sales", "marketing"]) == ["marketing", "sales"])
        #expect(path.schemas(user: "sales", visible: ["sales", "marketing"]) == ["sales", "marketing"])
        #expect(path.schemas(user: "ana", visible: []) == [])
    }

    @Test func startupOptionsMayCarryASearchPath() {
        #expect(SearchPath.fromOptions("-c search_path=sales") == "sales")
        #expect(SearchPath.fromOptions("-csearch_path=sales,marketing -c statement_timeout=5s") == "sales,marketing")
        #expect(SearchPath.fromOptions("--search_path=sales") == "sales")
        #expect(SearchPath.fromOptions("-c statement_timeout=5s") == nil)
    }

    @Test func setSchemaAndSetSearchPathKeepTheValueAsWritten() throws {
        #expect(
            EndpointSession.rawAssignment("SET search_path TO sales, \"Public\"")! == (
                "search_path", "sales, \"Public\""
            ))
        #expect(EndpointSession.rawAssignment("set session search_path = '$user'")! == ("search_path", "'$user'"))
        #expect(EndpointSession.rawAssignment("SET SCHEMA 'sales'")! == ("search_path", "'sales'"))
        #expect(EndpointSession.resetsSearchPath("RESET search_path"))
        #expect(EndpointSession.resetsSearchPath("reset all"))
        #expect(EndpointSession.resetsSearchPath("DISCARD ALL"))
        #expect(!EndpointSession.resetsSearchPath("reset statement_timeout"))
    }

    @Test func explainTakesItsOptionsAndTheStatementAfterThem() throws {
        #expect(StatementKind("explain select 1") == .explain)
        #expect(ExplainStatement("EXPLAIN select 1")?.statement == "select 1")
        let options = try #require(ExplainStatement("/* c */ explain (costs on, verbose) select * from t"))
        #expect(options.statement == "select * from t" && options.refusal == nil)
        #expect(ExplainStatement("explain analyze verbose select 1")?.analyze == true)
        #expect(ExplainStatement("explain verbose select 1")?.statement == "select 1")
        #expect(ExplainStatement("explain (analyze false) select 1")?.refusal == nil)
        #expect(ExplainStatement("explain (ANALYZE) select 1")?.refusal?.sqlState == "0A000")
        #expect(ExplainStatement("explain (format json) select 1")?.refusal?.sqlState == "0A000")
        #expect(ExplainStatement("select 1") == nil)
    }

    static let duckDBPlan = """
        [{"name": "HASH_GROUP_BY", "children": [{"name": "PROJECTION", "children": [{"name": "READ_PARQUET",
          "children": [], "extra_info": {"Function": "READ_PARQUET", "Projections": "customer",
          "File Filters": "/srv/state/products/sales/orders/s1/data.parquet", "Estimated Cardinality": "200"}}],
          "extra_info": {"Projections": "md5(customer || 'key')", "Estimated Cardinality": "200"}}],
          "extra_info": {"Groups": "#0", "Aggregates": "count_star()", "Estimated Cardinality": "~20"}}]
        """

    @Test func aPlanIsToldInPostgreSQLsShapeWithNothingButNamesAndEstimates() throws {
        let lines = ExplainPlan.lines(
            json: Self.duckDBPlan, columnTypes: ["VARCHAR", "BIGINT"], products: ["sales.orders"])
        #expect(
            lines == [
                "Hash Group By  (cost=0.00..202.20 rows=20 width=40)",
                "  ->  Projection  (cost=0.00..202.00 rows=200 width=40)",
                "        ->  Seq Scan on sales.orders  (cost=0.00..200.00 rows=200 width=40)",
            ])
        let text = lines.joined(separator: "\n")
        #expect(!text.contains("/") && !text.contains("md5") && !text.contains("parquet"))
        let cost = try #require(try Regex(#"cost=([\d.]+)\.\.([\d.]+)"#).firstMatch(in: lines[0]))
        #expect(cost.output.count == 3)
        #expect(
            ExplainPlan.lines(json: Self.duckDBPlan, columnTypes: [], products: ["a.b", "c.d"])[2].contains(
                "Seq Scan  ("))
        #expect(
            ExplainPlan.lines(json: "not json", columnTypes: ["INTEGER"], products: nil) == [
                "Result  (cost=0.00..0.00 rows=0 width=4)"
            ])
    }

    @Test func anAbortedBlockRefusesAParseUntilItEnds() {
        var machine = EndpointStateMachineTests.signedIn()
        _ = machine.received(.query("begin"))
        _ = machine.received(.query("select nope"))
        _ = machine.workFailed(EndpointError("42703", "no such column"))
        #expect(
            machine.received(.parse(name: "", sql: "select 1", parameterTypes: []))
                == [.send([.error(EndpointStateMachine.abortedTransaction)])])
        #expect(machine.received(.sync) == [.send([.readyForQuery(.failed)]), .flush])
        #expect(
            machine.received(.parse(name: "", sql: "rollback", parameterTypes: []))
                == [.run(.parse(name: "", sql: "rollback", parameterTypes: []))])
    }

    @Test func anAbortedBlockRefusesABindOrExecuteOfAStatementPreparedBefore() {
        var machine = EndpointStateMachineTests.signedIn()
        _ = machine.received(.parse(name: "q", sql: "select 1", parameterTypes: []))
        _ = machine.workSucceeded()
        _ = machine.received(.parse(name: "end", sql: "ROLLBACK", parameterTypes: []))
        _ = machine.workSucceeded()
        _ = machine.received(.query("begin"))
        _ = machine.received(.query("select nope"))
        _ = machine.workFailed(EndpointError("42703", "no such column"))
        let bind = { (statement: String) in
            BindRequest(portal: "", statement: statement, parameterFormats: [], parameters: [], resultFormats: [])
        }
        #expect(machine.received(.bind(bind("q"))) == [.send([.error(EndpointStateMachine.abortedTransaction)])])
        #expect(machine.received(.execute(portal: "", maxRows: 0)) == [])
        #expect(machine.received(.sync) == [.send([.readyForQuery(.failed)]), .flush])
        #expect(machine.received(.bind(bind("end"))) == [.run(.bind(bind("end")))])
        _ = machine.workSucceeded()
        #expect(machine.received(.execute(portal: "", maxRows: 0)) == [.run(.execute(portal: "", maxRows: 0))])
    }
}
