import Foundation
import TesseraCatalog
import TesseraIngest
import TesseraModel
import TesseraQuality
import TesseraWarehouse

/// Loading sources without building anything (`tessera ingest`), recorded in the run history as a
/// run of its own (command `ingest`), one node per source, like the loads inside `tessera run`.
extension Runs {
    public struct IngestRequest: Sendable {
        /// `name` or `domain.name`; empty: every source.
        public var sources: [String]
        public var threads: Int
        public var liveProgress: Bool
        public var arguments: [String]

        public init(
            sources: [String] = [], threads: Int = ProcessInfo.processInfo.activeProcessorCount,
            liveProgress: Bool = false, arguments: [String] = []
        ) {
            self.sources = sources
            self.threads = max(1, threads)
            self.liveProgress = liveProgress
            self.arguments = arguments
        }
    }

    public struct IngestResult: Sendable {
        public var runID: String
        public var loads: [(report: LoadReport, failure: IngestError?)]
        public var startedAt: Date
        public var finishedAt: Date
    }

    /// The sources that `names` select, in mesh order; an unknown or ambiguous name is a usage error.
    public func sources(named names: [String]) throws(CoreError) -> [Source] {
        do { return try Ingestor(project: workspace.project, layout: workspace.layout).select(names) } catch let error
            as IngestError
        {
            throw CoreError(.usage, error.message, hint: error.hint)
        } catch {
            throw CoreError(.internalError, "\(error)")
        }
    }

    public func ingest(_ request: IngestRequest, onEvent: @escaping @Sendable (IngestEvent) -> Void = { _ in })
        async throws(CoreError) -> IngestResult
    {
        let selected = try sources(named: request.sources)
        guard !selected.isEmpty else {
            throw CoreError(
                .usage, "the mesh has no sources to load.", hint: "add one under domains/<domain>/sources/.")
        }
        let catalog = try workspace.catalog()
        let startedAt = Date()
        let runID = RunID.make(now: startedAt)
        let record = RunRecord(
            id: runID, environment: workspace.environment, command: "ingest",
            selector: request.sources.isEmpty ? nil : request.sources.joined(separator: " "),
            arguments: request.arguments, startedAt: startedAt)
        try await Self.recording { () async throws(CatalogError) in try await catalog.startRun(record) }
        let loads = await Ingestor(project: workspace.project, layout: workspace.layout)
            .run(
                selected, parallelism: request.threads, opened: openWarehouses(for: selected),
                liveProgress: request.liveProgress, onEvent: onEvent)
        let finishedAt = Date()
        // A failure may quote what a server or driver echoed: the catalog keeps it redacted.
        let redactor = workspace.project.secretRedactor
        let nodes = zip(selected, loads).map { source, load in
            var record = Self.record(source, load: load, runID: runID)
            record.error = record.error.map(redactor.redact)
            return record
        }
        let failed = loads.contains { $0.1 != nil || $0.0.status == .failed }
        try await Self.recording { () async throws(CatalogError) in
            try await catalog.recordNodes(nodes)
            try await catalog.finishRun(id: runID, status: failed ? .failed : .succeeded, finishedAt: finishedAt)
        }
        let failures = zip(selected, nodes).compactMap { source, node -> Alerts.Failure? in
            node.status == .failed ? (NodeID(.source, source.domain, source.name), "load", node.error ?? "") : nil
        }
        for problem in await workspace.alerts.record(ingest: runID, failures: failures, at: finishedAt) {
            workspace.warn(problem)
        }
        return IngestResult(
            runID: runID, loads: loads.map { ($0.0, $0.1) }, startedAt: startedAt, finishedAt: finishedAt)
    }

    /// The registry's warehouses of the domains loaded; a domain whose warehouse cannot open is
    /// left to the ingestor, which fails its sources alone with the reason.
    private func openWarehouses(for sources: [Source]) -> [String: Warehouse] {
        var opened: [String: Warehouse] = [:]
        for domain in Set(sources.map(\.domain)) {
            opened[domain] = try? workspace.warehouses.warehouse(
                domain: domain, file: workspace.layout.warehouseFile(domain),
                sandbox: Warehouse.sandbox(domain: domain, project: workspace.project, layout: workspace.layout),
                functions: workspace.maskFunctions())
        }
        return opened
    }

    private static func record(_ source: Source, load: (LoadReport, IngestError?), runID: String) -> NodeRunRecord {
        let (report, failure) = load
        let status: NodeStatus =
            switch report.status {
            case .committed: .succeeded
            case .upToDate: .unchanged
            case .failed: .failed
            }
        return NodeRunRecord(
            runID: runID, node: NodeID(.source, source.domain, source.name).id, kind: .source, status: status,
            reason: report.status == .upToDate ? "up to date" : "load",
            rows: Int64(report.loadedRows), durationSeconds: report.seconds,
            error: failure?.description ?? report.error, startedAt: report.startedAt, finishedAt: report.finishedAt)
    }

    private static func recording(_ work: () async throws(CatalogError) -> Void) async throws(CoreError) {
        do { try await work() } catch { throw CoreError(catalog: error) }
    }
}
