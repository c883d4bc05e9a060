import TesseraModel
import TesseraSQL

/// Dashboards in the mesh's lineage: each dashboard a node downstream of every product its charts
/// and category parameters read, and each chart field (`<chart key>.<column>`) a column fed by
/// the product columns its SQL derives it from, with the kind a model's column would have. A
/// parameter's values (`@name`) are fed by what its query reads.
enum DashboardLineage {
    /// Sorted and without duplicates, as `LineageExtractor`'s.
    static func edges(project: Project, analyzer: SQLAnalyzer) -> [MeshLineageEdge] {
        let reads = DashboardReads(project: project, analyzer: analyzer)
        var edges: Set<MeshLineageEdge> = []
        for part in reads.parts() {
            let dashboard = NodeID(.dashboard, part.dashboard.domain, part.dashboard.name)
            for product in part.products.values {
                edges.insert(MeshLineageEdge(upstream: product, downstream: dashboard))
            }
            for output in part.outputs where !output.isUnresolvedStar {
                let field = part.isParameter ? part.key : "\(part.key).\(output.name)"
                for edge in output.lineage {
                    guard let product = part.products[edge.input.relation] ?? reads.product(edge.input.relation) else {
                        continue
                    }
                    edges.insert(
                        MeshLineageEdge(
                            upstream: product, upstreamColumn: canonical(edge.input.column, of: product, in: project),
                            downstream: dashboard, downstreamColumn: field, kind: edge.kind.rawValue))
                }
            }
        }
        return edges.sorted()
    }

    /// The contract's spelling of a column, so `SUM(Amount)` meets the product's `amount`.
    private static func canonical(_ column: String, of product: NodeID, in project: Project) -> String {
        let names = project.domain(named: product.domain)?.product(named: product.name)?.contract.columnNames ?? []
        return names.first { $0.lowercased() == column.lowercased() } ?? column
    }
}
