import Foundation
import TesseraCore
import TesseraModel

extension AutomationService {
    /// How many times one automation request is run again after interruptions, in all.
    static let maximumAttempts = 3

    /// At start: the runs a dead instance left `running` are marked interrupted (their catalog
    /// runs already read as interrupted) and queued again by `requeue`'s rule; never started twice,
    /// since the claim of the new run is a new row. A run whose catalog run had ended before the
    /// instance died (killed between the run's end and the queue's) is marked finished instead:
    /// it is not run again.
    func recover() async {
        await finishCompletedOrphans()
        let orphans: [QueuedRun]
        do { orphans = try await workspace.queue.interruptOrphans(at: clock.now()) } catch {
            onEvent(.problem("recovering the runs of a stopped service failed: \(error.message)"))
            return
        }
        for orphan in orphans { await requeue(orphan, at: clock.now()) }
    }

    private func finishCompletedOrphans() async {
        guard let open = try? await workspace.queue.list(limit: 10_000, openOnly: true) else { return }
        for run in open where run.state == .running && !(run.owner?.isAlive ?? false) {
            guard let runID = run.runID, let detail = try? await workspace.runs.show(runID),
                detail.run.status == .succeeded || detail.run.status == .failed
            else { continue }
            do { try await workspace.queue.finish(run, as: .finished, at: clock.now()) } catch {
                onEvent(.problem("recovering \(run.id) failed: \(error.message)"))
                continue
            }
            var finished = run
            finished.state = .finished
            onEvent(.recovered(finished, requeued: nil))
        }
    }

    /// Queues an interrupted run again when the automation asked for it (a schedule's tick or new
    /// data must not be lost because the service stopped) and it has attempts left; a run a person
    /// or the API asked for is left interrupted, for them to ask again. One key per interrupted
    /// run: recovering twice queues once.
    func requeue(_ run: QueuedRun, at time: Date) async {
        var again: QueuedRun?
        if run.requestedBy == Automations.principal, run.attempt < Self.maximumAttempts {
            let request = QueueRequest(
                selection: run.selection, trigger: run.trigger,
                reason: "queued again after an interruption: \(run.reason)", requestedBy: run.requestedBy,
                idempotencyKey: "requeue \(run.id)", attempt: run.attempt + 1, now: time)
            do { again = try await workspace.queue.enqueue(request) } catch {
                onEvent(.problem("queueing \(run.id) again failed: \(error.message)"))
            }
        }
        onEvent(.recovered(run, requeued: again))
    }

    /// No new claims; running runs get `drainGrace` to end, then are cancelled; their outcomes are
    /// recorded. Queued runs stay queued for the next start.
    func drain() async {
        onEvent(.draining(running: running.count))
        let deadline = Date().addingTimeInterval(drainGrace)
        while !running.isEmpty, Date() < deadline {
            await applyCompletions()
            try? await Task.sleep(for: pollInterval)
        }
        for entry in running.values { entry.task.cancel() }
        let tasks = running.values.map(\.task)
        for task in tasks { await task.value }
        await applyCompletions()
        // The runs' last events go out before the service stops (what fails stays in the outbox).
        await delivery?.value
        deliverAlerts()
        await delivery?.value
        await reports?.value
    }
}
