import Foundation
import TesseraCore
import TesseraModel

/// The long-running part of `tessera serve`: on each tick of its clock it senses files, evaluates
/// the automation and queues what is due (`Automations`); its dispatcher claims queued runs as
/// the warehouses and the `concurrency` limits allow and runs them through `workspace.runs.run`.
///
/// One loop does every write of the automation's state — ticks, run starts, run outcomes — so
/// none overwrites another; runs themselves go on in their own tasks and report back to it.
/// At start it recovers the runs a dead instance left running (`ServiceRecovery`); `stop()`
/// drains: no new claims, running runs get `drainGrace` to finish and are then cancelled (DuckDB
/// is interrupted, the catalog run recorded interrupted) and queued again; queued runs stay queued.
public actor AutomationService {
    /// The project as last read: read again when its files change (`reloadIfChanged`).
    public private(set) var workspace: Workspace
    let clock: any ServiceClock
    let owner: QueuedRun.Owner
    let onEvent: @Sendable (ServiceEvent) -> Void
    var evaluator: AutomationEvaluator
    /// When the project was last read.
    var loadedAt = Date()
    /// How often the loop looks at its clock and its runs.
    let pollInterval: Duration
    /// How often the queue is looked at for runs queued by others (`tessera run`, the API).
    let queuePollInterval: TimeInterval
    /// How long running runs may go on after `stop()` before they are cancelled.
    let drainGrace: TimeInterval

    var draining = false
    /// Whether freed memory was handed back since the project was read or a run ended.
    var memorySettled = false
    var stopped = false
    var lastMark: String?
    var tickWanted = false
    var claimWanted = true
    var nextQueuePoll = Date.distantPast
    var running: [String: (run: QueuedRun, task: Task<Void, Never>)] = [:]
    var cancelling: Set<String> = []
    var completions: [ServiceRunCompletion] = []
    /// The alerts being sent, off the loop: a slow webhook never delays a tick or a claim.
    var delivery: Task<Void, Never>?
    /// The dashboards being rendered and sent, off the loop, as alerts are.
    var reports: Task<Void, Never>?
    /// A tick came while a batch was under way: another batch follows it.
    var reportsWanted = false

    public init(
        workspace: Workspace, clock: any ServiceClock, pollInterval: Duration = .milliseconds(50),
        queuePollInterval: TimeInterval = 0.5, drainGrace: TimeInterval = 30,
        onEvent: @escaping @Sendable (ServiceEvent) -> Void = { _ in }
    ) {
        self.workspace = workspace
        self.clock = clock
        let started = Date()
        self.owner = QueuedRun.Owner(
            instance: "serve-\(ProcessInfo.processInfo.processIdentifier)-\(Int(started.timeIntervalSince1970))",
            startedAt: started)
        self.onEvent = onEvent
        self.evaluator = workspace.automation.evaluator()
        self.pollInterval = pollInterval
        self.queuePollInterval = queuePollInterval
        self.drainGrace = drainGrace
    }

    /// This instance's name, as its claims record it (and serve.json says).
    public nonisolated var instance: String { owner.instance }

    /// Runs until `stop()`, then drains and returns.
    public func run() async {
        await recover()
        onEvent(.started(instance: owner.instance))
        while !draining {
            await step()
            try? await Task.sleep(for: pollInterval)
        }
        await drain()
        onEvent(.stopped)
    }

    /// Asks the service to drain and stop (SIGTERM, SIGINT).
    public func stop() { draining = true }

    /// One turn of the loop: outcomes of ended runs, a tick when the clock moved (or a run ended),
    /// claims when something may start, cancels asked for.
    func step() async {
        await applyCompletions()
        let mark = clock.mark()
        if mark != lastMark || tickWanted {
            lastMark = mark
            tickWanted = false
            await tick()
            claimWanted = true
        }
        let now = Date()
        if claimWanted || now >= nextQueuePoll {
            claimWanted = false
            nextQueuePoll = now.addingTimeInterval(queuePollInterval)
            reloadIfChanged()
            await advanceBackfills()
            await dispatch()
            await honourCancels()
        }
        if running.isEmpty, !memorySettled {
            memorySettled = true
            FreedMemory.returnToSystem()
        }
    }

    /// Reads the project again when its files changed since it was read: later ticks and claimed
    /// runs use the new version (runs under way finish with the one they started with). A project
    /// that now has errors is not switched to; the service says so and keeps the version it has.
    func reloadIfChanged() {
        guard workspace.projectChanged(since: loadedAt) else { return }
        loadedAt = Date()
        memorySettled = false
        do {
            workspace = try workspace.reopened()
            evaluator = workspace.automation.evaluator()
            onEvent(.reloaded(nodes: workspace.mesh.graph.allNodes.count))
        } catch {
            onEvent(
                .problem("the changed project was not loaded, the service keeps the version it had: \(error.message)"))
        }
    }

    /// Senses, evaluates, and commits decisions and queued runs in one transaction.
    func tick() async {
        let now = clock.now()
        let started = ContinuousClock.now
        do {
            let snapshot = try await workspace.automation.snapshot()
            let decisions = evaluator.evaluate(snapshot.state, now: now)
            let outcome = try await workspace.automation.commit(decisions, of: snapshot, at: now)
            for miss in outcome.slaMisses {
                onEvent(.slaMissed(node: miss.node, deadline: miss.freshness?.deadline, reason: miss.reason))
            }
            for problem in await workspace.automation.raiseSLAMisses(outcome.slaMisses, of: snapshot, at: now) {
                onEvent(.problem(problem))
            }
            deliverAlerts()
            await scheduleReports(now: now)
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            onEvent(.ticked(time: now, nodes: decisions.count, queued: outcome.enqueued, seconds: seconds))
        } catch {
            onEvent(.problem("the tick at \(TimeText.format(now, in: Cron.utc)) failed: \(error.message)"))
        }
    }

    /// Sends the alerts that are due (runs' events, SLA misses, earlier failures whose backoff has
    /// passed), unless a delivery is still under way. Delivery times are the system clock's, as
    /// the outbox's are, whatever clock the ticks read.
    func deliverAlerts() {
        guard delivery == nil else { return }
        let workspace = workspace, onEvent = onEvent
        delivery = Task {
            do throws(CoreError) {
                _ = try await workspace.alerts.deliverPending(now: Date())
            } catch {
                onEvent(.problem("alerts were not sent: \(error.message)"))
            }
            await self.deliveryEnded()
        }
    }

    func deliveryEnded() { delivery = nil }
}
