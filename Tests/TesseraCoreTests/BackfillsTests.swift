import Foundation
import Synchronization
import Testing
import TesseraCore
import TesseraModel

/// Backfills through the core, as `tessera backfill` and the HTTP API use them, on a real catalog
/// and real warehouses: a command runs its chunks as runs of their own; the service's driver
/// queues one chunk at a time; only members of the domain may start, cancel or resume one, and
/// only those who see its nodes see it; a selection without an interval model is refused.
@Suite struct BackfillsTests {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-backfills-\(UUID().uuidString)")
        let files = [
            "tessera.yaml": """
            mesh: acme
            governance: {require_description: false, require_classification: false}
            admins: [root@acme.example]

            """,
            "domains/shop/domain.yaml": """
            owner: shop@acme.example
            members:
              - {name: ana@acme.example, role: owner}
              - {name: rui@acme.example, role: reader}

            """,
            "domains/shop/models/daily.sql": """
            select ts, 1 as n from (select unnest(generate_series(TIMESTAMP '2026-11-01', TIMESTAMP '2026-11-05 23:00:00', INTERVAL 1 HOUR)) as ts)
            where ts >= @start and ts < @end

            """,
            "domains/shop/models/daily.yaml": "materialized: incremental\nincremental: {time_column: ts}\n",
            "domains/shop/models/plain.sql": "select 1 as n\n",
            "domains/other/domain.yaml":
                "owner: other@acme.example\nmembers:\n  - {name: mia@acme.example, role: owner}\n",
            "domains/other/models/thing.sql": "select 1 as n\n",
        ]
        for (path, text) in files {
            let file = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
    }

    func request(_ selector: String = "shop.daily", days: Int = 3, key: String? = nil) throws -> BackfillRequest {
        let start = try #require(BackfillChunking.time("2026-11-01"))
        return BackfillRequest(
            include: [selector], start: start, end: start.addingTimeInterval(Double(days) * 86_400), reason: "test",
            idempotencyKey: key)
    }

