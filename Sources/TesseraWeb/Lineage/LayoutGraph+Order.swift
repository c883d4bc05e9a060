/// Crossing reduction: barycenter sweeps, keeping the best order seen.
extension LayoutGraph {
    /// Sweeps down (each layer ordered by its upper neighbours' mean position) and up (by its
    /// lower neighbours'), alternately, `sweeps` times; keeps the order with the fewest crossings
    /// and returns that count.
    mutating func reduceCrossings(sweeps: Int) -> Int {
        var best = layers
        var fewest = totalCrossings()
        guard fewest > 0 else { return 0 }
        for sweep in 0..<max(0, sweeps) {
            let downward = sweep % 2 == 0
            let indices = downward ? Array(layers.indices.dropFirst()) : Array(layers.indices.dropLast().reversed())
            for index in indices {
                let neighbours = downward ? up : down
                let fixed = downward ? layers[index - 1] : layers[index + 1]
                layers[index] = Self.ordered(layers[index], by: neighbours, against: fixed)
            }
            let count = totalCrossings()
            if count < fewest {
                fewest = count
                best = layers
                if count == 0 { break }
            }
        }
        layers = best
        return fewest
    }

    /// `nodes` sorted by the mean position of their neighbours in `fixed`; a node without any
    /// keeps its place (its own index stands for its barycenter). Stable.
    static func ordered(_ nodes: [Int], by neighbours: [[Int]], against fixed: [Int]) -> [Int] {
        var position: [Int: Int] = [:]
        position.reserveCapacity(fixed.count)
        for (index, node) in fixed.enumerated() { position[node] = index }
        let keyed = nodes.enumerated().map { index, node -> (Double, Int, Int) in
            let places = neighbours[node].compactMap { position[$0] }
            let center =
                places.isEmpty
                ? Double(index) * Double(max(fixed.count, 1)) / Double(max(nodes.count, 1))
                : Double(places.reduce(0, +)) / Double(places.count)
            return (center, index, node)
        }
        return keyed.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }

    func totalCrossings() -> Int {
        guard layers.count > 1 else { return 0 }
        return (0..<(layers.count - 1)).reduce(0) { $0 + crossings(between: $1) }
    }

    /// Crossings between layer `index` and the next: the edges sorted by their upper end, the
    /// inversions among their lower ends counted with a Fenwick tree (O(E log V)).
    func crossings(between index: Int) -> Int {
        let lower = layers[index + 1]
        var position: [Int: Int] = [:]
        position.reserveCapacity(lower.count)
        for (place, node) in lower.enumerated() { position[node] = place }
        var ends: [Int] = []
        for node in layers[index] {
            let targets = down[node].compactMap { position[$0] }.sorted()
            ends.append(contentsOf: targets)
        }
        var tree = Array(repeating: 0, count: lower.count + 1)
        var count = 0
        for (seen, end) in ends.enumerated() {
            // Edges seen so far whose lower end is right of this one cross it.
            var index = end + 1, atOrLeft = 0
            while index > 0 {
                atOrLeft += tree[index]
                index -= index & -index
            }
            count += seen - atOrLeft
            index = end + 1
            while index < tree.count {
                tree[index] += 1
                index += index & -index
            }
        }
        return count
    }
}
