import DuckDB
import Foundation
import Synchronization
import TesseraCatalog
import TesseraLineage
import TesseraIngest
import TesseraModel
import TesseraQuality
import TesseraOpenLineage
import TesseraSQL
import TesseraTransform
import TesseraWarehouse

/// `tessera run`: ingest the selected sources, then build and publish what the plan says, in
/// dependency order, independent nodes at the same time; the run and every node's outcome go to
/// the catalog's run history.
///
/// Each domain's warehouse is opened once for the whole run (DuckDB allows one open per process);
/// every build gets its own connection, so builds of one domain run in parallel too.
public final class MeshRunner: Sendable {
    public enum Event: Sendable {
        case started(runID: String, plan: Plan?)
        case ingest(Ingestor.Event)
        case node(DAGScheduler.Event)
        /// A product's contract, checks and drift, just before its node finishes.
        case quality(NodeID, QualityReport)
    }

    public let project: Project
    public let mesh: MeshAnalysis
    public let layout: StateLayout
    public let environment: String
    /// The mesh's lineage when the caller extracted it already; a run extracts it otherwise.
    public let lineage: [MeshLineageEdge]?
    /// The environment's catalog: run history, snapshots, quality, metadata.
    public let catalog: any CatalogStore
    /// Opens a domain's warehouse, or hands over the one this process already has open.
    public let openWarehouse: @Sendable (_ domain: String, _ file: URL) throws -> Warehouse

    public init(
        project: Project, mesh: MeshAnalysis, lineage: [MeshLineageEdge]? = nil, layout: StateLayout,
        environment: String,
        catalog: any CatalogStore,
        openWarehouse: (@Sendable (String, URL) throws -> Warehouse)? = nil
    ) {
        self.project = project
        self.mesh = mesh
        self.lineage = lineage
        self.layout = layout
        self.environment = environment
        self.catalog = catalog
        self.openWarehouse =
            openWarehouse ?? { [project, layout] in
                try Warehouse(
                    domain: $0, file: $1, sandbox: Warehouse.sandbox(domain: $0, project: project, layout: layout))
            }
    }

    /// What `run` would do now, without doing anything (`tessera plan`). Unlike `run`, which plans
    /// after its loads, `plan` loads nothing: it asks each selected file source whether its files
    /// changed since its last load, so that what new data would rebuild is in the plan too.
    /// `existing`: the catalog, only when the environment has one (planning never creates it).
    public func plan(_ options: RunOptions, existing catalog: (any CatalogStore)?) async throws -> Plan {
        let selected = try await select(options)
        try checkBackfill(options, selected: selected)
        let sources = project.domains.flatMap(\.sources).filter {
            selected.contains(NodeID(.source, $0.domain, $0.name))
        }
        let read: (states: [NodeID: NodeState], previews: [NodeID: LoadPreview])
        do {
            read = try await StateReader(project: project, layout: layout).statesAndPreviews(
                of: sources, catalog: catalog)
        } catch {
            throw RunError(
                .environment, "cannot read the state of environment '\(environment)': \(error)",
                hint: "if a `tessera run` is in progress, wait for it to finish")
        }
        var pending: [NodeID: PendingLoad] = [:]
        for (id, preview) in read.previews { pending[id] = Self.pendingLoad(preview) }
        return try makePlan(
            selected: selected, states: read.states, options: options, forced: [:], pendingLoads: pending)
    }

    static func pendingLoad(_ preview: LoadPreview) -> PendingLoad {
        switch preview {
        case .newFiles(let count, let total) where count > 0:
            .newData("\(count) of \(total) file\(total == 1 ? "" : "s") new or changed")
        case .newFiles: .newData("files removed since the last load")
        case .nothingNew: .nothingNew
        case .neverLoaded: .newData("never loaded")
        case .unknown: .unknown
        }
    }

