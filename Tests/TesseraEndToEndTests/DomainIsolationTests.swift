import Foundation
import Testing

/// One domain never stops another: a domain with errors, and whatever reads its products, is set
/// aside; every other domain plans, runs, publishes and answers queries, and the exit status still
/// says that something was wrong.
@Suite struct DomainIsolationTests {
    static let files: [String: String] = [
        "tessera.yaml": "mesh: acme\ngovernance: {require_description: false, require_classification: false}\n",
        "domains/sales/domain.yaml": "owner: sales@acme.example\n",
        "domains/sales/sources/orders.yaml": "connector: {type: csv, path: domains/sales/data/*.csv}\n",
        "domains/sales/data/orders.csv": "id,amount\n1,10\n2,20\n",
        "domains/sales/models/orders.sql": "select id, amount from src.orders\n",
        "domains/sales/products/orders.yaml": """
        version: 1.0.0
        access: {readers: [support]}
        contract:
          columns:
            - {name: id, type: BIGINT}
            - {name: amount, type: BIGINT}

        """,
        // marketing is broken twice: an unset secret and a read it is not granted.
        "domains/marketing/domain.yaml": "owner: marketing@acme.example\n",
        "domains/marketing/sources/leads.yaml":
            "connector: {type: http, url: 'https://api.example/${TESSERA_TEST_UNSET_TOKEN}'}\n",
        "domains/marketing/models/spend.sql": "select * from sales.orders\n",
        "domains/marketing/products/spend.yaml": """
        version: 1.0.0
        contract:
          columns:
            - {name: id, type: BIGINT}

        """,
        // finance is fine itself, but reads marketing's product.
        "domains/finance/domain.yaml": "owner: finance@acme.example\n",
        "domains/finance/models/budget.sql": "select count(*) as n from marketing.spend\n",
        // support reads sales and keeps working.
        "domains/support/domain.yaml": "owner: support@acme.example\n",
        "domains/support/models/orders_seen.sql": "select count(*) as n from sales.orders\n",
    ]

    func mesh() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        for (path, text) in Self.files { try dir.write(path, text) }
        return dir
    }

    @Test func aBrokenDomainAndItsReadersAreSkippedAndTheRestRuns() async throws {
        let dir = try mesh()
        let run = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(run.status == 2, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stderr.contains("domain 'marketing' is skipped: 2 errors"), "\(run.stderr)")
        #expect(
            run.stderr.contains("domain 'finance' is skipped: reads marketing.spend of skipped domain 'marketing'"),
            "\(run.stderr)")
        #expect(run.stdout.contains("sales.orders") && run.stdout.contains("published"), "\(run.stdout)")
        #expect(run.stdout.contains("support.orders_seen"), "\(run.stdout)")
        #expect(!run.stdout.contains("marketing.") && !run.stdout.contains("finance."), "\(run.stdout)")

        let query = try await TesseraBinary.run(
            ["query", "select sum(amount) as total from sales.orders", "--format", "csv"], in: dir.url)
        #expect(query.status == 2)
        #expect(query.stdout == "total\n30\n", "\(query.stdout)\n\(query.stderr)")

        let plan = try await TesseraBinary.run(["plan", "domain:sales"], in: dir.url)
        #expect(plan.status == 2)
        #expect(plan.stdout.contains("Plan for 'dev'"), "\(plan.stdout)\n\(plan.stderr)")

        // validate still reports every error, and nothing of the healthy domains.
        let validate = try await TesseraBinary.run(["validate"], in: dir.url)
        #expect(validate.status == 2)
        #expect(validate.stdout.contains("TESSERA_TEST_UNSET_TOKEN"))
        #expect(validate.stdout.contains("may not read sales.orders"))
    }

    @Test func errorsInTesseraYamlStillStopEverything() async throws {
        let dir = try mesh()
        try dir.write("tessera.yaml", "mesh: acme\ngovernance: {require_description: maybe}\n")
        let query = try await TesseraBinary.run(["query", "select 1"], in: dir.url)
        #expect(query.status == 2)
        #expect(query.stderr.contains("nothing was done"), "\(query.stderr)")
    }

    @Test func aHealthyProjectExitsZero() async throws {
        let dir = try mesh()
        for domain in ["marketing", "finance"] {
            try FileManager.default.removeItem(at: dir.url.appendingPathComponent("domains/\(domain)"))
        }
        let run = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(!run.stderr.contains("skipped"))
    }
}
