import DuckDB
import Foundation
import Testing

/// `tessera plan`, `run` and `runs` through the real binary, on a mesh of three domains:
/// sales (a CSV source, two models, a product with a masked pii column), marketing and finance
/// (models reading sales.orders).
@Suite struct RunCommandTests {
    static let files: [String: String] = [
        "tessera.yaml": """
        mesh: acme
        governance: {require_description: false, require_classification: false}

        """,
        "domains/sales/domain.yaml": "owner: sales@acme.example\n",
        "domains/sales/sources/orders.yaml": """
        connector: {type: csv, path: domains/sales/data/*.csv}
        load: {mode: full}

        """,
        "domains/sales/data/orders.csv": """
        order_id,email,amount,ordered_at
        1,ann@example.com,10.5,2026-11-01 10:00:00
        2,bob@example.com,20,2026-11-01 11:00:00
        3,cy@example.com,30,2026-11-02 09:00:00

        """,
        "domains/sales/models/orders_clean.sql":
            "select order_id, email, amount, ordered_at from src.orders where amount > 0\n",
        "domains/sales/models/orders.sql": "select * from orders_clean\n",
        "domains/sales/models/orders.yaml": "tags: [gold]\n",
        "domains/sales/products/orders.yaml": """
        contract:
          primary_key: [order_id]
          columns:
            - {name: order_id, type: BIGINT}
            - {name: email, type: VARCHAR, classification: pii}
            - {name: amount, type: DOUBLE}
            - {name: ordered_at, type: TIMESTAMP}
        access:
          masks: {email: redact}

        """,
        "domains/finance/domain.yaml": "owner: finance@acme.example\n",
        "domains/finance/models/revenue.sql":
            "select sum(amount) as revenue, count(*) as orders, min(email) as an_email from sales.orders\n",
        "domains/marketing/domain.yaml": "owner: marketing@acme.example\n",
        "domains/marketing/models/buyers.sql": "select count(distinct email) as buyers from sales.orders\n",
    ]

