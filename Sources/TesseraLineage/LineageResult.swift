import TesseraModel

/// What a traversal reached: the edges on each side of the vertex asked about. The renderers
/// draw it; `--format json` prints it.
public struct LineageResult: Sendable, Hashable {
    public var root: LineageVertex
    public var direction: LineageDirection
    /// The limit asked for; nil: none.
    public var depth: Int?
    public var directOnly: Bool
    /// Edges leading to the root, sorted.
    public var upstream: [MeshLineageEdge] = []
    /// Edges leading away from the root, sorted.
    public var downstream: [MeshLineageEdge] = []
    /// Vertices at the depth limit that have more edges beyond it.
    public var truncatedUpstream: Set<LineageVertex> = []
    public var truncatedDownstream: Set<LineageVertex> = []

    public init(root: LineageVertex, direction: LineageDirection, depth: Int?, directOnly: Bool) {
        self.root = root
        self.direction = direction
        self.depth = depth
        self.directOnly = directOnly
    }

    /// Column level when the root is a column.
    public var isColumnLevel: Bool { root.isColumn }

    /// Every edge reached, sorted, each once (a cycle-free mesh never has one on both sides).
    public var edges: [MeshLineageEdge] {
        if downstream.isEmpty { return upstream }
        if upstream.isEmpty { return downstream }
        return Array(Set(upstream + downstream)).sorted()
    }

    /// The root and every vertex reached, sorted.
    public var vertices: [LineageVertex] {
        var all: Set<LineageVertex> = [root]
        for edge in upstream + downstream {
            all.insert(edge.upstreamVertex)
            all.insert(edge.downstreamVertex)
        }
        return all.sorted()
    }

    /// How many distinct nodes were reached upstream (the root's own node excluded).
    public var upstreamNodeCount: Int { Set(upstream.map(\.upstream)).subtracting([root.node]).count }
}
