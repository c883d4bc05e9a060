import Testing
import TesseraModel
import TesseraSQL

@Suite struct DependencyTests {
    func references(_ sql: String) throws -> [String] {
        referenceNames(try SQLAnalyzer().analyze(sql: sql, file: "m.sql", schemas: { _ in nil }))
    }

    @Test func cteNamesAreNotDependencies() throws {
        #expect(
            try references(
                "with a as (select * from src.orders), b as (select * from a) select * from b join customers using (id)"
            )
                == ["src.orders", "customers"])
    }

    @Test func aCTESeesOnlyEarlierCTEs() throws {
        // In `a`, `b` is the table b: the CTE b is defined after it (DuckDB's rule).
        #expect(try references("with a as (select * from b), b as (select 1 as q) select * from a, b") == ["b"])
    }

    @Test func innerCTEIsVisibleOnlyInItsQuery() throws {
        let sql = """
            select * from (with inner_cte as (select * from t1) select * from inner_cte) s
            join inner_cte on true
            """
        #expect(try references(sql) == ["t1", "inner_cte"])
    }

    @Test func cteShadowsATableOfTheSameName() throws {
        #expect(try references("with orders as (select * from src.orders) select * from orders") == ["src.orders"])
        // A qualified name is never a CTE.
        #expect(try references("with orders as (select 1) select * from sales.orders") == ["sales.orders"])
    }

    @Test func aCTEThatReadsItsOwnNameReadsTheTable() throws {
        // Not recursive: the inner `t` is the table, the outer `t` the CTE.
        #expect(
            try references(
                "with recursive r as (select 1 as n union all select n + 1 from r where n < 3) select * from r, t")
                == ["t"])
    }

    @Test func tableFunctionsAreNotDependencies() throws {
        #expect(
            try references("select * from read_csv('x.csv') a, range(3) r(i), unnest([1, 2]) u(v), src.orders") == [
                "src.orders"
            ])
    }

    @Test func everySubqueryPositionCounts() throws {
        let sql = """
            select (select max(x) from t_scalar) as m, a.*
            from t_from a
            join (select * from t_join) j on j.id = a.id
            left join lateral (select * from t_lateral where t_lateral.id = a.id) l on true
            where exists (select 1 from t_exists)
              and a.id in (select id from t_in)
              and a.v > (select avg(v) from t_where)
            group by all
            having count(*) > (select count(*) from t_having)
            union all
            select 1, 2 from t_union
            """
        #expect(
            try references(sql) == [
                "t_scalar", "t_from", "t_join", "t_lateral", "t_exists", "t_in", "t_where", "t_having", "t_union",
            ])
    }

    @Test func everyOccurrenceWithItsLocation() throws {
        let analysis = try SQLAnalyzer().analyze(
            sql: "select *\nfrom src.orders o\n  join src.orders p using (id)", file: "m.sql", schemas: { _ in nil })
        #expect(analysis.references.map(\.description) == ["src.orders at m.sql:2:6", "src.orders at m.sql:3:8"])
        #expect(analysis.dependencies == [RelationName(schema: "src", name: "orders")])
    }

    @Test func catalogQualifiedAndQuotedNames() throws {
        let analysis = try SQLAnalyzer().analyze(
            sql: "select * from db.main.t, \"Sales\".\"Orders\"", file: "m.sql", schemas: { _ in nil })
        #expect(
            analysis.references.map(\.relation) == [
                RelationName(catalog: "db", schema: "main", name: "t"),
                RelationName(schema: "sales", name: "orders"),
            ])
    }

    @Test func thisIsASelfReferenceNotADependency() throws {
        let analysis = try SQLAnalyzer().analyze(
            sql: "select * from src.orders where ordered_at > (select max(ordered_at) from @this) and @env = 'dev'",
            file: "m.sql", schemas: { _ in nil }
        )
        #expect(referenceNames(analysis) == ["src.orders"])
        #expect(analysis.usesThis)
        #expect(analysis.macros == [.this, .env])
    }

    @Test func referencesAfterAMacroPointAtTheOriginal() throws {
        let analysis = try SQLAnalyzer().analyze(
            sql: "select * from @this, src.orders", file: "m.sql", schemas: { _ in nil })
        #expect(analysis.references.map(\.location.column) == [22])
    }
}

@Suite struct ResolverTests {
    let resolver = DependencyResolver(
        sources: ["sales": ["orders", "customers"]],
        models: ["sales": ["orders_enriched", "customers_clean"]],
        products: ["sales": ["orders"], "finance": ["invoices"]]
    )

    func resolve(_ schema: String?, _ name: String, domain: String = "sales") -> DependencyResolver.Resolution {
        resolver.resolve(RelationName(schema: schema, name: name), domain: domain)
    }

    @Test func classifies() {
        #expect(resolve("src", "orders") == .source("orders"))
        #expect(resolve(nil, "orders_enriched") == .model("orders_enriched"))
        #expect(resolve("sales", "orders", domain: "finance") == .product(domain: "sales", name: "orders"))
        #expect(resolve("finance", "invoices") == .product(domain: "finance", name: "invoices"))
        #expect(resolve("SRC", "Orders") == .source("orders"))
    }

    @Test func sourcesAndModelsBelongToTheirDomain() {
        // finance has no source `orders`; the product of that name is the likely intent.
        #expect(resolve("src", "orders", domain: "finance") == .unknown(suggestion: "sales.orders"))
        #expect(resolve(nil, "orders_enriched", domain: "finance") == .unknown(suggestion: nil))
    }

    @Test func unknownSuggestsTheClosestWrittenName() {
        #expect(resolve(nil, "orders_enriche") == .unknown(suggestion: "orders_enriched"))
        #expect(resolve("src", "ordes") == .unknown(suggestion: "src.orders"))
        #expect(resolve("finance", "invoice") == .unknown(suggestion: "finance.invoices"))
        #expect(resolve(nil, "orders") == .unknown(suggestion: "src.orders"))
        #expect(
            resolver.resolve(RelationName(catalog: "x", schema: "src", name: "orders"), domain: "sales")
                == .unknown(suggestion: "src.orders"))
    }

    @Test func diagnosticsPointAtTheReference() throws {
        let analysis = try SQLAnalyzer().analyze(
            sql: "select *\nfrom src.orders join custmers_clean using (id)", file: "domains/sales/models/m.sql",
            schemas: { _ in nil })
        #expect(
            resolver.diagnostics(for: analysis.references, domain: "sales").map(\.description) == [
                "domains/sales/models/m.sql:2:22: error: unknown table 'custmers_clean'\n  hint: did you mean 'customers_clean'?"
            ])
    }
}