    public func run(_ options: RunOptions, onEvent: @escaping @Sendable (Event) -> Void = { _ in }) async throws
        -> RunReport
    {
        var selected = try await select(options)
        try checkBackfill(options, selected: selected)
        var forced: [NodeID: PlanReason] = [:]
        if options.fromFailure {
            forced = try await nodesToResume(catalog)
            selected = Set(forced.keys)
        }

        // What the catalog commands read, lineage included (also sent as OpenLineage column
        // lineage); no write when the project is unchanged.
        let edges = lineage ?? LineageExtractor.edges(from: mesh)
        if options.recordsMetadata {
            do { try await MetadataRecorder.record(mesh, lineage: edges, in: catalog, environment: environment) } catch
            {
                throw RunError(.environment, error.message, hint: error.hint)
            }
        }
        let runID = RunID.make(now: options.now)
        let record = RunRecord(
            id: runID, environment: environment, command: "run", selector: options.selectorText,
            arguments: options.arguments, startedAt: options.now)
        try await catalog.startRun(record)

        // Warehouses of every domain with selected work; one that cannot open fails its nodes only.
        var warehouses: [String: Warehouse] = [:]
        var unavailable: [String: NodeFailure] = [:]
        for domain in Set(selected.map(\.domain)).sorted() {
            do {
                warehouses[domain] = try openWarehouse(domain, layout.warehouseFile(domain))
            } catch {
                let error = error as? WarehouseError
                unavailable[domain] = NodeFailure(
                    .environment, error?.message ?? "the warehouse of domain '\(domain)' cannot be opened",
                    hint: error?.hint)
            }
        }

        // Audit: each product's access policy as it stands now (an entry when it changed).
        // OpenLineage: run events, queued off the critical path (docs/audit.md).
        _ = try await catalog.recordAccessPolicies(AccessPolicies.json(project))
        let (lineage, lineageProblem) = OpenLineageReporter.make(
            project: project, runID: runID,
            edges: edges, warehouses: warehouses)
        lineage?.runStarted(at: options.now)
        let onEvent: @Sendable (Event) -> Void = { [onEvent] event in
            lineage?.handle(event); onEvent(event)
        }

        // A failure after the run started (the state unreadable, the catalog failing) still ends
        // the run: failed in the catalog and in OpenLineage, not left `running` with no FAIL event.
        do {
            // 1. Sources first: what they load decides what must be rebuilt.
            let sources = project.domains.flatMap(\.sources).filter {
                selected.contains(NodeID(.source, $0.domain, $0.name)) && warehouses[$0.domain] != nil
            }
            var loaded: [NodeID: NodeOutcome] = [:]
            if !sources.isEmpty {
                let ingestor = Ingestor(project: project, layout: layout)
                let outcomes = await ingestor.run(
                    sources, parallelism: options.threads, opened: warehouses,
                    liveProgress: options.liveProgress
                ) { onEvent(.ingest($0)) }
                for (source, (report, failure)) in zip(sources, outcomes) {
                    let id = NodeID(.source, source.domain, source.name)
                    switch report.status {
                    case .failed: loaded[id] = .failed(NodeFailure(load: failure, report: report))
                    case .upToDate: loaded[id] = .unchanged(reason: "up to date")
                    case .committed:
                        loaded[id] = .succeeded(
                            rows: Int64(report.loadedRows), detail: "\(counted(report.loadedRows, "row")) loaded")
                    }
                }
            }

            // 2. Plan against the state as it is after the loads.
            let states = try await StateReader(project: project, layout: layout)
                .states(warehouses: warehouses.mapValues(\.database), catalog: catalog)
            let plan = try makePlan(
                selected: selected, states: states, options: options, forced: forced, pendingLoads: [:])
            onEvent(.started(runID: runID, plan: plan))
            // The loads are over: their outcome is recorded now, so a run killed later still says
            // what it loaded; the rest is pending until the run records its outcome at the end.
            let loadedAt = Date()
            try await catalog.recordNodes(
                plan.work.map { step in
                    if let outcome = loaded[step.node] {
                        return Self.record(
                            RunReport.Node(step: step, outcome: outcome, seconds: 0), runID: runID, finishedAt: loadedAt
                        ).redacted(by: project.secretRedactor)
                    }
                    return NodeRunRecord(
                        runID: runID, node: step.node.id, kind: step.node.kind, status: .pending,
                        reason: step.reasons.map(\.description).joined(separator: "; "))
                })

            // 3. Build and publish. The cores are shared between nodes built at once and DuckDB's
            // own threads inside each: N builds at a time get cores/N DuckDB threads each, so small
            // models do not pay for idle worker threads and large ones still use every core alone.
            // A plan with fewer nodes than --threads never builds that many at once.
            let concurrent = max(1, min(options.threads, plan.work.filter { $0.node.kind != .source }.count))
            let engineThreads = max(1, ProcessInfo.processInfo.activeProcessorCount / concurrent)
            for warehouse in warehouses.values {
                _ = try? warehouse.connect().execute("SET threads = \(engineThreads)")
                // Models (user SQL) run from here on: no setting changes any more, by anyone.
                try Sandbox.lock(warehouse.database)
            }
            // The builds' state table, made once per warehouse here rather than checked per build.
            let prepared = Set(
                warehouses.compactMap { domain, warehouse in
                    (try? ModelStateStore.prepare(on: warehouse.connect())).map { domain }
                })
            let context = NodeExecutor(
                runner: self, runID: runID, options: options, catalog: catalog, warehouses: warehouses,
                unavailable: unavailable, loaded: loaded, versions: plan.versions,
                states: states, statePrepared: prepared,
                onQuality: { onEvent(.quality($0, $1)) })
            let scheduler = DAGScheduler(parallelism: options.threads, failFast: options.failFast)
            let timings = Mutex<[NodeID: Double]>([:])
            let outcomes = await scheduler.run(
                plan.steps, work: { step in await context.perform(step) },
                onEvent: { event in
                    if case .finished(let step, _, let seconds) = event { timings.withLock { $0[step.node] = seconds } }
                    onEvent(.node(event))
                })

            let finishedAt = Date()
            let seconds = timings.withLock { $0 }
            let nodes = plan.steps.map { step in
                RunReport.Node(
                    step: step, outcome: outcomes[step.node] ?? .skipped(reason: "not run"),
                    seconds: seconds[step.node] ?? 0)
            }
            var report = RunReport(
                runID: runID, environment: environment, startedAt: options.now, finishedAt: finishedAt, nodes: nodes,
                quality: context.quality.withLock { $0 })
            // A cancelled run (its task cancelled: Ctrl-C, a service draining) is `interrupted`;
            // its end is recorded all the same, outside the cancelled task.
            let status: RunStatus = Task.isCancelled ? .interrupted : (report.succeeded ? .succeeded : .failed)
            let redactor = project.secretRedactor
            let records = nodes.map { Self.record($0, runID: runID, finishedAt: finishedAt).redacted(by: redactor) }
            try await Task { [catalog] in
                try await catalog.recordNodes(records)
                try await catalog.finishRun(id: runID, status: status, finishedAt: finishedAt)
            }.value
            report.warnings =
                context.warnings.withLock { $0 } + [lineageProblem].compactMap { $0 }
                + (await lineage?.runFinished(
                    succeeded: report.succeeded, failures: report.failed.map { "\($0.step.node.displayName) failed" },
                    at: finishedAt) ?? [])
            return report
        } catch {
            let failedAt = Date()
            let status: RunStatus = Task.isCancelled ? .interrupted : .failed
            try? await Task { [catalog] in try await catalog.finishRun(id: runID, status: status, finishedAt: failedAt)
            }.value
            _ = await lineage?.runFinished(succeeded: false, failures: ["\(error)"], at: failedAt)
            throw error
        }
    }

