import Foundation

/// One immutable build of a data product: a folder of Parquet files in the domain's lake.
public struct SnapshotRecord: Sendable, Hashable {
    /// `domain.product`.
    public var product: String
    /// Unique in the catalog, across products.
    public var id: String
    /// The contract's semantic version the snapshot was built against.
    public var version: String
    public var createdAt: Date
    public var rows: Int64
    public var bytes: Int64
    public var files: Int
    /// The folder holding the snapshot's files.
    public var path: String
    /// The run that built it, when it was built by one.
    public var runID: String?
    public var status: SnapshotStatus
    /// Why it is quarantined (or any other note on its status).
    public var reason: String?
    /// What the product promised when this was built (its version, contract and masks): a
    /// different one now means the product must be published again.
    public var fingerprint: String?
    /// The version of the data it was built from (see the planner's `NodeState`).
    public var upstreamVersion: Int64?
    /// The contract it was published with, as the JSON the runtime wrote (the catalog does not
    /// read it): `tessera validate` compares the next contract against it to find breaking
    /// changes. Nil for snapshots recorded before contracts were kept.
    public var contract: String?

    public init(
        product: String, id: String, version: String, createdAt: Date = Date(), rows: Int64,
        bytes: Int64, files: Int, path: String, runID: String? = nil,
        status: SnapshotStatus = .candidate, reason: String? = nil, fingerprint: String? = nil,
        upstreamVersion: Int64? = nil, contract: String? = nil
    ) {
        self.product = product
        self.id = id
        self.version = version
        self.createdAt = createdAt
        self.rows = rows
        self.bytes = bytes
        self.files = files
        self.path = path
        self.runID = runID
        self.status = status
        self.reason = reason
        self.fingerprint = fingerprint
        self.upstreamVersion = upstreamVersion
        self.contract = contract
    }
}
