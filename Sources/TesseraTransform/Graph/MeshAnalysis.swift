import Dispatch
import Foundation
import Synchronization
import TesseraModel
import TesseraSQL

/// The whole mesh understood: every model's SQL analysed by DuckDB's parser, every name resolved,
/// the DAG built. What `validate` reports and what `plan` and `run` work from.
///
/// Models are analysed twice only when needed: a first pass finds what each reads; a model whose
/// columns depend on an upstream model's (a `*` over it, an unqualified name in a join) is
/// analysed again, in dependency order, once the upstream's columns are known — so the common
/// case costs one parse per model.
public struct MeshAnalysis: Sendable {
    public struct ModelInfo: Sendable {
        public var model: Model
        public var analysis: SQLAnalysis
        /// What the SQL reads, resolved: sources and models of the domain, other domains' products.
        public var reads: [NodeID]
        /// The SQL's parse tree and the materialization settings: what decides "the SQL changed".
        public var fingerprint: String
    }

    public let project: Project
    public let graph: MeshGraph
    /// By model node.
    public let models: [NodeID: ModelInfo]
    /// Unknown names, forbidden reads, cycles, SQL errors: located in the `.sql` files.
    public let diagnostics: [Diagnostic]

    public init(project: Project, analyzer: SQLAnalyzer) {
        let resolver = DependencyResolver(
            sources: Dictionary(uniqueKeysWithValues: project.domains.map { ($0.name, $0.sources.map(\.name)) }),
            models: Dictionary(uniqueKeysWithValues: project.domains.map { ($0.name, $0.models.map(\.name)) }),
            products: Dictionary(uniqueKeysWithValues: project.domains.map { ($0.name, $0.products.map(\.name)) })
        )
        var graph = Self.graph(of: project)
        var diagnostics: [Diagnostic] = []
        var infos: [NodeID: ModelInfo] = [:]

        // Pass 1: what every model reads. Parsing is independent per model: spread over the cores.
        let analyses = Self.analyzeAll(project: project, resolver: resolver, analyzer: analyzer)
        for domain in project.domains {
            for model in domain.models {
                let id = NodeID(.model, domain.name, model.name)
                guard let analysis = analyses[id] else { continue }
                diagnostics += analysis.diagnostics
                diagnostics += resolver.diagnostics(for: analysis.references, domain: domain.name)
                let found = Self.reads(of: analysis, in: domain.name, project: project, resolver: resolver)
                diagnostics += found.problems
                let reads = Array(Set(found.reads)).sorted()
                for upstream in reads { graph.connect(id, reads: upstream) }
                infos[id] = ModelInfo(
                    model: model, analysis: analysis, reads: reads,
                    fingerprint: Self.fingerprint(model: model, analysis: analysis))
            }
        }

        Self.connectRelationshipChecks(project, in: &graph)

        // Cycles: reported where the loop is written, naming the whole loop.
        let cycles = graph.cycles()
        diagnostics += cycles.compactMap {
            Self.diagnostic(for: $0, graph: graph, models: infos, project: project, resolver: resolver)
        }

        // Pass 2: models that read other models' columns without knowing them.
        if cycles.isEmpty, let order = try? graph.topologicalOrder() {
            diagnostics += Self.reanalyseWithModelColumns(
                order: order, infos: &infos, project: project, resolver: resolver, analyzer: analyzer)
        }

        self.project = project
        self.graph = graph
        self.models = infos
        self.diagnostics = diagnostics
    }

    /// Every node of the mesh, and each product's edge to the model or source it publishes.
    private static func graph(of project: Project) -> MeshGraph {
        var graph = MeshGraph()
        for domain in project.domains {
            for source in domain.sources { graph.add(NodeID(.source, domain.name, source.name)) }
            for model in domain.models { graph.add(NodeID(.model, domain.name, model.name), tags: model.tags) }
            for product in domain.products {
                graph.add(NodeID(.product, domain.name, product.name), tags: product.tags)
            }
        }
        for domain in project.domains {
            for product in domain.products {
                let input: NodeID =
                    switch product.input {
                    case .model(let name): NodeID(.model, domain.name, name)
                    case .source(let name): NodeID(.source, domain.name, name)
                    }
                graph.connect(NodeID(.product, domain.name, product.name), reads: input)
            }
        }

        return graph
    }