    // MARK: - Steps

    /// The selected nodes; the recorded state is read first only when a selector needs it.
    func select(_ options: RunOptions) async throws -> Set<NodeID> {
        guard options.selection.usesState else { return try select(options, state: nil) }
        do {
            let states = try await StateReader(project: project, layout: layout).states(catalog: catalog)
            return try select(options, state: SelectionState(mesh: mesh, states: states))
        } catch let error as RunError { throw error } catch {
            throw RunError(
                .environment, "cannot read the state of environment '\(environment)': \(error)",
                hint: "if a `tessera run` is in progress, wait for it to finish")
        }
    }

    func select(_ options: RunOptions, state: SelectionState?) throws -> Set<NodeID> {
        do { return try options.selection.nodes(in: mesh.graph, state: state) } catch {
            throw RunError(.usage, error.description)
        }
    }

    /// `--start/--end` rebuilds intervals of interval-incremental models: for a selection without
    /// one it would silently do nothing.
    func checkBackfill(_ options: RunOptions, selected: Set<NodeID>) throws {
        guard options.backfill != nil, Planner.backfillTargets(mesh, selected: selected).isEmpty else { return }
        let models = selected.filter { $0.kind == .model }.sorted()
        let interval = Planner.backfillTargets(mesh, selected: Set(mesh.graph.allNodes))
        let what =
            models.isEmpty
            ? "the selection has no model"
            : "no selected model is interval-incremental ("
                + models.prefix(3).map(\.displayName).joined(separator: ", ")
                + (models.count > 3 ? " and \(models.count - 3) more" : "") + ")"
        throw RunError(
            .usage, "--start/--end backfill intervals of interval-incremental models, but \(what)",
            hint: interval.isEmpty
                ? "give a model `materialized: incremental` with `incremental: {time_column: …}`, or use --full-refresh to rebuild"
                : "select one of " + interval.prefix(5).map(\.displayName).joined(separator: ", ")
                    + ", or use --full-refresh to rebuild")
    }

