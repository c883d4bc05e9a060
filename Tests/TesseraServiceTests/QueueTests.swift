import Foundation
import TesseraCatalog
import TesseraModel
import TesseraTesting
import Testing

/// The run queue in the catalog: one run per warehouse, the concurrency limits, idempotency keys,
/// and claims that never hand one run to two services.
@Suite struct QueueTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func run(_ id: String, _ domains: [String], at offset: TimeInterval = 0, key: String? = nil) -> QueuedRun {
        QueuedRun(
            id: id, environment: "dev", selection: .init(include: domains.map { "domain:\($0)" }), trigger: .manual,
            reason: "test", requestedBy: "ana@acme.example", idempotencyKey: key,
            enqueuedAt: start.addingTimeInterval(offset), domains: domains,
            nodes: domains.map { NodeID(.model, $0, "m") })
    }

    static func running(_ run: QueuedRun) -> QueuedRun {
        var run = run
        run.state = .running
        return run
    }

    @Test func aRunWaitsWhileAnotherWritesOneOfItsDomains() {
        let limits = QueueLimits()
        let busy = Self.running(Self.run("a", ["sales"]))
        let candidates = [Self.run("b", ["sales", "marketing"]), Self.run("c", ["finance"])]
        #expect(limits.admissible(candidates, running: [busy])?.id == "c")
        #expect(limits.admissible(candidates, running: [])?.id == "b")
    }

    @Test func aWaitingRunIsNotOvertakenOnItsWarehouse() {
        // b waits for sales; c (marketing) must not take marketing from under b.
        let busy = Self.running(Self.run("a", ["sales"]))
        let candidates = [Self.run("b", ["sales", "marketing"]), Self.run("c", ["marketing"]), Self.run("d", ["hr"])]
        #expect(QueueLimits().admissible(candidates, running: [busy])?.id == "d")
    }

    @Test func theGlobalAndDomainLimitsHold() {
        let running = [Self.running(Self.run("a", ["sales"])), Self.running(Self.run("b", ["hr"]))]
        let candidates = [Self.run("c", ["finance"])]
        #expect(QueueLimits(global: 2).admissible(candidates, running: running) == nil)
        #expect(QueueLimits(global: 3).admissible(candidates, running: running)?.id == "c")
        // A domain's limit counts the runs writing that domain; 0 holds its runs back.
        #expect(QueueLimits(perDomain: ["finance": 0]).admissible(candidates, running: [])?.id == nil)
        #expect(QueueLimits(perDomain: ["finance": 1]).admissible(candidates, running: running)?.id == "c")
    }

    @Test func theSameIdempotencyKeyQueuesOneRun() async throws {
        let dir = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: dir.url.appendingPathComponent("catalog.sqlite"))
        let first = try await catalog.enqueue(Self.run("one", ["sales"], key: "nightly-1"))
        let second = try await catalog.enqueue(Self.run("two", ["sales"], at: 5, key: "nightly-1"))
        #expect(first.id == "one")
        #expect(second.id == "one")
        #expect(try await catalog.queuedRuns(states: nil, limit: 10).map(\.id) == ["one"])
    }

    @Test func twoServicesNeverClaimTheSameRun() async throws {
        let dir = try TemporaryDirectory()
        let file = dir.url.appendingPathComponent("catalog.sqlite")
        let setup = try SQLiteCatalog(file: file)
        let domains = (0..<12).map { "d\($0 % 4)" }
        for (index, domain) in domains.enumerated() {
            _ = try await setup.enqueue(Self.run("run-\(index)", [domain], at: TimeInterval(index)))
        }
        // Two stores on the same file, as two processes would have, claiming as fast as they can.
        let stores = [try SQLiteCatalog(file: file), try SQLiteCatalog(file: file)]
        let claimed = try await withThrowingTaskGroup(of: [QueuedRun].self) { group in
            for (index, store) in stores.enumerated() {
                group.addTask {
                    let owner = QueuedRun.Owner(instance: "service-\(index)", startedAt: Date())
                    var mine: [QueuedRun] = []
                    for _ in 0..<20 {
                        if let run = try await store.claimQueuedRun(owner: owner, limits: QueueLimits(), at: Date()) {
                            mine.append(run)
                        }
                    }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        // One run per domain warehouse can be running: four claims in all, none twice.
        #expect(claimed.count == 4)
        #expect(Set(claimed.map(\.id)).count == claimed.count)
        #expect(Set(claimed.flatMap(\.domains)) == ["d0", "d1", "d2", "d3"])
        let running = try await setup.queuedRuns(states: [.running], limit: 100)
        #expect(running.count == 4)
        // The oldest run of each domain went first.
        #expect(Set(running.map(\.id)) == ["run-0", "run-1", "run-2", "run-3"])
    }

    @Test func aRunLeftByADeadServiceIsInterruptedAndCancelsWork() async throws {
        let dir = try TemporaryDirectory()
        let catalog = try SQLiteCatalog(file: dir.url.appendingPathComponent("catalog.sqlite"))
        _ = try await catalog.enqueue(Self.run("dead", ["sales"]))
        _ = try await catalog.enqueue(Self.run("alive", ["hr"], at: 1))
        _ = try await catalog.enqueue(Self.run("waiting", ["finance"], at: 2))
        // A pid no process has: its owner is dead.
        let dead = QueuedRun.Owner(instance: "gone", processID: Int32.max - 1, startedAt: Date())
        let live = QueuedRun.Owner(instance: "here", startedAt: Date())
        let limits = QueueLimits(perDomain: ["finance": 0])
        #expect(try await catalog.claimQueuedRun(owner: dead, limits: limits, at: Date())?.id == "dead")
        #expect(try await catalog.claimQueuedRun(owner: live, limits: limits, at: Date())?.id == "alive")
        let orphans = try await catalog.interruptOrphanedRuns(at: Date())
        #expect(orphans.map(\.id) == ["dead"])
        #expect(try await catalog.queuedRun(id: "dead")?.state == .interrupted)
        #expect(try await catalog.queuedRun(id: "alive")?.state == .running)
        // Cancelling: a queued run at once, a running one by request.
        #expect(try await catalog.cancelQueuedRun(id: "waiting", at: Date())?.state == .cancelled)
        let asked = try await catalog.cancelQueuedRun(id: "alive", at: Date())
        #expect(asked?.state == .running && asked?.cancelRequested == true)
    }
}
