/// A layered drawing of a directed graph, left to right, computed on the server so that a browser
/// only draws (the lineage page). Pure: names and edges in, positions and routes out.
///
/// The stages, each bounded so that a mesh of thousands of nodes lays out in milliseconds:
/// 1. **Layers** by longest path from the sources (every edge points to a later layer); a node
///    that reads nothing moves right, next to its first consumer, so edges stay short. Edges that
///    would close a cycle (lineage has none, but a graph may) are kept out of the layering.
/// 2. **Dummy nodes** on every layer an edge skips, so long edges are ordered like the rest and
///    routed around nodes.
/// 3. **Crossing reduction**: barycenter sweeps down and up the layers, a bounded number of times,
///    keeping the order with the fewest crossings (counted exactly, with a Fenwick tree, per pair
///    of layers).
/// 4. **Coordinates**: each layer is a column; nodes are stacked in their order (dummies take
///    only a gap) and each column is centred, or starts at the top (`Options.alignment`): a wide
///    graph whose first columns are short then shows nodes in its top-left corner, where a
///    browser opens it, instead of blank space.
public struct LayeredLayout: Sendable {
    public struct Options: Sendable {
        public var nodeWidth: Double = 200
        public var nodeHeight: Double = 34
        public var layerGap: Double = 70
        public var nodeGap: Double = 14
        public var margin: Double = 16
        /// Barycenter passes down and up (each counts one).
        public var sweeps: Int = 8
        public var alignment: Alignment = .center

        public init() {}
    }

    /// Where a column shorter than the tallest sits.
    public enum Alignment: Sendable { case center, top }

    public struct Point: Sendable, Hashable {
        public var x: Double
        public var y: Double
    }

    public struct Node: Sendable, Hashable {
        public var id: String
        public var layer: Int
        /// Its place in its layer, top first (dummies counted).
        public var order: Int
        /// The top-left corner.
        public var x: Double
        public var y: Double
    }

    public struct Route: Sendable, Hashable {
        public var from: String
        public var to: String
        /// From the right side of `from`, through the dummies, to the left side of `to`.
        public var points: [Point]
    }

    public let options: Options
    /// In the order the names were given.
    public let nodes: [Node]
    public let routes: [Route]
    public let width: Double
    public let height: Double
    /// Edge crossings left between adjacent layers.
    public let crossings: Int

    public init(nodes names: [String], edges: [(from: String, to: String)], options: Options = Options()) {
        self.options = options
        var graph = LayoutGraph(names: names, edges: edges)
        graph.assignLayers()
        graph.insertDummies()
        crossings = graph.reduceCrossings(sweeps: options.sweeps)
        let placed = graph.coordinates(options)
        nodes = placed.nodes
        routes = placed.routes
        width = placed.width
        height = placed.height
    }

    public func node(_ id: String) -> Node? { nodes.first { $0.id == id } }
}
