import DuckDB
import Foundation
import Testing
import TesseraCatalog

/// Publishing through the real binary (docs/products.md): checks that block a publish while consumers
/// keep the previous snapshot, a kill at every step of publishing, `tessera check`, breaking
/// contract changes in `validate`, `__v<N>` views after a major bump, and retention.
@Suite struct PublishTests {
    static let files: [String: String] = [
        "tessera.yaml": "mesh: acme\ngovernance: {require_description: false, require_classification: false}\n",
        "domains/sales/domain.yaml": "owner: sales@acme.example\n",
        "domains/sales/sources/orders.yaml":
            "connector: {type: csv, path: domains/sales/data/*.csv}\nload: {mode: full}\n",
        "domains/sales/data/orders.csv": """
        order_id,email,status,amount
        1,ann@example.com,placed,10
        2,bob@example.com,shipped,20
        3,cy@example.com,placed,30

        """,
        "domains/sales/models/orders.sql": "select order_id, email, status, amount::DOUBLE as amount from src.orders\n",
        "domains/sales/products/orders.yaml": """
        version: 1.0.0
        contract:
          primary_key: [order_id]
          columns:
            - {name: order_id, type: BIGINT, nullable: false}
            - {name: email, type: VARCHAR, classification: pii}
            - {name: status, type: VARCHAR}
            - {name: amount, type: DOUBLE}
        checks:
          - unique: order_id
          - accepted_values: {column: status, values: [placed, shipped]}
          - range: {column: amount, min: 0, max: 1000}
          - row_count: {min: 1}
          - sql: {name: no_big_orders, query: "select * from @product where amount > 500", severity: warn}
        access:
          masks: {email: redact}
        retention: {keep: 2, max_age: 1s}

        """,
        "domains/finance/domain.yaml": "owner: finance@acme.example\n",
        "domains/finance/models/revenue.sql": "select sum(amount) as revenue, count(*) as orders from sales.orders\n",
    ]