    func mesh(_ extra: [String: String] = [:]) throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        for (path, text) in Self.files.merging(extra, uniquingKeysWith: { _, new in new }) { try dir.write(path, text) }
        return dir
    }

    func query(_ dir: TemporaryDirectory, domain: String, env: String = "dev", _ sql: String) throws -> [[DuckDBValue]]
    {
        let file = dir.url.appendingPathComponent(".tessera/\(env)/domains/\(domain)/warehouse.duckdb").path
        return try Database(path: file, options: ["access_mode": "READ_ONLY"]).connect().rows(sql)
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func statuses(_ run: [String: Any]) -> [String: String] {
        var result: [String: String] = [:]
        for node in run["nodes"] as? [[String: Any]] ?? [] {
            if let id = node["id"] as? String, let status = node["status"] as? String { result[id] = status }
        }
        return result
    }

    @Test func runBuildsPublishesAndFeedsOtherDomainsThenDoesNothingTwice() async throws {
        let dir = try mesh()
        let plan = try await TesseraBinary.run(["plan", "--format", "json"], in: dir.url)
        #expect(plan.status == 0, "\(plan.stderr)")
        let planned = try json(plan.stdout)["nodes"] as? [[String: Any]] ?? []
        #expect(planned.filter { $0["kind"] as? String == "model" }.count == 4)
        #expect(planned.first { $0["id"] as? String == "model.finance.revenue" }?["action"] as? String == "build")

        let first = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(first.status == 0, "\(first.stdout)\n\(first.stderr)")
        #expect(first.stdout.contains("✓ sales.orders"))
        #expect(first.stdout.contains("published"))
        let revenue = try query(dir, domain: "finance", "select revenue, orders, an_email from revenue")
        #expect(revenue == [[.double(60.5), .bigint(3), .varchar("****")]], "pii is masked outside the domain")
        #expect(try query(dir, domain: "sales", "select count(*) from orders") == [[.bigint(3)]])

        let second = try await TesseraBinary.run(["run", "--format", "json"], in: dir.url)
        #expect(second.status == 0, "\(second.stderr)")
        let again = statuses(try json(second.stdout))
        #expect(again["model.finance.revenue"] == "unchanged")
        #expect(again["product.sales.orders"] == "unchanged")

        // New data flows through every domain.
        try dir.write(
            "domains/sales/data/orders_2.csv",
            "order_id,email,amount,ordered_at\n4,di@example.com,100,2026-11-03 08:00:00\n")
        let third = try await TesseraBinary.run(["run", "--format", "json"], in: dir.url)
        let after = statuses(try json(third.stdout))
        #expect(after["model.sales.orders_clean"] == "succeeded")
        #expect(after["model.marketing.buyers"] == "succeeded")
        #expect(try query(dir, domain: "finance", "select revenue from revenue") == [[.double(160.5)]])
    }

    @Test func aFailingModelSkipsItsDownstreamOnlyAndFromFailureResumes() async throws {
        let dir = try mesh([
            "domains/marketing/models/buyers.sql": "select cast(email as integer) as buyers from sales.orders\n"
        ])
        try dir.write("domains/marketing/models/buyers_report.sql", "select * from buyers\n")
        let failed = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("✗ marketing.buyers"))
        #expect(failed.stderr.contains("domains/marketing/models/buyers.sql"))
        #expect(failed.stdout.contains("marketing.buyers_report  skipped: upstream failed: marketing.buyers"))
        #expect(
            try query(dir, domain: "finance", "select orders from revenue") == [[.bigint(3)]],
            "the other branch is published")
        let logs = try FileManager.default.contentsOfDirectory(
            atPath: dir.url.appendingPathComponent(".tessera/dev/runs").path)
        let log = try String(
            contentsOf: dir.url.appendingPathComponent(".tessera/dev/runs/\(try #require(logs.first))"), encoding: .utf8
        )
        #expect(log.contains("failed model.marketing.buyers"))
        #expect(log.contains("Could not convert"), "the whole error is in the run's log")

        let history = try await TesseraBinary.run(["runs", "--format", "json"], in: dir.url)
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
        #expect(runs.first?["status"] as? String == "failed")
        let runID = try #require(runs.first?["id"] as? String)
        let shown = try await TesseraBinary.run(["runs", "show", String(runID.prefix(19))], in: dir.url)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("model.marketing.buyers"))
        #expect(shown.stdout.contains("failed"))

        try dir.write(
            "domains/marketing/models/buyers.sql", "select count(distinct email) as buyers from sales.orders\n")
        let resumed = try await TesseraBinary.run(["run", "--from-failure", "--format", "json"], in: dir.url)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let nodes = statuses(try json(resumed.stdout))
        #expect(Set(nodes.keys) == ["model.marketing.buyers", "model.marketing.buyers_report"])
        // Marketing sees the e-mails redacted: one distinct value.
        #expect(try query(dir, domain: "marketing", "select buyers from buyers_report") == [[.bigint(1)]])

        let nothing = try await TesseraBinary.run(["run", "--from-failure"], in: dir.url)
        #expect(nothing.status == 2)
        #expect(nothing.stderr.contains("there is nothing to resume"))
    }

    @Test func selectorsEnvironmentsAndFailFast() async throws {
        let dir = try mesh()
        let sales = try await TesseraBinary.run(["run", "domain:sales", "--format", "json"], in: dir.url)
        #expect(sales.status == 0, "\(sales.stderr)")
        #expect(
            Set(statuses(try json(sales.stdout)).keys) == [
                "source.sales.orders", "model.sales.orders_clean", "model.sales.orders", "product.sales.orders",
            ])

        let prod = try await TesseraBinary.run(
            ["run", "+finance.revenue", "--env", "prod", "--format", "json"], in: dir.url)
        #expect(prod.status == 0, "\(prod.stderr)")
        #expect(
            statuses(try json(prod.stdout))["model.sales.orders"] == "succeeded",
            "prod has its own state: built again there")
        #expect(try query(dir, domain: "finance", env: "prod", "select orders from revenue") == [[.bigint(3)]])
        #expect(
            !FileManager.default.fileExists(atPath: dir.url.appendingPathComponent(".tessera/dev/domains/finance").path)
        )

        // --fail-fast: after the first failure nothing new starts; what was left is skipped, saying why.
        try dir.write("domains/analytics/domain.yaml", "owner: analytics@acme.example\n")
        try dir.write("domains/analytics/models/broken.sql", "select cast(email as integer) as n from sales.orders\n")
        let fast = try await TesseraBinary.run(
            ["run", "--fail-fast", "--threads", "1", "--full-refresh", "--format", "json"], in: dir.url)
        #expect(fast.status == 1)
        let stopped = statuses(try json(fast.stdout))
        #expect(stopped["model.analytics.broken"] == "failed")
        #expect(stopped["model.finance.revenue"] == "skipped")
        #expect(fast.stdout.contains("not run: --fail-fast stopped the run after analytics.broken failed"))

        let typo = try await TesseraBinary.run(["run", "finance.revenu"], in: dir.url)
        #expect(typo.status == 2)
        #expect(
            typo.stderr.contains(
                "selector 'finance.revenu' matches nothing in the mesh; did you mean 'finance.revenue'?"))
    }
}
