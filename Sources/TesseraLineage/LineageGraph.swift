import TesseraModel

/// The mesh's lineage edges, indexed once for traversal in both directions.
///
/// Vertices are numbered and the edges of each are kept in arrays by number, so a traversal is
/// array walks and one hash lookup for its start: a node with 1,000 upstream nodes and their
/// columns is answered in well under a millisecond once built (W4b, docs/performance.md).
/// Table-level edges connect table-level vertices only, column-level edges column vertices only:
/// starting from a node follows the first, from a column the second.
public struct LineageGraph: Sendable {
    /// The edges as given, and their sorted order without duplicates (positions in `input`):
    /// copying 100,000 edges (five strings each) into a sorted array would cost more than the rest.
    private let input: [MeshLineageEdge]
    private let order: [Int32]
    /// Vertices in sorted order; a vertex's number is its place here.
    private let vertices: [LineageVertex]
    /// Nodes by their number, and each node's vertices: its table vertex and its columns'.
    private let nodeNumbers: [NodeID: Int32]
    private let tableVertex: [Int32]
    private let columnVertices: [[String: Int32]]
    private let edgeUpstream: [Int32]
    private let edgeDownstream: [Int32]
    private let edgeIsDirect: [Bool]
    /// The edges into vertex v are numbers `incomingStart[v]..<incomingStart[v + 1]` (edges are
    /// sorted by downstream vertex); the edges out of it `outgoing[outgoingStart[v]..<outgoingStart[v + 1]]`.
    private let incomingStart: [Int32]
    private let outgoingStart: [Int32]
    private let outgoing: [Int32]

    public init(edges input: [MeshLineageEdge]) {
        // Number the nodes, their columns and the kinds as they come; then number the vertices in
        // sorted order, so an edge's place in the order of MeshLineageEdge (downstream vertex,
        // upstream vertex, kind) is three integers and sorting 100,000 edges compares integers.
        let found = FoundNumbers(input)
        let sorted = SortedVertices(found)
        let edges = SortedEdges(found, ranks: sorted.rank)
        let rows = CompressedRows(edges, vertexCount: sorted.vertices.count)
        self.input = input
        self.order = edges.order
        self.vertices = sorted.vertices
        self.nodeNumbers = found.nodeNumbers
        self.tableVertex = sorted.tableVertex
        self.columnVertices = sorted.columnVertices
        self.edgeUpstream = edges.ups
        self.edgeDownstream = edges.downs
        self.edgeIsDirect = edges.direct
        self.incomingStart = rows.incomingStart
        self.outgoingStart = rows.outgoingStart
        self.outgoing = rows.outgoing
    }

    /// Sorted, without duplicates.
    public var edges: [MeshLineageEdge] { order.map { input[Int($0)] } }

    /// Every node with at least one edge, sorted.
    public var nodes: [NodeID] { nodeNumbers.keys.sorted { LineageVertex($0) < LineageVertex($1) } }

    public func contains(_ vertex: LineageVertex) -> Bool { number(of: vertex) != nil }

    /// The columns of `node` that have column-level edges, sorted.
    public func columns(of node: NodeID) -> [String] {
        guard let number = nodeNumbers[node] else { return [] }
        return columnVertices[Int(number)].keys.sorted()
    }

    private func number(of vertex: LineageVertex) -> Int? {
        guard let node = nodeNumbers[vertex.node] else { return nil }
        if let column = vertex.column { return columnVertices[Int(node)][column].map(Int.init) }
        let table = tableVertex[Int(node)]
        return table >= 0 ? Int(table) : nil
    }

    /// Everything reachable from `start` in `direction`, up to `depth` edges away (nil: no limit).
    /// `directOnly` leaves out the indirect column edges (join, filter, group by, …) and what is
    /// reachable only through them. A vertex without edges gives an empty result, not an error:
    /// a source nobody reads has no downstream.
    public func traverse(
        from start: LineageVertex, direction: LineageDirection, depth: Int? = nil,
        directOnly: Bool = false
    ) -> LineageResult {
        var result = LineageResult(root: start, direction: direction, depth: depth, directOnly: directOnly)
        guard let origin = number(of: start) else { return result }
        if direction.includesUpstream {
            let walk = walk(from: origin, upstream: true, depth: depth, directOnly: directOnly)
            result.upstream = walk.edges
            result.truncatedUpstream = walk.truncated
        }
        if direction.includesDownstream {
            let walk = walk(from: origin, upstream: false, depth: depth, directOnly: directOnly)
            result.downstream = walk.edges
            result.truncatedDownstream = walk.truncated
        }
        return result
    }

