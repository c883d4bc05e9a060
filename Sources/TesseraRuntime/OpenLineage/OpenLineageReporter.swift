import DuckDB
import Foundation
import Synchronization
import TesseraIngest
import TesseraModel
import TesseraOpenLineage
import TesseraTransform
import TesseraWarehouse

/// Turns the events of one `tessera run` into OpenLineage run events: START and COMPLETE or
/// FAIL for the run as a whole (job `run`), and for every node it loads, builds or publishes,
/// each node's run pointing at the whole run through a `parent` facet.
///
/// Names, in the configured namespace (default: the mesh's name): a dataset is what a node
/// writes — `sales.src.orders` (a source's table), `sales.main.orders_enriched` (a model's
/// table), `sales.orders` (a product) — and a node's job is named after the dataset it writes,
/// so a model and a product of the same name stay two jobs.
///
/// Everything here only enqueues (`OpenLineageEmitter`); the one piece of work done inline is
/// reading a built model's column names and types from DuckDB's catalog (metadata, no rows).
final class OpenLineageReporter: Sendable {
    let emitter: OpenLineageEmitter
    let namespace: String
    let runID: String
    let parentRunID = OpenLineage.runID()
    let products: [NodeID: Product]
    /// Column-level edges by the node they lead into.
    let edges: [NodeID: [MeshLineageEdge]]
    let warehouses: [String: Warehouse]
    let grace: Duration
    private let nodeRuns = Mutex<[NodeID: String]>([:])
    private let snapshots = Mutex<[NodeID: String]>([:])
    /// Error texts and warnings may quote a connector's or the server's URL: they pass through it.
    private let redactor: SecretRedactor

    static let runJob = "run"

    /// Nil when tessera.yaml has no `openlineage:` block; a transport that cannot be set up is
    /// reported as `problem` and nothing is sent.
    static func make(project: Project, runID: String, edges: [MeshLineageEdge], warehouses: [String: Warehouse])
        -> (reporter: OpenLineageReporter?, problem: String?)
    {
        guard let settings = project.mesh.openLineage else { return (nil, nil) }
        let transport: any OpenLineageTransport
        switch settings.transport {
        case .file(let path):
            let file = path.hasPrefix("/") ? URL(fileURLWithPath: path) : project.root.appendingPathComponent(path)
            transport = FileTransport(file: file)
        case .http(let url, let endpoint, let apiKey):
            do {
                transport = try HTTPTransport(
                    url: url.value, endpoint: endpoint, apiKey: apiKey?.value, timeout: settings.timeout)
            } catch {
                let reason = project.secretRedactor.redact("\(error)")
                return (nil, "OpenLineage: nothing sent: \(reason) (tessera.yaml, openlineage.url)")
            }
        }
        let reporter = OpenLineageReporter(
            emitter: OpenLineageEmitter(transport: transport), namespace: settings.namespace ?? project.mesh.name,
            runID: runID, project: project, edges: edges, warehouses: warehouses,
            grace: .milliseconds(Int(settings.timeout * 1000) + 500))
        return (reporter, nil)
    }

    init(
        emitter: OpenLineageEmitter, namespace: String, runID: String, project: Project, edges: [MeshLineageEdge],
        warehouses: [String: Warehouse], grace: Duration
    ) {
        self.emitter = emitter
        self.namespace = namespace
        self.runID = runID
        self.warehouses = warehouses
        self.grace = grace
        self.redactor = project.secretRedactor
        var products: [NodeID: Product] = [:]
        for product in project.domains.flatMap(\.products) {
            products[NodeID(.product, product.domain, product.name)] = product
        }
        self.products = products
        self.edges = Dictionary(grouping: edges.filter(\.isColumnLevel), by: \.downstream)
    }

    // MARK: The run as a whole

    func runStarted(at date: Date) {
        emitter.emit(RunEvent(eventType: .start, eventTime: date, run: .init(runId: parentRunID), job: runJobValue()))
    }

    /// Sends the run's final event and waits (at most the transport's timeout and a little) for
    /// the queue to drain; returns the warnings for the run summary.
    func runFinished(succeeded: Bool, failures: [String], at date: Date) async -> [String] {
        var facets = RunFacets()
        if !succeeded {
            facets.errorMessage = ErrorMessageRunFacet(message: redactor.redact(failures.joined(separator: "\n")))
        }
        emitter.emit(
            RunEvent(
                eventType: succeeded ? .complete : .fail, eventTime: date,
                run: .init(runId: parentRunID, facets: facets), job: runJobValue()))
        return await emitter.finish(grace: grace).map(redactor.redact)
    }

    private func runJobValue() -> RunEvent.Job {
        RunEvent.Job(namespace: namespace, name: Self.runJob, facets: .init(jobType: JobTypeJobFacet(jobType: "RUN")))
    }

    // MARK: Nodes

