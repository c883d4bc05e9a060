import TesseraModel

/// `--format json`: the vertices and edges a traversal reached, in one document.
public struct LineageDocument: Sendable, Hashable, Codable {
    public struct Vertex: Sendable, Hashable, Codable {
        /// `product.sales.orders` or, for a column, `product.sales.orders.amount`.
        public var id: String
        /// The node's id (the vertex's own for a table-level vertex).
        public var node: String
        public var kind: String
        public var domain: String
        /// How people write it, as every other document names it: `sales.src.orders.amount`.
        public var name: String
        public var column: String?
        /// Upstream, downstream, or root.
        public var side: String
    }

    public struct Edge: Sendable, Hashable, Codable {
        public var from: String
        public var to: String
        /// A ``LineageKind`` raw value for a column edge; nil at table level.
        public var kind: String?
        /// False for join, filter, group by and the other kinds that do not carry the value.
        public var direct: Bool
        public var crossesDomains: Bool
    }

    public var root: String
    public var level: String
    public var direction: String
    public var depth: Int?
    public var directOnly: Bool
    /// What the name asked for resolved to, when that needs saying (a product and a model of the same name).
    public var note: String?
    public var vertices: [Vertex]
    public var edges: [Edge]
    /// Vertices at the depth limit with more beyond it.
    public var truncated: [String]

    public init(_ result: LineageResult, note: String? = nil) {
        root = result.root.id
        level = result.isColumnLevel ? "column" : "table"
        direction = result.direction.rawValue
        depth = result.depth
        directOnly = result.directOnly
        self.note = note
        let ups = Set(result.upstream.map(\.upstreamVertex)), downs = Set(result.downstream.map(\.downstreamVertex))
        vertices = result.vertices.map { vertex in
            let side =
                vertex == result.root
                ? "root" : (ups.contains(vertex) ? "upstream" : (downs.contains(vertex) ? "downstream" : "root"))
            return Vertex(
                id: vertex.id, node: vertex.node.id, kind: vertex.node.kind.rawValue, domain: vertex.node.domain,
                name: vertex.displayName, column: vertex.column, side: side)
        }
        edges = result.edges.map { edge in
            Edge(
                from: edge.upstreamVertex.id, to: edge.downstreamVertex.id, kind: edge.kind, direct: edge.isDirect,
                crossesDomains: edge.upstream.domain != edge.downstream.domain)
        }
        truncated = result.truncatedUpstream.union(result.truncatedDownstream).map(\.id).sorted()
    }
}
