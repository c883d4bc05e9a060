import Foundation
import Testing

/// `tessera lineage` and the pii propagation of `tessera validate`, through the real binary.
@Suite struct LineageCommandTests {
    /// sales (two sources → orders, the e-mail masked for other domains) → finance.revenue →
    /// marketing.targets.
    static func project() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        let files = [
            "tessera.yaml": """
            mesh: acme
            governance: {require_owner: false, require_description: false, require_classification: false}
            """,
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
            """,
            "domains/sales/models/orders.sql": """
            select o.id as order_id, o.amount, c.email, c.country
            from src.orders o join src.customers c on o.customer_id = c.id
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
            "domains/finance/models/revenue.sql":
                "select country, sum(amount) as revenue from sales.orders group by country",
            "domains/finance/products/revenue.yaml": """
            contract:
              columns:
                - {name: country, type: VARCHAR}
                - {name: revenue, type: DOUBLE}
            """,
            "domains/marketing/domain.yaml": "owner: m@x\n",
            "domains/marketing/models/targets.sql": "select country, revenue * 0.1 as budget from finance.revenue",
        ]
        for (path, text) in files { try dir.write(path, text) }
        return dir
    }

    @Test func textTreeAcrossThreeDomains() async throws {
        let dir = try Self.project()
        let outcome = try await TesseraBinary.run(["lineage", "marketing.targets.budget", "--upstream"], in: dir.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(
            outcome.stdout == """
                lineage of column marketing.targets.budget (model)

                upstream
                marketing.targets.budget  model
                └── finance.revenue.revenue  product · transformation · from finance
                    └── finance.revenue.revenue  model · identity
                        ├── sales.orders.amount  product · aggregation · from sales
                        │   └── sales.orders.amount  model · identity
                        │       ├── sales.src.customers.id  source · join (indirect)
                        │       ├── sales.src.orders.amount  source · identity
                        │       └── sales.src.orders.customer_id  source · join (indirect)
                        └── sales.orders.country  product · groupBy (indirect) · from sales
                            └── sales.orders.country  model · identity
                                ├── sales.src.customers.country  source · identity
                                ├── sales.src.customers.id  source · join (indirect)
                                └── sales.src.orders.customer_id  source · join (indirect)

                """)
    }

    @Test func everyFormat() async throws {
        let dir = try Self.project()
        let json = try await TesseraBinary.run(["lineage", "sales.orders", "--format", "json"], in: dir.url)
        #expect(json.status == 0, "\(json.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["root"] as? String == "product.sales.orders")
        #expect(document["level"] as? String == "table")
        #expect((document["note"] as? String)?.contains("model.sales.orders") == true)
        let vertices = try #require(document["vertices"] as? [[String: Any]])
        #expect(
            vertices.compactMap { $0["id"] as? String } == [
                "model.finance.revenue", "product.finance.revenue", "model.marketing.targets",
                "source.sales.customers", "source.sales.orders", "model.sales.orders", "product.sales.orders",
            ])
        let dot = try await TesseraBinary.run(["lineage", "sales.orders", "--format", "dot"], in: dir.url)
        #expect(dot.status == 0)
        #expect(dot.stdout.hasPrefix("digraph lineage {\n"))
        #expect(dot.stdout.contains("  subgraph \"cluster_finance\" {\n"))
        let mermaid = try await TesseraBinary.run(
            ["lineage", "sales.orders", "--format", "mermaid", "--depth", "1"], in: dir.url)
        #expect(mermaid.status == 0)
        #expect(mermaid.stdout.hasPrefix("flowchart LR\n"))
        #expect(!mermaid.stdout.contains("marketing"))
        let table = try await TesseraBinary.run(["lineage", "sales.orders", "--format", "table"], in: dir.url)
        #expect(table.status == 2)
    }

    @Test func unknownNamesSayWhatTheyMeant() async throws {
        let dir = try Self.project()
        let node = try await TesseraBinary.run(["lineage", "sales.ordrs"], in: dir.url)
        #expect(node.status == 2)
        #expect(
            node.stderr
                == "error: no source, model or product named 'sales.ordrs'\n  hint: did you mean 'sales.orders'?\n")
        let column = try await TesseraBinary.run(["lineage", "sales.orders.amont"], in: dir.url)
        #expect(column.status == 2)
        #expect(
            column.stderr
                == "error: product sales.orders has no column 'amont'\n  hint: did you mean 'sales.orders.amount'?\n")
        let domain = try await TesseraBinary.run(["lineage", "salse.orders"], in: dir.url)
        #expect(domain.status == 2)
        #expect(domain.stderr.contains("did you mean 'sales'?"))
        let depth = try await TesseraBinary.run(["lineage", "sales.orders", "--depth", "0"], in: dir.url)
        #expect(depth.status == 2)
    }

    @Test func validateReportsDerivedPIIDeclaredLower() async throws {
        let dir = try Self.project()
        // marketing publishes the e-mail it read unmasked (same-domain reads would see it; here a
        // model of sales itself publishes it again, declared internal).
        try dir.write("domains/sales/models/contacts.sql", "select lower(email) as email_lower from src.customers")
        try dir.write(
            "domains/sales/products/contacts.yaml",
            """
            contract:
              columns:
                - {name: email_lower, type: VARCHAR, classification: internal}
            """)
        let outcome = try await TesseraBinary.run(["validate"], in: dir.url)
        #expect(outcome.status == 2)
        #expect(
            outcome.stdout.hasPrefix(
                """
                domains/sales/products/contacts.yaml:3:7: error: sales.contacts.email_lower derives from sales.src.customers.email (pii) but is declared internal (governance.pii_propagation)
                  hint: declare it `classification: pii` with a mask in access.masks for readers outside sales; or mask it
                """))
        // A governance error like any other: `run` does nothing with it.
        let run = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("derives from sales.src.customers.email (pii)"), "\(run.stderr)")
        try dir.write(
            "domains/sales/products/contacts.yaml",
            """
            contract:
              columns:
                - {name: email_lower, type: VARCHAR, classification: internal, declassified: "lower-cased for matching, then only counted"}
            """)
        let fixed = try await TesseraBinary.run(["validate"], in: dir.url)
        #expect(fixed.status == 0, "\(fixed.stdout)")
    }
}
