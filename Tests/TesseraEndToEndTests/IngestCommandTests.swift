import DuckDB
import Foundation
import Testing

/// `tessera ingest` through the real binary: output, exit codes, and what a kill leaves behind.
@Suite struct IngestCommandTests {
    func project() async throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try await TesseraBinary.run(["init", dir.url.path, "--name", "acme"])
        return dir
    }

    func warehouse(_ dir: TemporaryDirectory) throws -> Connection {
        try Database(path: dir.url.appendingPathComponent(".tessera/dev/domains/sales/warehouse.duckdb").path).connect()
    }

    @Test func ingestLoadsTheScaffoldAndTellsWhatItDid() async throws {
        let dir = try await project()
        let first = try await TesseraBinary.run(["ingest"], in: dir.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("✓ sales.orders  24 rows: 24 loaded"))
        #expect(first.stdout.contains("Done in"))
        let again = try await TesseraBinary.run(["ingest", "sales.orders"], in: dir.url)
        #expect(again.status == 0)
        #expect(again.stdout.contains("= sales.orders  up to date (1 input unchanged)"))
    }

    @Test func jsonSummaryCountsLoadedRejectedAndDeduplicated() async throws {
        let dir = try await project()
        try dir.write(
            "domains/sales/data/orders_2.csv",
            """
            order_id,customer_id,status,amount,ordered_at,updated_at
            5000,1,placed,1.00,2026-12-01 10:00:00,2026-12-01 10:00:00
            5000,1,shipped,1.00,2026-12-01 10:00:00,2026-12-02 10:00:00
            5001,1,placed,oops,2026-12-01 10:00:00,2026-12-01 10:00:00

            """)
        let yaml = dir.url.appendingPathComponent("domains/sales/sources/orders.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(
            of: "max_rejected: 0", with: "max_rejected: 0.1")
        try Data(text.utf8).write(to: yaml)
        let outcome = try await TesseraBinary.run(["ingest", "--format", "json"], in: dir.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let totals = try #require(json["totals"] as? [String: Any])
        #expect(totals["rows"] as? Int == 25)
        #expect(totals["rejected"] as? Int == 1)
        #expect(totals["deduplicated"] as? Int == 1)
        let sources = try #require(json["sources"] as? [[String: Any]])
        #expect(sources.first?["status"] as? String == "committed")
    }

    @Test func aFailedLoadExitsOneAndNamesTheSourceFile() async throws {
        let dir = try await project()
        try dir.write(
            "domains/sales/data/orders_bad.csv",
            "order_id,customer_id,status,amount,ordered_at,updated_at\nx,1,placed,1,2026-12-01,2026-12-01\n")
        let outcome = try await TesseraBinary.run(["ingest"], in: dir.url)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("✗ sales.orders  failed"))
        #expect(outcome.stderr.contains("domains/sales/sources/orders.yaml:2:1: 1 of 25 rows rejected"))
        #expect(outcome.stderr.contains("domains/sales/data/orders_bad.csv:2: CAST"))
    }

    @Test func anUnknownSourceIsAUsageError() async throws {
        let dir = try await project()
        let outcome = try await TesseraBinary.run(["ingest", "sales.order"], in: dir.url)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("no source named 'sales.order'"))
        #expect(outcome.stderr.contains("did you mean 'sales.orders'?"))
    }

    /// Kill -9 in the middle of a big load: the table must be exactly as before, and the next run
    /// must complete the load.
    @Test func aKilledLoadLeavesTheTableAsItWasAndTheNextRunCompletesIt() async throws {
        let dir = try await project()
        await #expect(try TesseraBinary.run(["ingest"], in: dir.url).status == 0)
        let before = try warehouse(dir).rows("SELECT count(*), sum(amount)::VARCHAR FROM src.orders")

        // A big second file, so that the load takes long enough to be killed half-way.
        let big = dir.url.appendingPathComponent("domains/sales/data/orders_big.csv")
        try Database().connect().execute(
            """
            COPY (SELECT 100000 + i AS order_id, i % 1000 AS customer_id, 'placed' AS status, (i % 10000) / 100.0 AS amount,
                         TIMESTAMP '2026-12-01' + to_seconds(i) AS ordered_at, TIMESTAMP '2026-12-01' + to_seconds(i) AS updated_at
                  FROM range(2000000) t(i)) TO '\(big.path)' (HEADER)
            """)

        let process = Process()
        process.executableURL = TesseraBinary.url
        process.arguments = ["ingest", "--quiet"]
        process.currentDirectoryURL = dir.url
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill as soon as the landed file is being written: mid-load by construction.
        let landing = dir.url.appendingPathComponent(".tessera/dev/domains/sales/lake/landing/orders")
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: landing.path)) ?? []
            if names.contains(where: { $0.hasSuffix(".partial") }) { break }
            usleep(2_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        #expect(try warehouse(dir).rows("SELECT count(*), sum(amount)::VARCHAR FROM src.orders") == before)

        let rerun = try await TesseraBinary.run(["ingest"], in: dir.url)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let after = try warehouse(dir).rows("SELECT count(*) FROM src.orders")
        #expect(after == [[.bigint(2_000_024)]])
        let landed = try FileManager.default.contentsOfDirectory(atPath: landing.path).sorted()
        #expect(landed.count == 2, "\(landed)")
        #expect(!landed.contains(where: { $0.hasSuffix(".partial") }))
    }
}
