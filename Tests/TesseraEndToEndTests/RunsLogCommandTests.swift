import Foundation
import Testing

/// `tessera runs log` through the real binary: a run with a product whose blocking check fails
/// (its snapshot quarantined) and a model that fails, read back per node and for the whole run,
/// as text and as JSON.
@Suite struct RunsLogCommandTests {
    static let files: [String: String] = [
        "tessera.yaml": """
        mesh: acme
        governance: {require_description: false, require_classification: false}

        """,
        "domains/sales/domain.yaml": "owner: sales@acme.example\n",
        "domains/sales/sources/orders.yaml":
            "connector: {type: csv, path: domains/sales/data/*.csv}\nload: {mode: full}\n",
        "domains/sales/data/orders.csv": "order_id,email\n1,ann@example.com\n1,bob@example.com\n2,cy@example.com\n",
        "domains/sales/models/orders.sql": "select order_id, email from src.orders\n",
        "domains/sales/products/orders.yaml": """
        contract:
          columns:
            - {name: order_id, type: BIGINT}
            - {name: email, type: VARCHAR}
        checks:
          - unique: order_id

        """,
        "domains/sales/models/broken.sql": "select no_such_column from src.orders\n",
    ]

    @Test func aNodesLogIsReadBackAfterTheRun() async throws {
        let dir = try TemporaryDirectory()
        for (path, text) in Self.files { try dir.write(path, text) }
        let run = try await TesseraBinary.run(["run", "--format", "json"], in: dir.url)
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let id = try #require(report["id"] as? String, "\(run.stdout)")

        let product = try await TesseraBinary.run(["runs", "log", String(id.prefix(19)), "sales.orders"], in: dir.url)
        #expect(product.status == 0, "\(product.stderr)")
        #expect(product.stdout.contains("start publish product.sales.orders"), "\(product.stdout)")
        #expect(product.stdout.contains("unique") && product.stdout.contains("error"), "\(product.stdout)")
        #expect(product.stdout.contains("quarantined"), "\(product.stdout)")
        // The operator reads the sample rows the failing check quotes.
        #expect(product.stdout.contains("ann@example.com") || product.stdout.contains("| 1"), "\(product.stdout)")
        #expect(!product.stdout.contains("model.sales.broken"), "\(product.stdout)")

        let json = try await TesseraBinary.run(["runs", "log", id, "--format", "json"], in: dir.url)
        #expect(json.status == 0, "\(json.stderr)")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let lines = log["lines"] as? [[String: Any]] ?? []
        let broken = lines.filter { $0["node"] as? String == "model.sales.broken" }
        #expect(broken.last?["level"] as? String == "error", "\(broken)")
        #expect((broken.last?["text"] as? String)?.contains("no_such_column") == true, "\(broken)")
        #expect(lines.contains { $0["node"] as? String == "source.sales.orders" })
        #expect(lines.allSatisfy { ($0["at"] as? String)?.hasSuffix("Z") == true })

        let missing = try await TesseraBinary.run(["runs", "log", id, "sales.nothing"], in: dir.url)
        #expect(missing.status == 2 && missing.stderr.contains("sales.nothing"), "\(missing.stderr)")
    }
}
