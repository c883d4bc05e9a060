import Foundation
import Testing

/// An eager chain through `tessera serve`: a new file loads, and its eager consumers follow, each
/// once. A product and its model share a name, so one run builds both; the product must not run
/// again for the model that was built in its own run.
@Suite(.serialized) struct ServeEagerTests {
    static let files: [String: String] = [
        "tessera.yaml": "mesh: acme\ngovernance: {require_description: false, require_classification: false}\n",
        "domains/up/domain.yaml": "owner: up@acme.example\n",
        "domains/up/sources/orders.yaml": "connector: {type: csv, path: domains/up/data/*.csv}\nautomation: eager\n",
        "domains/up/data/orders-1.csv": "order_id,amount\n1,10\n",
        "domains/up/models/orders.sql": "select order_id, amount from src.orders\n",
        "domains/up/models/orders.yaml": "automation: eager\n",
        "domains/up/products/orders.yaml": """
        automation: eager
        contract:
          columns:
            - {name: order_id, type: BIGINT}
            - {name: amount, type: BIGINT}

        """,
        "domains/down/domain.yaml": "owner: down@acme.example\n",
        "domains/down/models/totals.sql": "select count(*) as orders from up.orders\n",
        "domains/down/models/totals.yaml": "automation: eager\n",
        "domains/down/products/totals.yaml": """
        automation: eager
        contract:
          columns:
            - {name: orders, type: BIGINT}

        """,
    ]

    @Test func aChainRunsEachConsumerOnceAndNothingTwice() async throws {
        let dir = try TemporaryDirectory()
        for (path, text) in Self.files { try dir.write(path, text) }
        let service = try ServeTests.Service(dir, clock: "2026-12-06T05:00:00Z")
        defer { _ = service.stop() }
        // The file loads, then up.orders (model and product), then down.totals (model and product).
        try await service.waitFor("run_started", containing: "selection=down.totals")
        try await service.waitFor("run_ended", containing: "state=finished", count: 3)
        // Quiet ticks after the chain: nothing runs again.
        for minute in 1...3 {
            try service.set("2026-12-06T05:0\(minute):00Z")
            try await service.waitFor("tick", containing: "at=2026-12-06T05:0\(minute):00")
        }
        try await Task.sleep(for: .milliseconds(300))
        let started = service.lines("run_started")
        #expect(started.count == 3, "\(service.text)")
        let runs = try await TesseraBinary.run(["runs", "--format", "json"], in: dir.url)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [[String: Any]])
        let idle = list.filter { ($0["counts"] as? [String: Int])?.keys.sorted() == ["unchanged"] }
        #expect(idle.isEmpty, "runs that found nothing to do: \(idle)")
    }

    /// A product published by `tessera run` while no service ran is new data for its eager
    /// consumer: the service, started after, runs the consumer once at its first tick.
    @Test func aPublishMadeWithoutTheServiceIsSeenWhenItStarts() async throws {
        let dir = try TemporaryDirectory()
        for (path, text) in Self.files { try dir.write(path, text) }
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        try dir.write("domains/up/data/orders-2.csv", "order_id,amount\n2,20\n")
        let upstream = try await TesseraBinary.run(["run", "domain:up"], in: dir.url)
        #expect(upstream.status == 0, "\(upstream.stderr)")
        // The service's clock after the commands' (real) times, as it would be in life.
        let minute = (Date().timeIntervalSince1970 / 60).rounded(.down) * 60
        func stamp(_ offset: Double) -> String {
            ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: minute + offset))
        }
        let service = try ServeTests.Service(dir, clock: stamp(60))
        defer { _ = service.stop() }
        try await service.waitFor("run_started", containing: "selection=down.totals")
        let started = try #require(service.lines("run_started").first { $0.contains("selection=down.totals") })
        let queued = try #require(started.split(separator: " ").first { $0.hasPrefix("queuedRun=") })
        try await service.waitFor("run_ended", containing: "\(queued) ")
        try service.set(stamp(120))
        try await service.waitFor("tick", containing: "at=\(stamp(120).dropLast())")
        try await Task.sleep(for: .milliseconds(300))
        // Once: the later ticks see its run. (The file sensor, which did not see the command's
        // loads, may load the source again; that finds nothing new and triggers nothing.)
        #expect(
            service.lines("run_started").filter { $0.contains("selection=down.totals") }.count == 1, "\(service.text)")
        let totals = try await TesseraBinary.run(
            ["query", "select orders from down.totals", "--format", "csv"], in: dir.url)
        #expect(totals.stdout.contains("2"), "\(totals.stdout)\(totals.stderr)")
    }
}
