import Foundation
import Synchronization
import TesseraCatalog
import TesseraModel
import TesseraTransform

/// What a backfill run by a command reports as it goes.
public enum BackfillEvent: Sendable {
    /// A chunk's run starts; the backfill as stored then.
    case chunkStarted(BackfillRecord, chunk: Int)
    /// A run event of the chunk's run.
    case run(RunEvent)
    /// A chunk's run ended; the backfill as stored then.
    case chunkEnded(BackfillRecord, chunk: Int)
}

/// The command's side, when no service runs: the chunks run in this process, one after the other,
/// through `workspace.runs.run`, each stored before it starts and after it ends, so a killed command
/// loses nothing `resume` cannot take up. A cancel from elsewhere (`tessera backfill cancel`) is seen
/// between polls and stops the chunk's run; cancelling the calling task (Ctrl-C) does the same.
extension Backfills {
    /// How often a running chunk looks for a cancel of its backfill.
    static let cancelPoll: Duration = .milliseconds(250)

    /// Runs backfill `id`'s chunks here until it ends; returns it as it ended.
    public func runHere(_ id: String, owner: QueuedRun.Owner, onEvent: @escaping @Sendable (BackfillEvent) -> Void)
        async throws(CoreError) -> BackfillRecord
    {
        while true {
            let started = try await change(id, at: Date()) { backfill throws(CoreError) in
                guard BackfillProgress.isDriven(backfill, by: owner) else { return BackfillEffects() }
                _ = BackfillProgress.next(&backfill, at: Date())
                return BackfillEffects()
            }
            guard started.state == .running, BackfillProgress.isDriven(started, by: owner),
                let index = BackfillProgress.runningChunk(started)
            else { return started }
            onEvent(.chunkStarted(started, chunk: index))
            let outcome = await runChunk(started, index: index, onEvent: onEvent)
            let ended = try await change(id, at: Date()) { backfill throws(CoreError) in
                BackfillProgress.settle(&backfill, chunk: index, outcome: outcome, at: Date())
                if case .cancelled = outcome { BackfillProgress.cancel(&backfill, at: Date()) }
                return BackfillEffects()
            }
            onEvent(.chunkEnded(ended, chunk: index))
            if Task.isCancelled { return ended }
        }
    }

    /// Runs one chunk, stopping it when its backfill is cancelled meanwhile or the task is.
    func runChunk(_ backfill: BackfillRecord, index: Int, onEvent: @escaping @Sendable (BackfillEvent) -> Void) async
        -> BackfillRunOutcome
    {
        let chunk = backfill.chunks[index]
        let runID = Mutex<String?>(nil)
        let options: RunOptions
        do {
            options = RunOptions(
                selection: try Selection(include: backfill.selection.include, exclude: backfill.selection.exclude),
                backfill: BuildInterval(start: chunk.start, end: chunk.end),
                arguments: ["backfill", backfill.id, "--chunk", "\(index + 1)"] + backfill.selection.include)
        } catch {
            return .failed(runID: nil, error: "the selection does not parse: \(error.description)")
        }
        let workspace = workspace
        let run = Task { () async -> Result<RunResult, CoreError> in
            do throws(CoreError) {
                return .success(
                    try await workspace.runs.run(options) { event in
                        if case .started(let id, _) = event { runID.withLock { $0 = id } }
                        onEvent(.run(event))
                    })
            } catch { return .failure(error) }
        }
        let cancelled = await watchForCancel(backfill.id, while: run)
        let result = await run.value
        let id = runID.withLock { $0 }
        switch result {
        case .success(let done) where cancelled || Task.isCancelled:
            return done.report.succeeded ? .succeeded(runID: done.report.runID) : .cancelled(runID: id)
        case .success(let done):
            guard !done.report.succeeded else { return .succeeded(runID: done.report.runID) }
            let detail = try? await workspace.runs.show(done.report.runID)
            return .failed(runID: id, error: detail.map(Self.failure(of:)) ?? "run \(done.report.runID) failed")
        case .failure(let error):
            return cancelled || Task.isCancelled ? .cancelled(runID: id) : .failed(runID: id, error: error.message)
        }
    }

    /// Polls the backfill while `run` goes on and cancels `run` when the backfill is cancelled or
    /// the calling task is; returns whether it did.
    private func watchForCancel(_ id: String, while run: Task<Result<RunResult, CoreError>, Never>) async -> Bool {
        let ended = Mutex(false)
        let watcher = Task {
            _ = await run.value
            ended.withLock { $0 = true }
        }
        return await withTaskCancellationHandler {
            while !ended.withLock({ $0 }) {
                try? await Task.sleep(for: Self.cancelPoll)
                if Task.isCancelled {
                    run.cancel()
                    return true
                }
                if ended.withLock({ $0 }) { break }
                if let backfill = try? await show(id), backfill.state == .cancelled {
                    run.cancel()
                    return true
                }
            }
            _ = watcher
            return false
        } onCancel: {
            run.cancel()
        }
    }
}
