import Foundation
import Testing

/// What `plan` predicts and what `run` does, through the real binary, on a small shop: customers
/// and orders (orders has a relationship check against customers, as in dbt's jaffle shop), and
/// an analytics domain reading the customers product.
@Suite struct PlanningCorrectnessTests {
    static let files: [String: String] = [
        "tessera.yaml": "mesh: jaffle\ngovernance: {require_description: false, require_classification: false}\n",
        "domains/shop/domain.yaml": "owner: shop@example.com\n",
        "domains/shop/data/customers.csv": "id,name\n1,ann\n2,bob\n",
        "domains/shop/data/orders.csv": "id,customer_id,amount\n10,1,5\n11,2,7\n",
        "domains/shop/sources/customers.yaml": "connector: {type: csv, path: domains/shop/data/customers.csv}\n",
        "domains/shop/sources/orders.yaml": "connector: {type: csv, path: domains/shop/data/orders.csv}\n",
        "domains/shop/models/customers.sql": "select id as customer_id, name from src.customers\n",
        "domains/shop/models/orders.sql": "select id as order_id, customer_id, amount from src.orders\n",
        "domains/shop/models/orders.yaml": "tags: [core]\n",
        "domains/shop/products/customers.yaml": """
        version: 1.0.0
        contract:
          primary_key: [customer_id]
          columns:
            - {name: customer_id, type: BIGINT}
            - {name: name, type: VARCHAR}

        """,
        "domains/shop/products/orders.yaml": """
        version: 1.0.0
        contract:
          primary_key: [order_id]
          columns:
            - {name: order_id, type: BIGINT}
            - {name: customer_id, type: BIGINT}
            - {name: amount, type: BIGINT}
        checks:
          - relationship: {column: customer_id, to: shop.customers.customer_id}

        """,
        "domains/analytics/domain.yaml": "owner: analytics@example.com\n",
        "domains/analytics/models/customer_count.sql": "select count(*) as customers from shop.customers\n",
    ]

    func shop() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        for (path, text) in Self.files { try dir.write(path, text) }
        return dir
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    /// id → (action, reason codes) of a `plan --format json`, or id → status of a `run --format json`.
    func nodes(_ document: [String: Any]) -> [String: [String: Any]] {
        var result: [String: [String: Any]] = [:]
        for node in document["nodes"] as? [[String: Any]] ?? [] {
            if let id = node["id"] as? String { result[id] = node }
        }
        return result
    }

    func planned(_ dir: TemporaryDirectory, _ arguments: [String] = []) async throws -> [String: [String: Any]] {
        let plan = try await TesseraBinary.run(["plan", "--format", "json"] + arguments, in: dir.url)
        #expect(plan.status == 0, "\(plan.stderr)")
        return nodes(try json(plan.stdout))
    }

