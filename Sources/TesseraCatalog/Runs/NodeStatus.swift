/// What happened to one node (source, model or product) in a run.
public enum NodeStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case pending
    case running
    case succeeded
    case failed
    /// Not built: deselected, or an upstream node failed (the record's `reason` says which).
    case skipped
    /// Not built because nothing it depends on changed since the last successful build.
    case unchanged
}
