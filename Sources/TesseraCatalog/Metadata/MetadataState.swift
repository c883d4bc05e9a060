import Foundation

/// When the catalog's metadata was last recorded, and from what.
public struct MetadataState: Sendable, Hashable {
    public var environment: String
    public var mesh: String
    /// `MeshMetadata.fingerprint` of what is stored.
    public var fingerprint: String
    public var recordedAt: Date
    public var domainCount: Int
    public var assetCount: Int
    public var columnCount: Int

    public init(
        environment: String, mesh: String, fingerprint: String, recordedAt: Date,
        domainCount: Int, assetCount: Int, columnCount: Int
    ) {
        self.environment = environment
        self.mesh = mesh
        self.fingerprint = fingerprint
        self.recordedAt = recordedAt
        self.domainCount = domainCount
        self.assetCount = assetCount
        self.columnCount = columnCount
    }
}
