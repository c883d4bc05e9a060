import Foundation
import TesseraWeb

// W9: the lineage page's layout on the server, timed in-process.
//
// The graph, like a mesh: N nodes (default 2,000) in layers of 50; each node reads two or three
// nodes of the layer before and, one time in ten, one node further upstream (a long edge the
// layout routes through every layer it skips). A fixed seed makes every run lay out the same
// graph. Timed over --reps repetitions: `LayeredLayout` from names and edges to positions and
// routes (layers, dummy nodes, crossing reduction, coordinates). Prints one JSON object; exits 1
// when an edge does not point to a later layer or two nodes overlap.
//
//   web-bench [--nodes 2000] [--reps 5]

struct BenchSettings {
    var nodes = 2000
    var reps = 5

    init(_ arguments: [String]) throws {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            guard let value = iterator.next().flatMap(Int.init), value > 0 else {
                throw BenchUsage(message: "\(argument) needs a positive number")
            }
            switch argument {
            case "--nodes": nodes = max(50, value)
            case "--reps": reps = value
            default: throw BenchUsage(message: "unknown option \(argument)")
            }
        }
    }
}

struct BenchUsage: Error { var message: String }

func meshLikeGraph(nodes: Int) -> (names: [String], edges: [(from: String, to: String)]) {
    var seed: UInt64 = 42
    func next(_ bound: Int) -> Int {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((seed >> 33) % UInt64(bound))
    }
    let width = 50
    var names: [String] = []
    var edges: [(from: String, to: String)] = []
    for index in 0..<nodes {
        let (layer, slot) = (index / width, index % width)
        let name = "n\(layer)_\(slot)"
        names.append(name)
        guard layer > 0 else { continue }
        for _ in 0..<(2 + next(2)) { edges.append(("n\(layer - 1)_\(next(width))", name)) }
        if next(10) == 0 { edges.append(("n\(next(layer))_\(next(width))", name)) }
    }
    return (names, edges)
}

/// Edges point right, and no two nodes of a layer overlap.
func sound(_ layout: LayeredLayout, _ edges: [(from: String, to: String)]) -> Bool {
    let layers = Dictionary(uniqueKeysWithValues: layout.nodes.map { ($0.id, $0.layer) })
    guard edges.allSatisfy({ (layers[$0.from] ?? 0) < (layers[$0.to] ?? 0) }) else { return false }
    for (_, column) in Dictionary(grouping: layout.nodes, by: \.layer) {
        let sorted = column.sorted { $0.y < $1.y }
        for (upper, lower) in zip(sorted, sorted.dropFirst()) where upper.y + layout.options.nodeHeight > lower.y {
            return false
        }
    }
    return true
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

do {
    let settings = try BenchSettings(Array(CommandLine.arguments.dropFirst()))
    let graph = meshLikeGraph(nodes: settings.nodes)
    var times: [Double] = []
    var last: LayeredLayout?
    for _ in 0..<settings.reps {
        let clock = ContinuousClock()
        let start = clock.now
        last = LayeredLayout(nodes: graph.names, edges: graph.edges)
        times.append(milliseconds(clock.now - start))
    }
    guard let layout = last else { throw BenchUsage(message: "no repetition ran") }
    times.sort()
    let result: [String: Any] = [
        "nodes": layout.nodes.count, "edges": layout.routes.count, "crossings": layout.crossings,
        "median_ms": times[times.count / 2], "best_ms": times[0], "reps": settings.reps,
        "sound": sound(layout, graph.edges),
    ]
    let data = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
    if !sound(layout, graph.edges) { exit(1) }
} catch let error as BenchUsage {
    FileHandle.standardError.write(Data("web-bench: \(error.message)\n".utf8))
    exit(2)
}
