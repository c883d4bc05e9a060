import DuckDB
import Foundation
import Synchronization
import TesseraCatalog
import TesseraIngest
import TesseraModel
import TesseraQuality
import TesseraSQL
import TesseraTransform
import TesseraWarehouse

/// Carries out the steps of one run: builds models, publishes products, and keeps what the steps
/// share — the versions each node's data has now, the snapshots published so far, the product
/// views already set up in each domain's warehouse.
final class NodeExecutor: Sendable {
    let runner: MeshRunner
    let runID: String
    let options: RunOptions
    let catalog: any CatalogStore
    let warehouses: [String: Warehouse]
    let unavailable: [String: NodeFailure]
    let loaded: [NodeID: NodeOutcome]
    /// The version of every node's data, updated as nodes finish (see ``NodeState``).
    let versions: Mutex<[NodeID: Int64]>
    /// Every node's state as the run read it to plan; models' carry their state rows.
    let states: [NodeID: NodeState]
    /// Domains whose warehouse has the builds' state table ready.
    let statePrepared: Set<String>
    /// Per consumer domain: product → snapshot its view reads. One lock per run: setting up a view
    /// is a catalog change in the consumer's warehouse, and two at once on one name would conflict.
    let views = Mutex<[String: [NodeID: String]]>([:])
    /// The snapshots published in this run, by product (`domain.product`): what relationship
    /// checks of later nodes read.
    let published = Mutex<[String: SnapshotRecord]>([:])
    /// What the contract, checks and drift said about each product published in this run.
    let quality = Mutex<[NodeID: QualityReport]>([:])
    /// Problems that failed nothing (retention leaving a folder it may not delete).
    let warnings = Mutex<[String]>([])
    let onQuality: @Sendable (NodeID, QualityReport) -> Void

    init(
        runner: MeshRunner, runID: String, options: RunOptions, catalog: any CatalogStore,
        warehouses: [String: Warehouse],
        unavailable: [String: NodeFailure], loaded: [NodeID: NodeOutcome], versions: [NodeID: Int64],
        states: [NodeID: NodeState] = [:], statePrepared: Set<String> = [],
        onQuality: @escaping @Sendable (NodeID, QualityReport) -> Void = { _, _ in }
    ) {
        self.onQuality = onQuality
        self.runner = runner
        self.runID = runID
        self.options = options
        self.catalog = catalog
        self.warehouses = warehouses
        self.unavailable = unavailable
        self.loaded = loaded
        self.versions = Mutex(versions)
        self.states = states
        self.statePrepared = statePrepared
    }

    func perform(_ step: PlanStep) async -> NodeOutcome {
        let node = step.node
        guard let warehouse = warehouses[node.domain] else {
            return .failed(
                unavailable[node.domain]
                    ?? NodeFailure(.environment, "the warehouse of domain '\(node.domain)' is not open"))
        }
        switch step.action {
        case .skip:
            return .unchanged(reason: "up to date")
        case .ingest:
            return loaded[node] ?? .unchanged(reason: "not loaded")
        case .build:
            return await build(step, warehouse: warehouse)
        case .publish:
            return await publish(step, warehouse: warehouse)
        }
    }

    // MARK: Models

    private func build(_ step: PlanStep, warehouse: Warehouse) async -> NodeOutcome {
        guard let info = runner.mesh.models[step.node] else {
            return .failed(NodeFailure(.environment, "no such model"))
        }
        let upstream = runner.mesh.graph.upstream(of: step.node)
        let upstreamVersion = versions.withLock { versions in upstream.map { versions[$0] ?? 0 }.max() ?? 0 }
        let request = buildRequest(step, info: info, upstreamVersion: upstreamVersion)
        do {
            let (result, checks) = try await buildAndCheck(step, info: info, request: request, warehouse: warehouse)
            recordVersion(of: step.node, built: result, upstreamVersion: upstreamVersion)
            return Self.outcome(of: result, checks: checks, model: info.model)
        } catch {
            return .failed(NodeFailure(build: error, model: info.model))
        }
    }

    /// What to build: everything again when the run says so or the step's reasons need it.
    private func buildRequest(_ step: PlanStep, info: MeshAnalysis.ModelInfo, upstreamVersion: Int64) -> BuildRequest {
        let rebuildAll =
            options.fullRefresh
            || step.reasons.contains { reason in
                switch reason {
                case .sqlChanged, .materializationChanged, .neverBuilt: true
                default: false
                }
            }
        var request = BuildRequest(
            model: info.model, environment: runner.environment, fingerprint: ModelFingerprint(info).recorded,
            upstreamVersion: upstreamVersion, fullRefresh: rebuildAll,
            backfill: options.backfill, now: options.now, runID: runID)
        // The run read every model's state to plan, from this warehouse, which it holds alone.
        request.previous = .known(states[step.node]?.model)
        return request
    }

