import Foundation

/// How a snapshot's profile differs from an earlier snapshot's, as the quality layer reported it.
public struct DriftRecord: Sendable, Hashable {
    public var snapshotID: String
    /// The snapshot it was compared with (normally the previous current one). It may since have
    /// been garbage-collected: the report keeps only its id.
    public var againstSnapshotID: String
    /// The drift report as the JSON the quality layer wrote; the catalog does not read it.
    public var json: String
    /// Whether some measure moved beyond its threshold.
    public var exceeded: Bool
    public var recordedAt: Date

    public init(
        snapshotID: String, againstSnapshotID: String, json: String, exceeded: Bool,
        recordedAt: Date = Date()
    ) {
        self.snapshotID = snapshotID
        self.againstSnapshotID = againstSnapshotID
        self.json = json
        self.exceeded = exceeded
        self.recordedAt = recordedAt
    }
}
