// The shared `MeshFixture` builder is in scope in every file of this target.
@_exported import TesseraTesting

extension MeshFixture {
    /// Three domains at column level: sales (two sources → a model joining them → a product that
    /// masks the pii e-mail), finance (a model aggregating sales.orders → a product), marketing
    /// (a model reading finance's product → a product).
    static func threeDomains() throws -> MeshFixture {
        try MeshFixture([
            "domains/sales/domain.yaml": "owner: s@x\n",
            "domains/sales/sources/customers.yaml": """
            connector: {type: csv, path: "data/customers.csv"}
            schema:
              columns:
                - {name: id, type: BIGINT}
                - {name: email, type: VARCHAR, classification: pii}
                - {name: country, type: VARCHAR}
            """,
            "domains/sales/sources/orders.yaml": """
            connector: {type: csv, path: "data/orders.csv"}
            schema:
              columns:
                - {name: id, type: BIGINT}
                - {name: customer_id, type: BIGINT}
                - {name: amount, type: DOUBLE}
                - {name: status, type: VARCHAR}
            """,
            "domains/sales/models/orders.sql": """
            select o.id as order_id, o.amount, c.email, c.country
            from src.orders o join src.customers c on o.customer_id = c.id
            where o.status <> 'cancelled'
            """,
            "domains/sales/products/orders.yaml": """
            contract:
              columns:
                - {name: order_id, type: BIGINT}
                - {name: amount, type: DOUBLE}
                - {name: email, type: VARCHAR, classification: pii}
                - {name: country, type: VARCHAR}
            access:
              masks: {email: hash}
            """,
            "domains/finance/domain.yaml": "owner: f@x\n",
            "domains/finance/models/revenue.sql": """
            select country, sum(amount) as revenue, count(distinct email) as buyers
            from sales.orders group by country
            """,
            "domains/finance/products/revenue.yaml": """
            contract:
              columns:
                - {name: country, type: VARCHAR}
                - {name: revenue, type: DOUBLE}
                - {name: buyers, type: BIGINT, classification: internal}
            """,
            "domains/marketing/domain.yaml": "owner: m@x\n",
            "domains/marketing/models/targets.sql":
                "select country, revenue * 0.1 as budget from finance.revenue where revenue > 0",
            "domains/marketing/products/targets.yaml": """
            contract:
              columns:
                - {name: country, type: VARCHAR}
                - {name: budget, type: DOUBLE}
            """,
        ])
    }
}
