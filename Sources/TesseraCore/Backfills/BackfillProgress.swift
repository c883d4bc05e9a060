import Foundation
import TesseraCatalog

/// How the run of a chunk's latest attempt ended, as its driver found it.
public enum BackfillRunOutcome: Sendable, Hashable {
    /// Queued or running still.
    case open
    case succeeded(runID: String)
    case failed(runID: String?, error: String)
    case cancelled(runID: String?)
    /// Its process died, or it was drained, before it ended.
    case interrupted(runID: String?)
}

/// The rules of a backfill's life, on its record alone (pure, so the service, the command and the
/// tests share them): which chunk runs next, what a chunk's outcome does to the backfill, what
/// cancelling and resuming change. The drivers read the record, apply one of these and store it.
public enum BackfillProgress {
    /// How many times a chunk's run is started in all: an interrupted one is started again.
    public static let maximumAttempts = 3

    /// The chunk whose run has not ended, if one has.
    public static func runningChunk(_ backfill: BackfillRecord) -> Int? {
        backfill.chunks.firstIndex { $0.state == .running }
    }

    /// Applies the outcome of chunk `index`'s run.
    public static func settle(
        _ backfill: inout BackfillRecord, chunk index: Int, outcome: BackfillRunOutcome, at time: Date
    ) {
        guard backfill.chunks.indices.contains(index), backfill.chunks[index].state == .running else { return }
        var chunk = backfill.chunks[index]
        switch outcome {
        case .open: return
        case .succeeded(let runID):
            chunk.state = .succeeded
            chunk.runID = runID
            chunk.error = nil
        case .failed(let runID, let error):
            chunk.state = .failed
            chunk.runID = runID ?? chunk.runID
            chunk.error = error
            fail(&backfill, because: "\(describe(chunk, of: backfill)) failed: \(error)", at: time)
        case .cancelled(let runID):
            chunk.state = .cancelled
            chunk.runID = runID ?? chunk.runID
            if backfill.state == .running { stop(&backfill, at: time) }
        case .interrupted(let runID):
            chunk.runID = runID ?? chunk.runID
            if backfill.state != .running {
                chunk.state = .cancelled
            } else if chunk.attempts < maximumAttempts {
                chunk.state = .pending
                chunk.error = "its run was interrupted (attempt \(chunk.attempts)); it runs again"
            } else {
                chunk.state = .failed
                chunk.error = "its run was interrupted \(chunk.attempts) times"
                fail(&backfill, because: "\(describe(chunk, of: backfill)) failed: \(chunk.error ?? "")", at: time)
            }
        }
        chunk.finishedAt = chunk.state == .pending ? nil : time
        backfill.chunks[index] = chunk
    }

    /// Marks the next chunk running and returns its index, when the backfill runs and no chunk
    /// does; marks the backfill succeeded when every chunk has. Nil when nothing is to start.
    public static func next(_ backfill: inout BackfillRecord, at time: Date) -> Int? {
        guard backfill.state == .running, runningChunk(backfill) == nil else { return nil }
        guard let index = backfill.chunks.firstIndex(where: { $0.state != .succeeded }) else {
            backfill.state = .succeeded
            backfill.finishedAt = time
            backfill.error = nil
            return nil
        }
        guard backfill.chunks[index].state == .pending else { return nil }
        backfill.chunks[index].state = .running
        backfill.chunks[index].attempts += 1
        backfill.chunks[index].startedAt = time
        backfill.chunks[index].finishedAt = nil
        backfill.chunks[index].queuedRunID = nil
        backfill.chunks[index].runID = nil
        return index
    }

    /// Cancels a running backfill: the chunks not started are cancelled at once; the running one
    /// stays running until its run stops, and its queued run is returned to be cancelled. Nil,
    /// and nothing changed, when the backfill had already ended.
    @discardableResult
    public static func cancel(_ backfill: inout BackfillRecord, at time: Date) -> String? {
        guard backfill.state == .running else { return nil }
        stop(&backfill, at: time)
        return runningChunk(backfill).flatMap { backfill.chunks[$0].queuedRunID }
    }

    /// Makes a failed or cancelled backfill run again from its first unfinished chunk, for
    /// `driver`. `ownerDead` says the running chunk's process is gone (a command killed while
    /// it ran): that chunk runs again too. Refused while a chunk's run is still stopping, and
    /// for a backfill that succeeded.
    public static func resume(
        _ backfill: inout BackfillRecord, driver: BackfillRecord.Driver, owner: QueuedRun.Owner?, ownerDead: Bool,
        at time: Date
    ) throws(CoreError) {
        if backfill.state == .succeeded {
            throw CoreError(.usage, "backfill \(backfill.id) succeeded: every chunk ran; nothing is left to resume.")
        }
        if let index = runningChunk(backfill) {
            guard ownerDead else {
                throw CoreError(
                    .usage,
                    "\(describe(backfill.chunks[index], of: backfill)) of backfill \(backfill.id) is still running"
                        + (backfill.state == .running ? "." : " (its run is stopping)."),
                    hint: backfill.state == .running
                        ? "it goes on by itself; `tessera backfill cancel \(backfill.id)` stops it."
                        : "resume again in a moment.")
            }
            backfill.chunks[index].state = .pending
        }
        for index in backfill.chunks.indices where [.failed, .cancelled].contains(backfill.chunks[index].state) {
            backfill.chunks[index].state = .pending
            backfill.chunks[index].attempts = 0
            backfill.chunks[index].finishedAt = nil
        }
        backfill.state = .running
        backfill.error = nil
        backfill.finishedAt = nil
        backfill.driver = driver
        backfill.owner = owner
    }

    /// Whether `owner`, a command's process, drives the backfill (its start time as the catalog
    /// keeps it, to the millisecond, is not compared).
    public static func isDriven(_ backfill: BackfillRecord, by owner: QueuedRun.Owner?) -> Bool {
        guard backfill.driver == .command, let owner, let recorded = backfill.owner else {
            return backfill.driver == .service && owner == nil
        }
        return recorded.instance == owner.instance && recorded.host == owner.host
            && recorded.processID == owner.processID
    }

    /// `chunk 3 of 5 [2026-11-03, 2026-11-04)`.
    public static func describe(_ chunk: BackfillRecord.Chunk, of backfill: BackfillRecord) -> String {
        "chunk \(chunk.index + 1) of \(backfill.chunks.count) \(BackfillChunking.text(start: chunk.start, end: chunk.end))"
    }

    private static func fail(_ backfill: inout BackfillRecord, because reason: String, at time: Date) {
        guard backfill.state == .running else { return }
        backfill.state = .failed
        backfill.error = reason
        backfill.finishedAt = time
    }

    private static func stop(_ backfill: inout BackfillRecord, at time: Date) {
        backfill.state = .cancelled
        backfill.finishedAt = time
        for index in backfill.chunks.indices where backfill.chunks[index].state == .pending {
            backfill.chunks[index].state = .cancelled
        }
    }
}
