import Foundation
import TesseraLineage
import TesseraModel

// W4b: lineage of a node with N upstream nodes (default 1,000) and their columns, timed in-process.
//
// The graph: layer 0 is N/10 sources, layers 1…9 are models of N/10 nodes each, spread over ten
// domains; node j of a layer reads nodes j, j+1 and j+7 (mod the width) of the layer before, so
// every node is upstream of the last layer. A model `target.final` reads the whole last layer and
// the product `target.final` publishes it: its upstream is exactly N nodes plus that model. Every node has
// C columns; each column derives from the same column of its three inputs (identity,
// transformation, aggregation) and is filtered by the first column of the first input.
//
// Timed, each over --reps repetitions (median and best printed): building the LineageGraph from
// the edges (its indexes), the table-level upstream traversal of the product, the column-level
// upstream traversal of its first column, and the JSON document of the table-level result.
// Prints one JSON object; exits 1 when the traversal does not find every upstream node.
//
//   lineage-bench [--nodes 1000] [--columns 30] [--reps 5]

struct Options {
    var nodes = 1000
    var columns = 30
    var reps = 5

    init(_ arguments: [String]) throws {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            guard let value = iterator.next().flatMap(Int.init), value > 0 else {
                throw UsageError(message: "\(argument) needs a positive number")
            }
            switch argument {
            case "--nodes": nodes = max(10, value)
            case "--columns": columns = value
            case "--reps": reps = value
            default: throw UsageError(message: "unknown option \(argument)")
            }
        }
    }
}

struct UsageError: Error { var message: String }

func generate(nodes: Int, columns: Int) -> (edges: [MeshLineageEdge], target: NodeID) {
    let width = nodes / 10
    let kinds = ["identity", "transformation", "aggregation"]
    let names = (0..<columns).map { "c\($0)" }
    func node(_ layer: Int, _ j: Int) -> NodeID {
        NodeID(layer == 0 ? .source : .model, "d\(j % 10)", "l\(layer)_n\(j)")
    }
    var edges: [MeshLineageEdge] = []
    edges.reserveCapacity(nodes * (3 + 4 * columns))
    func connect(_ upstream: NodeID, _ downstream: NodeID, kind: String, filteredBy first: NodeID?) {
        edges.append(MeshLineageEdge(upstream: upstream, downstream: downstream))
        for name in names {
            edges.append(
                MeshLineageEdge(
                    upstream: upstream, upstreamColumn: name, downstream: downstream, downstreamColumn: name, kind: kind
                ))
            if let first {
                edges.append(
                    MeshLineageEdge(
                        upstream: first, upstreamColumn: names[0], downstream: downstream, downstreamColumn: name,
                        kind: "filter"))
            }
        }
    }
    for layer in 1..<10 {
        for j in 0..<width {
            let inputs = [j, (j + 1) % width, (j + 7) % width].map { node(layer - 1, $0) }
            for (position, input) in inputs.enumerated() {
                connect(input, node(layer, j), kind: kinds[(j + position) % 3], filteredBy: position == 0 ? input : nil)
            }
        }
    }
    let model = NodeID(.model, "target", "final"), product = NodeID(.product, "target", "final")
    for j in 0..<width { connect(node(9, j), model, kind: "aggregation", filteredBy: nil) }
    connect(model, product, kind: "identity", filteredBy: nil)
    return (edges, product)
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func measure<T>(_ reps: Int, _ work: () -> T) -> (result: T, median: Double, best: Double) {
    let clock = ContinuousClock()
    var start = clock.now
    var result = work()
    var times = [milliseconds(clock.now - start)]
    for _ in 1..<max(reps, 1) {
        start = clock.now
        result = work()
        times.append(milliseconds(clock.now - start))
    }
    times.sort()
    return (result, times[times.count / 2], times[0])
}

do {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    let (edges, target) = generate(nodes: options.nodes, columns: options.columns)
    let build = measure(options.reps) { LineageGraph(edges: edges) }
    let graph = build.result
    let table = measure(options.reps) { graph.traverse(from: LineageVertex(target), direction: .upstream) }
    let column = measure(options.reps) {
        graph.traverse(from: LineageVertex(target, column: "c0"), direction: .upstream)
    }
    let json = measure(options.reps) { LineageDocument(table.result) }
    let expected = (options.nodes / 10) * 10 + 1  // the layers, and the model the product publishes
    let upstreamColumns = Set(column.result.upstream.map(\.upstreamVertex)).count
    let report: [String: Any] = [
        "nodes": options.nodes, "columns": options.columns, "edges": graph.edges.count, "reps": options.reps,
        "upstream_nodes": table.result.upstreamNodeCount, "expected_upstream_nodes": expected,
        "upstream_columns": upstreamColumns,
        "build_ms": build.median, "build_best_ms": build.best,
        "table_traversal_ms": table.median, "column_traversal_ms": column.median, "json_document_ms": json.median,
        "total_ms": build.median + table.median + column.median,
    ]
    let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
    if table.result.upstreamNodeCount != expected {
        FileHandle.standardError.write(
            Data("lineage-bench: found \(table.result.upstreamNodeCount) upstream nodes, expected \(expected)\n".utf8))
        exit(1)
    }
} catch let error as UsageError {
    FileHandle.standardError.write(Data("lineage-bench: \(error.message)\n".utf8))
    exit(2)
} catch {
    FileHandle.standardError.write(Data("lineage-bench: \(error)\n".utf8))
    exit(3)
}
