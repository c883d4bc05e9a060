import Testing
import TesseraModel
@testable import TesseraTransform

@Suite struct MeshAnalysisTests {
    @Test func buildsTheDAGAcrossDomains() throws {
        let fixture = try MeshFixture.threeDomains()
        let graph = fixture.mesh.graph
        #expect(fixture.mesh.diagnostics.isEmpty, "\(fixture.mesh.diagnostics)")
        #expect(graph.upstream(of: .model("sales", "orders_clean")) == [.source("sales", "orders")])
        #expect(graph.upstream(of: .product("sales", "orders")) == [.model("sales", "orders")])
        #expect(graph.upstream(of: .model("finance", "revenue")) == [.product("sales", "orders")])
        #expect(
            graph.downstream(of: .product("sales", "orders")) == [
                .model("finance", "revenue"), .model("marketing", "spend"),
            ])

        let order = try graph.topologicalOrder()
        func position(_ id: NodeID) -> Int { order.firstIndex(of: id) ?? -1 }
        #expect(position(.source("sales", "orders")) < position(.model("sales", "orders_clean")))
        #expect(position(.model("sales", "orders")) < position(.product("sales", "orders")))
        #expect(position(.product("sales", "orders")) < position(.model("finance", "revenue")))
    }

    @Test func starsOverUpstreamModelsAreExpanded() throws {
        let fixture = try MeshFixture.threeDomains()
        let columns = fixture.mesh.models[.model("sales", "orders")]?.analysis.outputColumns.map(\.name)
        #expect(columns == ["id", "amount"])
    }

    @Test func reportsUnknownNamesWithASuggestion() throws {
        let fixture = try MeshFixture([
            "domains/sales/sources/orders.yaml": MeshFixture.csvSource(),
            "domains/sales/models/m.sql": "select 1 from src.order",
        ])
        let diagnostic = try #require(fixture.mesh.diagnostics.first)
        #expect(
            diagnostic.description
                == "domains/sales/models/m.sql:1:15: error: unknown table 'src.order'\n  hint: did you mean 'src.orders'?"
        )
    }

    @Test func reportsACycleNamingEveryNode() throws {
        let fixture = try MeshFixture([
            "domains/d/models/a.sql": "select * from c",
            "domains/d/models/b.sql": "select * from a",
            "domains/d/models/c.sql": "-- reads b\nselect x from b",
        ])
        let messages = fixture.mesh.diagnostics.map(\.description)
        #expect(
            messages == [
                "domains/d/models/a.sql:1:15: error: dependency cycle: d.a → d.c → d.b → d.a\n  hint: a model cannot read itself through other models; use @this to read the model's own current table"
            ])
        #expect(throws: MeshGraph.Cycle.self) { try fixture.mesh.graph.topologicalOrder() }
    }

    @Test func reportsSyntaxErrorsAtTheirPosition() throws {
        let fixture = try MeshFixture(["domains/d/models/a.sql": "select 1,\n  2 frm x"])
        let diagnostic = try #require(fixture.mesh.diagnostics.first)
        #expect(diagnostic.location.description == "domains/d/models/a.sql:2:9")
        #expect(diagnostic.message.contains("syntax error"))
    }

    @Test func forbidsReadingAProductTheReadersListExcludes() throws {
        var files = [
            "domains/sales/models/orders.sql": "select 1 as id",
            "domains/sales/products/orders.yaml": """
            contract:
              columns: [{name: id, type: INTEGER}]
            access:
              readers: [finance]
            """,
            "domains/finance/models/ok.sql": "select id from sales.orders",
            "domains/marketing/models/no.sql": "select id\nfrom sales.orders",
        ]
        files["domains/finance/domain.yaml"] = "owner: f@x\n"
        let fixture = try MeshFixture(files)
        let messages = fixture.mesh.diagnostics.map(\.description)
        #expect(
            messages == [
                "domains/marketing/models/no.sql:2:6: error: domain 'marketing' may not read sales.orders: its access.readers are finance\n  hint: ask the owner of sales.orders to add 'marketing' to access.readers in domains/sales/products/orders.yaml"
            ])
    }

    @Test func fingerprintsIgnoreFormattingButNotMeaning() throws {
        func fingerprint(_ sql: String, _ yaml: String? = nil) throws -> String {
            var files = ["domains/d/models/m.sql": sql]
            if let yaml { files["domains/d/models/m.yaml"] = yaml }
            return try #require(MeshFixture(files).mesh.models[.model("d", "m")]?.fingerprint)
        }
        let base = try fingerprint("select 1 as x")
        #expect(try fingerprint("SELECT  1 AS x -- same\n") == base)
        #expect(try fingerprint("select 2 as x") != base)
        #expect(try fingerprint("select 1 as x", "materialized: view\n") != base)
    }
}

