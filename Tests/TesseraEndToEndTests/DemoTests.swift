import Foundation
import Testing

/// `tessera demo` through the real binary, at a small scale (`--orders`): the mesh it writes
/// validates under the default governance, both days run, every product is published, the pii
/// columns are masked for other domains, the warn check fires, and day 2 drifts from day 1.
@Suite struct DemoTests {
    static let orders = 2_000

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not JSON: \(text)")
    }

    @Test func theDemoBuildsTwoDaysAndEverythingItClaimsHolds() async throws {
        let dir = try TemporaryDirectory()
        let demo = dir.url.appendingPathComponent("demo")
        let outcome = try await TesseraBinary.run(["demo", demo.path, "--orders", "\(Self.orders)", "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.stdout)\n\(outcome.stderr)")
        let report = try json(outcome.stdout)
        #expect(report["succeeded"] as? Bool == true)

        // Two runs, both succeeded: day 1, then day 2.
        let runs = try #require(report["runs"] as? [[String: Any]])
        #expect(runs.count == 2)
        #expect(runs.allSatisfy { $0["status"] as? String == "succeeded" })

        // Every product is published, with the rows of both days.
        let products = try #require(report["products"] as? [[String: Any]])
        let names = products.compactMap { $0["product"] as? String }
        #expect(
            names == [
                "finance.revenue", "marketing.campaigns", "sales.customers", "sales.daily_sales", "sales.orders",
                "support.tickets",
            ])
        #expect(products.allSatisfy { $0["published"] as? Bool == true })
        let orders = products.first { $0["product"] as? String == "sales.orders" }
        #expect(orders?["rows"] as? Int == Self.orders)

        // The warn check of support.tickets fired, and its product was published anyway.
        let warnings = try #require(report["warnings"] as? [[String: Any]])
        #expect(
            warnings.contains { $0["product"] as? String == "support.tickets" && ($0["failingRows"] as? Int ?? 0) > 0 },
            "\(warnings)")

        // Day 2 drifted from day 1: twice the orders, a new channel.
        let drift = try #require(report["drift"] as? [[String: Any]])
        let orderDrift = drift.filter { $0["product"] as? String == "sales.orders" }.compactMap {
            $0["message"] as? String
        }
        #expect(!orderDrift.isEmpty, "\(drift)")
        #expect(orderDrift.contains { $0.contains("social") }, "\(orderDrift)")

        // The five suggested commands name the project, so they work from anywhere.
        let next = try #require(report["next"] as? [String])
        #expect(next.count == 5)
        #expect(next.allSatisfy { $0.contains("--project \(demo.path)") })

        // The second run built day 2 as new data: the snapshot closed versions, the interval model
        // rebuilt only today.
        let second = try #require(runs.last?["nodes"] as? [[String: Any]])
        let history = second.first { $0["id"] as? String == "model.sales.customer_history" }
        #expect((history?["detail"] as? String)?.contains("versions opened") == true, "\(String(describing: history))")
        #expect((history?["detail"] as? String)?.contains(", 0 closed") == false)
        let daily = second.first { $0["id"] as? String == "model.sales.daily_sales" }
        #expect((daily?["detail"] as? String)?.hasPrefix("interval") == true, "\(String(describing: daily))")

        // What it wrote is a valid project under the default governance.
        let validate = try await TesseraBinary.run(["validate", "--project", demo.path])
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        #expect(validate.stdout.contains("mesh 'acme' is valid: 4 domains"), "\(validate.stdout)")
        #expect(!validate.stdout.contains("warning"), "\(validate.stdout)")

        // pii is masked for another domain, and readable by its owner.
        let masked = try await TesseraBinary.run([
            "query", "select name, email from sales.customers order by customer_id limit 1",
            "--project", demo.path, "--format", "json",
        ])
        #expect(masked.status == 0, "\(masked.stderr)")
        let row = try #require(
            (try JSONSerialization.jsonObject(with: Data(masked.stdout.utf8)) as? [[String: Any]])?.first)
        #expect(row["email"] as? String != "customer1@example.com")
        #expect((row["email"] as? String)?.contains("@example.com") == false, "\(row)")
        let owner = try await TesseraBinary.run([
            "query", "select email from sales.customers order by customer_id limit 1",
            "--project", demo.path, "--as-domain", "sales", "--format", "csv",
        ])
        #expect(owner.stdout == "email\ncustomer1@example.com\n", "\(owner.stdout)\(owner.stderr)")

        // The suggested catalog search finds the revenue product first.
        let search = try await TesseraBinary.run(["catalog", "search", "revenue", "--project", demo.path])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(
            search.stdout.split(separator: "\n").first?.contains("product  finance.revenue") == true, "\(search.stdout)"
        )

        // The suggested lineage traces finance's amount back to the orders CSV across domains.
        let lineage = try await TesseraBinary.run(["lineage", "finance.revenue.amount", "--project", demo.path])
        #expect(lineage.status == 0, "\(lineage.stderr)")
        #expect(lineage.stdout.contains("sales.src.orders.amount  source · aggregation"), "\(lineage.stdout)")
        #expect(lineage.stdout.contains("from marketing") && lineage.stdout.contains("from sales"), "\(lineage.stdout)")

        // The suggested `check`: the warn check fires, nothing blocks (exit 0).
        let check = try await TesseraBinary.run(["check", "--project", demo.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("first_response_hours"), "\(check.stdout)")

        // The suggested edit-then-plan: a changed model is rebuilt, and so is what consumes it.
        let sql = demo.appendingPathComponent("domains/sales/models/daily_sales.sql")
        let text = try String(contentsOf: sql, encoding: .utf8)
        try text.replacingOccurrences(of: "  and status <> 'returned'\n", with: "").write(
            to: sql, atomically: true, encoding: .utf8)
        let plan = try await TesseraBinary.run(["plan", "--project", demo.path])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("SQL changed"), "\(plan.stdout)")
        #expect(plan.stdout.contains("finance.revenue"), "\(plan.stdout)")
    }

    @Test func theTextTourSaysWhatWasBuiltAndWhatToTryNext() async throws {
        let dir = try TemporaryDirectory()
        let outcome = try await TesseraBinary.run(["demo", "--orders", "500"], in: dir.url)
        #expect(outcome.status == 0, "\(outcome.stdout)\n\(outcome.stderr)")
        let out = outcome.stdout
        #expect(out.contains("The 'acme' mesh is built in tessera-demo"), "\(out)")
        #expect(out.contains("4 domains · 4 sources · 8 models · 6 products"), "\(out)")
        #expect(
            out.contains("email, name masked for other domains")
                || out.contains("name, email masked for other domains"), "\(out)")
        #expect(out.contains("warn check"))
        #expect(out.contains("drift from day 1 to day 2"))
        #expect(out.contains("tessera lineage finance.revenue.amount --project "))
        #expect(out.contains("tessera catalog search revenue --project "))
        #expect(out.contains("published"))  // the normal progress of both runs
        #expect(
            FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("tessera-demo/tessera.yaml").path))
    }

    @Test func aFolderWithFilesIsRefusedUnlessForcedAndForceKeepsOtherFiles() async throws {
        let dir = try TemporaryDirectory()
        try dir.write("notes.txt", "mine\n")
        let refused = try await TesseraBinary.run(["demo", dir.url.path, "--orders", "100"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("is not empty"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--force"))
        #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("tessera.yaml").path))

        let forced = try await TesseraBinary.run(["demo", dir.url.path, "--orders", "100", "--force", "--quiet"])
        #expect(forced.status == 0, "\(forced.stdout)\(forced.stderr)")
        // Again over the previous demo: its state is replaced, so day 2 drifts again.
        let again = try await TesseraBinary.run([
            "demo", dir.url.path, "--orders", "100", "--force", "--format", "json",
        ])
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        #expect(try json(again.stdout)["succeeded"] as? Bool == true)
        #expect(try String(contentsOf: dir.url.appendingPathComponent("notes.txt"), encoding: .utf8) == "mine\n")
    }
}