    func codes(_ node: [String: Any]?) -> [String] {
        (node?["reasons"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    @Test func aRelationshipTargetPublishedInTheSameRunIsWhatTheCheckReadsOnAFirstRun() async throws {
        let dir = try shop()
        let run = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(!run.stdout.contains("no relation is known"), "\(run.stdout)")
        #expect(run.stdout.contains("shop.orders") && run.stdout.contains("published"))

        // An order of an unknown customer is caught against the customers just published.
        let orphan = try shop()
        try orphan.write("domains/shop/data/orders.csv", "id,customer_id,amount\n10,1,5\n11,99,7\n")
        let caught = try await TesseraBinary.run(["run"], in: orphan.url)
        #expect(caught.status == 1, "\(caught.stdout)")
        #expect(caught.stdout.contains("✓ shop.customers") && caught.stdout.contains("published"), "\(caught.stdout)")
        #expect(caught.stdout.contains("relationship(customer_id → shop.customers.customer_id)"), "\(caught.stdout)")
        #expect(!caught.stdout.contains("no relation is known"), "\(caught.stdout)")

        // Two products checking against each other cannot both go first.
        try dir.write(
            "domains/shop/products/customers.yaml",
            Self.files["domains/shop/products/customers.yaml"]! + """
                checks:
                  - relationship: {column: customer_id, to: shop.orders.customer_id}

                """)
        let validate = try await TesseraBinary.run(["validate"], in: dir.url)
        #expect(validate.status == 2)
        #expect(
            validate.stdout.contains(
                "domains/shop/products/customers.yaml:8:5: error: dependency cycle: shop.customers → shop.orders → shop.customers"
            ), "\(validate.stdout)")
    }

    @Test func aChangedCheckOrContractVerifiesThePublishedProductAgain() async throws {
        let dir = try shop()
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)

        try dir.write(
            "domains/shop/products/customers.yaml",
            Self.files["domains/shop/products/customers.yaml"]! + """
                checks:
                  - row_count: {min: 100}

                """)
        let plan = try await planned(dir)
        #expect(plan["product.shop.customers"]?["action"] as? String == "publish")
        #expect(codes(plan["product.shop.customers"]) == ["checks_changed"])
        let run = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(run.status == 1, "\(run.stdout)")
        #expect(run.stdout.contains("2 nodes to build or publish"), "the product, and what reads it: \(run.stdout)")
        #expect(run.stdout.contains("quarantined"), "\(run.stdout)")

        // A contract-only change is said to be one.
        try dir.write(
            "domains/shop/products/customers.yaml",
            Self.files["domains/shop/products/customers.yaml"]!
                .replacingOccurrences(
                    of: "{name: customer_id, type: BIGINT}", with: "{name: customer_id, type: BIGINT, nullable: false}")
        )
        let text = try await TesseraBinary.run(["plan"], in: dir.url)
        #expect(
            text.stdout.contains("publish  shop.customers") && text.stdout.contains("contract changed"),
            "\(text.stdout)")
        #expect(!text.stdout.contains("SQL changed"), "\(text.stdout)")
    }

    /// A model's checks run with each build of it: a change to them alone builds it again, so
    /// the next run runs them.
    @Test func aChangedModelCheckRunsOnTheNextRun() async throws {
        let dir = try shop()
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)

