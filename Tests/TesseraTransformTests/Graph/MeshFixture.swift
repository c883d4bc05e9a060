import TesseraModel
// The shared `MeshFixture` builder is in scope in every file of this target.
@_exported import TesseraTesting

extension MeshFixture {
    /// Three domains: sales (source → two models → product), marketing (a model reading
    /// sales.orders), finance (a model reading both, tagged gold).
    static func threeDomains() throws -> MeshFixture {
        try MeshFixture([
            "domains/sales/domain.yaml": "owner: s@x\n",
            "domains/sales/sources/orders.yaml": csvSource(),
            "domains/sales/models/orders_clean.sql": "select id, amount from src.orders where amount > 0",
            "domains/sales/models/orders.sql": "select * from orders_clean",
            "domains/sales/models/orders.yaml": "tags: [gold]\n",
            "domains/sales/products/orders.yaml": """
            contract:
              columns:
                - {name: id, type: BIGINT}
                - {name: amount, type: DOUBLE}
            """,
            "domains/marketing/domain.yaml": "owner: m@x\n",
            "domains/marketing/models/spend.sql": "select id, amount * 2 as spend from sales.orders",
            "domains/finance/domain.yaml": "owner: f@x\n",
            "domains/finance/models/revenue.sql": "select sum(amount) as revenue from sales.orders",
            "domains/finance/models/revenue.yaml": "tags: [gold]\n",
        ])
    }
}

extension NodeID {
    static func model(_ domain: String, _ name: String) -> NodeID { NodeID(.model, domain, name) }
    static func source(_ domain: String, _ name: String) -> NodeID { NodeID(.source, domain, name) }
    static func product(_ domain: String, _ name: String) -> NodeID { NodeID(.product, domain, name) }
}
