import Foundation
import Testing
import TesseraAutomation
import TesseraModel

/// The evaluator's verdicts, one case each, at a fixed time.
@Suite("Automation evaluator")
struct AutomationEvaluatorTests {
    static func time(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text))
    }

    static func daily(_ zone: String = "UTC") throws -> Automation {
        Automation(schedule: try Cron(parsing: "0 6 * * *", timeZone: try #require(TimeZone(identifier: zone))))
    }

    static let eager = Automation(condition: .eager)

    func decision(_ node: NodeID, _ mesh: MeshBuilder, _ state: AutomationState, at now: Date) throws
        -> AutomationDecision
    {
        try #require(mesh.evaluator.evaluate(state, now: now).first { $0.node == node })
    }

    @Test("missed ticks of a schedule collapse into one run, in the schedule's zone")
    func missedTicksCollapse() throws {
        var mesh = MeshBuilder()
        let orders = mesh.product("sales", "orders", try Self.daily("Europe/Berlin"))
        var state = AutomationState()
        state[orders].lastTick = try Self.time("2026-12-03T05:00:00Z")  // 06:00 in Berlin
        let decision = try decision(orders, mesh, state, at: try Self.time("2026-12-06T05:30:00Z"))
        #expect(
            decision.description
                == "run: schedule 0 6 * * * (Europe/Berlin) due at 2026-12-06 06:00 +01:00; 3 missed ticks collapsed into one"
        )
        #expect(decision.tick == (try Self.time("2026-12-06T05:00:00Z")))
        #expect(decision.triggers == [.schedule(latest: try Self.time("2026-12-06T05:00:00Z"), ticks: 3)])
    }

    @Test("not due: the next tick, on the schedule's clocks")
    func notDue() throws {
        var mesh = MeshBuilder()
        let orders = mesh.product("sales", "orders", try Self.daily("Europe/Berlin"))
        var state = AutomationState()
        state[orders].lastTick = try Self.time("2026-12-06T05:00:00Z")
        let decision = try decision(orders, mesh, state, at: try Self.time("2026-12-06T05:30:00Z"))
        #expect(decision.description == "skip: not due, next at 2026-12-07 06:00 +01:00")
        #expect(decision.tick == state[orders].lastTick)
        #expect(decision.nextTick == (try Self.time("2026-12-07T05:00:00Z")))
    }

    @Test("a schedule seen for the first time starts now, without a backlog")
    func firstSight() throws {
        var mesh = MeshBuilder()
        let orders = mesh.product("sales", "orders", try Self.daily())
        let now = try Self.time("2026-12-06T12:00:00Z")
        let decision = try decision(orders, mesh, AutomationState(), at: now)
        #expect(decision.description == "skip: schedule 0 6 * * * starts now, next at 2026-12-07 06:00 UTC")
        #expect(decision.tick == now)
    }

    @Test("a node due while something it reads is about to run waits for it")
    func waitsForUpstream() throws {
        var mesh = MeshBuilder()
        let orders = mesh.product("sales", "orders", try Self.daily())
        let buyers = mesh.model("marketing", "buyers", reads: [orders], Self.eager)
        var state = AutomationState()
        state[orders].lastTick = try Self.time("2026-12-05T06:00:00Z")
        state[orders].lastUpdated = try Self.time("2026-12-06T05:00:00Z")
        state[buyers].lastStarted = try Self.time("2026-12-05T07:00:00Z")
        let now = try Self.time("2026-12-06T06:01:00Z")
        let decisions = mesh.evaluator.evaluate(state, now: now)
        #expect(decisions.first { $0.node == orders }?.verdict == .run)
        let decision = try decision(buyers, mesh, state, at: now)
        #expect(
            decision.description
                == "wait: waiting for sales.orders; then: sales.orders published at 2026-12-06 05:00 UTC")
        #expect(decision.waitingFor == [orders])
    }

    @Test("an eager node runs when an upstream published after its last run")
    func eagerRuns() throws {
        var mesh = MeshBuilder()
        let orders = mesh.product("sales", "orders")
        let buyers = mesh.model("marketing", "buyers", reads: [orders], Self.eager)
        var state = AutomationState()
        state[orders].lastUpdated = try Self.time("2026-12-06T05:00:00Z")
        state[buyers].lastStarted = try Self.time("2026-12-05T07:00:00Z")
        let now = try Self.time("2026-12-06T06:00:00Z")
        #expect(
            try decision(buyers, mesh, state, at: now).description
                == "run: sales.orders published at 2026-12-06 05:00 UTC")
        state[buyers].lastStarted = try Self.time("2026-12-06T05:10:00Z")
        #expect(
            try decision(buyers, mesh, state, at: now).description
                == "skip: no new data upstream since its last run at 2026-12-06 05:10 UTC")
    }

    @Test("never while an upstream's error checks fail")
    func upstreamChecksFailed() throws {
        var mesh = MeshBuilder()
        let orders = mesh.product("sales", "orders")
        let buyers = mesh.model("marketing", "buyers", reads: [orders], Self.eager)
        var state = AutomationState()
        state[orders].lastUpdated = try Self.time("2026-12-06T05:00:00Z")
        state[orders].errorChecksFailed = true
        let decision = try decision(buyers, mesh, state, at: try Self.time("2026-12-06T06:00:00Z"))
        #expect(decision.description == "skip: upstream sales.orders failed its error checks")
    }

    @Test("already running: due ticks stay due for after the run")
    func alreadyRunning() throws {
        var mesh = MeshBuilder()
        let orders = mesh.product("sales", "orders", try Self.daily())
        var state = AutomationState()
        state[orders].lastTick = try Self.time("2026-12-05T06:00:00Z")
        state[orders].activity = .running
        let decision = try decision(orders, mesh, state, at: try Self.time("2026-12-06T06:00:30Z"))
        #expect(decision.description == "skip: already running; then: schedule 0 6 * * * due at 2026-12-06 06:00 UTC")
        #expect(decision.tick == state[orders].lastTick)
    }

    @Test("a transient failure is retried with backoff, then runs when due")
    func retry() throws {
        var mesh = MeshBuilder()
        let orders = try mesh.fileSource(
            "sales", "orders",
            Automation(condition: .eager, retries: RetryPolicy(maximum: 3, backoff: TimeSpan(seconds: 30))))
        var state = AutomationState()
        state[orders].failure = .init(
            kind: .transient, summary: "connection refused", at: try Self.time("2026-12-06T14:04:30Z"), retries: 1)
        let pending = try decision(orders, mesh, state, at: try Self.time("2026-12-06T14:05:00Z"))
        #expect(pending.description == "retry: retry 2 of 3 at 2026-12-06 14:05:30 UTC after connection refused")
        #expect(pending.retryAt == (try Self.time("2026-12-06T14:05:30Z")))
        let due = try decision(orders, mesh, state, at: try Self.time("2026-12-06T14:05:30Z"))
        #expect(
            due.description
                == "run: retry 2 of 3: the last run failed at 2026-12-06 14:04:30 UTC (connection refused)")
        state[orders].failure?.retries = 3
        let spent = try decision(orders, mesh, state, at: try Self.time("2026-12-06T15:00:00Z"))
        #expect(
            spent.description
                == "skip: no new file; the last run failed at 2026-12-06 14:04:30 UTC (connection refused); its 3 retries are used up"
        )
    }

    @Test("a data failure is never retried")
    func dataFailure() throws {
        var mesh = MeshBuilder()
        let orders = mesh.product("sales", "orders", Automation(condition: .eager, retries: RetryPolicy()))
        var state = AutomationState()
        state[orders].failure = .init(
            kind: .data, summary: "2 error checks failed", at: try Self.time("2026-12-06T14:00:00Z"))
        let decision = try decision(orders, mesh, state, at: try Self.time("2026-12-06T15:00:00Z"))
        #expect(decision.verdict == .skip)
        #expect(
            decision.reason.hasSuffix(
                "the last run failed at 2026-12-06 14:00 UTC (2 error checks failed) on its data, which is not retried")
        )
    }

    @Test("a new or changed file triggers its source once per fingerprint")
    func newFile() throws {
        var mesh = MeshBuilder()
        let orders = try mesh.fileSource("sales", "orders", Self.eager)
        var state = AutomationState()
        state[orders].files = [
            .init(path: "data/orders-2026-12-05.csv", fingerprint: "a1"),
            .init(path: "data/orders-2026-12-06.csv", fingerprint: "b2"),
        ]
        state[orders].seenFingerprints = ["a1"]
        let now = try Self.time("2026-12-06T15:00:00Z")
        let decision = try decision(orders, mesh, state, at: now)
        #expect(decision.description == "run: new file orders-2026-12-06.csv")
        #expect(decision.fingerprints == ["b2"])
        state[orders].seenFingerprints.insert("b2")
        #expect(try self.decision(orders, mesh, state, at: now).description == "skip: no new file")
    }

    @Test("a node without schedule or automation runs when asked")
    func notAutomated() throws {
        var mesh = MeshBuilder()
        let orders = mesh.product("sales", "orders")
        let decision = try decision(orders, mesh, AutomationState(), at: try Self.time("2026-12-06T15:00:00Z"))
        #expect(decision.description == "skip: no schedule or automation: it runs when asked (`tessera run`)")
    }

    @Test("freshness against the sla")
    func freshness() throws {
        var mesh = MeshBuilder()
        let orders = mesh.product(
            "sales", "orders", Automation(sla: ServiceLevel(freshness: TimeSpan(seconds: 86_400))))
        var state = AutomationState()
        state[orders].lastUpdated = try Self.time("2026-12-05T06:00:00Z")
        let fresh = try decision(orders, mesh, state, at: try Self.time("2026-12-06T05:59:00Z"))
        #expect(fresh.freshness == .init(deadline: try Self.time("2026-12-06T06:00:00Z"), isStale: false))
        let stale = try decision(orders, mesh, state, at: try Self.time("2026-12-06T06:01:00Z"))
        #expect(stale.freshness?.isStale == true)
    }

    @Test("decisions are values: they survive JSON")
    func codable() throws {
        var mesh = MeshBuilder()
        let orders = mesh.product("sales", "orders", try Self.daily("Europe/Berlin"))
        var state = AutomationState()
        state[orders].lastTick = try Self.time("2026-12-03T05:00:00Z")
        let decisions = mesh.evaluator.evaluate(state, now: try Self.time("2026-12-06T05:30:00Z"))
        let data = try JSONEncoder().encode(decisions)
        #expect(try JSONDecoder().decode([AutomationDecision].self, from: data) == decisions)
        let stateData = try JSONEncoder().encode(state)
        #expect(try JSONDecoder().decode(AutomationState.self, from: stateData) == state)
    }

    /// Not a benchmark, a guard against anything quadratic: 2,000 models in chains, every one on
    /// the domain's schedule and eager, all due, against 200 of them. Ten times the models must
    /// cost far less than a hundred times the time (the best of three each, so that a busy machine
    /// does not decide); a bound on the time itself failed on a loaded machine.
    @Test("one evaluation over 2,000 models stays linear")
    func largeMesh() throws {
        let (small, smallDecisions) = try Self.bestEvaluation(chainsOf: 10)
        let (large, largeDecisions) = try Self.bestEvaluation(chainsOf: 100)
        #expect(smallDecisions.count == 200 && largeDecisions.count == 2_000)
        #expect(largeDecisions.filter { $0.verdict == .run }.count == 20)
        #expect(large < small * 40, "200 models took \(small), 2,000 took \(large)")
    }

    /// 20 domains of `length` chained models; the fastest of three evaluations, and its decisions.
    static func bestEvaluation(chainsOf length: Int) throws -> (Duration, [AutomationDecision]) {
        var mesh = MeshBuilder()
        var automation = try Self.daily("Europe/Berlin")
        automation.condition = .eager
        var state = AutomationState()
        for domain in 0..<20 {
            var previous: NodeID?
            for index in 0..<length {
                let id = mesh.model("d\(domain)", "m\(index)", reads: previous.map { [$0] } ?? [], automation)
                state[id].lastTick = try Self.time("2026-12-01T05:00:00Z")
                state[id].lastUpdated = try Self.time("2026-12-06T05:00:00Z")
                previous = id
            }
        }
        let evaluator = mesh.evaluator
        let now = try Self.time("2026-12-06T05:30:00Z")
        var best = Duration.seconds(3600)
        var decisions: [AutomationDecision] = []
        for _ in 0..<3 {
            best = min(best, ContinuousClock().measure { decisions = evaluator.evaluate(state, now: now) })
        }
        return (best, decisions)
    }
}
