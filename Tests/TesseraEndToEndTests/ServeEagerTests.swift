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
        let runs = try TesseraBinary.run(["runs", "--format", "json"], in: dir.url)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [[String: Any]])
        let idle = list.filter { ($0["counts"] as? [String: Int])?.keys.sorted() == ["unchanged"] }
        #expect(idle.isEmpty, "runs that found nothing to do: \(idle)")
    }
}
