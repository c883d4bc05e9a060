import Testing
import TesseraModel
import TesseraSQL
@testable import TesseraTransform

@Suite struct ProductConsumersTests {
    /// sales publishes orders; marketing reads some of its columns, one model through a `*`;
    /// finance reads marketing's product and sales.orders; the columns flow on to products.
    static func mesh() throws -> MeshFixture {
        try MeshFixture([
            "domains/sales/domain.yaml": "owner: s@x\n",
            "domains/sales/sources/orders.yaml": MeshFixture.csvSource(),
            "domains/sales/models/orders.sql": "select id, amount, email, status from src.orders",
            "domains/sales/models/big_orders.sql": "select id from sales.orders where amount > 100",
            "domains/sales/products/orders.yaml": """
            contract:
              columns:
                - {name: id, type: BIGINT}
                - {name: amount, type: DOUBLE}
                - {name: email, type: VARCHAR}
                - {name: status, type: VARCHAR}
            """,
            "domains/marketing/domain.yaml": "owner: m@x\n",
            // Reads email only: a consumer of email, not of amount.
            "domains/marketing/models/contacts.sql": "select id, lower(email) as contact from sales.orders",
            // A `*` reader: every column.
            "domains/marketing/models/order_copy.sql": "select * from sales.orders",
            // Reads status only to filter.
            "domains/marketing/models/shipped.sql": "select id from sales.orders where status = 'shipped'",
            "domains/marketing/models/campaigns.sql": "select contact, count(*) as n from contacts group by contact",
            "domains/marketing/products/campaigns.yaml": """
            contract:
              columns:
                - {name: contact, type: VARCHAR}
                - {name: n, type: BIGINT}
            """,
            "domains/finance/domain.yaml": "owner: f@x\n",
            "domains/finance/models/revenue.sql": "select sum(amount) as revenue from sales.orders",
            "domains/finance/models/reach.sql": "select count(distinct contact) as reach from marketing.campaigns",
            "domains/finance/products/reach.yaml": """
            contract:
              columns:
                - {name: reach, type: BIGINT}
            """,
        ])
    }

    func names(_ consumers: [ProductConsumer]) -> [String] {
        consumers.map { "\($0.kind.rawValue) \($0.node.displayName)" }
    }

    @Test func columnLevelAcrossThreeDomains() throws {
        let fixture = try Self.mesh()
        #expect(fixture.mesh.diagnostics.isEmpty, "\(fixture.mesh.diagnostics)")
        let finder = try ProductConsumers(analysis: fixture.mesh)
        let ofEmail = finder.consumers(of: "sales.orders", columns: ["email"])
        // revenue (amount) and shipped (status) do not read email; sales' own big_orders is not a consumer.
        #expect(
            names(ofEmail) == [
                "model finance.reach", "product finance.reach",
                "model marketing.campaigns", "product marketing.campaigns", "model marketing.contacts",
                "model marketing.order_copy",
            ])
        let contacts = try #require(ofEmail.first { $0.node == .model("marketing", "contacts") })
        #expect(contacts.columns == ["email"])
        #expect(contacts.derivedColumns == ["contact"])
        #expect(contacts.file == "domains/marketing/models/contacts.sql")
        #expect(contacts.readsFrom == .product("sales", "orders"))
        #expect(!contacts.readsAllColumns)
        let copy = try #require(ofEmail.first { $0.node == .model("marketing", "order_copy") })
        #expect(copy.readsAllColumns)
        #expect(ofEmail.first { $0.node == .product("finance", "reach") }?.readsFrom == .model("finance", "reach"))
    }

    @Test func filterAndAggregateReadersAreConsumersOfTheirColumns() throws {
        let finder = try ProductConsumers(analysis: try Self.mesh().mesh)
        #expect(
            names(finder.consumers(of: "sales.orders", columns: ["status"])) == [
                "model marketing.order_copy", "model marketing.shipped",
            ])
        #expect(
            names(finder.consumers(of: "sales.orders", columns: ["amount"])) == [
                "model finance.revenue", "model marketing.order_copy",
            ])
        #expect(
            names(finder.consumers(of: "sales.orders", columns: ["AMOUNT"])) == [
                "model finance.revenue", "model marketing.order_copy",
            ])
    }

    @Test func everyColumnFindsEveryReader() throws {
        let finder = try ProductConsumers(analysis: try Self.mesh().mesh)
        #expect(
            names(finder.consumers(of: "sales.orders")) == [
                "model finance.reach", "product finance.reach", "model finance.revenue",
                "model marketing.campaigns", "product marketing.campaigns", "model marketing.contacts",
                "model marketing.order_copy", "model marketing.shipped",
            ])
        #expect(finder.consumers(of: "sales.nothing").isEmpty)
        #expect(finder.consumers(of: "nonsense").isEmpty)
    }

    @Test func aStarReaderReadsAColumnTheContractNoLongerHas() throws {
        // The contract already dropped `legacy`; the published one had it. The `*` reader is a
        // consumer of it, the explicit reader of other columns is not.
        let fixture = try MeshFixture([
            "domains/sales/sources/orders.yaml": MeshFixture.csvSource(),
            "domains/sales/models/orders.sql": "select id from src.orders",
            "domains/sales/products/orders.yaml": "contract:\n  columns:\n    - {name: id, type: BIGINT}\n",
            "domains/hr/models/copy.sql": "select * from sales.orders",
            "domains/hr/models/ids.sql": "select id from sales.orders",
            "domains/hr/models/old.sql": "select id, legacy from sales.orders",
        ])
        let finder = try ProductConsumers(analysis: fixture.mesh)
        #expect(names(finder.consumers(of: "sales.orders", columns: ["legacy"])) == ["model hr.copy", "model hr.old"])
    }

    @Test func readersOfAPreviousMajorAreNotConsumersOfTheCurrentOne() throws {
        let fixture = try MeshFixture([
            "domains/sales/sources/orders.yaml": MeshFixture.csvSource(),
            "domains/sales/models/orders.sql": "select id from src.orders",
            "domains/sales/products/orders.yaml":
                "version: 2.0.0\ncontract:\n  columns:\n    - {name: id, type: BIGINT}\n",
            "domains/hr/models/pinned.sql": "select id from sales.orders__v1",
            "domains/hr/models/current.sql": "select id from sales.orders",
        ])
        #expect(fixture.mesh.diagnostics.isEmpty, "\(fixture.mesh.diagnostics)")
        let finder = try ProductConsumers(analysis: fixture.mesh)
        #expect(names(finder.consumers(of: "sales.orders", columns: ["id"])) == ["model hr.current"])
    }
}
