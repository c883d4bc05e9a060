import Foundation

/// A promise, kept in the catalog, that a process is reading some snapshots: garbage collection
/// never removes a snapshot while a live process holds a lease on it. End it with
/// `CatalogStore.endReading(_:)`; a lease whose process died protects nothing and is cleaned up
/// by a later garbage collection.
public struct ReadLease: Sendable, Hashable {
    /// Unique per lease: one process may hold several leases on the same snapshot.
    public var id: String
    public var snapshotIDs: [String]
    public var processID: Int32
    public var host: String
    /// When the lease was taken; with `processID`, tells a live reader from a reused pid.
    public var since: Date

    public init(id: String, snapshotIDs: [String], processID: Int32, host: String, since: Date) {
        self.id = id
        self.snapshotIDs = snapshotIDs
        self.processID = processID
        self.host = host
        self.since = since
    }
}
