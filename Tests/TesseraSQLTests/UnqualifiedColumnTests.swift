import Testing
import TesseraModel
import TesseraSQL

/// Unqualified columns in joins, resolved against the known columns of each input (as a qualify
/// step with a schema does), and what is left when some inputs' columns are not known.
@Suite struct UnqualifiedColumnTests {
    /// jaffle shop's customer_payments: `sum(amount)` over payments left join orders, both CTEs
    /// over upstream models.
    static let customerPayments = """
        with payments as (select * from stg_payments),
        orders as (select * from stg_orders)
        select orders.customer_id, sum(amount) as total_amount
        from payments left join orders on payments.order_id = orders.order_id
        group by orders.customer_id
        """

    static let staging: [String: KnownColumns] = [
        "stg_payments": KnownColumns(names: ["payment_id", "order_id", "payment_method", "amount"]),
        "stg_orders": KnownColumns(names: ["order_id", "customer_id", "order_date", "status"]),
    ]

    func analyze(_ sql: String, _ columns: [String: KnownColumns]) throws -> SQLAnalysis {
        try SQLAnalyzer().analyze(sql: sql, file: "m.sql", columns: { columns[$0.description.lowercased()] })
    }

    @Test func unqualifiedColumnOfCTEsOverKnownModels() throws {
        let analysis = try analyze(Self.customerPayments, Self.staging)
        #expect(analysis.diagnostics.isEmpty)
        #expect(
            edges(column(analysis, "total_amount")) == [
                "stg_orders.customer_id groupBy", "stg_orders.order_id join",
                "stg_payments.amount aggregation", "stg_payments.order_id join",
            ])
        #expect(column(analysis, "total_amount")?.unresolvedReferences == [])
        #expect(!analysis.dependsOnUnknownColumns)
    }

    @Test func unknownInputsLeaveTheNameUnresolvedAndSaySo() throws {
        let analysis = try analyze(Self.customerPayments, [:])
        #expect(analysis.diagnostics.isEmpty)
        // No edge is invented: amount could come from either input.
        #expect(
            edges(column(analysis, "total_amount")) == [
                "stg_orders.customer_id groupBy", "stg_orders.order_id join", "stg_payments.order_id join",
            ])
        #expect(column(analysis, "total_amount")?.unresolvedReferences == ["amount"])
        #expect(analysis.dependsOnUnknownColumns)
    }

    @Test func qualifiedColumnsDoNotDependOnUnknownColumns() throws {
        let analysis = try analyze(
            "select p.amount from stg_payments p join stg_orders o on p.order_id = o.order_id", [:])
        #expect(edges(column(analysis, "amount")).contains("stg_payments.amount identity"))
        #expect(!analysis.dependsOnUnknownColumns)
    }

    /// Attributed to the one known input that has it; an input of unknown columns might have it
    /// too (then DuckDB would reject the query), so the analysis says it depends on them.
    @Test func knownInputBesideAnUnknownOne() throws {
        let analysis = try analyze(Self.customerPayments, ["stg_payments": Self.staging["stg_payments"]!])
        #expect(edges(column(analysis, "total_amount")).contains("stg_payments.amount aggregation"))
        #expect(analysis.dependsOnUnknownColumns)
    }

    @Test func ambiguousWhenBothInputsHaveIt() throws {
        var columns = Self.staging
        columns["stg_orders"]?.names.append("amount")
        let analysis = try analyze(Self.customerPayments, columns)
        #expect(
            messages(analysis) == ["3:32 column reference 'amount' is ambiguous: 'payments' and 'orders' both have it"])
        #expect(analysis.diagnostics.first?.hint == "qualify it, e.g. payments.amount")
    }

    @Test func subqueriesResolveAgainstTheirInputs() throws {
        let analysis = try analyze(
            """
            select customer_id, total from (
                select customer_id, sum(amount) as total
                from stg_payments join stg_orders using (order_id)
                group by customer_id
            ) t
            """, Self.staging)
        #expect(analysis.diagnostics.isEmpty)
        #expect(
            edges(column(analysis, "total")) == [
                "stg_orders.customer_id groupBy", "stg_orders.order_id join",
                "stg_payments.amount aggregation", "stg_payments.order_id join",
            ])
    }

    /// Known in part (a model's documented columns over a `*` the SQL leaves unresolved): the
    /// names it has are its own, other names may still be its.
    @Test func partlyKnownInput() throws {
        let columns: [String: KnownColumns] = [
            "stg_payments": KnownColumns(names: ["amount"], isComplete: false),
            "stg_orders": KnownColumns(names: ["order_id", "customer_id"]),
        ]
        let analysis = try analyze(
            """
            select customer_id, amount, payment_method
            from stg_payments p join stg_orders o on p.order_id = o.order_id
            """, columns)
        #expect(analysis.diagnostics.isEmpty)
        #expect(edges(column(analysis, "amount")).contains("stg_payments.amount identity"))
        #expect(edges(column(analysis, "payment_method")).contains("stg_payments.payment_method identity"))
        #expect(edges(column(analysis, "customer_id")).contains("stg_orders.customer_id identity"))
        let star = try analyze("select * from stg_payments p", columns)
        #expect(star.outputColumns.map(\.name) == ["amount", "p.*"])
        #expect(star.outputColumns.map(\.isUnresolvedStar) == [false, true])
    }

    /// ORDER BY and DISTINCT ON read a bare name as the select item first (DuckDB accepts these);
    /// an expression over the name does not.
    @Test func orderByASelectItemIsNotAmbiguous() throws {
        let columns: [String: KnownColumns] = [
            "a": KnownColumns(names: ["id", "k"]), "b": KnownColumns(names: ["id", "k"]),
        ]
        let ordered = try analyze(
            "select distinct on (k) a.id, a.k + b.k as k from a join b on a.id = b.id order by id, k", columns)
        #expect(ordered.diagnostics.isEmpty)
        #expect(edges(column(ordered, "id")).contains("b.k groupBy"))
        #expect(edges(column(ordered, "k")).contains("a.id sort"))
        let expression = try analyze("select a.id, a.k + b.k as k from a join b on a.id = b.id order by k + 1", columns)
        #expect(messages(expression) == ["1:67 column reference 'k' is ambiguous: 'a' and 'b' both have it"])
    }

    /// A NATURAL join merges the columns known on both sides, even when either may have more.
    @Test func naturalJoinOfPartlyKnownInputs() throws {
        let columns: [String: KnownColumns] = [
            "stg_payments": KnownColumns(names: ["order_id", "amount"], isComplete: false),
            "stg_orders": KnownColumns(names: ["order_id"], isComplete: false),
        ]
        let analysis = try analyze("select order_id, amount from stg_payments natural join stg_orders", columns)
        #expect(analysis.diagnostics.isEmpty)
        #expect(edges(column(analysis, "order_id")).contains("stg_orders.order_id identity"))
        #expect(edges(column(analysis, "order_id")).contains("stg_payments.order_id identity"))
    }

    @Test func partlyKnownInputsStillFindAmbiguity() throws {
        let columns: [String: KnownColumns] = [
            "stg_payments": KnownColumns(names: ["amount"], isComplete: false),
            "stg_orders": KnownColumns(names: ["amount"], isComplete: false),
        ]
        let analysis = try analyze("select amount from stg_payments, stg_orders", columns)
        #expect(
            messages(analysis) == [
                "1:8 column reference 'amount' is ambiguous: 'stg_payments' and 'stg_orders' both have it"
            ])
    }
}
