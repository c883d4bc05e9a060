import TesseraModel

/// The column edges a product adds by itself: each contract column is its input's column of the
/// same name (publishing projects and casts, it computes nothing). The lineage extractor
/// (TesseraLineage) yields these and every model's edges; until the runtime takes edges from it,
/// these are what OpenLineage's `columnLineage` facet carries.
enum ProductColumnLineage {
    static func edges(_ project: Project) -> [MeshLineageEdge] {
        project.domains.flatMap(\.products).flatMap { product -> [MeshLineageEdge] in
            let input = switch product.input {
            case .model(let name): NodeID(.model, product.domain, name)
            case .source(let name): NodeID(.source, product.domain, name)
            }
            let output = NodeID(.product, product.domain, product.name)
            return product.contract.columns.map {
                MeshLineageEdge(upstream: input, upstreamColumn: $0.name, downstream: output, downstreamColumn: $0.name,
                                kind: "identity")
            }
        }
    }
}