    func makePlan(
        selected: Set<NodeID>, states: [NodeID: NodeState], options: RunOptions, forced: [NodeID: PlanReason],
        pendingLoads: [NodeID: PendingLoad]
    ) throws -> Plan {
        do {
            return try Planner.plan(
                mesh, selected: selected, states: states,
                options: PlanOptions(
                    fullRefresh: options.fullRefresh, backfill: options.backfill,
                    now: options.now, forced: forced, pendingLoads: pendingLoads))
        } catch {
            throw RunError(.usage, "dependency cycle: \(error)", hint: "run `tessera validate`")
        }
    }

    /// What is still failed or skipped: every node whose latest recorded outcome, over the
    /// environment's recent runs, is failed, skipped or unfinished (a quarantined product's publish
    /// failed). A later success or an up-to-date verdict settles a node; a run that left it out does not.
    func nodesToResume(_ catalog: some CatalogStore) async throws -> [NodeID: PlanReason] {
        let runs = try await catalog.runs(limit: Self.resumeHorizon, environment: environment).map(\.run).filter {
            $0.command == "run"
        }
        guard let last = runs.first else {
            throw RunError(
                .usage, "--from-failure: there is no earlier run in environment '\(environment)'",
                hint: "run `tessera run` first")
        }
        guard last.status != .running else {
            throw RunError(.usage, "--from-failure: run \(last.id) is still running", hint: "wait for it to finish")
        }
        var settled: Set<NodeID> = []
        var resume: [NodeID: PlanReason] = [:]
        let unfinished: Set<NodeStatus> = [.failed, .skipped, .pending, .running]
        for run in runs where settled.count < mesh.graph.nodes.count {
            for node in try await catalog.run(id: run.id)?.nodes ?? [] {
                guard let id = NodeID(id: node.node), mesh.graph.nodes[id] != nil, settled.insert(id).inserted else {
                    continue
                }
                if unfinished.contains(node.status) { resume[id] = .resumed(runID: run.id) }
            }
        }
        guard !resume.isEmpty else {
            throw RunError(
                .usage,
                "--from-failure: nothing is left failed or skipped in environment '\(environment)' (its last \(runs.count) run\(runs.count == 1 ? "" : "s")); there is nothing to resume",
                hint: "run `tessera run` to build what changed since")
        }
        return resume
    }

    /// How many recent runs `--from-failure` looks back over.
    static let resumeHorizon = 100

    static func record(_ node: RunReport.Node, runID: String, finishedAt: Date) -> NodeRunRecord {
        let status: NodeStatus, rows: Int64?, error: String?, reason: String
        switch node.outcome {
        case .succeeded(let count, let detail):
            (status, rows, error) = (.succeeded, count, nil)
            reason =
                node.step.reasons.map(\.description).joined(separator: "; ") + (detail.isEmpty ? "" : " — \(detail)")
        case .unchanged(let why): (status, rows, error, reason) = (.unchanged, nil, nil, why)
        case .failed(let failure):
            (status, rows, error, reason) = (
                .failed, nil, failure.description, node.step.reasons.map(\.description).joined(separator: "; ")
            )
        case .skipped(let why): (status, rows, error, reason) = (.skipped, nil, nil, why)
        }
        return NodeRunRecord(
            runID: runID, node: node.step.node.id, kind: node.step.node.kind, status: status,
            reason: reason, rows: rows, durationSeconds: node.seconds, error: error,
            startedAt: finishedAt.addingTimeInterval(-node.seconds), finishedAt: finishedAt)
    }
}

extension NodeRunRecord {
    /// A failure may quote what a server or driver echoed: the catalog keeps it redacted.
    func redacted(by redactor: SecretRedactor) -> NodeRunRecord {
        var record = self
        record.error = record.error.map(redactor.redact)
        return record
    }
}
