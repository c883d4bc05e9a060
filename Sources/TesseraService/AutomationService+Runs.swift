import Foundation
import Synchronization
import TesseraCore
import TesseraModel

/// How a queued run ended, handed from its task back to the service's loop.
struct ServiceRunCompletion: Sendable {
    var queued: QueuedRun
    var report: RunReport?
    var error: String?
    var cancelled: Bool
    var at: Date
}

extension AutomationService {
    /// Claims and starts every queued run the limits admit now.
    func dispatch() async {
        guard !draining else { return }
        while true {
            let claimed: QueuedRun?
            do {
                claimed = try await workspace.queue.claim(owner: owner, limits: workspace.queue.limits, at: clock.now())
            } catch {
                onEvent(.problem("claiming a queued run failed: \(error.message)"))
                return
            }
            guard let claimed else { return }
            do { try await workspace.automation.recordStart(of: claimed, at: clock.now()) } catch {
                onEvent(.problem("recording the start of \(claimed.id) failed: \(error.message)"))
            }
            start(claimed)
        }
    }

    private func start(_ queued: QueuedRun) {
        let workspace = workspace, clock = clock, onEvent = onEvent
        let task = Task {
            let completion = await Self.execute(queued, workspace: workspace, clock: clock, onEvent: onEvent)
            self.completed(completion)
        }
        running[queued.id] = (queued, task)
    }

    /// Runs one queued run through the core, as `tessera run` would, and says how it ended.
    static func execute(
        _ queued: QueuedRun, workspace: Workspace, clock: any ServiceClock,
        onEvent: @escaping @Sendable (ServiceEvent) -> Void
    ) async -> ServiceRunCompletion {
        var completion = ServiceRunCompletion(queued: queued, cancelled: false, at: clock.now())
        let options: RunOptions
        do {
            options = RunOptions(
                selection: try Selection(include: queued.selection.include, exclude: queued.selection.exclude),
                fullRefresh: queued.selection.fullRefresh, backfill: backfill(of: queued),
                arguments: ["serve", "--queued-run", queued.id] + queued.selection.include, now: clock.now())
        } catch {
            completion.error = "the selection does not parse: \(error.description)"
            return completion
        }
        do {
            let result = try await workspace.runs.run(options) { event in
                guard case .started(let runID, _) = event else { return }
                onEvent(.runStarted(queued, runID: runID))
                Task { try? await workspace.queue.attach(queued, runID: runID) }
            }
            completion.report = result.report
        } catch {
            completion.error = error.message
        }
        completion.cancelled = Task.isCancelled
        completion.at = clock.now()
        return completion
    }

    /// A backfill chunk's interval, when the queued run is one.
    static func backfill(of queued: QueuedRun) -> BuildInterval? {
        guard let start = queued.selection.backfillStart, let end = queued.selection.backfillEnd else { return nil }
        return BuildInterval(start: start, end: end)
    }

    func completed(_ completion: ServiceRunCompletion) {
        running[completion.queued.id] = nil
        completions.append(completion)
        tickWanted = true
        claimWanted = true
    }

    /// Records the outcomes of ended runs, then ends their queued rows (in that order: a tick in
    /// between never sees a node idle with its old state).
    func applyCompletions() async {
        let ended = completions
        completions = []
        if !ended.isEmpty { memorySettled = false }
        for completion in ended { await apply(completion) }
    }

    private func apply(_ completion: ServiceRunCompletion) async {
        let queued = completion.queued
        workspace.warehouses.release(domains: queued.domains)
        let cancelAsked = cancelling.remove(queued.id) != nil
        let state: QueuedRun.State =
            if !completion.cancelled { .finished } else if cancelAsked { .cancelled } else { .interrupted }
        do {
            if state == .finished {
                try await workspace.automation.recordOutcome(
                    of: queued, report: completion.report, error: completion.error, at: completion.at)
            }
            try await workspace.queue.finish(queued, as: state, at: completion.at)
        } catch {
            onEvent(.problem("recording the end of \(queued.id) failed: \(error.message)"))
        }
        let failed = completion.report?.failed.map(\.step.node) ?? []
        let succeeded = completion.report.map(\.succeeded) ?? (completion.error == nil ? nil : false)
        onEvent(
            .runEnded(
                queued, runID: completion.report?.runID, state: state, succeeded: succeeded, failed: failed,
                error: completion.error))
        if state == .interrupted {
            var ended = queued
            ended.state = state
            ended.finishedAt = completion.at
            await requeue(ended, at: completion.at)
        }
    }

    /// Cancels the running runs someone asked to cancel (`cancel_requested` in the queue).
    func honourCancels() async {
        guard !running.isEmpty else { return }
        guard let open = try? await workspace.queue.list(limit: 10_000, openOnly: true) else { return }
        for run in open where run.cancelRequested && run.state == .running {
            guard let entry = running[run.id], !cancelling.contains(run.id) else { continue }
            cancelling.insert(run.id)
            entry.task.cancel()
        }
    }
}
