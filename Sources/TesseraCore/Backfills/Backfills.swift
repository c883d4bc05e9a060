import Foundation
import TesseraCatalog
import TesseraModel
import TesseraTransform

/// What to backfill: a selection as `tessera run` takes it, holding interval-incremental models,
/// a range `[start, end)` and the size of its chunks.
public struct BackfillRequest: Sendable {
    public var include: [String]
    public var exclude: [String]
    public var start: Date
    public var end: Date
    /// Nil: the models' grain, a UTC day.
    public var chunk: TimeSpan?
    public var reason: String
    /// The same key asked again gives back the first backfill.
    public var idempotencyKey: String?
    public var now: Date

    public init(
        include: [String], exclude: [String] = [], start: Date, end: Date, chunk: TimeSpan? = nil, reason: String,
        idempotencyKey: String? = nil, now: Date = Date()
    ) {
        self.include = include
        self.exclude = exclude
        self.start = start
        self.end = end
        self.chunk = chunk
        self.reason = reason
        self.idempotencyKey = idempotencyKey
        self.now = now
    }
}

/// Backfills of interval models over a range (`workspace.backfills`), chunked, resumable and
/// cancellable, for the HTTP API and `tessera backfill` alike. A backfill and its chunks live in
/// the catalog; the chunks run one at a time, oldest first, each as one run with the chunk as
/// its interval — through the service's queue when `tessera serve` drives it, in the command's
/// own process otherwise. Who may start, cancel or resume one is who may run its domains (the
/// queue's rule); who may see one is who sees one of its nodes. Every start, cancel and resume,
/// refused ones too, is in the audit log.
public struct Backfills: Sendable {
    let workspace: Workspace

    /// Records a backfill for `principal`; with the service as its driver, its first chunk is
    /// queued at once. With an idempotency key already used, returns the backfill recorded under it.
    public func start(
        _ request: BackfillRequest, as principal: Principal, driver: BackfillRecord.Driver,
        owner: QueuedRun.Owner? = nil
    ) async throws(CoreError) -> BackfillRecord {
        let backfill = try prepared(request, by: principal, driver: driver, owner: owner)
        do throws(CoreError) {
            try workspace.queue.checkRuns(backfill.domains, by: principal, doing: "backfill")
            let created = try await workspace.withCatalog { catalog throws(CatalogError) in
                try await catalog.createBackfill(backfill)
            }
            await audit(.backfillStart, created, by: principal, outcome: "started")
            guard created.driver == .service else { return created }
            return try await advance(created, at: request.now) ?? created
        } catch {
            await audit(
                .backfillStart, backfill, by: principal, outcome: error.kind == .forbidden ? "refused" : "failed")
            throw error
        }
    }

    /// The backfill a request becomes: its selection checked (it must hold an interval model), its
    /// range split into chunks.
    func prepared(
        _ request: BackfillRequest, by principal: Principal, driver: BackfillRecord.Driver, owner: QueuedRun.Owner?
    ) throws(CoreError) -> BackfillRecord {
        let written = QueuedRun.Selection(include: request.include, exclude: request.exclude)
        let nodes: Set<NodeID>
        do {
            nodes = try Selection(include: request.include, exclude: request.exclude).nodes(in: workspace.mesh.graph)
        } catch { throw CoreError(.usage, error.description + ".") }
        try Self.requireIntervalModels(nodes, selection: written.text, mesh: workspace.mesh)
        guard request.start < request.end else {
            throw CoreError(
                .usage,
                "the range to backfill is empty: start \(BackfillChunking.text(request.start)) is not before end \(BackfillChunking.text(request.end)).",
                hint: "the end is exclusive: --start 2026-11-01 --end 2026-11-02 backfills one day.")
        }
        let seconds = (request.chunk ?? BackfillChunking.defaultChunk).seconds
        let count = BackfillChunking.count(start: request.start, end: request.end, seconds: seconds)
        guard count <= BackfillChunking.maximumChunks else {
            throw CoreError(
                .usage,
                "the range in chunks of \(TimeSpan(seconds: seconds)) makes \(count) chunks, more than \(BackfillChunking.maximumChunks).",
                hint: "give larger chunks, e.g. 1d or 7d, or a shorter range.")
        }
        let parts = BackfillChunking.chunks(start: request.start, end: request.end, seconds: seconds)
        let chunks = parts.enumerated().map { index, part in
            BackfillRecord.Chunk(index: index, start: part.start, end: part.end)
        }
        return BackfillRecord(
            environment: workspace.environment, selection: written, start: request.start, end: request.end,
            chunkSeconds: seconds, driver: driver, owner: owner, requestedBy: Tokens.actor(principal),
            reason: request.reason, idempotencyKey: request.idempotencyKey, createdAt: request.now,
            domains: nodes.map(\.domain), nodes: Array(nodes), chunks: chunks)
    }

