/// What a node of the mesh DAG is. A `dashboard` is never built or run: it appears only in
/// lineage, downstream of the products its charts read.
public enum NodeKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case source, model, product, dashboard

    public static func < (lhs: NodeKind, rhs: NodeKind) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
