import Testing
import TesseraModel
import TesseraSQL

@Suite struct LineageTests {
    func analyze(_ sql: String) throws -> SQLAnalysis {
        try SQLAnalyzer().analyze(sql: sql, file: "m.sql", schemas: fixtureSchema)
    }

    @Test func cteJoinAliasesAndFilters() throws {
        let analysis = try analyze(
            """
            with paid as (
                select order_id, customer_id, amount as paid_amount from src.orders where status = 'paid'
            )
            select p.order_id, c.name as customer, p.paid_amount * 2 as doubled
            from paid p join customers c on c.customer_id = p.customer_id
            """)
        #expect(analysis.diagnostics.isEmpty)
        #expect(analysis.outputColumns.map(\.name) == ["order_id", "customer", "doubled"])
        // The CTE's filter stays a filter of every column that reads the CTE, the join included.
        #expect(
            edges(column(analysis, "order_id")) == [
                "customers.customer_id join", "src.orders.customer_id join", "src.orders.order_id identity",
                "src.orders.status filter",
            ])
        #expect(
            edges(column(analysis, "customer")) == [
                "customers.customer_id join", "customers.name identity", "src.orders.customer_id join",
                "src.orders.status filter",
            ])
        #expect(
            edges(column(analysis, "doubled")) == [
                "customers.customer_id join", "src.orders.amount transformation", "src.orders.customer_id join",
                "src.orders.status filter",
            ])
    }

    @Test func starThroughACTEAndAggregates() throws {
        let analysis = try analyze(
            """
            with o as (select * exclude (status) replace (amount / 100 as amount) from src.orders)
            select customer_id, sum(amount) as total, count(*) as n from o group by customer_id
            """)
        #expect(analysis.outputColumns.map(\.name) == ["customer_id", "total", "n"])
        #expect(
            edges(column(analysis, "customer_id")) == [
                "src.orders.customer_id identity", "src.orders.customer_id groupBy",
            ])
        #expect(
            edges(column(analysis, "total")) == ["src.orders.amount aggregation", "src.orders.customer_id groupBy"])
        #expect(edges(column(analysis, "n")) == ["src.orders.customer_id groupBy"])
    }

    @Test func starExpansionWithExcludeAndQualifiedStar() throws {
        let analysis = try analyze("select o.* exclude (amount, ordered_at), c.name from src.orders o, customers c")
        #expect(analysis.outputColumns.map(\.name) == ["order_id", "customer_id", "status", "name"])
        #expect(analysis.columnsAreComplete)
    }

    @Test func usingJoinShowsTheColumnOnceFromBothSides() throws {
        let analysis = try analyze("select * from src.customers join customers using (customer_id)")
        #expect(analysis.outputColumns.map(\.name) == ["customer_id", "name", "country", "name", "country"])
        #expect(
            edges(analysis.outputColumns.first) == [
                "customers.customer_id identity", "customers.customer_id join",
                "src.customers.customer_id identity", "src.customers.customer_id join",
            ])
    }

    @Test func unionTakesTheMatchingColumnOfEveryBranch() throws {
        let analysis = try analyze(
            "select order_id as id, amount from src.orders union all select customer_id, 0 from customers")
        #expect(analysis.outputColumns.map(\.name) == ["id", "amount"])
        #expect(edges(column(analysis, "id")) == ["customers.customer_id identity", "src.orders.order_id identity"])
        #expect(edges(column(analysis, "amount")) == ["src.orders.amount identity"])
    }

    @Test func windowPartitionAndOrderAreIndirect() throws {
        let analysis = try analyze(
            """
            select order_id, row_number() over (partition by customer_id order by ordered_at) as rn,
                   sum(amount) over w2 as running
            from src.orders window w2 as (order by ordered_at)
            qualify rn = 1
            """)
        #expect(
            edges(column(analysis, "rn")) == [
                "src.orders.customer_id filter", "src.orders.customer_id window",
                "src.orders.ordered_at filter", "src.orders.ordered_at window",
            ])
        #expect(
            edges(column(analysis, "order_id")) == [
                "src.orders.customer_id filter", "src.orders.order_id identity", "src.orders.ordered_at filter",
            ])
    }

    @Test func caseCoalesceAndCast() throws {
        let analysis = try analyze(
            """
            select case when status = 'paid' then amount else 0 end as paid,
                   coalesce(name, country) as label, amount::varchar
            from src.orders join src.customers using (customer_id)
            """)
        #expect(
            edges(column(analysis, "paid")) == [
                "src.customers.customer_id join", "src.orders.amount transformation", "src.orders.customer_id join",
                "src.orders.status conditional",
            ])
        #expect(
            edges(column(analysis, "label")) == [
                "src.customers.country transformation", "src.customers.customer_id join",
                "src.customers.name transformation", "src.orders.customer_id join",
            ])
        #expect(analysis.outputColumns.map(\.name) == ["paid", "label", "CAST(amount AS VARCHAR)"])
    }

    @Test func duckDBDefaultNames() throws {
        let analysis = try analyze("select amount + 1, count(*), order_id, o.status from src.orders o")
        #expect(analysis.outputColumns.map(\.name) == ["(amount + 1)", "count_star()", "order_id", "status"])
    }

    @Test func subqueriesAndScalarSubqueries() throws {
        let analysis = try analyze(
            """
            select s.order_id, (select max(amount) from src.orders) as top
            from (select order_id from src.orders where amount > 0) s
            """)
        #expect(edges(column(analysis, "order_id")) == ["src.orders.amount filter", "src.orders.order_id identity"])
        #expect(edges(column(analysis, "top")) == ["src.orders.amount aggregation"])
    }

    @Test func unknownSchemaStarIsUnresolvedNotGuessed() throws {
        let analysis = try analyze("select *, 1 as one from raw_events e")
        #expect(analysis.outputColumns.map(\.name) == ["e.*", "one"])
        #expect(analysis.outputColumns.first?.isUnresolvedStar == true)
        #expect(!analysis.columnsAreComplete)
    }

    @Test func columnsOfAnUnknownTableAreStillAttributed() throws {
        let analysis = try analyze("with e as (select * from raw_events) select e.user_id, kind from e")
        #expect(edges(column(analysis, "user_id")) == ["raw_events.user_id identity"])
        #expect(edges(column(analysis, "kind")) == ["raw_events.kind identity"])
    }

    @Test func unqualifiedColumnOverTwoUnknownTablesIsUnresolved() throws {
        let analysis = try analyze("select x from t1, t2")
        #expect(analysis.outputColumns.first?.unresolvedReferences == ["x"])
        #expect(analysis.outputColumns.first?.lineage == [])
        #expect(analysis.diagnostics.isEmpty)
    }

    @Test func ambiguousColumnIsAnError() throws {
        let analysis = try analyze("select order_id,\n customer_id from src.orders, src.customers")
        #expect(
            messages(analysis) == [
                "2:2 column reference 'customer_id' is ambiguous: 'orders' and 'customers' both have it"
            ])
    }

    @Test func missingColumnOfAKnownRelationIsAnError() throws {
        let analysis = try analyze("select o.amont, nme from src.orders o, customers")
        #expect(
            messages(analysis) == [
                "1:8 'o' has no column 'amont'",
                "1:17 column 'nme' is not in any relation of the FROM clause",
            ])
        #expect(analysis.diagnostics.map(\.hint) == ["did you mean 'o.amount'?", "did you mean 'name'?"])
    }

    @Test func correlatedSubqueryReadsTheOuterScope() throws {
        let analysis = try analyze(
            """
            select c.name, (select sum(o.amount) from src.orders o where o.customer_id = c.customer_id) as spent
            from customers c
            """)
        #expect(analysis.diagnostics.isEmpty)
        #expect(
            edges(column(analysis, "spent")) == [
                "customers.customer_id filter", "src.orders.amount aggregation", "src.orders.customer_id filter",
            ])
    }

    @Test func lambdaParametersAreNotColumns() throws {
        let analysis = try analyze(
            "select list_transform([1, 2], v -> v + amount) as l, current_date as d from src.orders")
        #expect(analysis.diagnostics.isEmpty)
        #expect(edges(column(analysis, "l")) == ["src.orders.amount transformation"])
        #expect(edges(column(analysis, "d")) == [])
    }

    @Test func recursiveCTE() throws {
        let analysis = try analyze(
            """
            with recursive r(n) as (select 1 union all select n + 1 from r where n < 3)
            select n from r
            """)
        #expect(analysis.diagnostics.isEmpty)
        #expect(analysis.outputColumns.map(\.name) == ["n"])
        #expect(analysis.references.isEmpty)
    }

    @Test func selfReferenceLineage() throws {
        let analysis = try SQLAnalyzer().analyze(
            sql: "select order_id from src.orders where ordered_at > (select max(ordered_at) from @this)",
            file: "m.sql", schemas: { $0.isThis ? ["order_id", "ordered_at"] : fixtureSchema($0) }
        )
        #expect(
            edges(column(analysis, "order_id")) == [
                "@this.ordered_at filter", "src.orders.order_id identity", "src.orders.ordered_at filter",
            ])
    }

    @Test func groupByPositionAndAlias() throws {
        let analysis = try analyze("select status as s, count(*) as n from src.orders group by 1 order by n")
        #expect(edges(column(analysis, "n")) == ["src.orders.status groupBy"])
    }
}
