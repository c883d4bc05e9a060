import Foundation
import TesseraCatalog
import TesseraModel

/// What a step asks of the catalog beside the backfill's own row: a run to queue, a queued run to stop.
struct BackfillEffects: Sendable {
    var enqueue: QueuedRun?
    var cancelQueuedRun: String?
}

extension Backfills {
    /// How many times a step is taken again when another driver stored a change first.
    static let attemptsOverConflicts = 20

    /// Cancels a backfill for `principal`: the chunks not started never run, the running one's run
    /// is stopped (the queue's cancel; a command running it stops it itself). A backfill that has
    /// ended is returned as it is.
    public func cancel(_ id: String, as principal: Principal, now: Date = Date()) async throws(CoreError)
        -> BackfillRecord
    {
        let found = try await show(id, as: principal)
        do throws(CoreError) {
            try workspace.queue.checkRuns(found.domains, by: principal, doing: "cancel backfills of")
            let wasRunning = found.state == .running
            let cancelled = try await change(found.id, at: now) { backfill throws(CoreError) in
                BackfillEffects(cancelQueuedRun: BackfillProgress.cancel(&backfill, at: now))
            }
            await audit(.backfillCancel, cancelled, by: principal, outcome: wasRunning ? "cancelled" : "already ended")
            return cancelled
        } catch {
            await audit(.backfillCancel, found, by: principal, outcome: error.kind == .forbidden ? "refused" : "failed")
            throw error
        }
    }

    /// Makes a failed or cancelled backfill go on from its first unfinished chunk, driven by
    /// `driver` (the service's first run queued at once). A backfill a killed command left
    /// running is taken over the same way.
    public func resume(
        _ id: String, as principal: Principal, driver: BackfillRecord.Driver, owner: QueuedRun.Owner? = nil,
        now: Date = Date()
    ) async throws(CoreError) -> BackfillRecord {
        let found = try await show(id, as: principal)
        do throws(CoreError) {
            try workspace.queue.checkRuns(found.domains, by: principal, doing: "resume backfills of")
            var resumed = try await change(found.id, at: now) { backfill throws(CoreError) in
                let dead = backfill.driver == .command && !(backfill.owner?.isAlive ?? false)
                if backfill.state == .running, !dead, backfill.driver == driver,
                    driver == .service || BackfillProgress.isDriven(backfill, by: owner)
                {
                    return BackfillEffects()
                }
                if backfill.state == .running, !dead {
                    throw CoreError(
                        .usage, "backfill \(backfill.id) is running\(Self.runner(backfill)); nothing to resume.",
                        hint: "`tessera backfill status \(backfill.id)` follows it; cancel it to stop it.")
                }
                try BackfillProgress.resume(&backfill, driver: driver, owner: owner, ownerDead: dead, at: now)
                return BackfillEffects()
            }
            await audit(.backfillResume, resumed, by: principal, outcome: "resumed")
            if driver == .service { resumed = try await advance(resumed, at: now) ?? resumed }
            return resumed
        } catch {
            await audit(.backfillResume, found, by: principal, outcome: error.kind == .forbidden ? "refused" : "failed")
            throw error
        }
    }

    /// ` by tessera serve` or ` by tessera backfill (pid 123)`.
    static func runner(_ backfill: BackfillRecord) -> String {
        switch backfill.driver {
        case .service: " in `tessera serve`"
        case .command: " by `tessera backfill`" + (backfill.owner.map { " (pid \($0.processID))" } ?? "")
        }
    }

    /// Reads the backfill, applies `step` and stores the result over the revision it read; when
    /// another driver stored a change first, reads it again and takes the step again. Returns the
    /// backfill as stored, or as read when `step` changed nothing.
    func change(
        _ id: String, at time: Date, _ step: (inout BackfillRecord) throws(CoreError) -> BackfillEffects
    ) async throws(CoreError) -> BackfillRecord {
        for _ in 0..<Self.attemptsOverConflicts {
            let read = try await show(id)
            var backfill = read
            let effects = try step(&backfill)
            guard backfill != read || effects.enqueue != nil || effects.cancelQueuedRun != nil else { return read }
            if let saved = try await save(backfill, effects, at: time) { return saved }
        }
        throw CoreError(
            .internalError, "backfill \(id) kept changing while it was being changed; nothing was done.",
            hint: "try again.")
    }

    /// Stores a step; nil when another change was stored first.
    func save(_ backfill: BackfillRecord, _ effects: BackfillEffects, at time: Date) async throws(CoreError)
        -> BackfillRecord?
    {
        try await workspace.withCatalog { catalog throws(CatalogError) in
            try await catalog.saveBackfill(
                backfill, enqueue: effects.enqueue, cancelQueuedRun: effects.cancelQueuedRun, at: time)
        }
    }

    func audit(_ action: AuditAction, _ backfill: BackfillRecord, by principal: Principal, outcome: String) async {
        struct Detail: Encodable {
            var by: String
            var selection: String
            var start: String
            var end: String
            var chunks: Int
            var idempotencyKey: String?
            var state: String
        }
        let draft = AuditDraft(
            action: action, target: backfill.id, outcome: outcome,
            detail: Detail(
                by: Tokens.actor(principal), selection: backfill.selection.text, start: Timestamps.iso(backfill.start),
                end: Timestamps.iso(backfill.end), chunks: backfill.chunks.count,
                idempotencyKey: backfill.idempotencyKey, state: backfill.state.rawValue))
        do { _ = try await workspace.catalog().appendAudit(draft) } catch {
            workspace.warn("the backfill request was not recorded in the audit log: \(error)")
        }
    }
}
