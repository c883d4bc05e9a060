/// Which way to follow the edges from the vertex asked about.
public enum LineageDirection: String, Sendable, Hashable, CaseIterable, Codable {
    /// What it is built from.
    case upstream
    /// What is built from it.
    case downstream
    /// Both, each in its own section.
    case both

    var includesUpstream: Bool { self != .downstream }
    var includesDownstream: Bool { self != .upstream }
}
