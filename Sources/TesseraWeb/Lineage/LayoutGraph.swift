/// The working state of `LayeredLayout`: real nodes first (0..<realCount), dummies after, each
/// with its layer and neighbours in the adjacent layers.
struct LayoutGraph {
    let names: [String]
    let realCount: Int
    /// Original edges between distinct known nodes, deduplicated, as indices.
    var edges: [(from: Int, to: Int)] = []
    /// Edges that would close a cycle: drawn, but not layered.
    var backEdges: Set<Int> = []
    var layer: [Int]
    /// Per node, its neighbours one layer up (left) and down (right), once dummies are in.
    var up: [[Int]]
    var down: [[Int]]
    /// Per original edge, the dummies it passes through, left to right.
    var chains: [[Int]] = []
    /// Per layer, its nodes in order.
    var layers: [[Int]] = []

    init(names: [String], edges pairs: [(from: String, to: String)]) {
        var index: [String: Int] = [:]
        var unique: [String] = []
        for name in names where index[name] == nil {
            index[name] = unique.count
            unique.append(name)
        }
        self.names = unique
        realCount = unique.count
        layer = Array(repeating: 0, count: unique.count)
        up = Array(repeating: [], count: unique.count)
        down = Array(repeating: [], count: unique.count)
        var seen = Set<[Int]>()
        for pair in pairs {
            guard let from = index[pair.from], let to = index[pair.to], from != to, seen.insert([from, to]).inserted
            else { continue }
            edges.append((from, to))
        }
    }

    /// Longest-path layering over a topological order (Kahn's; a cycle is broken at the node with
    /// the fewest unplaced predecessors), then sources pulled next to their nearest consumer.
    mutating func assignLayers() {
        let count = realCount
        var successors = Array(repeating: [Int](), count: count), predecessors = successors
        for (number, edge) in edges.enumerated() {
            successors[edge.from].append(number)
            predecessors[edge.to].append(number)
        }
        var remaining = predecessors.map(\.count)
        var placed = Array(repeating: false, count: count)
        var ready = (0..<count).filter { remaining[$0] == 0 }.reversed().map { $0 }
        var order: [Int] = []
        order.reserveCapacity(count)
        while order.count < count {
            if ready.isEmpty, let stuck = (0..<count).filter({ !placed[$0] }).min(by: { remaining[$0] < remaining[$1] })
            {
                ready.append(stuck)
            }
            let node = ready.removeLast()
            guard !placed[node] else { continue }
            placed[node] = true
            order.append(node)
            for number in successors[node] {
                let next = edges[number].to
                if placed[next] { continue }
                remaining[next] -= 1
                if remaining[next] == 0 { ready.append(next) }
            }
        }
        var position = Array(repeating: 0, count: count)
        for (rank, node) in order.enumerated() { position[node] = rank }
        for (number, edge) in edges.enumerated() where position[edge.from] > position[edge.to] {
            backEdges.insert(number)
        }
        for node in order {
            for number in predecessors[node] where !backEdges.contains(number) {
                layer[node] = max(layer[node], layer[edges[number].from] + 1)
            }
        }
        for node in order.reversed() where predecessors[node].allSatisfy({ backEdges.contains($0) }) {
            let next = successors[node].filter { !backEdges.contains($0) }.map { layer[edges[$0].to] }.min()
            if let next { layer[node] = max(layer[node], next - 1) }
        }
        // Order within layers starts as the topological order: related nodes begin close.
        let depth = (layer.max() ?? 0) + 1
        layers = Array(repeating: [], count: depth)
        for node in order { layers[layer[node]].append(node) }
    }

    /// One dummy per layer an edge skips; `up`/`down` link each step.
    mutating func insertDummies() {
        chains = Array(repeating: [], count: edges.count)
        for (number, edge) in edges.enumerated() where !backEdges.contains(number) {
            var previous = edge.from
            for step in (layer[edge.from] + 1)..<max(layer[edge.to], layer[edge.from] + 1) {
                let dummy = layer.count
                layer.append(step)
                up.append([previous])
                down.append([])
                down[previous].append(dummy)
                layers[step].append(dummy)
                chains[number].append(dummy)
                previous = dummy
            }
            down[previous].append(edge.to)
            up[edge.to].append(previous)
        }
    }
}
