import Foundation
import Testing

/// Dashboards in lineage and impact analysis, through the real binary: a chart field is fed by
/// the product columns its SQL reads; a breaking change to one of them names the dashboard and
/// the chart in `validate` and `plan`; a column no chart reads names none.
@Suite struct DashboardLineageTests {
    static let contract = """
        version: 1.0.0
        contract:
          columns:
            - {name: order_id, type: BIGINT}
            - {name: region, type: VARCHAR}
            - {name: channel, type: VARCHAR}
            - {name: amount, type: DOUBLE}
            - {name: note, type: VARCHAR}
        access:
          readers: [exec]

        """

    static let files: [String: String] = [
        "tessera.yaml": "mesh: acme\ngovernance: {require_description: false, require_classification: false}\n",
        "domains/sales/domain.yaml": "owner: sales@acme.example\n",
        "domains/sales/sources/orders.yaml":
            "connector: {type: csv, path: domains/sales/data/*.csv}\nload: {mode: full}\n",
        "domains/sales/data/orders.csv": """
        order_id,region,channel,amount,note
        1,north,web,10,a
        2,south,shop,20,b

        """,
        "domains/sales/models/orders.sql":
            "select order_id, region, channel, amount::DOUBLE as amount, note from src.orders\n",
        "domains/sales/products/orders.yaml": contract,
        "domains/sales/dashboards/overview.yaml": """
        title: Sales overview
        parameters:
          region: {type: category, query: "select distinct region from sales.orders order by 1"}
        charts:
          - title: Revenue by region
            sql: "select region, sum(amount) as revenue from sales.orders where region = @region group by region"
            type: bar
            x: region
            y: revenue

        """,
        "domains/exec/domain.yaml": "owner: exec@acme.example\n",
        "domains/exec/dashboards/board.yaml": """
        title: Board
        charts:
          - title: Orders per channel
            sql: "select channel, count(order_id) as orders from sales.orders group by channel"
            type: bar
            x: channel
            y: orders

        """,
    ]