        try dir.write("domains/shop/models/orders.yaml", "tags: [core]\nchecks:\n  - row_count: {min: 100}\n")
        let plan = try await planned(dir)
        #expect(plan["model.shop.orders"]?["action"] as? String == "build", "\(plan)")
        #expect(codes(plan["model.shop.orders"]) == ["checks_changed"])
        let modified = try await planned(dir, ["state:modified"])
        #expect(Set(modified.keys) == ["model.shop.orders"], "\(modified)")
        let run = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("row_count"), "\(run.stderr)")

        // Back to checks that pass: built again, and nothing more once it is.
        try dir.write("domains/shop/models/orders.yaml", "tags: [core]\nchecks:\n  - row_count: {min: 1}\n")
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        await #expect(codes(try planned(dir)["model.shop.orders"]) == ["up_to_date"])
    }

    @Test func planForeseesWhatNewSourceDataRebuildsAndRunDoesExactlyThat() async throws {
        let dir = try shop()
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        let quiet = try await planned(dir)
        #expect(codes(quiet["source.shop.customers"]) == ["no_new_data"])
        #expect(quiet.values.filter { $0["action"] as? String != "skip" && $0["kind"] as? String != "source" }.isEmpty)
        // Sources with no new data are up to date in the header and below it.
        let nothing = try await TesseraBinary.run(["plan"], in: dir.url).stdout
        #expect(nothing.contains("Plan for 'dev': 0 of 7 selected nodes to do"), "\(nothing)")
        #expect(!nothing.contains("ingest"), "\(nothing)")
        #expect(nothing.contains("7 up to date"), "\(nothing)")

        try dir.write("domains/shop/data/customers.csv", "id,name\n1,ann\n2,bob\n3,cy\n")
        let plan = try await planned(dir)
        let work = Set(
            plan.filter { $0.value["action"] as? String != "skip" && $0.value["kind"] as? String != "source" }.keys)
        #expect(
            work == ["model.shop.customers", "product.shop.customers", "model.analytics.customer_count"], "\(plan)")
        #expect(codes(plan["source.shop.customers"]) == ["new_data"])
        #expect(codes(plan["model.shop.customers"]) == ["upstream_changed"])
        let text = try await TesseraBinary.run(["plan"], in: dir.url).stdout
        #expect(text.contains("Plan for 'dev': 4 of 7 selected nodes to do"), "\(text)")
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("  ") && !$0.contains("up to date") }.count == 4)
        #expect(text.contains("new data: 1 of 1 file new or changed"), "\(text)")

        let run = try await TesseraBinary.run(["run", "--format", "json"], in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        let built = Set(
            nodes(try json(run.stdout)).filter {
                $0.value["status"] as? String == "succeeded" && $0.value["kind"] as? String != "source"
            }.keys)
        #expect(built == work)
    }

    @Test func aBackfillOfAModelThatIsNotIntervalIncrementalIsAnError() async throws {
        let dir = try shop()
        for command in ["plan", "run"] {
            let outcome = try await TesseraBinary.run(
                [command, "shop.customers", "--start", "2026-11-01", "--end", "2026-11-02"], in: dir.url)
            #expect(outcome.status == 2, "\(outcome.stdout)\(outcome.stderr)")
            #expect(
                outcome.stderr.contains("no selected model is interval-incremental (shop.customers)"),
                "\(outcome.stderr)")
            #expect(outcome.stderr.contains("hint:"))
        }
    }

    @Test func selectorsAsDbtUsersWriteThem() async throws {
        let dir = try shop()
        await #expect(
            Set(try planned(dir, ["shop.customers"]).keys) == ["model.shop.customers", "product.shop.customers"])
        await #expect(Set(try planned(dir, ["shop.src.*"]).keys) == ["source.shop.customers", "source.shop.orders"])
        await #expect(Set(try planned(dir, ["1+shop.orders,tag:core"]).keys) == ["model.shop.orders"])
        await #expect(
            Set(try planned(dir, ["shop.customers+1"]).keys) == [
                "model.shop.customers", "product.shop.customers", "model.analytics.customer_count",
            ])
        await #expect(
            Set(try planned(dir, ["shop.src.customers+1"]).keys) == ["source.shop.customers", "model.shop.customers"])
        await #expect(
            Set(try planned(dir, ["@analytics.customer_count"]).keys) == [
                "model.analytics.customer_count", "product.shop.customers", "model.shop.customers",
                "source.shop.customers",
            ])

        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        await #expect(try planned(dir, ["state:modified"]).isEmpty)
        try dir.write(
            "domains/shop/models/orders.sql",
            "select id as order_id, customer_id, amount from src.orders where amount > 0\n")
        await #expect(Set(try planned(dir, ["state:modified"]).keys) == ["model.shop.orders"])
        await #expect(Set(try planned(dir, ["state:modified+"]).keys) == ["model.shop.orders", "product.shop.orders"])
        let run = try await TesseraBinary.run(["run", "state:modified+", "--format", "json"], in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Set(nodes(try json(run.stdout)).keys) == ["model.shop.orders", "product.shop.orders"])
    }

    @Test func fromFailureResumesWhatIsStillFailedAcrossEarlierRuns() async throws {
        let dir = try shop()
        try dir.write(
            "domains/shop/models/orders.sql",
            "select id as order_id, cast('x' as integer) as customer_id, amount from src.orders\n")
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 1)
        // A later run of something else succeeds; the orders are still failed.
        await #expect(try TesseraBinary.run(["run", "shop.customers"], in: dir.url).status == 0)

        try dir.write("domains/shop/models/orders.sql", Self.files["domains/shop/models/orders.sql"]!)
        let resumed = try await TesseraBinary.run(["run", "--from-failure", "--format", "json"], in: dir.url)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let statuses = nodes(try json(resumed.stdout)).mapValues { $0["status"] as? String }
        #expect(statuses == ["model.shop.orders": "succeeded", "product.shop.orders": "succeeded"], "\(statuses)")

        let nothing = try await TesseraBinary.run(["run", "--from-failure"], in: dir.url)
        #expect(nothing.status == 2)
        #expect(nothing.stderr.contains("there is nothing to resume"), "\(nothing.stderr)")
    }
}
