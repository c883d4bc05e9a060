import TesseraModel

/// The mesh's lineage edges, indexed once for traversal in both directions.
///
/// Vertices are numbered and the edges of each are kept in arrays by number, so a traversal is
/// array walks and one hash lookup for its start: a node with 1,000 upstream nodes and their
/// columns is answered in well under a millisecond once built (W4b, docs/performance.md).
/// Table-level edges connect table-level vertices only, column-level edges column vertices only:
/// starting from a node follows the first, from a column the second.
public struct LineageGraph: Sendable {
    /// Sorted, without duplicates.
    public let edges: [MeshLineageEdge]
    private let vertices: [LineageVertex]
    private let index: [LineageVertex: Int]
    private let edgeUpstream: [Int32]
    private let edgeDownstream: [Int32]
    private let edgeIsDirect: [Bool]
    /// Edge numbers by their downstream vertex (what a vertex is built from), and by upstream.
    private let incoming: [[Int32]]
    private let outgoing: [[Int32]]

    public init(edges input: [MeshLineageEdge]) {
        // Number the vertices as they come, then sort them once: an edge's place in the order of
        // MeshLineageEdge (downstream vertex, upstream vertex, kind) is then three integers, and
        // sorting 100,000 edges compares integers, not names.
        var index: [LineageVertex: Int] = [:]
        index.reserveCapacity(input.count)
        var found: [LineageVertex] = []
        func number(_ vertex: LineageVertex) -> Int32 {
            if let known = index[vertex] { return Int32(known) }
            index[vertex] = found.count
            found.append(vertex)
            return Int32(found.count - 1)
        }
        let raw = input.map { edge in (up: number(edge.upstreamVertex), down: number(edge.downstreamVertex)) }
        // Kinds by name, nil (-1) first, as MeshLineageEdge orders them.
        let kindNames = Set(input.compactMap(\.kind)).sorted()
        var kindCodes: [String: Int32] = [:]
        for (position, kind) in kindNames.enumerated() { kindCodes[kind] = Int32(position) }
        let directKinds = kindNames.map(MeshLineageEdge.isDirect(kind:))
        let order = found.indices.sorted { found[$0] < found[$1] }
        var rank = [Int32](repeating: 0, count: found.count)
        for (position, vertex) in order.enumerated() { rank[vertex] = Int32(position) }
        let vertices = order.map { found[$0] }
        for (position, vertex) in vertices.enumerated() { index[vertex] = position }

        typealias Key = (down: Int32, up: Int32, kind: Int32, source: Int)
        var keys: [Key] = raw.enumerated().map { position, edge in
            (rank[Int(edge.down)], rank[Int(edge.up)], input[position].kind.flatMap { kindCodes[$0] } ?? -1, position)
        }
        keys.sort { ($0.down, $0.up, $0.kind) < ($1.down, $1.up, $1.kind) }
        var sorted: [MeshLineageEdge] = [], ups: [Int32] = [], downs: [Int32] = [], direct: [Bool] = []
        sorted.reserveCapacity(keys.count)
        ups.reserveCapacity(keys.count)
        downs.reserveCapacity(keys.count)
        var previous: Key?
        for key in keys {
            if let previous, (previous.down, previous.up, previous.kind) == (key.down, key.up, key.kind) { continue }
            previous = key
            sorted.append(input[key.source])
            ups.append(key.up)
            downs.append(key.down)
            direct.append(key.kind < 0 || directKinds[Int(key.kind)])
        }
        var incoming = [[Int32]](repeating: [], count: vertices.count)
        var outgoing = [[Int32]](repeating: [], count: vertices.count)
        for position in sorted.indices {
            incoming[Int(downs[position])].append(Int32(position))
            outgoing[Int(ups[position])].append(Int32(position))
        }
        self.edges = sorted
        self.vertices = vertices
        self.index = index
        self.edgeUpstream = ups
        self.edgeDownstream = downs
        self.edgeIsDirect = direct
        self.incoming = incoming
        self.outgoing = outgoing
    }

    /// Every node with at least one edge, sorted.
    public var nodes: [NodeID] { Array(Set(vertices.map(\.node))).sorted() }

    public func contains(_ vertex: LineageVertex) -> Bool { index[vertex] != nil }

    /// The columns of `node` that have column-level edges, sorted.
    public func columns(of node: NodeID) -> [String] {
        vertices.lazy.filter { $0.node == node }.compactMap(\.column).sorted()
    }

    /// Everything reachable from `start` in `direction`, up to `depth` edges away (nil: no limit).
    /// `directOnly` leaves out the indirect column edges (join, filter, group by, …) and what is
    /// reachable only through them. A vertex without edges gives an empty result, not an error:
    /// a source nobody reads has no downstream.
    public func traverse(from start: LineageVertex, direction: LineageDirection, depth: Int? = nil,
                         directOnly: Bool = false) -> LineageResult {
        var result = LineageResult(root: start, direction: direction, depth: depth, directOnly: directOnly)
        guard let origin = index[start] else { return result }
        if direction.includesUpstream {
            let walk = walk(from: origin, adjacency: incoming, next: edgeUpstream, depth: depth, directOnly: directOnly)
            result.upstream = walk.edges
            result.truncatedUpstream = walk.truncated
        }
        if direction.includesDownstream {
            let walk = walk(from: origin, adjacency: outgoing, next: edgeDownstream, depth: depth, directOnly: directOnly)
            result.downstream = walk.edges
            result.truncatedDownstream = walk.truncated
        }
        return result
    }

    /// Breadth first, so each vertex is reached at its shortest distance and `depth` cuts evenly.
    private func walk(from origin: Int, adjacency: [[Int32]], next: [Int32], depth: Int?,
                      directOnly: Bool) -> (edges: [MeshLineageEdge], truncated: Set<LineageVertex>) {
        var seen = [Bool](repeating: false, count: vertices.count)
        seen[origin] = true
        var frontier = [origin]
        var reached: [Int32] = []
        var truncated: Set<LineageVertex> = []
        var level = 0
        while !frontier.isEmpty {
            if let depth, level >= depth {
                for vertex in frontier where adjacency[vertex].contains(where: { !directOnly || edgeIsDirect[Int($0)] }) {
                    truncated.insert(vertices[vertex])
                }
                break
            }
            var following: [Int] = []
            for vertex in frontier {
                for edge in adjacency[vertex] {
                    if directOnly, !edgeIsDirect[Int(edge)] { continue }
                    reached.append(edge)
                    let other = Int(next[Int(edge)])
                    if !seen[other] {
                        seen[other] = true
                        following.append(other)
                    }
                }
            }
            frontier = following
            level += 1
        }
        reached.sort()
        return (reached.map { edges[Int($0)] }, truncated)
    }
}