    func mesh() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        for (path, text) in Self.files { try dir.write(path, text) }
        return dir
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not JSON: \(text)")
    }

    /// The edges of a JSON lineage document as `from -> to (kind)`.
    func edges(_ document: [String: Any]) -> Set<String> {
        Set(
            (document["edges"] as? [[String: Any]] ?? []).map {
                "\($0["from"] as? String ?? "") -> \($0["to"] as? String ?? "") (\($0["kind"] as? String ?? "-"))"
            })
    }

    @Test func aProductColumnReachesTheChartFieldsItFeeds() async throws {
        let dir = try mesh()
        let text = try await TesseraBinary.run(["lineage", "sales.orders.amount", "--downstream"], in: dir.url)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(
            text.stdout.contains("└── sales.overview/revenue_by_region.revenue  dashboard · aggregation"),
            "\(text.stdout)")

        let outcome = try await TesseraBinary.run(
            ["lineage", "sales.orders.region", "--downstream", "--format", "json"], in: dir.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let document = try json(outcome.stdout)
        let found = edges(document)
        #expect(
            found.contains("product.sales.orders.region -> dashboard.sales.overview/@region (identity)"), "\(found)")
        #expect(
            found.contains(
                "product.sales.orders.region -> dashboard.sales.overview/revenue_by_region.region (identity)"),
            "\(found)")
        let kinds = (document["vertices"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        #expect(kinds.contains("dashboard"))

        // A column no chart reads reaches no dashboard.
        let unused = try await TesseraBinary.run(["lineage", "sales.orders.note", "--downstream"], in: dir.url)
        #expect(unused.status == 0, "\(unused.stderr)")
        #expect(!unused.stdout.contains("dashboard"), "\(unused.stdout)")
    }

    @Test func aDashboardAndAChartFieldAreNamesLineageTakes() async throws {
        let dir = try mesh()
        let field = try await TesseraBinary.run(
            ["lineage", "exec.board/orders_per_channel.orders", "--upstream"], in: dir.url)
        #expect(field.status == 0, "\(field.stderr)")
        #expect(field.stdout.contains("sales.orders.order_id  product · aggregation · from sales"), "\(field.stdout)")

        let node = try await TesseraBinary.run(["lineage", "sales.orders", "--downstream"], in: dir.url)
        #expect(node.stdout.contains("exec.board  dashboard · into exec"), "\(node.stdout)")
        #expect(node.stdout.contains("sales.overview  dashboard"), "\(node.stdout)")

        let dot = try await TesseraBinary.run(["lineage", "exec.board", "--format", "dot"], in: dir.url)
        #expect(dot.status == 0, "\(dot.stderr)")
        #expect(
            dot.stdout.contains("\"dashboard.exec.board\" [label=\"exec.board\\ndashboard\", style=bold, shape=tab]"))
        let mermaid = try await TesseraBinary.run(["lineage", "exec.board", "--format", "mermaid"], in: dir.url)
        #expect(mermaid.stdout.contains("{{\"exec.board (dashboard)\"}}"), "\(mermaid.stdout)")

        let typo = try await TesseraBinary.run(["lineage", "exec.bord/orders_per_channel.orders"], in: dir.url)
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("did you mean 'exec.board/orders_per_channel.orders'?"), "\(typo.stderr)")
    }

    @Test func aNarrowedTypeNamesTheChartInPlanAndValidate() async throws {
        let dir = try mesh()
        let run = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        // amount narrows to FLOAT, note (read by no chart) goes: the chart still draws, differently.
        try dir.write(
            "domains/sales/models/orders.sql",
            "select order_id, region, channel, amount::FLOAT as amount from src.orders\n")
        try dir.write(
            "domains/sales/products/orders.yaml",
            Self.contract.replacingOccurrences(of: "{name: amount, type: DOUBLE}", with: "{name: amount, type: FLOAT}")
                .replacingOccurrences(of: "    - {name: note, type: VARCHAR}\n", with: ""))

        let plan = try await TesseraBinary.run(["plan", "--format", "json"], in: dir.url)
        #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
        let contract = try #require((try json(plan.stdout)["contracts"] as? [[String: Any]])?.first)
        #expect(contract["brokenConsumers"] as? [String] == ["dashboard sales.overview chart 'Revenue by region'"])
        let changes = contract["changes"] as? [[String: Any]] ?? []
        let note = try #require(changes.first { ($0["columns"] as? [String]) == ["note"] }, "\(changes)")
        #expect(note["breaks"] as? [String] == [], "no chart reads note")
        let text = try await TesseraBinary.run(["plan", "--no-color"], in: dir.url).stdout
        #expect(
            text.contains(
                "changed type: DOUBLE → FLOAT — breaks dashboard sales.overview chart 'Revenue by region'"), "\(text)")

        let validate = try await TesseraBinary.run(["validate"], in: dir.url)
        #expect(validate.status == 2)
        #expect(
            (validate.stdout + validate.stderr).contains(
                "breaks dashboard sales.overview chart 'Revenue by region' of domain sales (domains/sales/dashboards/overview.yaml), reads amount"
            ), "\(validate.stdout)\(validate.stderr)")
    }

    /// A `select *` chart reads every column: dropping any of them breaks it, and its fields are
    /// the product's columns one by one.
    @Test func aStarChartReadsEveryColumn() async throws {
        let dir = try mesh()
        try dir.write(
            "domains/exec/dashboards/rows.yaml",
            "title: Rows\ncharts:\n  - {title: Every order, sql: \"select * from sales.orders\", type: table}\n")
        let lineage = try await TesseraBinary.run(["lineage", "sales.orders.note", "--downstream"], in: dir.url)
        #expect(
            lineage.stdout.contains("└── exec.rows/every_order.note  dashboard · identity · into exec"),
            "\(lineage.stdout)")

        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        try dir.write(
            "domains/sales/models/orders.sql",
            "select order_id, region, channel, amount::DOUBLE as amount from src.orders\n")
        try dir.write(
            "domains/sales/products/orders.yaml",
            Self.contract.replacingOccurrences(of: "    - {name: note, type: VARCHAR}\n", with: ""))
        let validate = try await TesseraBinary.run(["validate"], in: dir.url)
        let said = validate.stdout + validate.stderr
        #expect(said.contains("breaks dashboard exec.rows chart 'Every order' of domain exec"), "\(said)")
        #expect(said.contains("(domains/exec/dashboards/rows.yaml), reads *"), "\(said)")
        #expect(!said.contains("breaks dashboard exec.board"), "\(said)")
    }

    @Test func aDroppedColumnNamesTheChartOfAnotherDomain() async throws {
        let dir = try mesh()
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        try dir.write(
            "domains/sales/models/orders.sql",
            "select order_id, region, amount::DOUBLE as amount, note from src.orders\n")
        try dir.write(
            "domains/sales/products/orders.yaml",
            Self.contract.replacingOccurrences(of: "    - {name: channel, type: VARCHAR}\n", with: ""))

        let validate = try await TesseraBinary.run(["validate"], in: dir.url)
        let said = validate.stdout + validate.stderr
        #expect(validate.status == 2)
        #expect(said.contains("breaks dashboard exec.board chart 'Orders per channel' of domain exec"), "\(said)")
        #expect(!said.contains("breaks dashboard sales.overview"), "the overview reads no channel: \(said)")

        // exec's chart no longer binds, so plan sets exec aside (exit 2, saying so), and still
        // names what breaks there.
        let plan = try await TesseraBinary.run(["plan", "--format", "json"], in: dir.url)
        #expect(plan.status == 2, "\(plan.stdout)\(plan.stderr)")
        #expect(plan.stderr.contains("domain 'exec' is skipped"), "\(plan.stderr)")
        let contract = try #require((try json(plan.stdout)["contracts"] as? [[String: Any]])?.first)
        #expect(contract["brokenConsumers"] as? [String] == ["dashboard exec.board chart 'Orders per channel'"])
    }
}
