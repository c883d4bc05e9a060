import Dispatch
import Foundation
import TesseraModel
import TesseraWarehouse

/// Loads many sources: in parallel (bounded), each domain into its own warehouse, and one source
/// failing never stops the others: one domain's failure never blocks another's work.
public struct Ingestor: Sendable {
    public enum Event: Sendable {
        case started(source: String)
        case progress(LoadProgress)
        case finished(LoadReport, IngestError?)
    }

    public var project: Project
    public var layout: StateLayout

    public init(project: Project, layout: StateLayout) {
        self.project = project
        self.layout = layout
    }

    /// Every source of the mesh, or those named (`name` or `domain.name`), in mesh order.
    public func select(_ names: [String]) throws -> [Source] {
        let all = project.domains.flatMap(\.sources)
        guard !names.isEmpty else { return all }
        var selected: [Source] = []
        for name in names {
            let matches = all.filter { "\($0.domain).\($0.name)" == name || $0.name == name }
            guard !matches.isEmpty else {
                let candidates = all.map { "\($0.domain).\($0.name)" } + all.map(\.name)
                throw IngestError(
                    .configuration, "no source named '\(name)'",
                    hint: closestName(to: name, among: candidates).map { "did you mean '\($0)'?" }
                        ?? "sources: \(all.map { "\($0.domain).\($0.name)" }.joined(separator: ", "))")
            }
            if matches.count > 1, !name.contains(".") {
                throw IngestError(
                    .configuration, "'\(name)' names sources in several domains",
                    hint: "say which: \(matches.map { "\($0.domain).\($0.name)" }.joined(separator: ", "))")
            }
            for source in matches
            where !selected.contains(where: { $0.domain == source.domain && $0.name == source.name }) {
                selected.append(source)
            }
        }
        return selected
    }

    /// Loads `sources`, at most `parallelism` at a time, reporting each start and end as it happens.
    /// Returns one report per source, in the order given. `opened` are warehouses the caller
    /// already holds (a process may open a DuckDB file only once); the others are opened here.
    ///
    /// `liveProgress`: also report `.progress` a few times a second, for a live display. Only
    /// when someone watches: DuckDB then tracks the progress of every query, which cost W1b's
    /// PostgreSQL load a fifth of its CPU (measured with perf).
    public func run(
        _ sources: [Source], parallelism: Int, opened: [String: Warehouse] = [:], liveProgress: Bool = false,
        onEvent: @escaping @Sendable (Event) -> Void = { _ in }
    ) async -> [(LoadReport, IngestError?)] {
        // Open each domain's warehouse once; a domain whose warehouse cannot open fails alone.
        var warehouses: [String: Result<Warehouse, IngestError>] = opened.mapValues { .success($0) }
        for domain in Set(sources.map(\.domain)) where warehouses[domain] == nil {
            do {
                warehouses[domain] = .success(
                    try Warehouse(
                        domain: domain, file: layout.warehouseFile(domain),
                        sandbox: Warehouse.sandbox(domain: domain, project: project, layout: layout)))
            } catch {
                let known = error as? WarehouseError
                warehouses[domain] = .failure(
                    IngestError(.environment, known?.message ?? "\(error)", hint: known?.hint))
            }
        }
        // What a killed load left in staging (a PostgreSQL download can be large) goes now: the
        // warehouse is ours, so no other process loads into this domain.
        for (domain, warehouse) in warehouses {
            guard case .success = warehouse else { continue }
            try? FileManager.default.removeItem(at: layout.stagingDirectory(domain: domain))
        }
        let jobs = Array(sources.enumerated())
        let limit = max(1, parallelism)
        var results = [(LoadReport, IngestError?)?](repeating: nil, count: sources.count)
        await withTaskGroup(of: (Int, LoadReport, IngestError?).self) { group in
            var next = 0
            func launch() {
                guard next < jobs.count else { return }
                let (index, source) = jobs[next]
                next += 1
                let warehouse = warehouses[source.domain]
                let project = self.project, layout = self.layout
                let progress: (@Sendable (LoadProgress) -> Void)? =
                    liveProgress ? { @Sendable in onEvent(.progress($0)) } : nil
                group.addTask {
                    onEvent(.started(source: "\(source.domain).\(source.name)"))
                    let (report, failure) = await Self.load(
                        source, warehouse: warehouse, projectRoot: project.root, layout: layout,
                        onProgress: progress)
                    onEvent(.finished(report, failure))
                    return (index, report, failure)
                }
            }
            for _ in 0..<limit { launch() }
            for await (index, report, failure) in group {
                results[index] = (report, failure)
                launch()
            }
        }
        return results.compactMap { $0 }
    }

    /// Loads one source (``SourceLoad`` keeps its blocking work off the cooperative pool).
    private static func load(
        _ source: Source, warehouse: Result<Warehouse, IngestError>?, projectRoot: URL,
        layout: StateLayout, onProgress: (@Sendable (LoadProgress) -> Void)?
    ) async -> (LoadReport, IngestError?) {
        guard case .success(let warehouse)? = warehouse else {
            let failure: IngestError
            if case .failure(let error)? = warehouse {
                failure = error
            } else {
                failure = IngestError(.environment, "no warehouse")
            }
            var report = LoadReport(
                source: "\(source.domain).\(source.name)", loadID: LoadID.make(), status: .failed,
                startedAt: Date(), finishedAt: Date())
            report.error = failure.description
            return (report, failure)
        }
        let load = SourceLoad(
            source: source, projectRoot: projectRoot, layout: layout, warehouse: warehouse, onProgress: onProgress)
        return await load.run()
    }
}