    /// Builds the model and runs its checks on what was built, under a lease on the snapshots
    /// it reads.
    private func buildAndCheck(
        _ step: PlanStep, info: MeshAnalysis.ModelInfo, request: BuildRequest, warehouse: Warehouse
    ) async throws -> (BuildResult, [CheckResult]) {
        let statePrepared = statePrepared.contains(step.node.domain)
        let snapshots = try await snapshotsRead(by: step.node)
        let relations = try await RelationshipTargets.resolve(
            info.model.allChecks, published: publishedTargets(of: info.model.allChecks),
            catalog: catalog, layout: runner.layout
        ).relations
        // The snapshots this build reads must outlive it, whatever another process collects.
        let lease =
            snapshots.isEmpty
            ? nil : try await catalog.beginReading(snapshotIDs: snapshots.values.flatMap { $0.map(\.id) })
        defer { if let lease { Task { [catalog] in try? await catalog.endReading(lease) } } }
        // On the connection's own queue; cancelling the run's task interrupts the statement.
        return try await AsyncConnection(warehouse.database, label: "tessera.build").run {
            [self] connection in
            try self.refreshViews(snapshots, in: step.node.domain, connection: connection)
            let built = try ModelBuilder(connection: connection, statePrepared: statePrepared).build(request)
            return (built, try self.checkModel(info.model, relations: relations, on: connection))
        }
    }

    /// A model's version for its downstream: when it was built, or, for a view (which is never
    /// "built" with data), the newest of what it reads.
    private func recordVersion(of node: NodeID, built result: BuildResult, upstreamVersion: Int64) {
        let isView = result.action == .view
        versions.withLock { versions in
            let own = NodeState.microseconds(result.state.builtAt)
            versions[node] = isView ? max(own, upstreamVersion) : own
        }
    }

    /// A failing blocking check fails the node (the data stays built); warnings are named.
    private static func outcome(of result: BuildResult, checks: [CheckResult], model: Model) -> NodeOutcome {
        let failing = checks.filter { $0.status != .passed }
        if failing.contains(where: \.isBlocking) {
            return .failed(
                NodeFailure(
                    .checks,
                    "built, but its checks fail:\n"
                        + failing.map { "\($0.name) [\($0.severity)]: \($0.message)" }.joined(separator: "\n"),
                    location: SourceLocation(file: model.configFile ?? model.sqlFile)))
        }
        let warnings = failing.isEmpty ? "" : "; warn: " + failing.map(\.name).joined(separator: ", ")
        let passed = checks.isEmpty ? "" : ", \(checks.count - failing.count)/\(checks.count) checks pass"
        return .succeeded(rows: result.rowsInTable, detail: describe(result) + passed + warnings)
    }

    /// The column and table checks of a model's yaml, in one scan of what was just built. A
    /// failing `error` check fails the node (the data stays built, as with `dbt build`), so
    /// that nothing downstream is built on it.
    private func checkModel(_ model: Model, relations: [ColumnReference: String], on connection: Connection) throws
        -> [CheckResult]
    {
        let checks = model.allChecks
        guard !checks.isEmpty else { return [] }
        let relation = SQL.qualified(["main", model.name])
        var scan = AggregateScan(relation: relation)
        var plan = CheckPlan(checks: checks, context: CheckContext(now: options.now, relations: relations))
        plan.contribute(to: &scan, on: connection)
        return try plan.finish(scan: try scan.run(on: connection), connection: connection)
    }

    static func describe(_ result: BuildResult) -> String {
        switch result.action {
        case .view: "view"
        case .created: "created, \(counted(result.rowsWritten, "row"))"
        case .replaced: counted(result.rowsWritten, "row")
        case .intervalReplaced(let deleted, let inserted):
            "interval \(result.interval?.description ?? ""): \(inserted) rows in, \(deleted) replaced"
        case .merged(let inserted, let replaced): "merged: \(inserted) new, \(replaced) updated"
        case .scd2Versions(let opened, let closed): "snapshot: \(opened) versions opened, \(closed) closed"
        }
    }

    /// Points `domain`'s views of other products at their current snapshots (and their earlier
    /// majors' `__v<N>` views at theirs), once per run each.
    private func refreshViews(_ snapshots: [NodeID: [SnapshotRecord]], in domain: String, connection: Connection) throws
    {
        guard !snapshots.isEmpty else { return }
        try views.withLock { applied in
            for (id, records) in snapshots.sorted(by: { $0.key < $1.key }) {
                guard let product = runner.project.domain(named: id.domain)?.product(named: id.name),
                    let current = records.first
                else { continue }
                let key = records.map(\.id).joined(separator: ",")
                if applied[domain]?[id] == key { continue }
                // Validation refused models that read what their domain may not; the policy is
                // asked again so the view holds exactly what it allows.
                let decision = ReadPolicy(project: runner.project).decide(.domain(domain), reads: product)
                guard decision.isReadable else { continue }
                let sql = ProductViews.sql(
                    for: product, current: current, earlier: Array(records.dropFirst()), decision: decision,
                    layout: runner.layout)
                try connection.execute(sql)
                applied[domain, default: [:]][id] = key
            }
        }
    }

