/// Coordinates and routes, once the order is fixed.
extension LayoutGraph {
    struct Placement {
        var nodes: [LayeredLayout.Node]
        var routes: [LayeredLayout.Route]
        var width: Double
        var height: Double
    }

    /// Each layer a column `nodeWidth + layerGap` apart; in a column, real nodes take
    /// `nodeHeight + nodeGap`, dummies `nodeGap`; each column centred on the tallest, or at the top.
    func coordinates(_ options: LayeredLayout.Options) -> Placement {
        var top = Array(repeating: 0.0, count: layer.count)
        var order = Array(repeating: 0, count: layer.count)
        var columnHeights: [Double] = []
        for nodes in layers {
            var y = 0.0
            for (place, node) in nodes.enumerated() {
                top[node] = y
                order[node] = place
                y += node < realCount ? options.nodeHeight + options.nodeGap : options.nodeGap
            }
            columnHeights.append(max(0, y - options.nodeGap))
        }
        let tallest = columnHeights.max() ?? 0
        for (index, nodes) in layers.enumerated() {
            let centring = options.alignment == .center ? (tallest - columnHeights[index]) / 2 : 0
            let shift = centring + options.margin
            for node in nodes { top[node] += shift }
        }
        let x = { (node: Int) in options.margin + Double(layer[node]) * (options.nodeWidth + options.layerGap) }
        let nodes = (0..<realCount).map {
            LayeredLayout.Node(id: names[$0], layer: layer[$0], order: order[$0], x: x($0), y: top[$0])
        }
        let middle = options.nodeHeight / 2
        let routes = edges.enumerated().map { number, edge in
            var points = [LayeredLayout.Point(x: x(edge.from) + options.nodeWidth, y: top[edge.from] + middle)]
            // A dummy's slot is only a gap high: its line runs through the middle of the gap.
            for dummy in chains[number] {
                points.append(.init(x: x(dummy), y: top[dummy] + options.nodeGap / 2))
                points.append(.init(x: x(dummy) + options.nodeWidth, y: top[dummy] + options.nodeGap / 2))
            }
            points.append(.init(x: x(edge.to), y: top[edge.to] + middle))
            return LayeredLayout.Route(from: names[edge.from], to: names[edge.to], points: points)
        }
        let columns = Double(layers.count)
        return Placement(
            nodes: nodes, routes: routes,
            width: 2 * options.margin + columns * options.nodeWidth + max(0, columns - 1) * options.layerGap,
            height: 2 * options.margin + tallest)
    }
}
