import Foundation
import Testing

/// `tessera catalog search|list|show` through the real binary, on a mesh of three domains where
/// finance and marketing read sales.orders.
@Suite struct CatalogCommandTests {
    static let files: [String: String] = [
        "tessera.yaml": """
        mesh: acme
        governance: {require_description: false, require_classification: false}

        """,
        "domains/sales/domain.yaml":
            "owner: sales-data@acme.example\ndescription: Orders and customers of the web shop.\ntags: [commerce]\n",
        "domains/sales/sources/orders.yaml": """
        description: Exported every night by the shop database
        connector: {type: csv, path: domains/sales/data/*.csv}
        load: {mode: full}

        """,
        "domains/sales/data/orders.csv": """
        order_id,email,amount
        1,ann@example.com,10.5
        2,bob@example.com,20

        """,
        "domains/sales/models/orders.sql": "select order_id, email, amount from src.orders\n",
        "domains/sales/products/orders.yaml": """
        description: Every order of the web shop, one row per order.
        tags: [gold]
        sla: {freshness: 1d}
        contract:
          primary_key: [order_id]
          columns:
            - {name: order_id, type: BIGINT, nullable: false, description: Order key}
            - {name: email, type: VARCHAR, classification: pii, description: Buyer e-mail}
            - {name: amount, type: DOUBLE, description: Order total in euros}
        access:
          masks: {email: hash}

        """,
        "domains/finance/domain.yaml": "owner: finance@acme.example\ndescription: Money in and out.\n",
        "domains/finance/models/revenue.sql": "select sum(amount) as revenue from sales.orders\n",
        "domains/marketing/domain.yaml": "owner: marketing@acme.example\n",
        "domains/marketing/models/buyers.sql": "select count(distinct email) as buyers from sales.orders\n",
    ]

