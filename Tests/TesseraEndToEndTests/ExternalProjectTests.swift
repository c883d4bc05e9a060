import Foundation
import Testing

/// An analytics project that nobody here wrote, run on a fresh project through the real binary:
/// dbt Labs' jaffle_shop (Apache-2.0), its SQL rewritten without Jinja as a mesh of three domains
/// in Fixtures/jaffle-shop/project (Fixtures/jaffle-shop/NOTICE.md says what was changed). crm
/// publishes the customer accounts; sales the orders — with a relationship check to
/// crm.customers — and the payments; marketing reads all three and publishes each customer's
/// orders and lifetime value.
///
/// Every product must equal the table dbt built for the original project. The files in
/// Fixtures/jaffle-shop/expected were made by scripts/fixtures/make-jaffle-shop-expected.sh: it
/// ran the original project, unchanged (commit b0b77aa, its own seeds), with dbt-core 1.11.16 and
/// dbt-duckdb 1.11.1 on DuckDB 2.0.1 — `dbt seed`, `dbt run` and `dbt test`, all twenty tests
/// passing — and wrote each table with DuckDB's `COPY (select * … order by <key>) TO … (HEADER)`.
@Suite struct ExternalProjectTests {
    /// A published product, the key it is sorted by, and its DOUBLE columns (the only ones
    /// compared with a tolerance: dbt and Tessera may add the same doubles in another order).
    struct Product: Sendable, CustomTestStringConvertible {
        var name: String
        var key: String
        var floatingPoint: Set<String> = []
        var testDescription: String { name }
    }

    static let products: [Product] = [
        Product(name: "crm.customers", key: "customer_id"),
        Product(name: "sales.payments", key: "payment_id", floatingPoint: ["amount"]),
        Product(
            name: "sales.orders", key: "order_id",
            floatingPoint: [
                "credit_card_amount", "coupon_amount", "bank_transfer_amount", "gift_card_amount", "amount",
            ]),
        Product(name: "marketing.customers", key: "customer_id", floatingPoint: ["customer_lifetime_value"]),
    ]

    static var fixture: URL {
        get throws {
            try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent(
                "jaffle-shop")
        }
    }

    /// A fresh copy of the mesh project, so that its state folder is written outside the sources.
    func freshProject() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        let project = dir.url.appendingPathComponent("jaffle-shop")
        try FileManager.default.copyItem(at: try Self.fixture.appendingPathComponent("project"), to: project)
        return dir
    }

    @Test func jaffleShopProductsEqualWhatDbtBuilt() async throws {
        let dir = try freshProject()
        let project = dir.url.appendingPathComponent("jaffle-shop")
        let validate = try await TesseraBinary.run(["validate"], in: project)
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        try await runToCompletion(project)
        for product in Self.products {
            try await compare(product, in: project)
        }
        // Every check, the relationships included, holds on what was published.
        let check = try await TesseraBinary.run(["check"], in: project)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        // Column lineage follows customer_payments' unqualified `amount` through sales.payments
        // back to the seed.
        let lineage = try await TesseraBinary.run(
            ["lineage", "marketing.customers.customer_lifetime_value", "--upstream"], in: project)
        #expect(lineage.stdout.contains("sales.src.raw_payments.amount"), "\(lineage.stdout)\(lineage.stderr)")
    }

    /// `tessera run` on the fresh project publishes everything at once: relationship targets are
    /// published before the products that check against them.
    func runToCompletion(_ project: URL) async throws {
        let run = try await TesseraBinary.run(["run", "--format", "json"], in: project)
        #expect(run.status == 0, "\(Self.failures(run))")
    }

    /// The errors of the nodes that failed, or the whole output when it is not the JSON report.
    static func failures(_ run: TesseraBinary.Outcome) -> String {
        let report = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        guard let nodes = report?["nodes"] as? [[String: Any]] else { return run.stdout + run.stderr }
        return nodes.compactMap { $0["error"] as? String }.joined(separator: "\n")
    }

    /// Queries `product` through `tessera query` and compares it with what dbt built.
    func compare(_ product: Product, in project: URL) async throws {
        let sql = "select * from \(product.name) order by \(product.key)"
        let query = try await TesseraBinary.run(["query", sql, "--format", "csv"], in: project)
        try #require(query.status == 0, "\(product.name): \(query.stderr)")
        let expectedFile = try Self.fixture.appendingPathComponent("expected/\(product.name).csv")
        let expected = try CSVTable(parsing: String(contentsOf: expectedFile, encoding: .utf8))
        let differences = try CSVTable(parsing: query.stdout)
            .differences(from: expected, key: product.key, floatingPoint: product.floatingPoint)
        #expect(
            differences.isEmpty, "\(product.name) differs from dbt's table:\n\(differences.joined(separator: "\n"))")
    }
}
