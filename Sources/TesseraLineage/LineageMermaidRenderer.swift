import TesseraModel

/// `--format mermaid`: a flowchart, left to right, each domain a subgraph, indirect column edges
/// dotted, the root outlined. Pastes into Markdown on GitHub and GitLab as a ```mermaid block.
public enum LineageMermaidRenderer {
    public static func render(_ result: LineageResult) -> String {
        var lines = ["flowchart LR"]
        let vertices = result.vertices
        // Mermaid ids must be plain words: number the vertices in their sorted order.
        var ids: [LineageVertex: String] = [:]
        for (position, vertex) in vertices.enumerated() { ids[vertex] = "n\(position)" }
        let byDomain = Dictionary(grouping: vertices, by: \.node.domain)
        for domain in byDomain.keys.sorted() {
            lines.append("  subgraph domain_\(domain) [\(escape(domain))]")
            for vertex in byDomain[domain] ?? [] {
                let text = escape("\(vertex.displayName) (\(vertex.node.kind.rawValue))")
                let shape =
                    switch vertex.node.kind {
                    case .source: "[(\"\(text)\")]"
                    case .model: "[\"\(text)\"]"
                    case .product: "[[\"\(text)\"]]"
                    case .dashboard: "{{\"\(text)\"}}"
                    }
                lines.append("    \(ids[vertex] ?? "")\(shape)")
            }
            lines.append("  end")
        }
        for edge in result.edges {
            let from = ids[edge.upstreamVertex] ?? "", to = ids[edge.downstreamVertex] ?? ""
            let arrow = edge.isDirect ? "-->" : "-.->"
            let label = edge.kind.map { "|\(escape($0))|" } ?? ""
            lines.append("  \(from) \(arrow)\(label) \(to)")
        }
        if let root = ids[result.root] { lines.append("  style \(root) stroke-width:3px") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Mermaid's entity codes for the characters that end a label.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\"": escaped += "#quot;"
            case "|": escaped += "#124;"
            case "[": escaped += "#91;"
            case "]": escaped += "#93;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
