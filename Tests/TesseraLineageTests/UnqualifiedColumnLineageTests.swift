import Testing
import TesseraLineage
import TesseraModel

/// Column lineage through unqualified names in joins, over models whose columns come from their
/// own SQL (or, in part, their YAML): dbt's jaffle shop `customers`, without Jinja.
@Suite struct UnqualifiedColumnLineageTests {
    static func jaffle(_ overrides: [String: String] = [:]) -> [String: String] {
        var files = [
            "domains/shop/domain.yaml": "owner: s@x\n",
            "domains/shop/sources/raw_orders.yaml": """
            connector: {type: csv, path: "o.csv"}
            schema:
              columns: [{name: id, type: BIGINT}, {name: user_id, type: BIGINT}, {name: order_date, type: DATE}]
            """,
            "domains/shop/sources/raw_payments.yaml": """
            connector: {type: csv, path: "p.csv"}
            schema:
              columns: [{name: id, type: BIGINT}, {name: order_id, type: BIGINT}, {name: amount, type: BIGINT}]
            """,
            "domains/shop/models/stg_orders.sql": """
            with source as (select * from src.raw_orders)
            select id as order_id, user_id as customer_id, order_date from source
            """,
            "domains/shop/models/stg_payments.sql": """
            with source as (select * from src.raw_payments),
            renamed as (select id as payment_id, order_id, amount / 100 as amount from source)
            select * from renamed
            """,
            "domains/shop/models/customers.sql": """
            with orders as (select * from stg_orders),
            payments as (select * from stg_payments),
            customer_payments as (
                select orders.customer_id, sum(amount) as total_amount
                from payments left join orders on payments.order_id = orders.order_id
                group by orders.customer_id
            )
            select customer_id, total_amount as customer_lifetime_value from customer_payments
            """,
            "domains/shop/products/customers.yaml": """
            contract:
              columns: [{name: customer_id, type: BIGINT}, {name: customer_lifetime_value, type: DOUBLE}]
            """,
            "domains/growth/domain.yaml": "owner: g@x\n",
            "domains/growth/models/best.sql":
                "select customer_id, customer_lifetime_value as value from shop.customers",
        ]
        files.merge(overrides) { _, new in new }
        return files
    }

    func upstream(_ fixture: MeshFixture, of column: String, in node: NodeID) -> [String] {
        fixture.edges.filter { $0.downstream == node && $0.downstreamColumn == column }.map(\.description)
    }

    @Test func sumOfAnUnqualifiedColumnDerivesFromTheModelThatHasIt() throws {
        let fixture = try MeshFixture(Self.jaffle())
        #expect(
            upstream(fixture, of: "customer_lifetime_value", in: NodeID(.model, "shop", "customers")) == [
                "shop.stg_orders.customer_id -> shop.customers.customer_lifetime_value (groupBy)",
                "shop.stg_orders.order_id -> shop.customers.customer_lifetime_value (join)",
                "shop.stg_payments.amount -> shop.customers.customer_lifetime_value (aggregation)",
                "shop.stg_payments.order_id -> shop.customers.customer_lifetime_value (join)",
            ])
        // Across domains, through the product.
        let result = fixture.graph.traverse(
            from: LineageVertex(NodeID(.model, "growth", "best"), column: "value"), direction: .upstream)
        #expect(result.vertices.map(\.displayName).contains("shop.src.raw_payments.amount"))
    }

    @Test func anAmbiguousNameIsAValidationError() throws {
        let files = Self.jaffle([
            "domains/shop/models/stg_orders.sql":
                "select id as order_id, user_id as customer_id, 0 as amount from src.raw_orders"
        ])
        // The shared fixture keeps analysis errors in the mesh's diagnostics (it throws only when
        // the files do not load).
        let diagnostics = try MeshFixture(files).mesh.diagnostics
        #expect(
            diagnostics.map { "\($0.location): \($0.message) (hint: \($0.hint ?? ""))" } == [
                "domains/shop/models/customers.sql:4:36: column reference 'amount' is ambiguous: 'payments' and 'orders' both have it (hint: qualify it, e.g. payments.amount)"
            ])
    }

    /// Inputs of unknown columns (a `*` over an undeclared source): nothing is invented.
    @Test func unknownColumnsInventNoEdge() throws {
        let fixture = try MeshFixture(
            Self.jaffle([
                "domains/shop/sources/raw_orders.yaml": "connector: {type: csv, path: \"o.csv\"}\n",
                "domains/shop/sources/raw_payments.yaml": "connector: {type: csv, path: \"p.csv\"}\n",
                "domains/shop/models/stg_payments.sql": "select * from src.raw_payments",
                "domains/shop/models/stg_orders.sql": "select * from src.raw_orders",
            ]))
        let edges = upstream(fixture, of: "customer_lifetime_value", in: NodeID(.model, "shop", "customers"))
        #expect(!edges.contains { $0.contains(".amount ") })
        #expect(edges.contains("shop.stg_payments.order_id -> shop.customers.customer_lifetime_value (join)"))
    }

    /// A model's YAML documents columns its `*` does not show: they count as its columns.
    @Test func documentedColumnsOfAStarModel() throws {
        let fixture = try MeshFixture(
            Self.jaffle([
                "domains/shop/sources/raw_orders.yaml": "connector: {type: csv, path: \"o.csv\"}\n",
                "domains/shop/sources/raw_payments.yaml": "connector: {type: csv, path: \"p.csv\"}\n",
                "domains/shop/models/stg_payments.sql": "select * from src.raw_payments",
                "domains/shop/models/stg_payments.yaml": "columns:\n  amount: {description: Paid in cents}\n",
                "domains/shop/models/stg_orders.sql": "select * from src.raw_orders",
            ]))
        #expect(
            upstream(fixture, of: "customer_lifetime_value", in: NodeID(.model, "shop", "customers"))
                .contains("shop.stg_payments.amount -> shop.customers.customer_lifetime_value (aggregation)"))
    }

    /// A snapshot model has `valid_from` and `valid_to` besides its query's columns.
    @Test func snapshotColumns() throws {
        let fixture = try MeshFixture(
            Self.jaffle([
                "domains/shop/models/stg_orders.yaml":
                    "materialized: snapshot\nsnapshot: {unique_key: [order_id], check_columns: [customer_id]}\n",
                "domains/shop/models/open_orders.sql": """
                select order_id, amount from stg_orders join stg_payments using (order_id) where valid_to is null
                """,
            ]))
        #expect(
            upstream(fixture, of: "amount", in: NodeID(.model, "shop", "open_orders")).contains(
                "shop.stg_orders.valid_to -> shop.open_orders.amount (filter)"))
    }
}
