/// What a node of the mesh DAG is.
public enum NodeKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case source, model, product

    public static func < (lhs: NodeKind, rhs: NodeKind) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
