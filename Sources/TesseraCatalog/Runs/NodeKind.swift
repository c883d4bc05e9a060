/// The kind of node a run works on (SPEC §4–6).
public enum NodeKind: String, Sendable, Hashable, CaseIterable, Codable {
    case source
    case model
    case product
}