    /// The nodes a model's references resolve to, and the problems of those references: an
    /// earlier major that is not served, a product its domain may not read.
    private static func reads(
        of analysis: SQLAnalysis, in domain: String, project: Project, resolver: DependencyResolver
    ) -> (reads: [NodeID], problems: [Diagnostic]) {
        let policy = ReadPolicy(project: project)
        var problems: [Diagnostic] = []
        var reads: [NodeID] = []
        for reference in analysis.references {
            switch resolver.resolve(reference, domain: domain) {
            case .source(let name): reads.append(NodeID(.source, domain, name))
            case .model(let name): reads.append(NodeID(.model, domain, name))
            case .product(let owner, let name, let major):
                reads.append(NodeID(.product, owner, name))
                if let major, let product = project.domain(named: owner)?.product(named: name),
                    let problem = Self.previousVersionProblem(
                        product: product, major: major, at: reference.location)
                {
                    problems.append(problem)
                }
                if let product = project.domain(named: owner)?.product(named: name),
                    !policy.decide(.domain(domain), reads: product).isReadable
                {
                    let readers = product.access.readers ?? []
                    problems.append(
                        .error(
                            "domain '\(domain)' may not read \(owner).\(name): its access.readers are \(readers.isEmpty ? "empty" : readers.joined(separator: ", "))",
                            at: reference.location,
                            hint:
                                "ask the owner of \(owner).\(name) to add '\(domain)' to access.readers in \(product.location.file)"
                        ))
                }
            case .unknown:
                break
            }
        }
        return (reads, problems)
    }

    /// Every model analysed with the columns known statically, in parallel on large meshes: each
    /// extra worker starts its own analyzer (one DuckDB parser each) while the first one works, and
    /// each hands its share of the models to DuckDB's parser in one query.
    static func analyzeAll(project: Project, resolver: DependencyResolver, analyzer: SQLAnalyzer) -> [NodeID:
        SQLAnalysis]
    {
        let models = project.domains.flatMap { domain in domain.models.map { (domain.name, $0) } }
        let workers = models.count >= 100 ? min(ProcessInfo.processInfo.activeProcessorCount, 8) : 1
        let results = Mutex<[NodeID: SQLAnalysis]>([:])
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            // An extra parser that cannot start leaves its share to the first (shared, one at a time).
            let mine = worker == 0 ? analyzer : ((try? SQLAnalyzer()) ?? analyzer)
            let indices = Array(stride(from: worker, to: models.count, by: workers))
            let analyses = mine.analyzeAll(
                indices.map { index in
                    let (domain, model) = models[index]
                    return (
                        sql: model.sql, file: model.sqlFile,
                        schemas: staticSchemas(project: project, domain: domain, resolver: resolver)
                    )
                })
            var local: [NodeID: SQLAnalysis] = [:]
            for (index, analysis) in zip(indices, analyses) {
                local[NodeID(.model, models[index].0, models[index].1.name)] = analysis
            }
            results.withLock { $0.merge(local) { first, _ in first } }
        }
        return results.withLock { $0 }
    }

    /// Columns known without building anything: declared source schemas and product contracts.
    static func staticSchemas(project: Project, domain: String, resolver: DependencyResolver) -> SchemaProvider {
        { relation in
            switch resolver.resolve(relation, domain: domain) {
            case .source(let name):
                guard let columns = project.domain(named: domain)?.source(named: name)?.schema?.columns,
                    !columns.isEmpty
                else { return nil }
                return columns.map(\.name)
            case .product(let owner, let name, .none):
                return project.domain(named: owner)?.product(named: name)?.contract.columnNames
            case .product(_, _, _?):
                // A previous major's columns are in the catalog, not in the project files.
                return nil
            case .model, .unknown:
                return nil
            }
        }
    }

    /// `<domain>.<product>__v<N>` names a previous major version still served: lower than the
    /// current major and not retired.
    static func previousVersionProblem(product: Product, major: Int, at location: SourceLocation) -> Diagnostic? {
        let versioned = "\(product.qualifiedName)\(Product.previousMajorSuffix)\(major)"
        if major >= product.version.major {
            return .error(
                "\(versioned) is not a previous version: \(product.qualifiedName) is at \(product.version)",
                at: location, hint: "read the current version as \(product.qualifiedName)")
        }
        if product.retiredVersions.contains(major) {
            return .error(
                "\(versioned) is retired (retired_versions in \(product.location.file))",
                at: location, hint: "read the current version as \(product.qualifiedName)")
        }
        return nil
    }

    /// The parse tree (whitespace, comments and keyword case do not count) and the settings that
    /// change what a build produces (the materialization's fixed text, never Swift's description
    /// of the value, which changes when the code is renamed).
    static func fingerprint(model: Model, analysis: SQLAnalysis) -> String {
        Fingerprint.of(analysis.fingerprint + "\u{1}" + model.materialization.fingerprintText)
    }

    public func info(_ id: NodeID) -> ModelInfo? { models[id] }
}
