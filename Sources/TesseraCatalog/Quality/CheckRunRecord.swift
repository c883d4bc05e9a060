import Foundation

/// The result of one check on one snapshot. The catalog keeps what TesseraQuality reports as
/// plain values and text (it does not import that target): `kind`, `severity` and `status` are
/// the quality layer's words, stored and returned as they came.
public struct CheckRunRecord: Sendable, Hashable {
    /// The snapshot the check ran on: a candidate when publishing, the current one for `tessera check`.
    public var snapshotID: String
    /// `domain.product`; must be the snapshot's product.
    public var product: String
    /// The run (`tessera run` or `tessera check`) that ran it, when there was one.
    public var runID: String?
    public var checkedAt: Date
    /// The check's name, e.g. `unique(order_id)` or a `sql` check's own name.
    public var name: String
    /// e.g. `unique`, `not_null`, `row_count_change`, `contract`.
    public var kind: String
    /// `error` (blocks publishing) or `warn`.
    public var severity: String
    /// `passed`, `failed` or `error` (the check itself could not run).
    public var status: String
    public var failingRows: Int64
    /// What was measured, when the check measures something (a row count, a change in percent).
    public var observed: String?
    public var message: String
    /// A few failing rows, as the JSON the quality layer wrote.
    public var samplesJSON: String
    public var durationMs: Int64
    /// Where the check is declared, e.g. `domains/sales/products/orders.yaml:14:5`.
    public var location: String?

    public init(
        snapshotID: String, product: String, runID: String? = nil, checkedAt: Date = Date(),
        name: String, kind: String, severity: String, status: String, failingRows: Int64 = 0,
        observed: String? = nil, message: String = "", samplesJSON: String = "[]",
        durationMs: Int64 = 0, location: String? = nil
    ) {
        self.snapshotID = snapshotID
        self.product = product
        self.runID = runID
        self.checkedAt = checkedAt
        self.name = name
        self.kind = kind
        self.severity = severity
        self.status = status
        self.failingRows = failingRows
        self.observed = observed
        self.message = message
        self.samplesJSON = samplesJSON
        self.durationMs = durationMs
        self.location = location
    }
}
