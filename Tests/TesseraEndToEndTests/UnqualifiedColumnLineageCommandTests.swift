import Foundation
import Testing

/// Column lineage through unqualified names in joins, through the real binary: dbt's jaffle shop
/// `customers`, without Jinja, in a shop domain read by a growth domain.
@Suite struct UnqualifiedColumnLineageCommandTests {
    static func project(stagedOrders: String? = nil) throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        let files = [
            "tessera.yaml": """
            mesh: jaffle
            governance: {require_owner: false, require_description: false, require_classification: false}
            """,
            "domains/shop/domain.yaml": "owner: shop@x\n",
            "domains/shop/sources/raw_orders.yaml": """
            connector: {type: csv, path: "data/raw_orders.csv"}
            schema:
              columns:
                - {name: id, type: BIGINT}
                - {name: user_id, type: BIGINT}
                - {name: order_date, type: DATE}
            """,
            "domains/shop/sources/raw_payments.yaml": """
            connector: {type: csv, path: "data/raw_payments.csv"}
            schema:
              columns:
                - {name: id, type: BIGINT}
                - {name: order_id, type: BIGINT}
                - {name: amount, type: BIGINT}
            """,
            "domains/shop/models/stg_orders.sql": stagedOrders ?? """
                with source as (select * from src.raw_orders),
                renamed as (select id as order_id, user_id as customer_id, order_date from source)
                select * from renamed
                """,
            "domains/shop/models/stg_payments.sql": """
            with source as (select * from src.raw_payments),
            renamed as (
                select id as payment_id, order_id,
                    -- in cents: dollars
                    amount / 100 as amount
                from source
            )
            select * from renamed
            """,
            "domains/shop/models/customers.sql": """
            with orders as (
                select * from stg_orders
            ),
            payments as (
                select * from stg_payments
            ),
            customer_payments as (
                select
                    orders.customer_id,
                    sum(amount) as total_amount
                from payments
                left join orders on
                     payments.order_id = orders.order_id
                group by orders.customer_id
            )
            select customer_id, total_amount as customer_lifetime_value
            from customer_payments
            """,
            "domains/shop/products/customers.yaml": """
            contract:
              columns:
                - {name: customer_id, type: BIGINT}
                - {name: customer_lifetime_value, type: DOUBLE}
            """,
            "domains/growth/domain.yaml": "owner: growth@x\n",
            "domains/growth/models/best_customers.sql": """
            select customer_id, customer_lifetime_value as value from shop.customers
            """,
        ]
        for (path, text) in files { try dir.write(path, text) }
        return dir
    }

    @Test func sumOfAnUnqualifiedColumnDerivesFromPayments() async throws {
        let dir = try Self.project()
        let outcome = try await TesseraBinary.run(
            ["lineage", "shop.customers.customer_lifetime_value", "--upstream", "--format", "json"], in: dir.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let edges = try #require(document["edges"] as? [[String: Any]]).map {
            "\($0["from"] as? String ?? "") -> \($0["to"] as? String ?? "") \($0["kind"] as? String ?? "")"
        }
        #expect(
            edges.contains(
                "model.shop.stg_payments.amount -> model.shop.customers.customer_lifetime_value aggregation"))
        #expect(
            edges.contains(
                "source.shop.raw_payments.amount -> model.shop.stg_payments.amount transformation"))
        // Not only the join keys.
        #expect(
            edges.contains(
                "model.shop.stg_orders.order_id -> model.shop.customers.customer_lifetime_value join"))

        let downstream = try await TesseraBinary.run(
            ["lineage", "shop.src.raw_payments.amount", "--downstream"], in: dir.url)
        #expect(downstream.status == 0, "\(downstream.stderr)")
        #expect(
            downstream.stdout.contains("growth.best_customers.value  model · identity · into growth"),
            "\(downstream.stdout)")
    }

    @Test func validateReportsAnAmbiguousName() async throws {
        let dir = try Self.project(
            stagedOrders: "select id as order_id, user_id as customer_id, 0 as amount from src.raw_orders\n")
        let outcome = try await TesseraBinary.run(["validate"], in: dir.url)
        #expect(outcome.status == 2)
        #expect(
            outcome.stdout.contains(
                """
                domains/shop/models/customers.sql:10:13: error: column reference 'amount' is ambiguous: 'payments' and 'orders' both have it
                  hint: qualify it, e.g. payments.amount
                """), "\(outcome.stdout)")
    }
}