    func mesh() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        for (path, text) in Self.files { try dir.write(path, text) }
        return dir
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not JSON: \(text)")
    }

    func catalog(_ dir: TemporaryDirectory) throws -> SQLiteCatalog {
        try SQLiteCatalog(file: dir.url.appendingPathComponent(".tessera/dev/catalog.sqlite"))
    }

    /// What a consumer reads of sales.orders right now: the current snapshot's files.
    func consumerReads(_ dir: TemporaryDirectory) async throws -> [[DuckDBValue]] {
        let current = try #require(
            try await catalog(dir).currentSnapshot(product: "sales.orders"), "a current snapshot")
        return try Database().connect().rows(
            "select count(*), sum(amount) from read_parquet('\(dir.url.path)/.tessera/dev/\(current.path)/*.parquet')")
    }

    /// The statuses of sales.orders' snapshots, oldest first.
    func statuses(_ dir: TemporaryDirectory) async throws -> [String] {
        try await catalog(dir).snapshots(product: "sales.orders").reversed().map(\.status.rawValue)
    }

    @Test func aFailingErrorCheckQuarantinesTheCandidateAndConsumersKeepThePreviousSnapshot() async throws {
        let dir = try mesh()
        let first = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(first.status == 0, "\(first.stdout)\n\(first.stderr)")
        #expect(first.stdout.contains("contract holds"))
        #expect(first.stdout.contains("checks: 5 passed"))
        #expect(try await consumerReads(dir) == [[.bigint(3), .double(60)]])

        // A duplicate key and an unknown status: two error checks fail.
        try dir.write(
            "domains/sales/data/orders.csv",
            "order_id,email,status,amount\n1,ann@example.com,placed,10\n1,al@example.com,lost,99\n")
        let blocked = try await TesseraBinary.run(["run", "--format", "json"], in: dir.url)
        #expect(blocked.status == 1)
        let run = try json(blocked.stdout)
        let quality = try #require((run["quality"] as? [[String: Any]])?.first)
        #expect(quality["published"] as? Bool == false)
        let checks = quality["checks"] as? [[String: Any]] ?? []
        let unique = try #require(checks.first { $0["name"] as? String == "unique(order_id)" })
        #expect(unique["status"] as? String == "failed")
        #expect(unique["failingRows"] as? Int == 1)
        let accepted = try #require(checks.first { $0["name"] as? String == "accepted_values(status)" })
        let samples = accepted["samples"] as? [[Any]] ?? []
        #expect(samples.count == 1)
        #expect(samples.first?.contains { $0 as? String == "****" } == true, "samples are masked: \(samples)")
        #expect(!blocked.stdout.contains("al@example.com"))

        #expect(try await consumerReads(dir) == [[.bigint(3), .double(60)]], "the previous snapshot is still current")
        #expect(try await statuses(dir) == ["current", "quarantined"])

        let text = try await TesseraBinary.run(["check"], in: dir.url)
        #expect(text.status == 0, "the current snapshot still passes: \(text.stdout)\(text.stderr)")
        #expect(text.stdout.contains("sales.orders"))
    }

    @Test(arguments: ["publish.written", "publish.recorded", "publish.checked", "publish.switched"])
    func aKillAtAnyStepOfPublishingLeavesOneCurrentReadableSnapshot(step: String) async throws {
        let dir = try mesh()
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        try dir.write(
            "domains/sales/data/orders.csv",
            "order_id,email,status,amount\n1,ann@example.com,placed,10\n2,bob@example.com,placed,15\n")

        let killed = try await TesseraBinary.run(["run"], in: dir.url, environment: ["TESSERA_CRASH_AT": step])
        #expect(killed.status == 9, "killed by SIGKILL at \(step): \(killed.stdout)\(killed.stderr)")
        let expected: [[DuckDBValue]] =
            step == "publish.switched" ? [[.bigint(2), .double(25)]] : [[.bigint(3), .double(60)]]
        #expect(try await consumerReads(dir) == expected, "after a kill at \(step)")

        let again = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(again.status == 0, "\(again.stdout)\n\(again.stderr)")
        #expect(try await consumerReads(dir) == [[.bigint(2), .double(25)]])
        let folder = dir.url.appendingPathComponent(".tessera/dev/domains/sales/lake/products/orders")
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!left.contains { $0.hasSuffix(".partial") }, "leftovers are collected: \(left)")
    }

    /// A killed run records no outcome for its nodes; `runs show` says it did not finish, and
    /// what it did publish (from the audit log), not "pending" for ever.
    @Test func runsShowOfAKilledRunSaysItDidNotFinishAndWhatItPublished() async throws {
        let dir = try mesh()
        let killed = try await TesseraBinary.run(
            ["run"], in: dir.url, environment: ["TESSERA_CRASH_AT": "publish.switched"])
        #expect(killed.status == 9, "\(killed.stdout)\(killed.stderr)")
        let runs = try await JSONSerialization.jsonObject(
            with: Data(try TesseraBinary.run(["runs", "--format", "json"], in: dir.url).stdout.utf8))
        let run = try #require((runs as? [[String: Any]])?.first)
        let id = try #require(run["id"] as? String)
        #expect(run["status"] as? String == "interrupted")
        let list = try await TesseraBinary.run(["runs"], in: dir.url).stdout
        #expect(list.contains("2 done, 2 not recorded"), "the load and the publish: \(list)")

        let show = try await TesseraBinary.run(["runs", "show", id], in: dir.url)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("interrupted") && show.stdout.contains("did not finish"), "\(show.stdout)")
        let lines = show.stdout.split(separator: "\n")
        // The product sales.orders was published; the rest has no outcome on record.
        #expect(
            lines.contains {
                $0.contains("product.sales.orders") && $0.contains("succeeded · 3 rows") && $0.contains("published")
            },
            "\(show.stdout)")
        let revenue = try #require(lines.first { $0.contains("finance.revenue") }, "\(show.stdout)")
        #expect(revenue.contains("not recorded"), "\(show.stdout)")
        #expect(!show.stdout.contains("pending"), "\(show.stdout)")

        let detail = try await json(
            try TesseraBinary.run(["runs", "show", id, "--format", "json"], in: dir.url).stdout)
        let published = detail["published"] as? [[String: Any]] ?? []
        #expect(published.map { $0["product"] as? String } == ["sales.orders"], "\(detail)")
        #expect(published.first?["rows"] as? Int == 3)
    }

    @Test func checkReportsFailuresAsJSONAndExitsOne() async throws {
        let dir = try mesh()
        let strict = try #require(Self.files["domains/sales/products/orders.yaml"])
        try dir.write(
            "domains/sales/products/orders.yaml",
            strict.replacingOccurrences(of: "row_count: {min: 1}", with: "row_count: {min: 10}"))
        let run = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(run.status == 1, "row_count blocks the first publish")
        #expect(run.stdout.contains("row_count"))

        let check = try await TesseraBinary.run(["check", "sales.orders"], in: dir.url)
        #expect(check.status == 2, "nothing is published yet")
        #expect(check.stderr.contains("no published snapshot"))

        try dir.write("domains/sales/products/orders.yaml", strict)
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        let passing = try await TesseraBinary.run(["check", "--format", "json"], in: dir.url)
        #expect(passing.status == 0, "\(passing.stdout)\(passing.stderr)")
        let report = try json(passing.stdout)
        #expect(report["passed"] as? Bool == true)
        let product = try #require((report["products"] as? [[String: Any]])?.first)
        #expect(product["product"] as? String == "sales.orders")
        #expect((product["checks"] as? [[String: Any]])?.count == 5)

        let unknown = try await TesseraBinary.run(["check", "sales.ordrs"], in: dir.url)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("sales.orders"), "a suggestion: \(unknown.stderr)")
    }

    @Test func aBreakingChangeNeedsAMajorVersionAndThePreviousMajorStaysReadable() async throws {
        let dir = try mesh()
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        // Drop `status` from the contract: finance reads only amount, marketing reads status.
        try dir.write("domains/marketing/domain.yaml", "owner: marketing@acme.example\n")
        try dir.write(
            "domains/marketing/models/statuses.sql", "select status, count(*) as n from sales.orders group by status\n")
        let dropped = try #require(Self.files["domains/sales/products/orders.yaml"])
            .replacingOccurrences(of: "    - {name: status, type: VARCHAR}\n", with: "")
            .replacingOccurrences(of: "  - accepted_values: {column: status, values: [placed, shipped]}\n", with: "")
        try dir.write("domains/sales/products/orders.yaml", dropped)

        let invalid = try await TesseraBinary.run(["validate"], in: dir.url)
        #expect(invalid.status == 2, "\(invalid.stdout)\(invalid.stderr)")
        let output = invalid.stdout + invalid.stderr
        #expect(output.contains("domains/sales/products/orders.yaml:"))
        #expect(output.contains("status"))
        #expect(output.contains("2.0.0"))
        #expect(output.contains("marketing"), "the consumer reading status is named: \(output)")

        // Marketing keeps reading the first major while it moves.
        try dir.write(
            "domains/marketing/models/statuses.sql",
            "select status, count(*) as n from sales.orders__v1 group by status\n")

        try dir.write(
            "domains/sales/products/orders.yaml",
            dropped.replacingOccurrences(of: "version: 1.0.0", with: "version: 2.0.0"))
        let valid = try await TesseraBinary.run(["validate"], in: dir.url)
        #expect(valid.status == 0, "\(valid.stdout)\(valid.stderr)")
        let run = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let file = dir.url.appendingPathComponent(".tessera/dev/domains/marketing/warehouse.duckdb").path
        let rows = try Database(path: file, options: ["access_mode": "READ_ONLY"]).connect()
            .rows("select status, n from statuses order by status")
        #expect(rows == [[.varchar("placed"), .bigint(2)], [.varchar("shipped"), .bigint(1)]], "v1 is still served")
    }

    @Test func planShowsAContractChangeAndRunRefusesItWithoutAMajorVersion() async throws {
        let dir = try mesh()
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        // finance sums amount: a new type breaks it, though its SQL still parses.
        let retyped = try #require(Self.files["domains/sales/products/orders.yaml"])
            .replacingOccurrences(of: "{name: amount, type: DOUBLE}", with: "{name: amount, type: VARCHAR}")
            .replacingOccurrences(of: "  - range: {column: amount, min: 0, max: 1000}\n", with: "")
            .replacingOccurrences(of: "where amount > 500", with: "where amount > '500'")
        try dir.write("domains/sales/products/orders.yaml", retyped)

        let plan = try await TesseraBinary.run(["plan", "--format", "json"], in: dir.url)
        #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
        let contract = try #require((try json(plan.stdout)["contracts"] as? [[String: Any]])?.first)
        #expect(contract["product"] as? String == "sales.orders")
        #expect(contract["verdict"] as? String == "needs_major_bump")
        #expect(contract["blocksRun"] as? Bool == true)
        #expect(contract["brokenConsumers"] as? [String] == ["model finance.revenue"])
        let text = try await TesseraBinary.run(["plan", "--no-color"], in: dir.url).stdout
        #expect(
            text.contains("breaking column 'amount' changed type: DOUBLE → VARCHAR — breaks model finance.revenue"),
            "\(text)")

        let refused = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(refused.status == 2, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("nothing was done"), "\(refused.stderr)")
        // Selecting only what does not publish sales.orders still runs.
        await #expect(try TesseraBinary.run(["run", "sales.src.orders"], in: dir.url).status == 0)

        try dir.write(
            "domains/sales/products/orders.yaml",
            retyped.replacingOccurrences(of: "version: 1.0.0", with: "version: 2.0.0"))
        let bumped = try await json(try TesseraBinary.run(["plan", "--format", "json"], in: dir.url).stdout)
        let ok = try #require((bumped["contracts"] as? [[String: Any]])?.first)
        #expect(ok["verdict"] as? String == "ok")
        #expect(ok["blocksRun"] as? Bool == false)
    }

    /// A `view` model is a query that would run again: its product is checked from the written
    /// files, and publishes the same as a table's.
    @Test func aViewModelPublishesAndIsCheckedFromItsFiles() async throws {
        let dir = try mesh()
        try dir.write("domains/sales/models/orders.yaml", "materialized: view\n")
        let run = try await TesseraBinary.run(["run", "--format", "json"], in: dir.url)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let quality = try #require((try json(run.stdout)["quality"] as? [[String: Any]])?.first)
        #expect(quality["published"] as? Bool == true)
        #expect(try await statuses(dir) == ["current"])
        #expect(try await consumerReads(dir) == [[.bigint(3), .double(60)]])
    }

    @Test func retentionKeepsTheNewestSnapshotsOnly() async throws {
        let dir = try mesh()
        for amount in [10, 11, 12, 13] {
            try dir.write(
                "domains/sales/data/orders.csv", "order_id,email,status,amount\n1,ann@example.com,placed,\(amount)\n")
            let run = try await TesseraBinary.run(["run"], in: dir.url)
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            try await Task.sleep(for: .milliseconds(1100))  // older than max_age: 1s
        }
        let folder = dir.url.appendingPathComponent(".tessera/dev/domains/sales/lake/products/orders")
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(left.count == 2, "keep: 2 → \(left)")
        #expect(try await statuses(dir) == ["superseded", "current"])
        #expect(try await consumerReads(dir) == [[.bigint(1), .double(13)]])
    }

    @Test func queryReadsCurrentSnapshotsWithMasksForOutsiders() async throws {
        let dir = try mesh()
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        let outsider = try await TesseraBinary.run(
            ["query", "select order_id, email from sales.orders order by order_id", "--format", "json"], in: dir.url)
        #expect(outsider.status == 0, "\(outsider.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(outsider.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 3)
        #expect(rows.first?["email"] as? String == "****")

        let owner = try await TesseraBinary.run(
            [
                "query", "select email from sales.orders order by order_id limit 1", "--as-domain", "sales", "--format",
                "csv",
            ],
            in: dir.url)
        #expect(owner.stdout == "email\nann@example.com\n", "\(owner.stdout)")

        let table = try await TesseraBinary.run(["query", "select count(*) as n from sales.orders"], in: dir.url)
        #expect(table.stdout.contains("n\n-"), "\(table.stdout)")
        #expect(table.stdout.contains("(1 row)"))

        let write = try await TesseraBinary.run(["query", "drop view sales.orders"], in: dir.url)
        #expect(write.status == 2)
        #expect(write.stderr.contains("read-only SELECT"))
    }
}
