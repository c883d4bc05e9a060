import Foundation
import TesseraModel

/// What the evaluator decided for one node and why: the answer to "why didn't it run?". A value,
/// so the service can store it in the catalog and the API can return it.
public struct AutomationDecision: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Verdict: String, Sendable, Hashable, Codable, CaseIterable {
        /// Start a run of the node now.
        case run
        /// It is due, but something it reads is running or about to: it runs after that.
        case wait
        /// Its last run failed for a transient reason; it is retried at `retryAt`.
        case retry
        /// Nothing to do now.
        case skip
    }

    /// What made the node due.
    public enum Trigger: Sendable, Hashable, Codable {
        /// Its schedule's tick `latest` came (`ticks` of them since the last one run, collapsed into one).
        case schedule(latest: Date, ticks: Int)
        /// These nodes it reads have new data since its last run.
        case upstream([NodeID])
        /// Files (paths) whose fingerprints no load was started for.
        case files([String])
        /// Retry `attempt` of `maximum`.
        case retry(attempt: Int, maximum: Int)
    }

    /// How fresh the node is against its `sla: {freshness}`.
    public struct Freshness: Sendable, Hashable, Codable {
        /// When it becomes (or became) stale; nil when it never had data.
        public var deadline: Date?
        public var isStale: Bool

        public init(deadline: Date?, isStale: Bool) {
            self.deadline = deadline
            self.isStale = isStale
        }
    }

    public var node: NodeID
    public var verdict: Verdict
    /// One line for people, e.g. `schedule 0 6 * * * due at 2026-12-06 06:00 UTC`.
    public var reason: String
    public var triggers: [Trigger]
    /// The upstream nodes it waits for (verdict `wait`).
    public var waitingFor: [NodeID]
    /// The schedule's last evaluated tick after this decision (the caller stores it); nil without
    /// a schedule. Ticks it consumes are collapsed into this run; ticks it leaves stay due.
    public var tick: Date?
    /// The schedule's next tick after now.
    public var nextTick: Date?
    /// When the retry is due (verdict `retry`).
    public var retryAt: Date?
    /// The fingerprints this run loads (verdict `run` of a file source): record them as seen.
    public var fingerprints: [String]
    /// nil without `sla: {freshness}`.
    public var freshness: Freshness?

    public init(
        node: NodeID, verdict: Verdict, reason: String, triggers: [Trigger] = [], waitingFor: [NodeID] = [],
        tick: Date? = nil, nextTick: Date? = nil, retryAt: Date? = nil, fingerprints: [String] = [],
        freshness: Freshness? = nil
    ) {
        self.node = node
        self.verdict = verdict
        self.reason = reason
        self.triggers = triggers
        self.waitingFor = waitingFor
        self.tick = tick
        self.nextTick = nextTick
        self.retryAt = retryAt
        self.fingerprints = fingerprints
        self.freshness = freshness
    }

    /// `run: new file orders-2026-12-06.csv`.
    public var description: String { "\(verdict.rawValue): \(reason)" }
}