    func handle(_ event: MeshRunner.Event) {
        switch event {
        case .ingest(.started(let source)):
            let parts = source.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return }
            nodeStarted(NodeID(.source, parts[0], parts[1]), upstream: [])
        case .ingest(.finished(let report, let failure)):
            let parts = report.source.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return }
            let error = report.status == .failed ? (failure?.description ?? report.error ?? "the load failed") : nil
            nodeFinished(NodeID(.source, parts[0], parts[1]), upstream: [], error: error)
        case .node(.started(let step)) where step.node.kind != .source:
            nodeStarted(step.node, upstream: step.upstream)
        case .node(.finished(let step, let outcome, _)) where step.node.kind != .source:
            if case .failed(let message) = outcome {
                nodeFinished(step.node, upstream: step.upstream, error: message.description)
            } else {
                nodeFinished(step.node, upstream: step.upstream, error: nil)
            }
        case .quality(let node, let report):
            if report.published == true { snapshots.withLock { $0[node] = report.snapshot } }
        default:
            break
        }
    }

    private func nodeStarted(_ node: NodeID, upstream: [NodeID]) {
        let id = OpenLineage.runID()
        nodeRuns.withLock { $0[node] = id }
        emitter.emit(
            RunEvent(
                eventType: .start, eventTime: Date(), run: .init(runId: id, facets: parentFacets()),
                job: job(node), inputs: upstream.map { dataset($0, output: false) },
                outputs: [dataset(node, output: false)]))
    }

    /// Only a node that started ends: one planned as up to date or skipped was never a run.
    private func nodeFinished(_ node: NodeID, upstream: [NodeID], error: String?) {
        guard let id = nodeRuns.withLock({ $0.removeValue(forKey: node) }) else { return }
        var facets = parentFacets()
        if let error { facets.errorMessage = ErrorMessageRunFacet(message: redactor.redact(error)) }
        emitter.emit(
            RunEvent(
                eventType: error == nil ? .complete : .fail, eventTime: Date(), run: .init(runId: id, facets: facets),
                job: job(node), inputs: upstream.map { dataset($0, output: false) },
                outputs: error == nil ? [dataset(node, output: true)] : []))
    }

    private func parentFacets() -> RunFacets {
        RunFacets(parent: ParentRunFacet(runId: parentRunID, namespace: namespace, name: Self.runJob))
    }

    private func job(_ node: NodeID) -> RunEvent.Job {
        RunEvent.Job(
            namespace: namespace, name: Self.datasetName(node),
            facets: .init(jobType: JobTypeJobFacet(jobType: node.kind.rawValue.uppercased())))
    }

    static func datasetName(_ node: NodeID) -> String {
        switch node.kind {
        case .source: node.displayName
        case .model: "\(node.domain).main.\(node.name)"
        case .product, .dashboard: node.displayName
        }
    }

    /// A dataset with its schema (a product's contract, a model's or source's table as built)
    /// and, for what a node wrote, its column lineage and the product's snapshot.
    private func dataset(_ node: NodeID, output: Bool) -> RunEvent.Dataset {
        var facets = DatasetFacets()
        if let product = products[node] {
            facets.schema = SchemaDatasetFacet(
                fields: product.contract.columns.map {
                    .init(name: $0.name, type: $0.type, description: $0.description)
                })
        } else if output {
            facets.schema = tableSchema(node)
        }
        if output {
            if let snapshot = snapshots.withLock({ $0[node] }) {
                facets.version = DatasetVersionDatasetFacet(datasetVersion: snapshot)
            }
            if let incoming = edges[node], !incoming.isEmpty {
                var fields: [String: ColumnLineageDatasetFacet.Fields] = [:]
                for edge in incoming.sorted() {
                    guard let column = edge.downstreamColumn, let from = edge.upstreamColumn else { continue }
                    fields[column, default: .init(inputFields: [])].inputFields.append(
                        .init(namespace: namespace, name: Self.datasetName(edge.upstream), field: from))
                }
                facets.columnLineage = ColumnLineageDatasetFacet(fields: fields)
            }
        }
        return RunEvent.Dataset(namespace: namespace, name: Self.datasetName(node), facets: facets)
    }

    private func tableSchema(_ node: NodeID) -> SchemaDatasetFacet? {
        guard let warehouse = warehouses[node.domain], node.kind != .product,
            let connection = try? warehouse.connect(),
            let result = try? connection.query(
                """
                SELECT column_name, data_type FROM information_schema.columns
                WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position
                """, .varchar(node.kind == .source ? "src" : "main"), .varchar(node.name))
        else { return nil }
        var fields: [SchemaDatasetFacet.Field] = []
        while let row = try? result.nextRow() {
            guard row.count == 2, case .varchar(let name) = row[0], case .varchar(let type) = row[1] else { continue }
            fields.append(.init(name: name, type: type))
        }
        return fields.isEmpty ? nil : SchemaDatasetFacet(fields: fields)
    }
}
