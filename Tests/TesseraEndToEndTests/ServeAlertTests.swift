import Foundation
import Testing

/// `tessera serve` raises an SLA miss as one `sla_missed` alert and sends it from its loop.
@Suite struct ServeAlertTests {
    @Test func anSLAMissDeliversOneWebhook() async throws {
        let dir = try TemporaryDirectory()
        let receiver = try WebhookReceiver(status: 200)
        try dir.write(
            "tessera.yaml",
            """
            mesh: acme
            governance: {require_description: false, require_classification: false}
            alerts:
              - {webhook: "${TEAM_HOOK}", on: [sla_missed]}

            """)
        try dir.write("domains/sales/domain.yaml", "owner: sales@acme.example\n")
        try dir.write(
            "domains/sales/sources/orders.yaml",
            "connector: {type: csv, path: domains/sales/data/*.csv}\nload: {mode: full}\n")
        try dir.write("domains/sales/data/orders.csv", "order_id,amount\n1,10\n")
        try dir.write("domains/sales/models/orders.sql", "select order_id, amount from src.orders\n")
        try dir.write("domains/sales/models/orders.yaml", "sla: {freshness: 1h}\n")
        let service = try ServeTests.Service(
            dir, clock: "2026-12-06T05:00:00Z", environment: ["TEAM_HOOK": receiver.url("/hook/ServeHookX7Secret")])
        defer { _ = service.stop() }
        try await service.waitFor("sla_missed")
        var received: [WebhookReceiver.Request] = []
        for _ in 0..<600 where received.isEmpty {
            received = try receiver.requests()
            try await Task.sleep(for: .milliseconds(50))
        }
        try await Task.sleep(for: .seconds(1))
        received = try receiver.requests()
        #expect(received.count == 1, "one miss, one alert, one delivery: \(service.text)")
        #expect(received.first?.body["event"] as? String == "sla_missed")
        #expect(received.first?.body["node"] as? String == "sales.orders")
        #expect(received.first?.body["runId"] is NSNull)
        #expect(!service.text.contains("ServeHookX7Secret"))
    }
}
