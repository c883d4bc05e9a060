import Foundation
public import TesseraModel

/// What one run did to one node. Recorded (and re-recorded as it progresses) by
/// `CatalogStore.recordNodes`; the last record for a `(runID, node)` pair wins.
public struct NodeRunRecord: Sendable, Hashable {
    public var runID: String
    /// The qualified name: `sales.orders_enriched` for a model or product, `sales.src.orders` for a source.
    public var node: String
    public var kind: NodeKind
    public var status: NodeStatus
    /// Why it was built or skipped, in words: "its SQL changed", "upstream sales.orders failed".
    public var reason: String?
    public var rows: Int64?
    public var durationSeconds: Double?
    /// The error message shown to the user when the node failed.
    public var error: String?
    public var startedAt: Date?
    public var finishedAt: Date?
    /// Extras as JSON text (e.g. rejected rows, check results); stored as given, never parsed here.
    public var detail: String?

    public init(
        runID: String, node: String, kind: NodeKind, status: NodeStatus, reason: String? = nil,
        rows: Int64? = nil, durationSeconds: Double? = nil, error: String? = nil,
        startedAt: Date? = nil, finishedAt: Date? = nil, detail: String? = nil
    ) {
        self.runID = runID
        self.node = node
        self.kind = kind
        self.status = status
        self.reason = reason
        self.rows = rows
        self.durationSeconds = durationSeconds
        self.error = error
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.detail = detail
    }
}