    /// A backfill rebuilds intervals of interval-incremental models: a selection without one
    /// would run chunk after chunk doing nothing it was asked.
    static func requireIntervalModels(
        _ nodes: Set<NodeID>, selection: String, mesh: MeshAnalysis, doing what: String = "a backfill",
        outcome: String = "nothing was started"
    ) throws(CoreError) {
        guard nodes.isEmpty || Planner.backfillTargets(mesh, selected: nodes).isEmpty else { return }
        let candidates = Planner.backfillTargets(mesh, selected: Set(mesh.graph.allNodes))
        let models = nodes.filter { $0.kind == .model }.sorted()
        let why =
            nodes.isEmpty
            ? "the selection '\(selection)' matches nothing"
            : models.isEmpty
                ? "the selection '\(selection)' has no model"
                : "no model of the selection '\(selection)' is interval-incremental ("
                    + models.prefix(3).map(\.displayName).joined(separator: ", ")
                    + (models.count > 3 ? " and \(models.count - 3) more" : "") + ")"
        throw CoreError(
            .usage, "\(what) rebuilds intervals of interval-incremental models, but \(why); \(outcome).",
            hint: candidates.isEmpty
                ? "give a model `materialized: incremental` with `incremental: {time_column: …}`."
                : "select one of " + candidates.prefix(5).map(\.displayName).joined(separator: ", ")
                    + " (with `+` after it for what is built from it).")
    }

    /// The newest backfills first, those `principal` may see (all of them when nil).
    public func list(limit: Int = 50, as principal: Principal? = nil) async throws(CoreError) -> [BackfillRecord] {
        guard let catalog = try workspace.existingCatalog() else { return [] }
        let all: [BackfillRecord]
        do { all = try await catalog.backfills(states: nil, limit: limit) } catch { throw CoreError(catalog: error) }
        guard let principal else { return all }
        let visibility = workspace.visibility(for: principal)
        return all.filter { $0.nodes.contains(where: visibility.sees) }
    }

    /// One backfill by id or a unique prefix of it; one `principal` may not see is not found.
    public func show(_ id: String, as principal: Principal? = nil) async throws(CoreError) -> BackfillRecord {
        var found: BackfillRecord?
        if let catalog = try workspace.existingCatalog() {
            do { found = try await catalog.backfill(id: id) } catch { throw CoreError(catalog: error) }
        }
        if let principal, let backfill = found {
            let visibility = workspace.visibility(for: principal)
            if !backfill.nodes.contains(where: visibility.sees) { found = nil }
        }
        guard let found else {
            throw CoreError(
                .notFound, "no backfill '\(id)' in environment '\(workspace.environment)'.",
                hint: "`tessera backfill list` (or GET /api/v1/backfills) lists them.")
        }
        return found
    }
}

extension Workspace {
    /// Backfills of interval models over a range.
    public var backfills: Backfills { Backfills(workspace: self) }
}