    /// The edge numbers into (upstream) or out of a vertex.
    private func adjacent(_ vertex: Int, upstream: Bool) -> ArraySlice<Int32> {
        if upstream {
            // Edges are numbered in sorted order, downstream vertex first: the range is the list.
            return ArraySlice(Int32(incomingStart[vertex])..<Int32(incomingStart[vertex + 1]))
        }
        return outgoing[Int(outgoingStart[vertex])..<Int(outgoingStart[vertex + 1])]
    }

    /// Breadth first, so each vertex is reached at its shortest distance and `depth` cuts evenly.
    private func walk(
        from origin: Int, upstream: Bool, depth: Int?,
        directOnly: Bool
    ) -> (edges: [MeshLineageEdge], truncated: Set<LineageVertex>) {
        let next = upstream ? edgeUpstream : edgeDownstream
        var seen = [Bool](repeating: false, count: vertices.count)
        seen[origin] = true
        var frontier = [origin]
        var reached: [Int32] = []
        var truncated: Set<LineageVertex> = []
        var level = 0
        while !frontier.isEmpty {
            if let depth, level >= depth {
                for vertex in frontier
                where adjacent(vertex, upstream: upstream).contains(where: { !directOnly || edgeIsDirect[Int($0)] }) {
                    truncated.insert(vertices[vertex])
                }
                break
            }
            var following: [Int] = []
            for vertex in frontier {
                for edge in adjacent(vertex, upstream: upstream) {
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
        return (reached.map { input[Int(order[Int($0)])] }, truncated)
    }
}

/// A node's columns while the graph is built. Most nodes have a few dozen columns: comparing the
/// name with each (small strings compare as two machine words) is cheaper than hashing it, which
/// is most of the cost of a build. Wide nodes switch to a dictionary.
private struct ColumnTable {
    private(set) var entries: [(name: String, number: Int32)] = []
    private var index: [String: Int32]?
    private static let linearLimit = 64

    func number(of name: String) -> Int32? {
        if let index { return index[name] }
        for entry in entries where entry.name == name { return entry.number }
        return nil
    }

    mutating func add(_ name: String, _ number: Int32) {
        entries.append((name, number))
        if index != nil {
            index?[name] = number
        } else if entries.count > Self.linearLimit {
            index = Dictionary(entries.map { ($0.name, $0.number) }, uniquingKeysWith: { first, _ in first })
        }
    }
}

/// The first pass over the edges: nodes, columns and kinds numbered as they are met. A node is
/// hashed only when it changes from the edge before (edges come grouped by node pair), a kind only
/// when it changes; columns of a node are short lists, searched before they are hashed.
private struct FoundNumbers {
    var nodeNumbers: [NodeID: Int32] = [:]
    var nodes: [NodeID] = []
    /// Per node: the number its table vertex was found as, or -1; its columns' numbers.
    var tableFound: [Int32] = []
    var columnFound: [ColumnTable] = []
    var count: Int32 = 0
    var kindFound: [String: Int32] = [:]
    /// Each edge as (upstream vertex, downstream vertex, kind), numbered as found; kind -1 is nil.
    var raw: [(up: Int32, down: Int32, kind: Int32)] = []

    init(_ input: [MeshLineageEdge]) {
        var upCache: (id: NodeID, number: Int32)?, downCache: (id: NodeID, number: Int32)?
        var kindCache: (name: String, code: Int32)?
        raw.reserveCapacity(input.count)
        for edge in input {
            var kind: Int32 = -1
            if let name = edge.kind {
                if let kindCache, kindCache.name == name {
                    kind = kindCache.code
                } else {
                    kind = kindFound[name] ?? Int32(kindFound.count)
                    kindFound[name] = kind
                    kindCache = (name, kind)
                }
            }
            let up = vertex(node(edge.upstream, &upCache), edge.upstreamColumn)
            let down = vertex(node(edge.downstream, &downCache), edge.downstreamColumn)
            raw.append((up, down, kind))
        }
    }

    private mutating func node(_ id: NodeID, _ cache: inout (id: NodeID, number: Int32)?) -> Int32 {
        if let cache, cache.id == id { return cache.number }
        let number: Int32
        if let known = nodeNumbers[id] {
            number = known
        } else {
            number = Int32(nodes.count)
            nodeNumbers[id] = number
            nodes.append(id)
            tableFound.append(-1)
            columnFound.append(ColumnTable())
        }
        cache = (id, number)
        return number
    }

    private mutating func vertex(_ node: Int32, _ column: String?) -> Int32 {
        if let column {
            if let known = columnFound[Int(node)].number(of: column) { return known }
            columnFound[Int(node)].add(column, count)
        } else {
            if tableFound[Int(node)] >= 0 { return tableFound[Int(node)] }
            tableFound[Int(node)] = count
        }
        count += 1
        return count - 1
    }
}

/// The vertices in sorted order — nodes sorted (few), then each node's columns (short lists) —
/// and `rank`, each found number's place in that order.
private struct SortedVertices {
    var rank: [Int32]
    var vertices: [LineageVertex] = []
    var tableVertex: [Int32]
    var columnVertices: [[String: Int32]]

    init(_ found: FoundNumbers) {
        rank = [Int32](repeating: 0, count: Int(found.count))
        vertices.reserveCapacity(Int(found.count))
        tableVertex = [Int32](repeating: -1, count: found.nodes.count)
        columnVertices = [[String: Int32]](repeating: [:], count: found.nodes.count)
        let nodes = found.nodes
        for number in nodes.indices.sorted(by: { LineageVertex(nodes[$0]) < LineageVertex(nodes[$1]) }) {
            let id = nodes[number]
            if found.tableFound[number] >= 0 {
                rank[Int(found.tableFound[number])] = Int32(vertices.count)
                tableVertex[number] = Int32(vertices.count)
                vertices.append(LineageVertex(id))
            }
            for (column, first) in found.columnFound[number].entries.sorted(by: { $0.name < $1.name }) {
                rank[Int(first)] = Int32(vertices.count)
                columnVertices[number][column] = Int32(vertices.count)
                vertices.append(LineageVertex(id, column: column))
            }
        }
    }
}

/// The edges sorted as MeshLineageEdge orders them, duplicates dropped: for each, its position in
/// the input, its vertices and whether it is direct.
private struct SortedEdges {
    var order: [Int32] = []
    var ups: [Int32] = []
    var downs: [Int32] = []
    var direct: [Bool] = []

    init(_ found: FoundNumbers, ranks rank: [Int32]) {
        // Kinds by name, nil (-1) first, as MeshLineageEdge orders them.
        let kindNames = found.kindFound.keys.sorted()
        var kindRank = [Int32](repeating: 0, count: kindNames.count)
        for (position, name) in kindNames.enumerated() { kindRank[Int(found.kindFound[name] ?? 0)] = Int32(position) }
        let directKinds = kindNames.map(MeshLineageEdge.isDirect(kind:))
        typealias Key = (down: Int32, up: Int32, kind: Int32, source: Int)
        var keys: [Key] = []
        keys.reserveCapacity(found.raw.count)
        for (position, edge) in found.raw.enumerated() {
            keys.append(
                (rank[Int(edge.down)], rank[Int(edge.up)], edge.kind < 0 ? -1 : kindRank[Int(edge.kind)], position))
        }
        keys.sort { ($0.down, $0.up, $0.kind) < ($1.down, $1.up, $1.kind) }
        order.reserveCapacity(keys.count)
        ups.reserveCapacity(keys.count)
        downs.reserveCapacity(keys.count)
        direct.reserveCapacity(keys.count)
        var previous: Key?
        for key in keys {
            if let previous, (previous.down, previous.up, previous.kind) == (key.down, key.up, key.kind) { continue }
            previous = key
            order.append(Int32(key.source))
            ups.append(key.up)
            downs.append(key.down)
            direct.append(key.kind < 0 || directKinds[Int(key.kind)])
        }
    }
}

/// Compressed rows: one offset per vertex instead of an array per vertex. The edges into vertex
/// v are `incomingStart[v]..<incomingStart[v + 1]` (edges are sorted by downstream vertex); the
/// edges out of it are `outgoing[outgoingStart[v]..<outgoingStart[v + 1]]`.
private struct CompressedRows {
    var incomingStart: [Int32]
    var outgoingStart: [Int32]
    var outgoing: [Int32]

    init(_ edges: SortedEdges, vertexCount: Int) {
        incomingStart = [Int32](repeating: 0, count: vertexCount + 1)
        outgoingStart = [Int32](repeating: 0, count: vertexCount + 1)
        for position in edges.order.indices {
            incomingStart[Int(edges.downs[position]) + 1] += 1
            outgoingStart[Int(edges.ups[position]) + 1] += 1
        }
        for v in 0..<vertexCount {
            incomingStart[v + 1] += incomingStart[v]
            outgoingStart[v + 1] += outgoingStart[v]
        }
        outgoing = [Int32](repeating: 0, count: edges.order.count)
        var fill = outgoingStart
        for position in edges.order.indices {
            let up = Int(edges.ups[position])
            outgoing[Int(fill[up])] = Int32(position)
            fill[up] += 1
        }
    }
}
