/// The life of a product snapshot: built as a `candidate`, made `current` by publishing, then
/// `superseded` by the next publish. A `quarantined` one failed its contract or checks, or was
/// found bad later; it is kept for inspection but never published.
public enum SnapshotStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case candidate
    case current
    case superseded
    case quarantined
}
