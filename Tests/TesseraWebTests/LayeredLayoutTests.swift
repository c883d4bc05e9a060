import Testing
@testable import TesseraWeb

/// The lineage page's layout: every edge points to a later layer, no two nodes overlap, crossings
/// that a better order removes are removed, long edges are routed through every layer they skip,
/// cycles and unknown names do not break it, and a 2,000-node mesh is laid out (its speed is
/// measured in Benchmarks/, not here).
@Suite struct LayeredLayoutTests {
    func overlaps(_ layout: LayeredLayout) -> [(String, String)] {
        let options = layout.options
        var found: [(String, String)] = []
        let byLayer = Dictionary(grouping: layout.nodes, by: \.layer)
        for (_, column) in byLayer {
            let sorted = column.sorted { $0.y < $1.y }
            for (upper, lower) in zip(sorted, sorted.dropFirst()) where upper.y + options.nodeHeight > lower.y {
                found.append((upper.id, lower.id))
            }
        }
        let xs = Dictionary(grouping: layout.nodes, by: \.layer).mapValues { Set($0.map(\.x)) }
        for (layer, values) in xs where values.count != 1 { found.append(("layer \(layer)", "\(values)")) }
        return found
    }

    @Test func edgesPointRightAndNothingOverlaps() throws {
        let edges: [(from: String, to: String)] = [
            ("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("x", "d"), ("a", "d"),
        ]
        let layout = LayeredLayout(nodes: ["a", "b", "c", "d", "x"], edges: edges)
        for edge in edges {
            let from = try #require(layout.node(edge.from)), to = try #require(layout.node(edge.to))
            #expect(from.layer < to.layer, "\(edge)")
            #expect(from.x + layout.options.nodeWidth < to.x)
        }
        // `x` reads nothing: it sits next to its consumer, not at the far left.
        #expect(layout.node("x")?.layer == layout.node("d").map { $0.layer - 1 })
        #expect(overlaps(layout).isEmpty, "\(overlaps(layout))")
        #expect(layout.width > 0 && layout.height > 0)
        // a → d skips two layers: its route passes each of them.
        let long = try #require(layout.routes.first { $0.from == "a" && $0.to == "d" })
        #expect(long.points.count == 2 + 2 * 2)
        #expect(zip(long.points, long.points.dropFirst()).allSatisfy { $0.x <= $1.x })
    }

    @Test func crossingsThatAnOrderRemovesAreRemoved() {
        // Two chains drawn crossed at first: a1 → b2, a2 → b1, with b1 and b2 in the other order.
        let layout = LayeredLayout(
            nodes: ["a1", "a2", "b1", "b2", "c1", "c2"],
            edges: [("a1", "b2"), ("a2", "b1"), ("b1", "c1"), ("b2", "c2"), ("a1", "c2"), ("a2", "c1")])
        #expect(layout.crossings == 0)
        var graph = LayoutGraph(names: ["p", "q", "r", "s"], edges: [("p", "s"), ("q", "r")])
        graph.assignLayers()
        graph.insertDummies()
        graph.layers = [[0, 1], [2, 3]]  // p, q over r, s: p → s and q → r cross once
        #expect(graph.totalCrossings() == 1)
        #expect(graph.reduceCrossings(sweeps: 2) == 0)
    }

    @Test func cyclesSelfLoopsDuplicatesAndUnknownNamesDoNotBreakIt() {
        let layout = LayeredLayout(
            nodes: ["a", "b", "c", "a"],
            edges: [("a", "b"), ("b", "c"), ("c", "a"), ("a", "a"), ("a", "b"), ("a", "ghost")])
        #expect(layout.nodes.map(\.id) == ["a", "b", "c"])
        #expect(layout.routes.count == 3)
        #expect(overlaps(layout).isEmpty)
        #expect(LayeredLayout(nodes: [], edges: []).nodes.isEmpty)
    }

    @Test func twoThousandNodesAreLaidOut() {
        // A mesh-like graph: 40 layers of 50 nodes, each reading two or three of the layer before
        // and now and then one far upstream.
        var names: [String] = []
        var edges: [(from: String, to: String)] = []
        var seed: UInt64 = 42
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        for layer in 0..<40 {
            for slot in 0..<50 {
                let name = "n\(layer)_\(slot)"
                names.append(name)
                guard layer > 0 else { continue }
                for _ in 0..<(2 + next(2)) { edges.append(("n\(layer - 1)_\(next(50))", name)) }
                if next(10) == 0 { edges.append(("n\(next(layer))_\(next(50))", name)) }
            }
        }
        let layout = LayeredLayout(nodes: names, edges: edges)
        #expect(layout.nodes.count == 2000)
        #expect(overlaps(layout).isEmpty)
        let layers = Dictionary(uniqueKeysWithValues: layout.nodes.map { ($0.id, $0.layer) })
        #expect(edges.allSatisfy { (layers[$0.from] ?? 0) < (layers[$0.to] ?? 0) })
    }

    /// One source feeding eight products: centred, the source sits halfway down its column and
    /// the top-left corner is empty; aligned to the top, every column starts at the margin.
    @Test func topAlignmentStartsEveryColumnAtTheTop() throws {
        let products = (0..<8).map { "p\($0)" }
        let edges = products.map { (from: "s", to: $0) }
        let centred = LayeredLayout(nodes: ["s"] + products, edges: edges)
        var options = LayeredLayout.Options()
        options.alignment = .top
        let top = LayeredLayout(nodes: ["s"] + products, edges: edges, options: options)
        #expect(try #require(centred.node("s")).y > options.margin + options.nodeHeight)
        #expect(try #require(top.node("s")).y == options.margin)
        #expect(top.nodes.filter { $0.layer == 1 }.map(\.y).min() == options.margin)
        #expect(top.height == centred.height && overlaps(top).isEmpty)
    }
}
