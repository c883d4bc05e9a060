import TesseraModel
import TesseraSQL
import TesseraTransform

/// The mesh's lineage as edges, from what `validate` already knows: every model's analysed SQL
/// (its reads and its output columns' lineage) and every product's input.
///
/// Table level: source → model, model → model, product → model of another domain (what each
/// model's SQL reads), and model or source → product (what a product publishes). Column level:
/// every input column of every model output column, with its ``LineageKind``, and for a product
/// each contract column from its input's column of the same name (identity: publishing verifies
/// that the product's columns are exactly its input's).
public enum LineageExtractor {
    /// Sorted and without duplicates, so the same project always gives the same edges.
    public static func edges(from mesh: MeshAnalysis) -> [MeshLineageEdge] {
        let project = mesh.project
        let resolver = DependencyResolver(
            sources: Dictionary(project.domains.map { ($0.name, $0.sources.map(\.name)) }, uniquingKeysWith: +),
            models: Dictionary(project.domains.map { ($0.name, $0.models.map(\.name)) }, uniquingKeysWith: +),
            products: Dictionary(project.domains.map { ($0.name, $0.products.map(\.name)) }, uniquingKeysWith: +)
        )
        let columns = ColumnNames(mesh: mesh)
        var edges: Set<MeshLineageEdge> = []

        for (id, info) in mesh.models {
            for upstream in info.reads { edges.insert(MeshLineageEdge(upstream: upstream, downstream: id)) }
            for output in info.analysis.outputColumns where !output.isUnresolvedStar {
                for edge in output.lineage {
                    guard let upstream = node(for: edge.input.relation, domain: id.domain, resolver: resolver),
                        upstream != id
                    else { continue }
                    edges.insert(
                        MeshLineageEdge(
                            upstream: upstream, upstreamColumn: columns.canonical(edge.input.column, of: upstream),
                            downstream: id, downstreamColumn: output.name, kind: edge.kind.rawValue))
                }
            }
        }

        for domain in project.domains {
            for product in domain.products {
                let id = NodeID(.product, domain.name, product.name)
                let input: NodeID =
                    switch product.input {
                    case .model(let name): NodeID(.model, domain.name, name)
                    case .source(let name): NodeID(.source, domain.name, name)
                    }
                edges.insert(MeshLineageEdge(upstream: input, downstream: id))
                for column in product.contract.columns {
                    edges.insert(
                        MeshLineageEdge(
                            upstream: input, upstreamColumn: columns.canonical(column.name, of: input),
                            downstream: id, downstreamColumn: column.name, kind: LineageKind.identity.rawValue))
                }
            }
        }
        return edges.sorted()
    }

    /// The node a relation of a model's SQL names; nil for `@this` and for names that resolve to
    /// nothing (already reported by validate).
    static func node(for relation: RelationName, domain: String, resolver: DependencyResolver) -> NodeID? {
        switch resolver.resolve(relation, domain: domain) {
        case .source(let name): NodeID(.source, domain, name)
        case .model(let name): NodeID(.model, domain, name)
        case .product(let owner, let name, _): NodeID(.product, owner, name)
        case .unknown: nil
        }
    }
}

/// The declared spelling of every column known without building anything, so that `SELECT Amount`
/// and a contract's `amount` meet at one vertex (DuckDB matches column names without case).
struct ColumnNames {
    private var byNode: [NodeID: [String: String]] = [:]

    init(mesh: MeshAnalysis) {
        for domain in mesh.project.domains {
            for source in domain.sources {
                add(source.schema?.columns.map(\.name) ?? [], to: NodeID(.source, domain.name, source.name))
            }
            for product in domain.products {
                add(product.contract.columnNames, to: NodeID(.product, domain.name, product.name))
            }
        }
        for (id, info) in mesh.models {
            add(info.analysis.outputColumns.filter { !$0.isUnresolvedStar }.map(\.name), to: id)
        }
    }

    private mutating func add(_ names: [String], to node: NodeID) {
        var lowered = byNode[node] ?? [:]
        for name in names where lowered[name.lowercased()] == nil { lowered[name.lowercased()] = name }
        byNode[node] = lowered
    }

    func canonical(_ column: String, of node: NodeID) -> String {
        byNode[node]?[column.lowercased()] ?? column
    }
}
