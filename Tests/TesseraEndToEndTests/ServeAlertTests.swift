import Foundation
import Testing

/// Alerts from `tessera serve` through the real binary, its clock in a file: a product that
/// never had data is past its freshness SLA at the first tick (while its file source loads), and
/// its scheduled run's publish is blocked by a failing check — a local receiver gets exactly one
/// `sla_missed` and one `publish_blocked`, however many ticks follow.
@Suite(.serialized) struct ServeAlertTests {
    func mesh(_ receiver: WebhookReceiver) throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try dir.write(
            "tessera.yaml",
            """
            mesh: acme
            governance: {require_description: false, require_classification: false}
            alerts:
              - {webhook: "\(receiver.url("/hook"))", on: [sla_missed, publish_blocked, run_failed]}

            """)
        try dir.write("domains/sales/domain.yaml", "owner: sales@acme.example\n")
        try dir.write(
            "domains/sales/sources/orders.yaml",
            "connector: {type: csv, path: domains/sales/data/*.csv}\nautomation: eager\n")
        try dir.write("domains/sales/data/orders.csv", "order_id,amount\n1,10\n1,20\n")
        try dir.write("domains/sales/models/orders.sql", "select order_id, amount from src.orders\n")
        try dir.write(
            "domains/sales/products/orders.yaml",
            """
            schedule: "0 6 * * *"
            sla: {freshness: 1h}
            contract:
              columns:
                - {name: order_id, type: BIGINT}
                - {name: amount, type: BIGINT}
            checks:
              - unique: order_id

            """)
        return dir
    }

    /// The events the receiver got, waiting (20 s at most) until there are `count`.
    func events(_ receiver: WebhookReceiver, count: Int) async throws -> [String] {
        var received: [String] = []
        for _ in 0..<400 {
            received = try receiver.requests().compactMap { $0.body["event"] as? String }
            if received.count >= count { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        return received
    }

    @Test func anSLAMissAndABlockedPublishEachDeliverOneWebhook() async throws {
        let receiver = try WebhookReceiver(status: 200)
        let dir = try mesh(receiver)
        let service = try ServeTests.Service(dir, clock: "2026-12-06T05:00:00Z")
        defer { _ = service.stop() }
        // The first tick: never published, so past its SLA at once; the file loads.
        try await service.waitFor("sla_missed", containing: "sales.orders")
        try await service.waitFor("run_ended", containing: "succeeded=true")
        #expect(try await events(receiver, count: 1) == ["sla_missed"])

        // 06:00:30: the schedule fires; the duplicate key blocks the publish.
        try service.set("2026-12-06T06:00:30Z")
        try await service.waitFor("run_ended", containing: "succeeded=false")
        #expect(try await events(receiver, count: 2) == ["sla_missed", "publish_blocked"], "\(service.text)")

        // Later ticks send neither again.
        try service.set("2026-12-06T06:01:00Z")
        try await service.waitFor("tick", containing: "at=2026-12-06T06:01:00")
        try service.set("2026-12-06T06:02:00Z")
        try await service.waitFor("tick", containing: "at=2026-12-06T06:02:00")
        try await Task.sleep(for: .milliseconds(500))
        let bodies = try receiver.requests().map(\.body)
        #expect(bodies.compactMap { $0["event"] as? String } == ["sla_missed", "publish_blocked"], "\(bodies)")
        #expect(bodies.allSatisfy { $0["node"] as? String == "sales.orders" }, "\(bodies)")
        #expect(!service.text.contains("/hook"), "the webhook's URL is in the log:\n\(service.text)")
    }
}
