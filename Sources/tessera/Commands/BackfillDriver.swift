import Foundation
import Synchronization
import TesseraCore
import TesseraService

/// `tessera backfill start` and `resume`: hands the backfill to the running service and follows
/// it, or runs its chunks here; prints a line per chunk as it starts and ends, and the backfill at
/// the end (as `status` does, or its JSON document). Ctrl-C cancels the backfill.
struct BackfillDriver: Sendable {
    let workspace: Workspace
    let console: Console
    let json: Bool

    func start(_ request: BackfillRequest) async throws {
        let backfill: BackfillRecord
        if let service = RunCommand.service(of: workspace) {
            backfill = try await workspace.backfills.start(request, as: .meshOperator, driver: .service)
            say("Handed to the running service (pid \(service.pid)): \(BackfillText.summary(backfill))")
        } else {
            backfill = try await workspace.backfills.start(
                request, as: .meshOperator, driver: .command, owner: Self.owner)
            say(BackfillText.summary(backfill))
        }
        try await drive(backfill)
    }

    func resume(_ id: String) async throws {
        let backfill: BackfillRecord
        if let service = RunCommand.service(of: workspace) {
            backfill = try await workspace.backfills.resume(id, as: .meshOperator, driver: .service)
            say("Handed to the running service (pid \(service.pid)): \(BackfillText.summary(backfill))")
        } else {
            backfill = try await workspace.backfills.resume(id, as: .meshOperator, driver: .command, owner: Self.owner)
            say("Resumed \(BackfillText.summary(backfill))")
        }
        try await drive(backfill)
    }

    /// This process, as the owner of the backfills it runs.
    static let owner = QueuedRun.Owner(
        instance: "backfill-\(ProcessInfo.processInfo.processIdentifier)", startedAt: Date())

    /// Runs the chunks here when this process drives the backfill, follows it otherwise; then
    /// prints it and exits 1 unless it succeeded.
    private func drive(_ backfill: BackfillRecord) async throws {
        let here = BackfillProgress.isDriven(backfill, by: Self.owner)
        let workspace = workspace, id = backfill.id
        // Ctrl-C: the chunk running here is stopped and the backfill recorded cancelled by
        // `runHere`; a followed one comes back nil and is cancelled here.
        let ended = try await Interrupt.cancellingOnCtrlC { [self] () async throws -> BackfillRecord? in
            if here {
                return try await workspace.backfills.runHere(id, owner: Self.owner) { event in self.print(event) }
            }
            return try await follow(id)
        }
        var final = ended ?? backfill
        if ended == nil { final = try await workspace.backfills.cancel(id, as: .meshOperator) }
        if json {
            console.result(try JSONOutput.encode(BackfillDocument(final)))
        } else {
            console.result(BackfillText.ending(final))
        }
        if final.state != .succeeded { throw ExitAfterReport(status: .dataFailed) }
    }

    /// Polls a backfill the service drives until it ends (or the service stops), printing its
    /// chunks as they start and end; nil when the task is cancelled.
    private func follow(_ id: String) async throws -> BackfillRecord? {
        var last: BackfillRecord?
        let folder = workspace.layout.environmentDirectory
        while true {
            let backfill = try await workspace.backfills.show(id)
            report(from: last, to: backfill)
            last = backfill
            if backfill.state != .running, BackfillProgress.runningChunk(backfill) == nil { return backfill }
            if ServeLock.holder(in: folder) == nil {
                console.info("  the service stopped; the backfill goes on when `tessera serve` starts again")
                return backfill
            }
            do { try await Task.sleep(for: .milliseconds(200)) } catch { return nil }
        }
    }

    /// The chunk lines between two readings of a backfill: a chunk that started, one that ended
    /// (also between two readings), one interrupted and waiting to run again.
    private func report(from old: BackfillRecord?, to new: BackfillRecord) {
        for chunk in new.chunks {
            guard let before = old?.chunks.first(where: { $0.index == chunk.index }) else {
                if chunk.state == .running { say(BackfillText.chunkStarted(chunk, of: new)) }
                continue
            }
            guard before.state != chunk.state || before.attempts != chunk.attempts else { continue }
            if chunk.state == .running {
                say(BackfillText.chunkStarted(chunk, of: new))
            } else if chunk.state != .pending || before.state == .running {
                say(BackfillText.chunkEnded(chunk, of: new))
            }
        }
    }

    private func print(_ event: BackfillEvent) {
        switch event {
        case .chunkStarted(let backfill, let index):
            say(BackfillText.chunkStarted(backfill.chunks[index], of: backfill))
        case .chunkEnded(let backfill, let index): say(BackfillText.chunkEnded(backfill.chunks[index], of: backfill))
        case .run: break
        }
    }

    private func say(_ line: String) {
        guard !json else { return }
        console.info(line)
    }
}
