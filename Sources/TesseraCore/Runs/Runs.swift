import Foundation
import TesseraCatalog
import TesseraIngest
import TesseraModel
import TesseraQuality
import TesseraRuntime
import TesseraTransform
import TesseraWarehouse

/// Planning and running: `plan`, `run` and the run history. Every run goes through here, so
/// each one refuses breaking contract changes, is recorded in the catalog and keeps its log,
/// whichever front end started it.
public struct Runs: Sendable {
    let workspace: Workspace

    /// What a run with these options would do now, and the contract changes of the products it
    /// would publish. Nothing is written, not even a catalog.
    public func plan(_ options: RunOptions) async throws(CoreError) -> PlanResult {
        let catalog = try workspace.existingCatalog()
        let plan = try await Self.mapping { try await runner(catalog: catalog).plan(options, existing: catalog) }
        let products = Set(plan.steps.map(\.node).filter { $0.kind == .product }.map(\.displayName))
        let reviews =
            try await workspace.policy.publishedContracts()?.reviews(project: workspace.project)
            .filter { products.contains($0.product) } ?? []
        return PlanResult(plan: plan, contracts: reviews)
    }

    /// Ingests, builds, checks and publishes what `options` select. Node failures are outcomes
    /// in the report; an error means the run could not start (or could not be recorded).
    public func run(_ options: RunOptions, onEvent: @escaping @Sendable (RunEvent) -> Void = { _ in })
        async throws(CoreError) -> RunResult
    {
        // --from-failure resumes part of an earlier selection: every product is checked then.
        let selected = try Self.mapping { try options.selection.nodes(in: workspace.mesh.graph) }
        try await workspace.policy.refuseBreakingChanges(selected: selected)
        // A key that cannot be had (a wrong TESSERA_MASK_KEY) stops the run here, with its reason,
        // rather than failing each warehouse's nodes.
        _ = try workspace.maskKey()
        let runner = try runner(catalog: workspace.catalog())
        var options = options
        options.recordsMetadata = workspace.skippedDomains.isEmpty
        let nodeLog = NodeLogWriter(catalog: runner.catalog)
        let log = RunLog(
            folder: workspace.layout.environmentDirectory.appendingPathComponent("runs", isDirectory: true),
            redactor: workspace.project.secretRedactor, nodeLog: nodeLog)
        let report: RunReport
        do {
            report = try await Self.mapping {
                try await runner.run(options) { event in
                    log.record(event); onEvent(event)
                }
            }
        } catch {
            log.close()
            await nodeLog.finish()
            throw error
        }
        log.finish(report)
        await nodeLog.finish()
        var result = RunResult(report: report, log: log.file)
        result.report.warnings += log.problems + nodeLog.problems
        // Its alerts go to the outbox; sending them is `alerts.deliverPending`'s, never the run's.
        result.report.warnings += await workspace.alerts.record(report)
        result.report.warnings += await workspace.automation.noteData(from: report)
        return result
    }

    /// The latest runs, newest first.
    public func history(limit: Int) async throws(CoreError) -> [RunSummary] {
        guard let catalog = try workspace.existingCatalog() else { return [] }
        do { return try await catalog.runs(limit: limit, environment: workspace.environment) } catch {
            throw CoreError(catalog: error)
        }
    }

    /// One run with its nodes, by id or a unique prefix of it.
    public func show(_ id: String) async throws(CoreError) -> RunDetail {
        let detail: RunDetail?
        if let catalog = try workspace.existingCatalog() {
            do { detail = try await catalog.run(id: id) } catch { throw CoreError(catalog: error) }
        } else {
            detail = nil
        }
        guard let detail else {
            throw CoreError(
                .usage, "no run '\(id)' in environment '\(workspace.environment)'.",
                hint: "`tessera runs` lists the runs.")
        }
        return detail
    }

    func runner(catalog: (any CatalogStore)?) throws(CoreError) -> MeshRunner {
        let registry = workspace.warehouses
        let project = workspace.project, layout = workspace.layout
        let catalog = if let catalog { catalog } else { try workspace.catalog() }
        return MeshRunner(
            project: workspace.project, mesh: workspace.mesh, lineage: workspace.lineageEdges,
            layout: workspace.layout, environment: workspace.environment,
            catalog: catalog,
            openWarehouse: { [workspace] in
                // The key is loaded when a warehouse opens, so `plan` (which opens none) makes none.
                try registry.warehouse(
                    domain: $0, file: $1, sandbox: Warehouse.sandbox(domain: $0, project: project, layout: layout),
                    functions: try workspace.maskFunctions())
            })
    }

    /// The runtime's and the selection's errors, in the core's terms.
    static func mapping<T>(_ work: () async throws -> T) async throws(CoreError) -> T {
        do { return try await work() } catch let error as CoreError { throw error } catch let error as RunError {
            throw CoreError(error.kind == .usage ? .usage : .internalError, error.message, hint: error.hint)
        } catch let error as CatalogError {
            throw CoreError(catalog: error)
        } catch let error as SelectionError {
            throw CoreError(.usage, error.description + ".")
        } catch {
            throw CoreError(.internalError, "\(error)")
        }
    }

    static func mapping<T>(_ work: () throws -> T) throws(CoreError) -> T {
        do { return try work() } catch let error as SelectionError {
            throw CoreError(.usage, error.description + ".")
        } catch {
            throw CoreError(.usage, "\(error).")
        }
    }
}

/// What `plan` found: the steps, and how the selected products' contracts changed since they were
/// last published.
public struct PlanResult: Sendable {
    public var plan: Plan
    public var contracts: [ContractReview]
}

/// A finished run, and where its full log is.
public struct RunResult: Sendable {
    public var report: RunReport
    public var log: URL?
}
