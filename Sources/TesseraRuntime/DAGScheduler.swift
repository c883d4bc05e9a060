import Foundation
import TesseraTransform
import TesseraModel

/// Runs the steps of a plan in dependency order, independent ones at the same time (at most
/// `parallelism`). A failed node skips everything downstream of it, with the reason, while
/// unrelated branches go on; with `failFast` nothing new starts after the first failure.
///
/// Steps whose action is `.skip` cost nothing and never hold up their readers. A step also waits
/// for the products its relationship checks read (`checked`), but their failure does not skip it:
/// it is then verified against the snapshot that stayed current.
public struct DAGScheduler: Sendable {
    public enum Event: Sendable {
        case started(PlanStep)
        case finished(PlanStep, NodeOutcome, seconds: Double)
    }

    public var parallelism: Int
    public var failFast: Bool

    public init(parallelism: Int, failFast: Bool = false) {
        self.parallelism = max(1, parallelism)
        self.failFast = failFast
    }

    /// Runs `work` for each step that has something to do; returns every step's outcome.
    public func run(
        _ steps: [PlanStep],
        work: @escaping @Sendable (PlanStep) async -> NodeOutcome,
        onEvent: @escaping @Sendable (Event) -> Void = { _ in }
    ) async -> [NodeID: NodeOutcome] {
        var outcomes: [NodeID: NodeOutcome] = [:]
        var waitingOn: [NodeID: Int] = [:]
        var readers: [NodeID: [NodeID]] = [:]
        var checkers: [NodeID: [NodeID]] = [:]
        let byID = Dictionary(steps.map { ($0.node, $0) }, uniquingKeysWith: { first, _ in first })
        for step in steps {
            let pending = step.upstream.filter { byID[$0] != nil }
            let checked = step.checked.filter { byID[$0] != nil && !pending.contains($0) }
            waitingOn[step.node] = pending.count + checked.count
            for upstream in pending { readers[upstream, default: []].append(step.node) }
            for product in checked { checkers[product, default: []].append(step.node) }
        }
        var ready = steps.filter { waitingOn[$0.node] == 0 }.map(\.node)
        var stopped: NodeID?  // the failure that stopped a --fail-fast run

        /// Marks `id` done and releases its readers; a failure or skip skips them instead.
        func settle(_ id: NodeID, _ outcome: NodeOutcome) {
            outcomes[id] = outcome
            for checker in checkers[id] ?? [] { release(checker) }
            for reader in readers[id] ?? [] {
                switch outcome {
                case .failed:
                    skip(reader, because: "upstream failed: \(id.displayName)")
                case .skipped where outcomes[reader] == nil:
                    skip(reader, because: "upstream skipped: \(id.displayName)")
                default:
                    release(reader)
                }
            }
        }
        func release(_ id: NodeID) {
            waitingOn[id, default: 0] -= 1
            if waitingOn[id] == 0, outcomes[id] == nil { ready.append(id) }
        }
        func skip(_ id: NodeID, because reason: String) {
            guard outcomes[id] == nil else { return }
            settle(id, .skipped(reason: reason))
            if let step = byID[id] { onEvent(.finished(step, .skipped(reason: reason), seconds: 0)) }
        }

        await withTaskGroup(of: (NodeID, NodeOutcome, Double).self) { group in
            var running = 0
            func launchReady() {
                while running < parallelism, !ready.isEmpty {
                    let id = ready.removeFirst()
                    guard outcomes[id] == nil, let step = byID[id] else { continue }
                    if let stopped {
                        skip(id, because: "not run: --fail-fast stopped the run after \(stopped.displayName) failed")
                        continue
                    }
                    // A cancelled run starts nothing new; what runs is interrupted by its own task.
                    if Task.isCancelled {
                        skip(id, because: "not run: the run was cancelled")
                        continue
                    }
                    if step.action == .skip {
                        let outcome = NodeOutcome.unchanged(
                            reason: step.reasons.map(\.description).joined(separator: "; "))
                        settle(id, outcome)
                        onEvent(.finished(step, outcome, seconds: 0))
                        continue
                    }
                    running += 1
                    onEvent(.started(step))
                    group.addTask {
                        let start = DispatchTime.now().uptimeNanoseconds
                        let outcome = await work(step)
                        return (id, outcome, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                    }
                }
            }
            launchReady()
            for await (id, outcome, seconds) in group {
                running -= 1
                if let step = byID[id] { onEvent(.finished(step, outcome, seconds: seconds)) }
                settle(id, outcome)
                if outcome.isFailure, failFast, stopped == nil { stopped = id }
                launchReady()
            }
        }
        // With --fail-fast, whatever never became ready is reported too.
        for step in steps where outcomes[step.node] == nil {
            let reason =
                stopped.map { "not run: --fail-fast stopped the run after \($0.displayName) failed" } ?? "not run"
            outcomes[step.node] = .skipped(reason: reason)
            onEvent(.finished(step, .skipped(reason: reason), seconds: 0))
        }
        return outcomes
    }
}
