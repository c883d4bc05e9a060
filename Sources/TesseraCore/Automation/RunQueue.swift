import Foundation
import TesseraCatalog
import TesseraModel
import TesseraTransform

/// What to put in the service's queue: a selection as `tessera run` takes it, and who asks, why.
public struct QueueRequest: Sendable {
    public var selection: QueuedRun.Selection
    public var trigger: QueuedRun.Trigger
    public var reason: String
    /// Who asks: `automation`, or a principal such as `ana@acme.example`.
    public var requestedBy: String
    /// The same key enqueued again gives back the first run.
    public var idempotencyKey: String?
    public var attempt: Int
    public var now: Date

    public init(
        selection: QueuedRun.Selection, trigger: QueuedRun.Trigger, reason: String, requestedBy: String,
        idempotencyKey: String? = nil, attempt: Int = 1, now: Date = Date()
    ) {
        self.selection = selection
        self.trigger = trigger
        self.reason = reason
        self.requestedBy = requestedBy
        self.idempotencyKey = idempotencyKey
        self.attempt = attempt
        self.now = now
    }
}

/// The service's run queue (`workspace.queue`): what `tessera serve` runs, whoever asked — its
/// automation, `tessera run` beside it, the HTTP API. Rows live in the catalog, so a queued run
/// survives the service being killed, and a run is claimed in one transaction, never twice.
public struct RunQueue: Sendable {
    let workspace: Workspace

    /// Queues a run; with an idempotency key already used, returns the run queued under it.
    /// A selection that matches nothing, or does not parse, is refused.
    public func enqueue(_ request: QueueRequest) async throws(CoreError) -> QueuedRun {
        let run = try prepared(request)
        return try await workspace.withCatalog { catalog throws(CatalogError) in try await catalog.enqueue(run) }
    }

    /// The run a request becomes, with the nodes it selects and the domains it writes.
    func prepared(_ request: QueueRequest) throws(CoreError) -> QueuedRun {
        let selection: Selection
        let nodes: Set<NodeID>
        do {
            selection = try Selection(include: request.selection.include, exclude: request.selection.exclude)
            nodes = try selection.nodes(in: workspace.mesh.graph)
        } catch { throw CoreError(.usage, error.description + ".") }
        if request.selection.backfillStart != nil {
            try Backfills.requireIntervalModels(
                nodes, selection: request.selection.text, mesh: workspace.mesh, doing: "--start/--end",
                outcome: "nothing was queued")
        }
        guard !nodes.isEmpty else {
            throw CoreError(
                .usage, "the selection '\(request.selection.text)' matches nothing; nothing was queued.",
                hint:
                    "`tessera plan \(request.selection.include.joined(separator: " "))` shows what a selection matches."
            )
        }
        return QueuedRun(
            environment: workspace.environment, selection: request.selection, trigger: request.trigger,
            reason: request.reason, requestedBy: request.requestedBy, idempotencyKey: request.idempotencyKey,
            enqueuedAt: request.now, attempt: request.attempt, domains: nodes.map(\.domain), nodes: Array(nodes))
    }

    /// The newest queued runs first; only those still queued or running when `openOnly`.
    public func list(limit: Int = 50, openOnly: Bool = false) async throws(CoreError) -> [QueuedRun] {
        guard let catalog = try workspace.existingCatalog() else { return [] }
        let states: Set<QueuedRun.State>? = openOnly ? [.queued, .running] : nil
        do { return try await catalog.queuedRuns(states: states, limit: limit) } catch {
            throw CoreError(catalog: error)
        }
    }

    /// One queued run by id or a unique prefix of it.
    public func show(_ id: String) async throws(CoreError) -> QueuedRun {
        var found: QueuedRun?
        if let catalog = try workspace.existingCatalog() {
            do { found = try await catalog.queuedRun(id: id) } catch { throw CoreError(catalog: error) }
        }
        guard let found else {
            throw CoreError(
                .usage, "no queued run '\(id)' in environment '\(workspace.environment)'.",
                hint: "the API's runs list shows the queue.")
        }
        return found
    }

    /// Cancels a queued run at once, or asks the service to stop a running one.
    public func cancel(_ id: String, now: Date = Date()) async throws(CoreError) -> QueuedRun {
        let run = try await show(id)
        return try await workspace.withCatalog { catalog throws(CatalogError) in
            try await catalog.cancelQueuedRun(id: run.id, at: now) ?? run
        }
    }

    /// Polls a queued run until it ends (finished, cancelled or interrupted), calling `onChange`
    /// each time it changes; returns it as it ended, as it was when `serving()` said the service
    /// is gone (the run then waits for the next one), or nil when the calling task was cancelled.
    public func follow(
        _ id: String, every interval: Duration = .milliseconds(100), serving: @Sendable () -> Bool = { true },
        onChange: @Sendable (QueuedRun) -> Void = { _ in }
    ) async throws(CoreError) -> QueuedRun? {
        var last: QueuedRun?
        while true {
            let run: QueuedRun
            do { run = try await show(id) } catch {
                // Cancelled during the read (the catalog stops it): that is the caller's cancel.
                if Task.isCancelled { return nil }
                throw error
            }
            if run != last { onChange(run) }
            last = run
            if !run.state.isOpen || !serving() { return run }
            do { try await Task.sleep(for: interval) } catch { return nil }
        }
    }

    // MARK: For the service

    /// Takes the next run the limits admit, for `owner` (nil when none may start now).
    public func claim(owner: QueuedRun.Owner, limits: QueueLimits, at time: Date) async throws(CoreError) -> QueuedRun?
    {
        try await workspace.withCatalog { catalog throws(CatalogError) in
            try await catalog.claimQueuedRun(owner: owner, limits: limits, at: time)
        }
    }

    /// The mesh's and the domains' `concurrency` limits.
    public var limits: QueueLimits {
        var perDomain: [String: Int] = [:]
        for domain in workspace.project.domains {
            if let limit = domain.concurrentRuns { perDomain[domain.name] = limit }
        }
        return QueueLimits(global: workspace.project.mesh.concurrentRuns, perDomain: perDomain)
    }

    public func attach(_ queued: QueuedRun, runID: String) async throws(CoreError) {
        try await workspace.withCatalog { catalog throws(CatalogError) in
            try await catalog.attachRun(queuedRunID: queued.id, runID: runID)
        }
    }

    public func finish(_ queued: QueuedRun, as state: QueuedRun.State, at time: Date) async throws(CoreError) {
        try await workspace.withCatalog { catalog throws(CatalogError) in
            try await catalog.finishQueuedRun(id: queued.id, state: state, at: time)
        }
    }

    /// Marks the runs of dead service instances `interrupted` and returns them.
    public func interruptOrphans(at time: Date) async throws(CoreError) -> [QueuedRun] {
        try await workspace.withCatalog { catalog throws(CatalogError) in
            try await catalog.interruptOrphanedRuns(at: time)
        }
    }
}
