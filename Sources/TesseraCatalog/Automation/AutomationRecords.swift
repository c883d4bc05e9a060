import Foundation
import TesseraModel

/// What the automation keeps per node between ticks: its state as JSON the catalog does not read
/// (the service's `AutomationState.Node`).
public struct AutomationNodeRecord: Sendable, Hashable {
    public var node: NodeID
    public var json: String
    public var updatedAt: Date

    public init(node: NodeID, json: String, updatedAt: Date) {
        self.node = node
        self.json = json
        self.updatedAt = updatedAt
    }
}

/// One decision of one evaluation: the verdict and its reason as columns (for people and SQL),
/// the whole decision as JSON the catalog does not read.
public struct AutomationDecisionRecord: Sendable, Hashable {
    public var node: NodeID
    public var evaluatedAt: Date
    /// `run`, `wait`, `retry` or `skip`.
    public var verdict: String
    public var reason: String
    public var json: String

    public init(node: NodeID, evaluatedAt: Date, verdict: String, reason: String, json: String) {
        self.node = node
        self.evaluatedAt = evaluatedAt
        self.verdict = verdict
        self.reason = reason
        self.json = json
    }
}

/// Everything one tick changes, written in one transaction: the nodes' states (with their last
/// schedule tick), the decisions, and the runs it enqueues. A crash before the commit leaves the
/// previous tick's states, so the next start evaluates the same ticks again: none is lost, and
/// none is enqueued twice.
public struct AutomationTick: Sendable, Hashable {
    public var states: [AutomationNodeRecord]
    public var decisions: [AutomationDecisionRecord]
    public var enqueue: [QueuedRun]

    public init(states: [AutomationNodeRecord], decisions: [AutomationDecisionRecord], enqueue: [QueuedRun]) {
        self.states = states
        self.decisions = decisions
        self.enqueue = enqueue
    }
}
