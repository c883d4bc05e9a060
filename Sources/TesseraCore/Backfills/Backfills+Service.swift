import Foundation
import TesseraCatalog
import TesseraModel

/// The service's side: each turn of its loop settles the chunks whose queued runs ended and
/// queues the next chunk of each running backfill. Everything it needs is in the catalog, so a
/// service killed at any moment and started again goes on where it stopped: a chunk whose run
/// ended is settled once, a chunk whose run was interrupted runs again (`maximumAttempts` in all),
/// and a chunk that succeeded never runs again.
extension Backfills {
    /// Takes the next step of every backfill the service drives: for each that changed, the
    /// backfill as stored, or why its step failed (one backfill's failure never holds up the others).
    public func advance(at time: Date) async throws(CoreError) -> [Result<BackfillRecord, CoreError>] {
        guard let catalog = try workspace.existingCatalog() else { return [] }
        let active: [BackfillRecord]
        do { active = try await catalog.activeBackfills() } catch { throw CoreError(catalog: error) }
        var stepped: [Result<BackfillRecord, CoreError>] = []
        for backfill in active where backfill.driver == .service {
            do throws(CoreError) {
                if let changed = try await advance(backfill, at: time) { stepped.append(.success(changed)) }
            } catch {
                stepped.append(
                    .failure(CoreError(error.kind, "backfill \(backfill.id): \(error.message)", hint: error.hint)))
            }
        }
        return stepped
    }

    /// Settles the running chunk from its queued run and queues the next one; nil when nothing changed.
    func advance(_ backfill: BackfillRecord, at time: Date) async throws(CoreError) -> BackfillRecord? {
        var read = backfill
        for _ in 0..<Self.attemptsOverConflicts {
            var stepped = read
            if let index = BackfillProgress.runningChunk(stepped), let queued = stepped.chunks[index].queuedRunID {
                let outcome = try await outcome(ofQueuedRun: queued)
                BackfillProgress.settle(&stepped, chunk: index, outcome: outcome, at: time)
            }
            var effects = BackfillEffects()
            if let index = BackfillProgress.next(&stepped, at: time) {
                let run = queuedRun(stepped, chunk: index, at: time)
                stepped.chunks[index].queuedRunID = run.id
                effects.enqueue = run
            }
            guard stepped != read else { return nil }
            if let saved = try await save(stepped, effects, at: time) { return saved }
            read = try await show(backfill.id)
        }
        throw CoreError(
            .internalError, "backfill \(backfill.id) kept changing while the service stepped it.",
            hint: "it is tried again.")
    }

    /// The run of a chunk: the backfill's selection with the chunk as its interval.
    func queuedRun(_ backfill: BackfillRecord, chunk index: Int, at time: Date) -> QueuedRun {
        let chunk = backfill.chunks[index]
        var selection = backfill.selection
        selection.backfillStart = chunk.start
        selection.backfillEnd = chunk.end
        return QueuedRun(
            environment: backfill.environment, selection: selection, trigger: .backfill,
            reason: "backfill \(backfill.id), \(BackfillProgress.describe(chunk, of: backfill))",
            requestedBy: backfill.requestedBy,
            // Unique per step (a resumed chunk starts again at attempt 1; the revision moves on).
            idempotencyKey: "backfill \(backfill.id) chunk \(chunk.index) revision \(backfill.revision)",
            enqueuedAt: time, attempt: chunk.attempts, domains: backfill.domains, nodes: backfill.nodes)
    }

    /// How a chunk's queued run stands: still open, or how it ended (its catalog run tells
    /// whether it succeeded).
    func outcome(ofQueuedRun id: String) async throws(CoreError) -> BackfillRunOutcome {
        let queued: QueuedRun
        do { queued = try await workspace.queue.show(id) } catch {
            guard error.kind == .usage else { throw error }
            return .interrupted(runID: nil)
        }
        switch queued.state {
        case .queued, .running: return .open
        case .cancelled: return .cancelled(runID: queued.runID)
        case .interrupted: return .interrupted(runID: queued.runID)
        case .finished: break
        }
        guard let runID = queued.runID else {
            return .failed(runID: nil, error: "its run did not start; the service's log says why")
        }
        let detail = try await workspace.runs.show(runID)
        switch detail.run.status {
        case .succeeded: return .succeeded(runID: runID)
        case .interrupted: return .interrupted(runID: runID)
        default: return .failed(runID: runID, error: Self.failure(of: detail))
        }
    }

    /// What failed in a run, in a line: its failed nodes and their errors (three at most).
    static func failure(of detail: RunDetail) -> String {
        let failed = detail.nodes.filter { $0.status == .failed }
        guard !failed.isEmpty else { return "run \(detail.run.id) \(detail.run.status.rawValue)" }
        let named = failed.prefix(3).map { node in
            let error = (node.error ?? "failed").split(separator: "\n").first.map(String.init) ?? "failed"
            return "\(NodeID(id: node.node)?.displayName ?? node.node): \(error)"
        }
        return named.joined(separator: "; ") + (failed.count > 3 ? "; and \(failed.count - 3) more" : "")
            + " (run \(detail.run.id))"
    }
}
