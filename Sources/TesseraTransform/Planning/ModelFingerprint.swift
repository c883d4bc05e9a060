import TesseraModel

/// What a model's build is recorded with: the fingerprint of its SQL and settings, and that of
/// its checks, as `<sql> <checks>`. Kept apart so the planner can tell "SQL changed" from
/// "checks changed": a model whose checks changed is built again so that they run.
public struct ModelFingerprint: Sendable, Hashable {
    public var sql: String
    /// nil for a build recorded before checks were part of the fingerprint.
    public var checks: String?

    public init(_ info: MeshAnalysis.ModelInfo) {
        sql = info.fingerprint
        checks = ProductFingerprint.checks(info.model.allChecks)
    }

    public init(recorded: String) {
        let parts = recorded.split(separator: " ", maxSplits: 1).map(String.init)
        sql = parts.first ?? ""
        checks = parts.count > 1 ? parts[1] : nil
    }

    public var recorded: String { sql + (checks.map { " " + $0 } ?? "") }

    /// Whether the checks differ from those the recorded build ran (a build recorded before
    /// checks were fingerprinted is taken as having run the current ones).
    public func checksDiffer(from recorded: ModelFingerprint) -> Bool {
        recorded.checks.map { $0 != checks } ?? false
    }
}