    /// The current snapshot of each product a step of `node` reads, with the newest of each earlier
    /// major (readable as `<domain>.<product>__v<N>` until retired).
    private func snapshotsRead(by node: NodeID) async throws -> [NodeID: [SnapshotRecord]] {
        var snapshots: [NodeID: [SnapshotRecord]] = [:]
        for id in productsRead(by: node) {
            guard let current = try await catalog.currentSnapshot(product: "\(id.domain).\(id.name)") else {
                throw RunError(
                    .environment, "\(id.displayName) has no published snapshot yet",
                    hint: "run `tessera run +\(id.displayName)` to build and publish it")
            }
            snapshots[id] = [current] + (try await catalog.previousMajorSnapshots(product: "\(id.domain).\(id.name)"))
        }
        return snapshots
    }

    /// The products a step of `node` reads: its own upstream products, and those read through the
    /// `view` models of its domain it reads (a view reads its products when it is read, through
    /// this warehouse's views of them, which must point at this project's current snapshots too).
    private func productsRead(by node: NodeID) -> [NodeID] {
        var products: [NodeID] = []
        var seen: Set<NodeID> = [node]
        var queue = [node]
        while let next = queue.popLast() {
            for id in runner.mesh.graph.upstream(of: next) where seen.insert(id).inserted {
                if id.kind == .product {
                    products.append(id)
                } else if id.domain == node.domain, runner.mesh.models[id]?.model.materialization == .view {
                    queue.append(id)
                }
            }
        }
        return products.sorted()
    }

    /// The snapshots this run published of the products `checks` have relationships to.
    private func publishedTargets(of checks: [Check]) -> [String: SnapshotRecord] {
        let targets = Set(
            checks.compactMap { check -> String? in
                guard case .relationship(_, let reference) = check.kind else { return nil }
                return "\(reference.domain).\(reference.product)"
            })
        guard !targets.isEmpty else { return [:] }
        return published.withLock { all in all.filter { targets.contains($0.key) } }
    }

    // MARK: Products

    private func publish(_ step: PlanStep, warehouse: Warehouse) async -> NodeOutcome {
        guard let product = runner.project.domain(named: step.node.domain)?.product(named: step.node.name) else {
            return .failed(NodeFailure(.environment, "no such product"))
        }
        let input = runner.mesh.graph.upstream(of: step.node)
        let upstreamVersion = versions.withLock { versions in input.map { versions[$0] ?? 0 }.max() ?? 0 }
        var publisher = ProductPublisher(
            product: product, runID: runID, layout: runner.layout, catalog: catalog,
            now: options.now, upstreamVersion: upstreamVersion)
        publisher.published = publishedTargets(of: product.checks)
        do {
            // A product of a `view` model reads other products through this warehouse's views.
            let snapshots = try await snapshotsRead(by: step.node)
            let lease =
                snapshots.isEmpty
                ? nil : try await catalog.beginReading(snapshotIDs: snapshots.values.flatMap { $0.map(\.id) })
            defer { if let lease { Task { [catalog] in try? await catalog.endReading(lease) } } }
            if !snapshots.isEmpty {
                try await AsyncConnection(warehouse.database, label: "tessera.views").run { [self] connection in
                    try self.refreshViews(snapshots, in: step.node.domain, connection: connection)
                }
            }
            let published = try await publisher.publish(from: warehouse)
            let report = published.report
            quality.withLock { $0[step.node] = report }
            warnings.withLock { $0 += published.warnings }
            onQuality(step.node, report)
            guard report.published == true else {
                return .failed(
                    NodeFailure(
                        .quarantined,
                        "not published, the candidate is quarantined: "
                            + report.blockedBy.joined(separator: "; "), location: product.location))
            }
            let snapshot = published.snapshot
            versions.withLock { $0[step.node] = NodeState.microseconds(snapshot.createdAt) }
            self.published.withLock { $0[product.qualifiedName] = snapshot }
            return .succeeded(rows: snapshot.rows, detail: "snapshot \(runID), \(counted(snapshot.rows, "row"))")
        } catch {
            let hint = (error as? RunError)?.hint
            return .failed(
                NodeFailure(
                    .environment, (error as? RunError)?.message ?? "\(error)", location: product.location, hint: hint))
        }
    }
}
