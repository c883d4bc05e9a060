import TesseraModel
/// The mesh as one DAG: sources → models → products → other domains' models, across domains.
///
/// Edges point from a node to what it reads (`upstream`). Built by ``MeshAnalysis`` from the
/// project and the SQL of every model; pure data, so selectors and the planner are tested alone.
public struct MeshGraph: Sendable {
    public struct Node: Sendable, Hashable {
        public var id: NodeID
        public var tags: [String]
        /// Nodes this one reads, sorted.
        public var upstream: [NodeID]
    }

    public private(set) var nodes: [NodeID: Node] = [:]
    /// Nodes that read each node, sorted.
    public private(set) var downstream: [NodeID: [NodeID]] = [:]

    public init() {}

    public mutating func add(_ id: NodeID, tags: [String] = []) {
        if nodes[id] == nil { nodes[id] = Node(id: id, tags: tags, upstream: []) }
    }

    /// `node` reads `upstream`. Both must have been added.
    public mutating func connect(_ node: NodeID, reads upstream: NodeID) {
        guard nodes[node] != nil, nodes[upstream] != nil, !(nodes[node]?.upstream.contains(upstream) ?? true) else { return }
        nodes[node]?.upstream.append(upstream)
        nodes[node]?.upstream.sort()
        downstream[upstream, default: []].append(node)
        downstream[upstream]?.sort()
    }

    public var allNodes: [NodeID] { nodes.keys.sorted() }

    public func upstream(of id: NodeID) -> [NodeID] { nodes[id]?.upstream ?? [] }
    public func downstream(of id: NodeID) -> [NodeID] { downstream[id] ?? [] }

    /// Every node `ids` read, directly or not (excluding `ids` themselves unless reached again).
    public func ancestors(of ids: some Sequence<NodeID>) -> Set<NodeID> { closure(from: ids, next: upstream(of:)) }

    /// Every node that reads `ids`, directly or not.
    public func descendants(of ids: some Sequence<NodeID>) -> Set<NodeID> { closure(from: ids, next: downstream(of:)) }

    private func closure(from start: some Sequence<NodeID>, next: (NodeID) -> [NodeID]) -> Set<NodeID> {
        var seen: Set<NodeID> = []
        var stack = Array(start)
        while let id = stack.popLast() {
            for neighbour in next(id) where seen.insert(neighbour).inserted { stack.append(neighbour) }
        }
        return seen
    }

    /// Nodes ordered so that each comes after everything it reads; ties by name, so the order is
    /// stable. Throws the first cycle found.
    public func topologicalOrder() throws(Cycle) -> [NodeID] {
        if let cycle = cycles().first { throw cycle }
        var remaining = Dictionary(uniqueKeysWithValues: nodes.map { ($0.key, $0.value.upstream.count) })
        var ready = remaining.filter { $0.value == 0 }.map(\.key).sorted(by: >)
        var order: [NodeID] = []
        order.reserveCapacity(nodes.count)
        while let id = ready.popLast() {
            order.append(id)
            var released: [NodeID] = []
            for reader in downstream(of: id) {
                remaining[reader, default: 0] -= 1
                if remaining[reader] == 0 { released.append(reader) }
            }
            if !released.isEmpty {
                ready.append(contentsOf: released)
                ready.sort(by: >)
            }
        }
        return order
    }

    /// A dependency cycle: each node reads the next, and the last reads the first.
    public struct Cycle: Error, Sendable, Hashable, CustomStringConvertible {
        public var nodes: [NodeID]
        public var description: String {
            (nodes + nodes.prefix(1)).map(\.displayName).joined(separator: " → ")
        }
    }

    /// Every elementary cycle found by one depth-first search (at most one per strongly connected
    /// part, which is what a user needs to break them), each starting at its smallest node.
    public func cycles() -> [Cycle] {
        enum Mark { case visiting, done }
        var marks: [NodeID: Mark] = [:]
        var path: [NodeID] = []
        var found: [Cycle] = []
        var seenCycles: Set<[NodeID]> = []

        func visit(_ id: NodeID) {
            marks[id] = .visiting
            path.append(id)
            for next in upstream(of: id) {
                switch marks[next] {
                case .visiting?:
                    guard let start = path.lastIndex(of: next) else { continue }
                    var cycle = Array(path[start...])
                    // Written in reading order (a reads b reads … reads a), from the smallest node.
                    if let smallest = cycle.indices.min(by: { cycle[$0] < cycle[$1] }) {
                        cycle = Array(cycle[smallest...] + cycle[..<smallest])
                    }
                    if seenCycles.insert(cycle).inserted { found.append(Cycle(nodes: cycle)) }
                case .done?:
                    continue
                case nil:
                    visit(next)
                }
            }
            path.removeLast()
            marks[id] = .done
        }
        for id in allNodes where marks[id] == nil { visit(id) }
        return found
    }
}
