import TesseraModel
import TesseraSQL

/// `--format text`: the upstream and downstream of the root as trees.
///
/// Each line is a vertex, its node's kind, then what to know about the hop from its parent: the
/// kinds of the column edge (indirect ones marked so), a change of domain (`from sales` upstream,
/// `into finance` downstream). A vertex reached again is printed with `(see above)` instead of its
/// subtree a second time; one with more edges beyond `--depth` ends with `…`.
public enum LineageTextRenderer {
    public static func render(_ result: LineageResult, note: String? = nil) -> String {
        var lines: [String] = []
        let what = result.root.isColumn ? "column" : result.root.node.kind.rawValue
        lines.append(
            "lineage of \(what) \(result.root.displayName)"
                + (result.root.isColumn ? " (\(result.root.node.kind.rawValue))" : ""))
        if let note { lines.append(note) }
        let limit = result.depth.map { " (depth \($0))" } ?? ""
        if result.direction.includesUpstream {
            lines.append("")
            lines += section(
                "upstream\(limit)", edges: result.upstream, root: result.root, upstream: true,
                truncated: result.truncatedUpstream)
        }
        if result.direction.includesDownstream {
            lines.append("")
            lines += section(
                "downstream\(limit)", edges: result.downstream, root: result.root, upstream: false,
                truncated: result.truncatedDownstream)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private struct Child {
        var vertex: LineageVertex
        var kinds: [String]
    }

    private static func section(
        _ title: String, edges: [MeshLineageEdge], root: LineageVertex, upstream: Bool,
        truncated: Set<LineageVertex>
    ) -> [String] {
        guard !edges.isEmpty else {
            return ["\(title): nothing" + (truncated.contains(root) ? " within the depth (…)" : "")]
        }
        // Children of each vertex in this direction, with the kinds of the edges leading to them.
        var children: [LineageVertex: [LineageVertex: Set<String>]] = [:]
        for edge in edges {
            let (parent, child) =
                upstream ? (edge.downstreamVertex, edge.upstreamVertex) : (edge.upstreamVertex, edge.downstreamVertex)
            children[parent, default: [:]][child, default: []].formUnion(edge.kind.map { [$0] } ?? [])
        }
        var lines = [title, label(root, parent: nil, kinds: [], upstream: upstream, seen: false, more: false)]
        var expanded: Set<LineageVertex> = [root]
        func draw(_ vertex: LineageVertex, prefix: String) {
            let list = (children[vertex] ?? [:]).map { Child(vertex: $0.key, kinds: order($0.value)) }.sorted {
                $0.vertex < $1.vertex
            }
            for (position, child) in list.enumerated() {
                let last = position == list.count - 1
                let hasChildren = children[child.vertex] != nil
                let repeated = hasChildren && expanded.contains(child.vertex)
                let more = !hasChildren && truncated.contains(child.vertex)
                lines.append(
                    prefix + (last ? "└── " : "├── ")
                        + label(
                            child.vertex, parent: vertex, kinds: child.kinds, upstream: upstream, seen: repeated,
                            more: more))
                guard hasChildren, !repeated else { continue }
                expanded.insert(child.vertex)
                draw(child.vertex, prefix: prefix + (last ? "    " : "│   "))
            }
        }
        draw(root, prefix: "")
        return lines
    }

    private static func label(
        _ vertex: LineageVertex, parent: LineageVertex?, kinds: [String], upstream: Bool,
        seen: Bool, more: Bool
    ) -> String {
        var notes: [String] = []
        let described = kinds.map { kind in
            LineageKind(rawValue: kind)?.isDirect == true ? kind : "\(kind) (indirect)"
        }
        if !described.isEmpty { notes.append(described.joined(separator: ", ")) }
        if let parent, parent.node.domain != vertex.node.domain {
            notes.append(upstream ? "from \(vertex.node.domain)" : "into \(vertex.node.domain)")
        }
        if seen { notes.append("(see above)") }
        var text = "\(vertex.displayName)  \(vertex.node.kind.rawValue)"
        if !notes.isEmpty { text += " · " + notes.joined(separator: " · ") }
        if more { text += " …" }
        return text
    }

    /// Direct kinds first, in ``LineageKind`` order; unknown kinds last, by name.
    static func order(_ kinds: Set<String>) -> [String] {
        kinds.sorted { lhs, rhs in
            switch (LineageKind(rawValue: lhs), LineageKind(rawValue: rhs)) {
            case let (l?, r?): l < r
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): lhs < rhs
            }
        }
    }
}
