import Foundation
import Testing
import TesseraCore
import TesseraModel

/// The service's queue and the automation's ticks through the core, as `tessera serve` and the
/// HTTP API use them: what a selection queues, idempotency keys, cancelling, and a tick that
/// counts only once it committed.
@Suite struct RunQueueTests {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-queue-\(UUID().uuidString)")
        let files = [
            "tessera.yaml": "mesh: acme\ngovernance: {require_description: false, require_classification: false}\n",
            "domains/sales/domain.yaml": "owner: sales@acme.example\n",
            "domains/sales/models/orders.sql": "select 1 as order_id\n",
            "domains/sales/products/orders.yaml":
                "schedule: \"0 6 * * *\"\ncontract:\n  columns:\n    - {name: order_id, type: INTEGER}\n",
            "domains/finance/domain.yaml": "owner: finance@acme.example\n",
            "domains/finance/models/revenue.sql": "select count(*) as n from sales.orders\n",
        ]
        for (path, text) in files {
            let file = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
    }

    static func time(_ text: String) throws -> Date { try #require(ISO8601DateFormatter().date(from: text)) }

    @Test func aSelectionQueuesItsNodesOnceByKeyAndCanBeCancelled() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = try Workspace(root: root)
        let request = QueueRequest(
            selection: .init(include: ["sales.orders+"]), trigger: .api, reason: "test",
            requestedBy: "ana@acme.example",
            idempotencyKey: "k1")
        let queued = try await workspace.queue.enqueue(request)
        #expect(queued.domains == ["finance", "sales"])
        #expect(queued.nodes.map(\.id) == ["model.finance.revenue", "model.sales.orders", "product.sales.orders"])
        #expect(try await workspace.queue.enqueue(request).id == queued.id)
        await #expect(throws: CoreError.self) {
            try await workspace.queue.enqueue(
                QueueRequest(selection: .init(include: ["nothing.here"]), trigger: .api, reason: "", requestedBy: "x"))
        }
        #expect(try await workspace.queue.cancel(String(queued.id.prefix(18))).state == .cancelled)
        #expect(try await workspace.queue.list(openOnly: true).isEmpty)
        #expect(try await workspace.queue.list().map(\.state) == [.cancelled])
    }

    @Test func aTickCountsOnlyOnceItIsCommitted() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = try Workspace(root: root)
        let automation = workspace.automation
        let evaluator = automation.evaluator()
        // The first tick starts the schedule; nothing is due yet.
        let first = try Self.time("2026-12-06T05:00:00Z")
        var snapshot = try await automation.snapshot()
        _ = try await automation.commit(evaluator.evaluate(snapshot.state, now: first), of: snapshot, at: first)

        // 06:00:30: due. Evaluated but not committed (a crash): the same tick is still due after.
        let due = try Self.time("2026-12-06T06:00:30Z")
        snapshot = try await automation.snapshot()
        let lost = evaluator.evaluate(snapshot.state, now: due)
        #expect(lost.first { $0.node.id == "product.sales.orders" }?.verdict == .run)
        snapshot = try await automation.snapshot()
        let decisions = evaluator.evaluate(snapshot.state, now: due)
        #expect(decisions == lost)
        let outcome = try await automation.commit(decisions, of: snapshot, at: due)
        #expect(outcome.enqueued.map(\.trigger) == [.schedule])

        // Committed: the next evaluation sees it queued, and queues nothing more.
        snapshot = try await automation.snapshot()
        let after = evaluator.evaluate(snapshot.state, now: due)
        #expect(after.first { $0.node.id == "product.sales.orders" }?.reason == "already queued")
        let again = try await automation.commit(after, of: snapshot, at: due)
        #expect(again.enqueued.isEmpty)
        #expect(try await workspace.queue.list().count == 1)
        let status = try await automation.status("sales.orders")
        #expect(status.last?.decision?.reason == "already queued")
        #expect(status.last?.runsByItself == true)
    }
}
