import DuckDB
import Foundation
import TesseraAutomation
import TesseraCatalog
import TesseraIngest
import TesseraModel

/// What the automation knows between ticks (`workspace.automation`): each node's state as the
/// evaluator reads it, the runs queued or running, what file sensors see; and, for people and
/// the API, the latest decision of every node — the answer to "why didn't it run?". The service
/// (`tessera serve`) evaluates and commits ticks through it; `tessera automation status` reads it.
public struct Automations: Sendable {
    let workspace: Workspace

    /// The principal automation-triggered runs are requested by.
    public static let principal = "automation"

    /// The evaluator over this project's nodes and the mesh DAG's edges.
    public func evaluator() -> AutomationEvaluator {
        let graph = workspace.mesh.graph
        var upstream: [NodeID: [NodeID]] = [:]
        for node in graph.allNodes { upstream[node] = graph.upstream(of: node) }
        return AutomationEvaluator(project: workspace.project, upstream: upstream)
    }

    /// The state to evaluate now: the stored node states, marked queued or running by the open
    /// runs of the queue, with what each eager file source's sensor sees.
    public func snapshot() async throws(CoreError) -> AutomationSnapshot {
        let (records, decisions) = try await workspace.withCatalog { catalog throws(CatalogError) in
            (try await catalog.automationNodes(), try await catalog.latestDecisions(node: nil))
        }
        var snapshot = AutomationSnapshot()
        for record in records {
            guard let stored = AutomationMemo.shared.state(record.node, json: record.json) else { continue }
            snapshot.state[record.node] = stored.node
            snapshot.slaMissedAt[record.node] = stored.slaMissedAt
            snapshot.storedJSON[record.node] = record.json
        }
        for decision in decisions { snapshot.decisionJSON[decision.node] = decision.json }
        for node in snapshot.state.nodes.keys {
            snapshot.state[node].activity = .idle
            snapshot.state[node].files = []
        }
        let open = try await workspace.queue.list(limit: 10_000, openOnly: true)
        for run in open {
            for node in run.nodes where snapshot.state[node].activity != .running {
                snapshot.state[node].activity = run.state == .running ? .running : .queued
            }
        }
        sense(into: &snapshot)
        return snapshot
    }

    /// Fills in the files each eager file source's glob matches now. A source whose files cannot
    /// be listed sees none this tick (its load will say why when it runs).
    func sense(into snapshot: inout AutomationSnapshot) {
        let sources = workspace.project.domains.flatMap { domain in
            domain.sources.filter { $0.automation.isEager && $0.connector.isFile }.map { (domain.name, $0) }
        }
        guard !sources.isEmpty, let connection = try? Database(path: nil).connect() else { return }
        for (domain, source) in sources {
            let seen =
                (try? FileSensor.observe(source, projectRoot: workspace.project.root, connection: connection)) ?? []
            snapshot.state[NodeID(.source, domain, source.name)].files = seen.map {
                AutomationState.ObservedFile(path: $0.path, fingerprint: $0.fingerprint)
            }
        }
    }

    /// Stores a tick: every node's new state (last tick, fingerprints taken, retries counted,
    /// SLA misses), its decision, and a queued run for each `run` verdict — in one transaction.
    /// Only states and decisions that changed are written, so a quiet tick over a large mesh
    /// writes next to nothing. Returns the runs queued and the SLA misses seen for the first time.
    public func commit(_ decisions: [AutomationDecision], of snapshot: AutomationSnapshot, at now: Date)
        async throws(CoreError) -> TickOutcome
    {
        var outcome = TickOutcome()
        var states: [AutomationNodeRecord] = []
        var records: [AutomationDecisionRecord] = []
        var runs: [QueuedRun] = []
        for decision in decisions {
            let stored = next(decision, of: snapshot, at: now, slaMissed: &outcome.slaMisses)
            if decision.verdict == .run { runs.append(queuedRun(for: decision, at: now)) }
            let json = AutomationMemo.shared.text(of: stored.clearedForStorage, for: decision.node)
            if json != snapshot.storedJSON[decision.node] {
                states.append(AutomationNodeRecord(node: decision.node, json: json, updatedAt: now))
            }
            let decided = AutomationMemo.shared.text(of: decision)
            if decided != snapshot.decisionJSON[decision.node] {
                records.append(
                    AutomationDecisionRecord(
                        node: decision.node, evaluatedAt: now, verdict: decision.verdict.rawValue,
                        reason: decision.reason, json: decided))
            }
        }
        let tick = AutomationTick(states: states, decisions: records, enqueue: runs)
        outcome.enqueued = try await workspace.withCatalog { catalog throws(CatalogError) in
            try await catalog.commitAutomationTick(tick)
        }
        return outcome
    }

