import Foundation
import Testing
import TesseraCore
import TesseraModel
import TesseraTesting

/// Each node's log through the core: a run records its nodes' lines in the catalog (loads, builds,
/// checks with their sample rows, the whole error), and `CatalogView.nodeLog` gives each reader
/// the lines of the nodes it may see, the sample rows only to the node's domain and admins.
@Suite struct NodeLogTests {
    static let files: [String: String] = [
        "tessera.yaml": """
        mesh: acme
        governance: {require_description: false, require_classification: false}
        admins: [root@acme.example]

        """,
        "domains/sales/domain.yaml": """
        owner: sales@acme.example
        members:
          - {name: ana@acme.example, role: reader}

        """,
        "domains/sales/sources/orders.yaml":
            "connector: {type: csv, path: domains/sales/data/*.csv}\nload: {mode: full}\n",
        "domains/sales/data/orders.csv": "order_id,amount\n1,10\n1,20\n2,-5\n",
        "domains/sales/models/orders.sql": "select order_id, amount from src.orders\n",
        "domains/sales/products/orders.yaml": """
        version: 1.0.0
        contract:
          columns:
            - {name: order_id, type: BIGINT}
            - {name: amount, type: BIGINT}
        checks:
          - range: {column: amount, min: 0, severity: warn}

        """,
        "domains/marketing/domain.yaml": """
        owner: marketing@acme.example
        members:
          - {name: mia@acme.example, role: reader}

        """,
    ]

    static func run() async throws -> (TemporaryDirectory, Workspace, String) {
        let dir = try TemporaryDirectory()
        for (path, text) in files { try dir.write(path, text) }
        let workspace = try Workspace(root: dir.url, warn: { _ in })
        let run = try await workspace.runs.run(RunOptions())
        return (dir, workspace, run.report.runID)
    }

    @Test func aRunRecordsEachNodesLinesInOrder() async throws {
        let (dir, workspace, id) = try await Self.run()
        defer { withExtendedLifetime(dir) {} }
        let log = try await workspace.catalogView(as: .meshOperator).nodeLog(run: id)
        let nodes = log.lines.map(\.node)
        #expect(Set(nodes) == ["source.sales.orders", "model.sales.orders", "product.sales.orders"], "\(nodes)")
        let load = try #require(log.lines.first { $0.node == "source.sales.orders" })
        #expect(load.text.hasPrefix("load sales.orders: committed, 3 rows loaded"), "\(load.text)")
        let model = log.lines.filter { $0.node == "model.sales.orders" }.map(\.text)
        #expect(model.first?.hasPrefix("start build model.sales.orders") == true, "\(model)")
        #expect(model.last?.hasPrefix("succeeded model.sales.orders") == true, "\(model)")
        let check = try #require(log.lines.first { $0.text.contains("range") && $0.node == "product.sales.orders" })
        #expect(check.level == .warning)
        #expect(
            check.samples?.first?.contains("amount") == true && check.samples?.contains { $0.contains("-5") } == true)
        #expect(check.hiddenSampleRows == 0)
        // One node only, by its id or its name.
        let product = try await workspace.catalogView(as: .meshOperator).nodeLog(run: id, node: "sales.orders")
        #expect(
            product.node == "product.sales.orders" && product.lines.allSatisfy { $0.node == "product.sales.orders" })
    }

    @Test func sampleRowsAreTheDomainsAndAdminsOnly() async throws {
        let (dir, workspace, id) = try await Self.run()
        defer { withExtendedLifetime(dir) {} }
        let samples = { (principal: Principal) async throws -> NodeLog.Line? in
            try await workspace.catalogView(as: principal).nodeLog(run: id, node: "product.sales.orders").lines
                .first { $0.text.contains("range") }
        }
        #expect(try await samples(.person("ana@acme.example"))?.samples != nil)
        #expect(try await samples(.person("root@acme.example"))?.samples != nil)
        let outside = try #require(try await samples(.person("mia@acme.example")))
        #expect(outside.samples == nil && outside.hiddenSampleRows == 1)
        #expect(outside.hiddenNote == "1 sample row hidden: only the domain's members and mesh admins see them")
        // mia sees the product, not the source or model behind it: no line of theirs, and asking is not found.
        let whole = try await workspace.catalogView(as: .person("mia@acme.example")).nodeLog(run: id)
        #expect(Set(whole.lines.map(\.node)) == ["product.sales.orders"])
        await #expect(throws: CoreError.self) {
            try await workspace.catalogView(as: .person("mia@acme.example")).nodeLog(
                run: id, node: "model.sales.orders")
        }
    }

    /// Lines reach the catalog while the run goes (a reload shows them), and an interrupted run
    /// keeps what it logged: the run is cancelled while a model that never ends is building.
    @Test func aRunningRunShowsItsLinesAndAnInterruptedOneKeepsThem() async throws {
        let dir = try TemporaryDirectory()
        for (path, text) in Self.files { try dir.write(path, text) }
        try dir.write("domains/sales/models/long.sql", "select count(*) as n from range(1000000000000000) a\n")
        let workspace = try Workspace(root: dir.url, warn: { _ in })
        let run = Task { try await workspace.runs.run(RunOptions()) }
        let view = workspace.catalogView(as: .meshOperator)
        var seen: NodeLog?
        for _ in 0..<600 {
            try await Task.sleep(for: .milliseconds(100))
            guard let latest = try await workspace.runs.history(limit: 1).first else { continue }
            let log = try await view.nodeLog(run: latest.run.id)
            if log.lines.contains(where: { $0.text.hasPrefix("start build model.sales.long") }) {
                seen = log
                break
            }
        }
        let running = try #require(seen, "no line of the long model while the run went")
        #expect(running.runStatus == "running")
        run.cancel()
        _ = try? await run.value
        let after = try await view.nodeLog(run: running.runId)
        #expect(after.runStatus == "interrupted", "\(after.runStatus)")
        #expect(after.lines.count >= running.lines.count)
        #expect(after.lines.contains { $0.text.hasPrefix("start build model.sales.long") })
        #expect(after.lines.contains { $0.text.hasPrefix("load sales.orders") })
    }
}
