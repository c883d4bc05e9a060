import Foundation
import TesseraCore
import TesseraModel

/// What the service reports as it works: one log line each, and the hook other parts (alerts,
/// metrics) listen on (`AutomationService.onEvent`).
public enum ServiceEvent: Sendable {
    /// The service started (after recovery) as `instance`.
    case started(instance: String)
    /// A run a dead (or drained) instance left running, marked interrupted; `requeued` is the
    /// run queued again in its place, if any.
    case recovered(QueuedRun, requeued: QueuedRun?)
    /// A tick evaluated `nodes` nodes at `time` and queued `queued` runs, in `seconds` (sensing,
    /// evaluating and committing).
    case ticked(time: Date, nodes: Int, queued: [QueuedRun], seconds: Double)
    /// A node went past its freshness deadline: once per miss.
    case slaMissed(node: NodeID, deadline: Date?, reason: String)
    /// A queued run was claimed and its catalog run started.
    case runStarted(QueuedRun, runID: String?)
    /// A queued run ended: `finished` (with the run's status), `cancelled` or `interrupted`.
    case runEnded(QueuedRun, runID: String?, state: QueuedRun.State, succeeded: Bool?, failed: [NodeID], error: String?)
    /// A backfill the service drives took a step: a chunk ended, the next one was queued, or it ended.
    case backfill(BackfillRecord)
    /// The project's files changed and were read again: runs claimed from now on use them.
    case reloaded(nodes: Int)
    /// A dashboard delivery was attempted: delivered, failed, or pending a retry.
    case delivery(DeliveryRecord)
    /// Something went wrong that the service survives (a tick or a claim failed); it goes on.
    case problem(String)
    /// Draining: no new claims; `running` runs are being finished or cancelled.
    case draining(running: Int)
    /// Stopped after draining.
    case stopped
}
