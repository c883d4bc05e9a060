import TesseraModel
import TesseraSQL

/// Who reads which columns of a data product: the consumers a contract change would break.
///
/// Column-level, through each model's lineage: a model that reads only other columns of the
/// product is not a consumer of a removed column; a `*` over the product reads every column.
/// Direct readers are models of other domains (the owning domain changes its own models with its
/// contract); from them the search follows the DAG to every model and product, of any domain,
/// whose columns derive from what was read.
public struct ProductConsumers {
    public let analysis: MeshAnalysis
    private let analyzer: SQLAnalyzer
    private let resolver: DependencyResolver

    /// `analyzer` re-reads the SQL of direct readers with the product's columns unknown, so a `*`
    /// stays a `*` and a column the current contract no longer has is still seen being read.
    public init(analysis: MeshAnalysis, analyzer: SQLAnalyzer) {
        self.analysis = analysis
        self.analyzer = analyzer
        let project = analysis.project
        resolver = DependencyResolver(
            sources: Dictionary(project.domains.map { ($0.name, $0.sources.map(\.name)) }, uniquingKeysWith: +),
            models: Dictionary(project.domains.map { ($0.name, $0.models.map(\.name)) }, uniquingKeysWith: +),
            products: Dictionary(project.domains.map { ($0.name, $0.products.map(\.name)) }, uniquingKeysWith: +)
        )
    }

    public init(analysis: MeshAnalysis) throws {
        self.init(analysis: analysis, analyzer: try SQLAnalyzer())
    }