    /// A node's state after a decision: its schedule's tick, the fingerprints and retry a run
    /// takes, and its SLA miss (a new one is added to `slaMissed`).
    private func next(
        _ decision: AutomationDecision, of snapshot: AutomationSnapshot, at now: Date,
        slaMissed: inout [AutomationDecision]
    ) -> StoredNode {
        var stored = StoredNode(node: snapshot.state[decision.node], slaMissedAt: snapshot.slaMissedAt[decision.node])
        stored.node.lastTick = decision.tick ?? stored.node.lastTick
        if decision.verdict == .run {
            stored.node.seenFingerprints.formUnion(decision.fingerprints)
            if decision.triggers.contains(where: { if case .retry = $0 { true } else { false } }) {
                stored.node.failure?.retries += 1
            }
        }
        if let freshness = decision.freshness, freshness.isStale {
            if stored.slaMissedAt == nil {
                stored.slaMissedAt = now
                slaMissed.append(decision)
            }
        } else {
            stored.slaMissedAt = nil
        }
        return stored
    }

    /// The queued run a `run` verdict becomes: the node by its name, for the automation. Built
    /// from the node itself (its name as the selection, its domain), without resolving a selector
    /// against the mesh: a tick that queues a thousand runs stays linear.
    func queuedRun(for decision: AutomationDecision, at now: Date) -> QueuedRun {
        let trigger: QueuedRun.Trigger
        var key: String?
        var attempt = 1
        switch decision.triggers.first {
        case .schedule(let latest, _)?:
            trigger = .schedule
            key = "schedule \(decision.node.id) \(Int(latest.timeIntervalSince1970))"
        case .upstream?: trigger = .eager
        case .files?: trigger = .sensor
        case .retry(let number, _)?:
            trigger = .retry
            attempt = number + 1
        case nil: trigger = .eager
        }
        return QueuedRun(
            environment: workspace.environment, selection: .init(include: [Self.selector(decision.node)]),
            trigger: trigger, reason: decision.reason, requestedBy: Self.principal, idempotencyKey: key,
            enqueuedAt: now, attempt: attempt, domains: [decision.node.domain], nodes: [decision.node])
    }

    /// The selector of exactly one node's name: `sales.src.orders`, `sales.orders`.
    static func selector(_ node: NodeID) -> String { node.displayName }

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

}

/// The state one evaluation starts from.
public struct AutomationSnapshot: Sendable {
    public var state = AutomationState()
    /// When each node's current SLA miss was first seen (absent: fresh, or no SLA).
    public var slaMissedAt: [NodeID: Date] = [:]
    /// The states and latest decisions as stored: a tick writes only those that change.
    var storedJSON: [NodeID: String] = [:]
    var decisionJSON: [NodeID: String] = [:]

    public init() {}
}

/// What a committed tick did.
public struct TickOutcome: Sendable {
    /// The runs it queued (an idempotency key seen before queues none).
    public var enqueued: [QueuedRun] = []
    /// The decisions whose node went past its freshness deadline since the last tick: one per miss.
    public var slaMisses: [AutomationDecision] = []
}

/// A node's state as the catalog keeps it (JSON the catalog does not read).
struct StoredNode: Codable, Equatable {
    var node: AutomationState.Node
    var slaMissedAt: Date?

    /// What is worked out afresh at each tick (activity, files seen) is not stored.
    var clearedForStorage: StoredNode {
        var stored = self
        stored.node.activity = .idle
        stored.node.files = []
        return stored
    }
}