    func mesh() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        for (path, text) in Self.files { try dir.write(path, text) }
        return dir
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func searchRecordsTheProjectFirstAndRanksNamesFirst() async throws {
        let dir = try mesh()
        let result = try await TesseraBinary.run([
            "catalog", "search", "orders", "--format", "json", "--project", dir.url.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let hits = try #require(try json(result.stdout)["hits"] as? [[String: Any]])
        #expect(hits.first?["name"] as? String == "sales.orders")
        #expect(hits.first?["kind"] as? String == "product")
        #expect((hits.first?["matched"] as? [String])?.first == "name")

        let text = try await TesseraBinary.run(["catalog", "search", "classification:pii", "--project", dir.url.path])
        #expect(text.status == 0)
        #expect(text.stdout.contains("sales.orders.email"))
        #expect(text.stdout.contains("[pii]"))
    }

    @Test func badQueriesAreUsageErrors() async throws {
        let dir = try mesh()
        for (query, message) in [
            ("\"net revenue", "unbalanced quote"), ("domian:sales", "did you mean 'domain:'"),
            ("classification:secret", "unknown classification"),
        ] {
            let result = try await TesseraBinary.run(["catalog", "search", query, "--project", dir.url.path])
            #expect(result.status == 2, "\(query)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(!result.stderr.lowercased().contains("fts5"))
        }
    }

    @Test func listAndShowAfterARun() async throws {
        let dir = try mesh()
        let run = try await TesseraBinary.run(["run", "--project", dir.url.path])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")

        let list = try await json(
            try TesseraBinary.run(["catalog", "list", "--format", "json", "--project", dir.url.path]).stdout)
        let counts = try #require(list["counts"] as? [String: Int])
        #expect(counts["domains"] == 3)
        #expect(counts["products"] == 1)
        #expect(counts["models"] == 3)
        #expect(counts["sources"] == 1)

        let show = try await TesseraBinary.run(["catalog", "show", "sales.orders", "--project", dir.url.path])
        #expect(show.status == 0, "\(show.stderr)")
        for expected in [
            "Every order of the web shop", "sales-data@acme.example", "Contract", "email", "masked: hash",
            "fresh, published", "(sla: 1d)", "2 rows", "finance.revenue (model)", "marketing.buyers (model)",
            #"tessera query "select * from sales.orders limit 10""#,
        ] {
            #expect(show.stdout.contains(expected), "missing \(expected) in:\n\(show.stdout)")
        }

        let document = try await json(
            try TesseraBinary.run(["catalog", "show", "sales.orders", "--format", "json", "--project", dir.url.path])
                .stdout)
        #expect((document["freshness"] as? [String: Any])?["status"] as? String == "fresh")
        #expect((document["snapshot"] as? [String: Any])?["rows"] as? Int == 2)
        #expect(document["consumers"] as? [String] == ["model.finance.revenue", "model.marketing.buyers"])

        let column = try await TesseraBinary.run(["catalog", "show", "sales.orders.email", "--project", dir.url.path])
        #expect(column.status == 0)
        #expect(column.stdout.contains("pii"))
        let domain = try await TesseraBinary.run(["catalog", "show", "sales", "--project", dir.url.path])
        #expect(domain.stdout.contains("sales.src.orders"))
    }

    @Test func anUnknownNameSuggestsTheClosest() async throws {
        let dir = try mesh()
        let result = try await TesseraBinary.run(["catalog", "show", "sales.ordrs", "--project", dir.url.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("did you mean 'sales.orders'?"), "\(result.stderr)")
        let column = try await TesseraBinary.run(["catalog", "show", "sales.orders.emial", "--project", dir.url.path])
        #expect(column.status == 2)
        #expect(column.stderr.contains("did you mean 'sales.orders.email'?"), "\(column.stderr)")
    }

    @Test func validateRecordsWhatChanged() async throws {
        let dir = try mesh()
        await #expect(try TesseraBinary.run(["validate", "--project", dir.url.path]).status == 0)
        try dir.write("domains/finance/models/revenue.yaml", "description: Recognised income, reconciled monthly.\n")
        await #expect(try TesseraBinary.run(["validate", "--project", dir.url.path]).status == 0)
        let hits = try await json(
            try TesseraBinary.run(["catalog", "search", "reconciled", "--format", "json", "--project", dir.url.path])
                .stdout)
        #expect((hits["hits"] as? [[String: Any]])?.first?["name"] as? String == "finance.revenue")
    }

    /// An edit after the last recording is seen without a `validate` or `run`: the files are newer
    /// than the recording, so the catalog command reads the project again.
    @Test func anEditedProjectIsRecordedAgainByTheNextCatalogCommand() async throws {
        let dir = try mesh()
        await #expect(try TesseraBinary.run(["validate", "--project", dir.url.path]).status == 0)
        try await Task.sleep(for: .milliseconds(20))
        try dir.write("domains/finance/models/revenue.yaml", "description: Recognised income, reconciled monthly.\n")
        let hits = try await json(
            try TesseraBinary.run(["catalog", "search", "reconciled", "--format", "json", "--project", dir.url.path])
                .stdout)
        #expect((hits["hits"] as? [[String: Any]])?.first?["name"] as? String == "finance.revenue")

        // A project that no longer loads: the catalog as recorded, with a warning.
        try dir.write("domains/finance/models/revenue.yaml", "description: [unclosed\n")
        let broken = try await TesseraBinary.run([
            "catalog", "search", "reconciled", "--format", "json", "--project", dir.url.path,
        ])
        #expect(broken.status == 0, "\(broken.stderr)")
        #expect(broken.stderr.contains("Showing the catalog as recorded at"), "\(broken.stderr)")
    }

    /// One writer process recording again and again (each `validate` after an edit rewrites the
    /// metadata) while reader processes search: every search succeeds and finds the product.
    @Test func readersSearchWhileAWriterRecords() async throws {
        let dir = try mesh()
        let root = dir.url.path
        let model = dir.url.appendingPathComponent("domains/finance/models/revenue.yaml")
        await #expect(try TesseraBinary.run(["validate", "--project", root]).status == 0)
        let writer = Task.detached { () async throws -> [Int32] in
            var statuses: [Int32] = []
            for round in 0..<6 {
                try Data("description: Revenue, edit \(round).\n".utf8).write(to: model)
                statuses.append(try await TesseraBinary.run(["validate", "--project", root]).status)
            }
            return statuses
        }
        let readers = (0..<3).map { _ in
            Task.detached { () async throws -> [(Int32, Bool)] in
                var outcomes: [(Int32, Bool)] = []
                for _ in 0..<6 {
                    let result = try await TesseraBinary.run([
                        "catalog", "search", "orders", "--format", "json", "--project", root,
                    ])
                    outcomes.append((result.status, result.stdout.contains("\"sales.orders\"")))
                }
                return outcomes
            }
        }
        #expect(try await writer.value.allSatisfy { $0 == 0 })
        for reader in readers {
            for (status, found) in try await reader.value {
                #expect(status == 0)
                #expect(found)
            }
        }
    }
}
