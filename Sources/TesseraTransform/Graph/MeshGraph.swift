import TesseraModel
/// The mesh as one DAG: sources → models → products → other domains' models, across domains.
///
/// Edges point from a node to what it reads (`upstream`). Built by ``MeshAnalysis`` from the
/// project and the SQL of every model; pure data, so selectors and the planner are tested alone.
///
/// A second kind of edge points from a node to the products its `relationship` checks read
/// (`checked`): those must be published before the node is verified, so they order the DAG and
/// can close a cycle, but they are not data the node is built from — a change in them does not
/// rebuild it, and `+`/`@` selectors follow only the data edges.
public struct MeshGraph: Sendable {
    public struct Node: Sendable, Hashable {
        public var id: NodeID
        public var tags: [String]
        /// Nodes this one reads, sorted.
        public var upstream: [NodeID]
        /// Products its relationship checks read, sorted.
        public var checked: [NodeID] = []
    }

    public private(set) var nodes: [NodeID: Node] = [:]
    /// Nodes that read each node, sorted.
    public private(set) var downstream: [NodeID: [NodeID]] = [:]
    /// Nodes whose relationship checks read each product.
    private var checkedBy: [NodeID: [NodeID]] = [:]

    public init() {}

    public mutating func add(_ id: NodeID, tags: [String] = []) {
        if nodes[id] == nil { nodes[id] = Node(id: id, tags: tags, upstream: []) }
    }

    /// `node` reads `upstream`. Both must have been added.
    public mutating func connect(_ node: NodeID, reads upstream: NodeID) {
        guard nodes[node] != nil, nodes[upstream] != nil, !(nodes[node]?.upstream.contains(upstream) ?? true) else {
            return
        }
        nodes[node]?.upstream.append(upstream)
        nodes[node]?.upstream.sort()
        downstream[upstream, default: []].append(node)
        downstream[upstream]?.sort()
    }

    /// `node`'s relationship checks read `product`. Both must have been added; a node checking
    /// itself is no edge (its checks read the candidate).
    public mutating func connect(_ node: NodeID, checksAgainst product: NodeID) {
        guard node != product, nodes[node] != nil, nodes[product] != nil,
            !(nodes[node]?.checked.contains(product) ?? true)
        else { return }
        nodes[node]?.checked.append(product)
        nodes[node]?.checked.sort()
        checkedBy[product, default: []].append(node)
        checkedBy[product]?.sort()
    }

    public var allNodes: [NodeID] { nodes.keys.sorted() }

    /// Products the relationship checks of `id` read.
    public func checked(by id: NodeID) -> [NodeID] { nodes[id]?.checked ?? [] }

    /// What must be finished before `id` is: what it reads and what its checks read.
    public func prerequisites(of id: NodeID) -> [NodeID] {
        guard let node = nodes[id] else { return [] }
        return node.checked.isEmpty ? node.upstream : Array(Set(node.upstream + node.checked)).sorted()
    }

    /// Nodes that wait for `id`: its readers and the nodes whose checks read it.
    func dependents(of id: NodeID) -> [NodeID] {
        guard let checking = checkedBy[id] else { return downstream(of: id) }
        return Array(Set(downstream(of: id) + checking))
    }

    public func upstream(of id: NodeID) -> [NodeID] { nodes[id]?.upstream ?? [] }
    public func downstream(of id: NodeID) -> [NodeID] { downstream[id] ?? [] }

    /// Every node `ids` read, directly or not (excluding `ids` themselves unless reached again).
    public func ancestors(of ids: some Sequence<NodeID>) -> Set<NodeID> { closure(from: ids, next: upstream(of:)) }

    /// Every node that reads `ids`, directly or not.
    public func descendants(of ids: some Sequence<NodeID>) -> Set<NodeID> { closure(from: ids, next: downstream(of:)) }

    /// The nodes at most `depth` edges upstream of `ids`.
    public func ancestors(of ids: some Sequence<NodeID>, depth: Int) -> Set<NodeID> {
        closure(from: ids, depth: depth, next: upstream(of:))
    }

    /// The nodes at most `depth` edges downstream of `ids`.
    public func descendants(of ids: some Sequence<NodeID>, depth: Int) -> Set<NodeID> {
        closure(from: ids, depth: depth, next: downstream(of:))
    }

    private func closure(from start: some Sequence<NodeID>, depth: Int, next: (NodeID) -> [NodeID]) -> Set<NodeID> {
        var seen: Set<NodeID> = []
        var frontier = Array(start)
        for _ in 0..<max(0, depth) {
            var following: [NodeID] = []
            for id in frontier {
                for neighbour in next(id) where seen.insert(neighbour).inserted { following.append(neighbour) }
            }
            frontier = following
        }
        return seen
    }

    private func closure(from start: some Sequence<NodeID>, next: (NodeID) -> [NodeID]) -> Set<NodeID> {
        var seen: Set<NodeID> = []
        var stack = Array(start)
        while let id = stack.popLast() {
            for neighbour in next(id) where seen.insert(neighbour).inserted { stack.append(neighbour) }
        }
        return seen
    }

    /// Nodes ordered so that each comes after everything it reads and everything its checks read;
    /// ties by name, so the order is stable. Throws the first cycle found.
    public func topologicalOrder() throws(Cycle) -> [NodeID] {
        if let cycle = cycles().first { throw cycle }
        var remaining = Dictionary(uniqueKeysWithValues: nodes.map { ($0.key, prerequisites(of: $0.key).count) })
        var ready = remaining.filter { $0.value == 0 }.map(\.key).sorted(by: >)
        var order: [NodeID] = []
        order.reserveCapacity(nodes.count)
        while let id = ready.popLast() {
            order.append(id)
            var released: [NodeID] = []
            for reader in dependents(of: id) {
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

    /// A dependency cycle: each node reads (or checks against) the next, and the last the first.
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
            for next in prerequisites(of: id) {
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
