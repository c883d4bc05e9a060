import Foundation

/// A snapshot a run published, as the audit log recorded it in the transaction that made it
/// current: what a run did publish even when it never finished (a killed process records no
/// final node statuses), and still known after retention removed the snapshot.
public struct RunPublish: Sendable, Hashable, Codable {
    public var product: String
    public var snapshot: String
    public var version: String
    public var rows: Int64
    /// When it was published (the audit entry's time, ISO 8601 UTC).
    public var time: String

    public init(product: String, snapshot: String, version: String, rows: Int64, time: String) {
        self.product = product
        self.snapshot = snapshot
        self.version = version
        self.rows = rows
        self.time = time
    }
}
