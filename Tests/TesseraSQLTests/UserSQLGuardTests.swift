import Testing
import TesseraModel
import TesseraSQL

/// The guard on user SQL, wherever the call or the name hides in the tree.
@Suite struct UserSQLGuardTests {
    let analyzer: SQLAnalyzer

    init() throws { analyzer = try SQLAnalyzer() }

    func refused(_ sql: String) -> [String] {
        analyzer.analyze(sql: sql, file: "m.sql").diagnostics.map {
            "\($0.location.line):\($0.location.column) \($0.message)"
        }
    }

    @Test func callsAndNamesAreFoundAnywhereInTheTree() {
        #expect(
            refused("select 1 as a from src.orders where exists (select 1 from read_text('/etc/passwd'))") == [
                "1:59 read_text() is not allowed in user SQL: it reads files"
            ])
        #expect(
            refused("with x as (select getvariable('k') as k) select * from x") == [
                "1:19 getvariable() is not allowed in user SQL: it reads the engine's variables"
            ])
        #expect(
            refused("select * from src.orders o, lateral (select * from glob('/etc/*')) g") == [
                "1:52 glob() is not allowed in user SQL: it lists files"
            ])
        #expect(
            refused("select upper(CURRENT_SETTING('threads')) as s") == [
                "1:14 current_setting() is not allowed in user SQL: it reads the engine's settings"
            ])
        #expect(
            refused("select * from src.orders union all select * from 'x.csv'") == [
                "1:50 'x.csv' is a file path, not a relation: user SQL never reads files"
            ])
    }

    @Test func showingTheCatalogIsRefusedAndDescribingAQueryIsGuardedInside() {
        #expect(refused("select * from (show tables)").map { $0.contains("SHOW TABLES is not allowed") } == [true])
        #expect(refused("select * from (describe select * from read_text('/etc/passwd'))").count == 1)
        #expect(refused("select * from (summarize 'x.csv')").map { $0.contains("is a file path") } == [true])
        #expect(refused("select * from (describe src.orders)") == [])
    }

    @Test func aRefusedRelationIsNotAlsoAnUnknownTable() {
        let analysis = analyzer.analyze(sql: "select * from information_schema.tables", file: "m.sql")
        #expect(analysis.references.isEmpty)
        #expect(analysis.diagnostics.count == 1)
    }

    @Test func pureFunctionsGeneratorsAndCTEsNamedLikeCatalogViewsAreAllowed() {
        #expect(refused("with duckdb_views as (select 1 as a) select * from duckdb_views") == [])
        #expect(
            refused("select sha256(name) as h, date_trunc('day', now()) as d, count(*) over () as n from src.orders")
                == [])
        #expect(refused("select * from range(3), generate_series(1, 2), unnest([1, 2]) as u(x)") == [])
        #expect(refused("select * from json_each('{\"a\": 1}')") == [])
    }

    @Test func aConditionAndACheckQueryStayWhatTheyClaimToBe() {
        #expect(analyzer.refusals(inCondition: "amount > 0 and status in ('a', 'b')").isEmpty)
        #expect(
            analyzer.refusals(inCondition: "a > 0) or (1 = 1").map(\.message) == [
                "the condition closes a parenthesis it did not open"
            ])
        #expect(analyzer.refusals(inCondition: "a > 0; select 1").map(\.offset) == [5])
        #expect(analyzer.refusals(inCheckQuery: "select * from @product where amount < 0;").isEmpty)
        #expect(analyzer.refusals(inCheckQuery: "select 1; select 2").map(\.offset) == [8])
        #expect(
            analyzer.refusals(inCheckQuery: "delete from @product").map(\.message) == [
                "the query must be one read-only SELECT"
            ])
        #expect(analyzer.refusals(inQuery: "select * from sales.orders where note = ';)'").isEmpty)
    }
}
