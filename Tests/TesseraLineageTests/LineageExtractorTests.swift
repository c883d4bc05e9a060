import Testing
import TesseraLineage
import TesseraModel

@Suite struct LineageExtractorTests {
    @Test func tableAndColumnEdgesAcrossThreeDomains() throws {
        let edges = try MeshFixture.threeDomains().edges
        #expect(edges == edges.sorted())
        let tables = edges.filter { !$0.isColumnLevel }.map(\.description)
        #expect(
            tables == [
                "sales.orders -> finance.revenue",
                "finance.revenue -> finance.revenue",
                "finance.revenue -> marketing.targets",
                "marketing.targets -> marketing.targets",
                "sales.src.customers -> sales.orders",
                "sales.src.orders -> sales.orders",
                "sales.orders -> sales.orders",
            ])
        let columns = edges.filter(\.isColumnLevel).map(\.description)
        #expect(columns.contains("sales.src.customers.email -> sales.orders.email (identity)"))
        #expect(columns.contains("sales.src.orders.customer_id -> sales.orders.email (join)"))
        #expect(columns.contains("sales.src.orders.status -> sales.orders.amount (filter)"))
        #expect(columns.contains("sales.orders.email -> finance.revenue.buyers (aggregation)"))
        #expect(columns.contains("finance.revenue.revenue -> marketing.targets.budget (transformation)"))
        #expect(columns.contains("sales.orders.country -> finance.revenue.revenue (groupBy)"))
        #expect(columns.contains("finance.revenue.revenue -> marketing.targets.country (filter)"))
        // A product's columns come from its input's columns of the same name.
        let published = edges.filter { $0.downstream == NodeID(.product, "sales", "orders") && $0.isColumnLevel }
        #expect(
            published.map(\.description) == [
                "sales.orders.amount -> sales.orders.amount (identity)",
                "sales.orders.country -> sales.orders.country (identity)",
                "sales.orders.email -> sales.orders.email (identity)",
                "sales.orders.order_id -> sales.orders.order_id (identity)",
            ])
        #expect(published.allSatisfy { $0.upstream == NodeID(.model, "sales", "orders") })
    }

    @Test func aProductOfASourcePublishesTheSourceColumns() throws {
        let fixture = try MeshFixture([
            "domains/sales/domain.yaml": "owner: s@x\n",
            "domains/sales/sources/customers.yaml": "connector: {type: csv, path: \"c.csv\"}\n",
            "domains/sales/products/customers.yaml": """
            source: customers
            contract:
              columns:
                - {name: id, type: BIGINT}
            """,
        ])
        #expect(
            fixture.edges.map(\.description) == [
                "sales.src.customers -> sales.customers",
                "sales.src.customers.id -> sales.customers.id (identity)",
            ])
        #expect(fixture.edges.first?.upstream == NodeID(.source, "sales", "customers"))
    }
}