    @Test func aCommandRunsEachChunkAsARunOfItsOwn() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = try Workspace(root: root, warn: { _ in })
        let owner = QueuedRun.Owner(instance: "test", startedAt: Date())
        let started = try await workspace.backfills.start(
            try request(), as: .meshOperator, driver: .command, owner: owner)
        #expect(started.chunks.map(\.state) == [.pending, .pending, .pending])
        let events = EventLog()
        let ended = try await workspace.backfills.runHere(started.id, owner: owner) { events.add($0) }
        #expect(ended.state == .succeeded, "\(ended)")
        #expect(ended.chunks.allSatisfy { $0.state == .succeeded && $0.attempts == 1 && $0.runID != nil })
        #expect(events.chunks == ["started 0", "ended 0", "started 1", "ended 1", "started 2", "ended 2"])
        let runs = try await workspace.runs.history(limit: 10)
        #expect(runs.count == 3)
        #expect(Set(runs.map(\.run.id)) == Set(ended.chunks.compactMap(\.runID)))
        // It is over: cancelling changes nothing, resuming is refused with the reason.
        #expect(try await workspace.backfills.cancel(started.id, as: .meshOperator).state == .succeeded)
        let again = await #expect(throws: CoreError.self) {
            try await workspace.backfills.resume(started.id, as: .meshOperator, driver: .command, owner: owner)
        }
        #expect(again?.message.contains("nothing is left to resume") == true)
        let audited = try await workspace.audit.entries(limit: 20, action: nil).map(\.action)
        #expect(
            audited.filter { $0.hasPrefix("backfill.") }.sorted() == [
                "backfill.cancel", "backfill.resume", "backfill.start",
            ])
    }

    @Test func theServiceQueuesOneChunkAtATimeAndCancelStopsIt() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = try Workspace(root: root, warn: { _ in })
        let ana = Principal.person("ana@acme.example")
        let started = try await workspace.backfills.start(try request(key: "k1"), as: ana, driver: .service)
        #expect(try await workspace.backfills.start(try request(key: "k1"), as: ana, driver: .service).id == started.id)
        #expect(started.chunks.map(\.state) == [.running, .pending, .pending])
        let queued = try await workspace.queue.list()
        #expect(queued.count == 1)
        let first = try #require(queued.first)
        #expect(first.trigger == .backfill && first.requestedBy == "ana@acme.example")
        #expect(first.selection.text == "shop.daily --start 2026-11-01T00:00:00Z --end 2026-11-02T00:00:00Z")
        #expect(try await workspace.backfills.advance(at: Date()).isEmpty, "nothing changes while the chunk is queued")

        let cancelled = try await workspace.backfills.cancel(String(started.id.prefix(20)), as: ana)
        #expect(cancelled.state == .cancelled)
        #expect(try await workspace.queue.show(first.id).state == .cancelled)
        let settled = try await workspace.backfills.advance(at: Date()).map { try $0.get() }
        #expect(settled.first?.chunks.map(\.state) == [.cancelled, .cancelled, .cancelled])
        let resumed = try await workspace.backfills.resume(started.id, as: ana, driver: .service)
        #expect(resumed.state == .running && resumed.chunks[0].state == .running)
        let open = try await workspace.queue.list(openOnly: true)
        #expect(open.count == 1 && open.first?.id != first.id, "a new run for the resumed chunk")
    }

    @Test func onlyMembersStartAndOnlyThoseWhoSeeItFindIt() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = try Workspace(root: root, warn: { _ in })
        for person in ["rui@acme.example", "mia@acme.example"] {
            let refused = await #expect(throws: CoreError.self) {
                try await workspace.backfills.start(try request(), as: .person(person), driver: .service)
            }
            #expect(refused?.kind == .forbidden, "\(person)")
        }
        let started = try await workspace.backfills.start(
            try request(), as: .person("root@acme.example"), driver: .service)
        #expect(try await workspace.backfills.show(started.id, as: .person("rui@acme.example")).id == started.id)
        let hidden = await #expect(throws: CoreError.self) {
            try await workspace.backfills.show(started.id, as: .person("mia@acme.example"))
        }
        #expect(hidden?.kind == .notFound)
        #expect(try await workspace.backfills.list(as: .person("mia@acme.example")).isEmpty)
        let reader = await #expect(throws: CoreError.self) {
            try await workspace.backfills.cancel(started.id, as: .person("rui@acme.example"))
        }
        #expect(reader?.kind == .forbidden)

        let plain = await #expect(throws: CoreError.self) {
            try await workspace.backfills.start(try request("shop.plain"), as: .meshOperator, driver: .service)
        }
        #expect(plain?.kind == .usage)
        #expect(
            plain?.message
                == "a backfill rebuilds intervals of interval-incremental models, but no model of the selection 'shop.plain' is interval-incremental (shop.plain); nothing was started."
        )
        #expect(plain?.hint?.contains("shop.daily") == true)
        let tooMany = await #expect(throws: CoreError.self) {
            var asked = try request(days: 30)
            asked.chunk = TimeSpan(seconds: 60)
            return try await workspace.backfills.start(asked, as: .meshOperator, driver: .service)
        }
        #expect(tooMany?.message.contains("43200 chunks, more than 10000") == true, "\(tooMany?.message ?? "")")
    }
}

/// The chunk events a backfill reported, in order.
final class EventLog: Sendable {
    private let events = Mutex<[String]>([])

    func add(_ event: BackfillEvent) {
        switch event {
        case .chunkStarted(_, let chunk): events.withLock { $0.append("started \(chunk)") }
        case .chunkEnded(_, let chunk): events.withLock { $0.append("ended \(chunk)") }
        case .run: break
        }
    }

    var chunks: [String] { events.withLock { $0 } }
}
