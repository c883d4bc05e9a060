import ArgumentParser
import Foundation
import TesseraCore
import TesseraModel
import TesseraService

/// `tessera run` while `tessera serve` runs the environment: the selection goes to the service's
/// queue (trigger `manual`) instead of fighting it for the warehouses, and the command follows
/// the queued run until it ends, then prints the run as `runs show` does, with the exit status of
/// a direct run. Ctrl-C while following cancels the queued run.
extension RunCommand {
    /// The running service of the workspace's environment, if any.
    static func service(of workspace: Workspace) -> ServeLock.Info? {
        ServeLock.holder(in: workspace.layout.environmentDirectory)
    }

    func handOff(to service: ServeLock.Info, workspace: Workspace) async throws {
        if fromFailure || threads != nil || failFast {
            throw CLIError(
                .usage,
                "`tessera serve` (pid \(service.pid)) runs environment '\(workspace.environment)': a run handed to it takes selectors, --exclude, --full-refresh and --start/--end only.",
                hint: "leave out --from-failure, --threads and --fail-fast, or stop the service first.")
        }
        let console = global.console()
        let json = output.chosen == .json
        let interval = try window.interval()
        let request = QueueRequest(
            selection: .init(
                include: selection.selectors, exclude: selection.exclude, fullRefresh: fullRefresh,
                backfillStart: interval?.start, backfillEnd: interval?.end),
            trigger: .manual, reason: "tessera " + CommandLine.arguments.dropFirst().joined(separator: " "),
            requestedBy: Principal.meshOperator.description)
        let queued = try await workspace.queue.enqueue(request)
        if !json {
            console.info("Handed to the running service (pid \(service.pid)): queued run \(queued.id)")
        }
        let queue = workspace.queue
        let folder = workspace.layout.environmentDirectory
        let ended = try await Interrupt.cancellingOnCtrlC {
            try await queue.follow(queued.id, serving: { ServeLock.holder(in: folder) != nil }) { run in
                guard !json, run.state == .running else { return }
                console.detail("  running\(run.runID.map { " as run \($0)" } ?? "")")
            }
        }
        guard let ended else {
            let cancelled = try await workspace.queue.cancel(queued.id)
            console.result(
                "cancelled queued run \(cancelled.id)\(cancelled.state == .running ? " (the service stops it)" : "")")
            throw ExitAfterReport(status: .dataFailed)
        }
        try await report(ended, workspace: workspace, console: console, json: json)
    }

    private func report(_ ended: QueuedRun, workspace: Workspace, console: Console, json: Bool) async throws {
        if ended.state.isOpen {
            throw CLIError(
                .dataFailed,
                "the service stopped while queued run \(ended.id) was \(ended.state.rawValue); it stays in the queue.",
                hint: "the next `tessera serve` runs it (a run it had started is marked interrupted).")
        }
        guard let runID = ended.runID else {
            throw CLIError(
                .dataFailed, "queued run \(ended.id) ended \(ended.state.rawValue) before it started a run.",
                hint: ended.state == .interrupted ? "the service stopped; run it again." : nil)
        }
        let detail = try await workspace.runs.show(runID)
        if json {
            console.result(try JSONOutput.encode(RunHistory.DetailJSON(detail)))
        } else {
            RunHistory.printDetail(detail, console)
        }
        if ended.state != .finished || detail.run.status != .succeeded { throw ExitAfterReport(status: .dataFailed) }
    }
}