@Suite struct RelationshipDependencyTests {
    static func files(customersChecks: String = "") -> [String: String] {
        [
            "domains/shop/sources/raw.yaml": MeshFixture.csvSource(),
            "domains/shop/models/customers.sql": "select 1 as customer_id",
            "domains/shop/models/orders.sql": "select 1 as order_id, 1 as customer_id",
            "domains/shop/products/customers.yaml": """
            contract:
              columns:
                - {name: customer_id, type: INTEGER}
            \(customersChecks)
            """,
            "domains/shop/products/orders.yaml": """
            contract:
              columns:
                - {name: order_id, type: INTEGER}
                - {name: customer_id, type: INTEGER}
            checks:
              - relationship: {column: customer_id, to: shop.customers.customer_id}
            """,
        ]
    }

    @Test func aRelationshipTargetIsPublishedFirstButIsNotData() throws {
        let fixture = try MeshFixture(Self.files())
        let graph = fixture.mesh.graph
        #expect(fixture.mesh.diagnostics.isEmpty, "\(fixture.mesh.diagnostics)")
        let orders = NodeID.product("shop", "orders"), customers = NodeID.product("shop", "customers")
        #expect(graph.checked(by: orders) == [customers])
        #expect(graph.upstream(of: orders) == [.model("shop", "orders")])
        #expect(Set(graph.prerequisites(of: orders)) == [.model("shop", "orders"), customers])
        let order = try graph.topologicalOrder()
        #expect(try #require(order.firstIndex(of: customers)) < #require(order.firstIndex(of: orders)))
        #expect(!graph.ancestors(of: [orders]).contains(customers), "+ selectors follow data only")
    }

    @Test func aCycleThroughRelationshipChecksIsReportedAtTheCheck() throws {
        let fixture = try MeshFixture(
            Self.files(
                customersChecks: """
                    checks:
                      - relationship: {column: customer_id, to: shop.orders.customer_id}
                    """))
        let messages = fixture.mesh.diagnostics.map(\.description)
        #expect(messages.count == 1)
        #expect(
            messages.first?.hasPrefix(
                "domains/shop/products/customers.yaml:5:5: error: dependency cycle: shop.customers → shop.orders → shop.customers"
            ) == true, "\(messages)")
        #expect(throws: MeshGraph.Cycle.self) { try fixture.mesh.graph.topologicalOrder() }
    }
}

@Suite struct RelationshipCycleAcrossDomainsTests {
    /// finance.revenue reads sales.orders; sales.orders checks against finance.revenue.
    @Test func aCheckClosingALoopThroughAReadIsReportedAtTheCheck() throws {
        let fixture = try MeshFixture([
            "domains/sales/models/orders.sql": "select 1 as id",
            "domains/sales/products/orders.yaml": """
            contract:
              columns:
                - {name: id, type: INTEGER}
            checks:
              - relationship: {column: id, to: finance.revenue.id}
            """,
            "domains/finance/models/revenue.sql": "select id from sales.orders",
            "domains/finance/products/revenue.yaml": """
            contract:
              columns:
                - {name: id, type: INTEGER}
            """,
        ])
        let messages = fixture.mesh.diagnostics.map(\.description)
        #expect(messages.count == 1, "\(messages)")
        #expect(
            messages.first?.hasPrefix("domains/sales/products/orders.yaml:5:5: error: dependency cycle:") == true,
            "\(messages)")
        #expect(messages.first?.contains("remove this check") == true)
    }
}
