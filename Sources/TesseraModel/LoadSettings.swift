/// The `load:` block of a source.
public struct LoadSettings: Sendable, Hashable {
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        case full, incremental, append
    }

    public var mode: Mode
    /// Set exactly when `mode` is incremental.
    public var cursor: String?
    /// Dedup key: one row per key, the latest by cursor (else by load order). Empty: no dedup.
    public var primaryKey: [String]

    public init(mode: Mode = .full, cursor: String? = nil, primaryKey: [String] = []) {
        self.mode = mode
        self.cursor = cursor
        self.primaryKey = primaryKey
    }
}
