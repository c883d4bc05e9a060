import Foundation
import TesseraModel

/// `--format dot`: a Graphviz digraph, left to right, each domain a cluster (sources as
/// cylinders, products as components, dashboards as tabs), the root in bold, indirect column
/// edges dashed. `tessera lineage … --format dot | dot -Tsvg > lineage.svg`.
public enum LineageDotRenderer {
    public static func render(_ result: LineageResult) -> String {
        var lines = [
            "digraph lineage {", "  rankdir=LR;", "  node [shape=box, fontname=\"Helvetica\"];",
            "  edge [fontname=\"Helvetica\", fontsize=10];",
        ]
        let byDomain = Dictionary(grouping: result.vertices, by: \.node.domain)
        for domain in byDomain.keys.sorted() {
            lines.append("  subgraph \(quote("cluster_" + domain)) {")
            lines.append("    label=\(quote(domain));")
            for vertex in byDomain[domain] ?? [] {
                var attributes = ["label=\(quote("\(vertex.displayName)\n\(vertex.node.kind.rawValue)"))"]
                if vertex == result.root { attributes.append("style=bold") }
                if vertex.node.kind == .product { attributes.append("shape=component") }
                if vertex.node.kind == .source { attributes.append("shape=cylinder") }
                if vertex.node.kind == .dashboard { attributes.append("shape=tab") }
                lines.append("    \(quote(vertex.id)) [\(attributes.joined(separator: ", "))];")
            }
            lines.append("  }")
        }
        for edge in result.edges {
            var attributes: [String] = []
            if let kind = edge.kind { attributes.append("label=\(quote(kind))") }
            if !edge.isDirect { attributes.append("style=dashed") }
            let suffix = attributes.isEmpty ? "" : " [\(attributes.joined(separator: ", "))]"
            lines.append("  \(quote(edge.upstreamVertex.id)) -> \(quote(edge.downstreamVertex.id))\(suffix);")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A DOT string: column names may hold anything DuckDB names an expression (`(x + 1)`).
    static func quote(_ text: String) -> String {
        "\""
            + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
