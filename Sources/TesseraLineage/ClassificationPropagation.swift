import TesseraModel
import TesseraTransform

/// Classification propagation (governance.pii_propagation): a column derived from a `pii` column
/// is `pii` too, through any number of models and domains, unless a product masks it for the
/// readers outside its domain or declares it `declassified:` with a reason.
///
/// Where pii starts: a source schema column or a product contract column declared
/// `classification: pii`. How it spreads: along the direct column edges only — identity,
/// transformation, aggregation, which carry the value. A join key, a filter, a GROUP BY or an
/// ORDER BY decides which rows there are without copying the value, so `where email like '%@x'`
/// does not make a column pii. Where it stops:
/// - a product column with a mask (`access.masks`), for readers in other domains: they read a
///   hash, a redaction, null or a part, not the value;
/// - a product column with `declassified: <reason>`, for everyone.
///
/// Models declare no classification of their own, so the only place a lower declaration can
/// contradict the data is a product's contract: that is what ``diagnostics(project:edges:)``
/// reports, at the contract column.
public struct ClassificationPropagation: Sendable {
    private let project: Project
    /// Direct column edges by their downstream vertex.
    private let inputs: [LineageVertex: [LineageVertex]]
    private let products: [NodeID: Product]
    private let declaredPII: Set<LineageVertex>

    public init(project: Project, edges: [MeshLineageEdge]) {
        self.project = project
        var inputs: [LineageVertex: [LineageVertex]] = [:]
        for edge in edges where edge.isColumnLevel && edge.isDirect {
            inputs[edge.downstreamVertex, default: []].append(edge.upstreamVertex)
        }
        self.inputs = inputs.mapValues { $0.sorted() }
        var products: [NodeID: Product] = [:]
        var declared: Set<LineageVertex> = []
        for domain in project.domains {
            for source in domain.sources {
                for column in source.schema?.columns ?? [] where column.classification == .pii {
                    declared.insert(LineageVertex(NodeID(.source, domain.name, source.name), column: column.name))
                }
            }
            for product in domain.products {
                let id = NodeID(.product, domain.name, product.name)
                products[id] = product
                for column in product.contract.columns where column.classification == .pii {
                    declared.insert(LineageVertex(id, column: column.name))
                }
            }
        }
        self.products = products
        declaredPII = declared
    }

    /// Every `validate` error of the rule, sorted by location; none when tessera.yaml sets
    /// `governance.pii_propagation: false`.
    public static func diagnostics(project: Project, edges: [MeshLineageEdge]) -> [Diagnostic] {
        guard project.mesh.governance.piiPropagation else { return [] }
        return ClassificationPropagation(project: project, edges: edges).violations()
    }

    /// The same for a mesh analysed by `validate`: its lineage extracted first.
    public static func diagnostics(for mesh: MeshAnalysis) -> [Diagnostic] {
        guard mesh.project.mesh.governance.piiPropagation else { return [] }
        return diagnostics(project: mesh.project, edges: LineageExtractor.edges(from: mesh))
    }

    /// Each product column derived from pii but declared lower, neither masked nor declassified.
    public func violations() -> [Diagnostic] {
        var memo: [LineageVertex: LineageVertex?] = [:]
        var diagnostics: [Diagnostic] = []
        for (id, product) in products.sorted(by: { $0.key < $1.key }) {
            for column in product.contract.columns
            where column.effectiveClassification < .pii && column.declassified == nil {
                guard product.access.mask(for: column.name) == nil else { continue }
                let vertex = LineageVertex(id, column: column.name)
                guard let origin = derivedOrigin(of: vertex, memo: &memo) else { continue }
                let declared =
                    column.classification.map { "is declared \($0.rawValue)" } ?? "has no classification (so internal)"
                let outside = product.access.readers.map { $0.contains { $0 != id.domain } } ?? true
                let pii =
                    outside
                    ? "`classification: pii` with a mask in access.masks for readers outside \(id.domain)"
                    : "`classification: pii`"
                diagnostics.append(
                    .error(
                        "\(vertex.displayName) derives from \(origin.displayName) (pii) but \(declared) (governance.pii_propagation)",
                        at: column.location,
                        hint:
                            "declare it \(pii); or mask it (`access: {masks: {\(column.name): hash}}`); or, if it no longer identifies anyone, "
                            + "add `declassified: \"<why>\"` to the column; or set governance.pii_propagation: false in tessera.yaml"
                    ))
            }
        }
        return diagnostics.sortedByLocation()
    }

    /// The pii column `vertex` carries, as its own readers see it: the earliest declared pii
    /// column upstream (sorted order among several), or itself when it is declared pii and derives
    /// from none. Nil when it is not pii.
    public func piiOrigin(of vertex: LineageVertex) -> LineageVertex? {
        var memo: [LineageVertex: LineageVertex?] = [:]
        return origin(of: vertex, memo: &memo)
    }

    private func origin(of vertex: LineageVertex, memo: inout [LineageVertex: LineageVertex?]) -> LineageVertex? {
        if vertex.node.kind == .product, let column = vertex.column,
            products[vertex.node]?.contract.column(named: column)?.declassified != nil
        {
            return nil
        }
        if let derived = derivedOrigin(of: vertex, memo: &memo) { return derived }
        return declaredPII.contains(vertex) ? vertex : nil
    }

    /// The pii `vertex` derives from through its direct inputs, each seen from `vertex`'s domain.
    private func derivedOrigin(of vertex: LineageVertex, memo: inout [LineageVertex: LineageVertex?]) -> LineageVertex?
    {
        if let known = memo[vertex] { return known }
        memo[vertex] = .some(nil)  // a cycle (reported by validate elsewhere) ends here
        var found: LineageVertex?
        for input in inputs[vertex] ?? [] {
            if input.node.kind == .product, input.node.domain != vertex.node.domain, let column = input.column,
                products[input.node]?.access.mask(for: column) != nil
            {
                continue  // read masked from outside the product's domain
            }
            if let origin = origin(of: input, memo: &memo), found.map({ origin < $0 }) ?? true { found = origin }
        }
        memo[vertex] = .some(found)
        return found
    }
}