    /// The consumers of `columns` (nil: every column) of `product`, written `domain.product`,
    /// sorted by domain and name. Empty for an unknown product.
    public func consumers(of product: String, columns: Set<String>? = nil) -> [ProductConsumer] {
        let parts = product.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return [] }
        return consumers(of: NodeID(.product, parts[0], parts[1]), columns: columns)
    }

    public func consumers(of start: NodeID, columns: Set<String>? = nil) -> [ProductConsumer] {
        guard start.kind == .product, analysis.graph.nodes[start] != nil else { return [] }
        var found: [NodeID: ProductConsumer] = [:]
        /// What of each node is affected; nil: every column.
        var affected: [NodeID: Set<String>?] = [start: columns.map { Set($0.map { $0.lowercased() }) }]
        var queue = [start]
        while let node = queue.popLast() {
            guard let reach = affected[node] else { continue }
            for reader in analysis.graph.downstream(of: node) {
                guard let consumer = consumer(reader, readingFrom: node, columns: reach, start: start) else { continue }
                let merged: ProductConsumer
                if let previous = found[reader] {
                    var union = previous
                    union.columns = Array(Set(previous.columns + consumer.columns)).sorted()
                    union.derivedColumns = Array(Set(previous.derivedColumns + consumer.derivedColumns)).sorted()
                    union.readsAllColumns = previous.readsAllColumns || consumer.readsAllColumns
                    merged = union
                } else {
                    merged = consumer
                }
                found[reader] = merged
                let grown = Set(merged.derivedColumns.map { $0.lowercased() })
                // Reached before with at least these columns: nothing new to follow.
                if let existing = affected[reader], existing.map({ grown.isSubset(of: $0) }) ?? true { continue }
                affected[reader] = grown
                queue.append(reader)
            }
        }
        return found.values.sorted()
    }

    /// What `reader` reads of `node`'s `columns`; nil when it reads none of them.
    private func consumer(_ reader: NodeID, readingFrom node: NodeID, columns: Set<String>?, start: NodeID)
        -> ProductConsumer?
    {
        switch reader.kind {
        case .source, .dashboard: nil
        case .product: productConsumer(reader, readingFrom: node, columns: columns)
        case .model: modelConsumer(reader, readingFrom: node, columns: columns, start: start)
        }
    }

    /// A product publishes its model's columns unchanged: it reads those of `columns` the model has.
    private func productConsumer(_ reader: NodeID, readingFrom node: NodeID, columns: Set<String>?)
        -> ProductConsumer?
    {
        guard let product = analysis.project.domain(named: reader.domain)?.product(named: reader.name) else {
            return nil
        }
        let names: [String]
        if let columns {
            let outputs = analysis.models[node]?.analysis.outputColumns.map(\.name) ?? product.contract.columnNames
            names = outputs.filter { columns.contains($0.lowercased()) }
        } else {
            names = analysis.models[node]?.analysis.outputColumns.map(\.name) ?? product.contract.columnNames
        }
        guard !names.isEmpty else { return nil }
        return ProductConsumer(
            node: reader, file: product.location.file, readsFrom: node,
            columns: names.sorted(), derivedColumns: names.sorted(), readsAllColumns: false)
    }

    /// The columns a model reads of `node`, found through its column lineage, and its own columns
    /// derived from them.
    private func modelConsumer(_ reader: NodeID, readingFrom node: NodeID, columns: Set<String>?, start: NodeID)
        -> ProductConsumer?
    {
        // The owning domain's models are changed with the contract, in the same commit.
        if node == start && reader.domain == start.domain { return nil }
        guard let info = analysis.models[reader] else { return nil }
        let outputs = node == start ? reanalysed(info, hiding: start) : info.analysis.outputColumns
        var read: Set<String> = []
        var derived: [String] = []
        var star = false
        for output in outputs {
            var uses = false
            for edge in output.lineage where resolves(edge.input.relation, in: reader.domain, to: node) {
                let column = edge.input.column
                if column == "*" {
                    star = true
                    uses = true
                } else if columns?.contains(column.lowercased()) ?? true {
                    read.insert(column)
                    uses = true
                }
            }
            // A `*` whose columns are unknown stands for every column of what it covers.
            if output.isUnresolvedStar,
                output.lineage.isEmpty
                    || output.lineage.contains(where: { resolves($0.input.relation, in: reader.domain, to: node) })
            {
                star = true
                uses = true
            }
            // A name the analysis could not place may be one of these columns.
            for name in output.unresolvedReferences where columns?.contains(name.lowercased()) ?? true {
                read.insert(name)
                uses = true
            }
            if uses { derived.append(output.name) }
        }
        if star { read.formUnion(columns ?? []) }
        guard !derived.isEmpty else { return nil }
        return ProductConsumer(
            node: reader, file: info.model.sqlFile, readsFrom: node, columns: read.sorted(),
            derivedColumns: derived.sorted(), readsAllColumns: star)
    }

    /// Whether `relation`, as written in the SQL of a model of `domain`, is `node` (a previous
    /// major, `__v<N>`, is not: it keeps its own contract).
    private func resolves(_ relation: RelationName, in domain: String, to node: NodeID) -> Bool {
        switch resolver.resolve(relation, domain: domain) {
        case .model(let name): NodeID(.model, domain, name) == node
        case .product(let owner, let name, .none): NodeID(.product, owner, name) == node
        case .source(let name): NodeID(.source, domain, name) == node
        case .product, .unknown: false
        }
    }

    /// The model's columns analysed again with `product`'s columns unknown.
    private func reanalysed(_ info: MeshAnalysis.ModelInfo, hiding product: NodeID) -> [OutputColumn] {
        let domain = info.model.domain
        let base = MeshAnalysis.staticSchemas(project: analysis.project, domain: domain, resolver: resolver)
        let models = analysis.models
        let resolver = resolver
        let schemas: SchemaProvider = { relation in
            switch resolver.resolve(relation, domain: domain) {
            case .product(let owner, let name, .none) where NodeID(.product, owner, name) == product:
                return nil
            case .model(let name):
                guard let upstream = models[NodeID(.model, domain, name)], upstream.analysis.columnsAreComplete else {
                    return nil
                }
                return upstream.analysis.outputColumns.map(\.name)
            default:
                return base(relation)
            }
        }
        let again = analyzer.analyze(sql: info.model.sql, file: info.model.sqlFile, schemas: schemas)
        return again.outputColumns.isEmpty ? info.analysis.outputColumns : again.outputColumns
    }
}
