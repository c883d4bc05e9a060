import Foundation
import TesseraCatalog

/// The catalog lease of a reader's connection (`ProductReader.open`): whoever holds the
/// connection holds this too, and lets go of both together. The lease ends when the last
/// reference goes — ending is a catalog write, so it runs in a task of its own and never holds up
/// the request that is done with the connection. A lease that fails to end only lingers until the
/// process does (a dead process's lease protects nothing), so the failure is not reported.
public final class SnapshotLease: Sendable {
    public let lease: ReadLease
    let catalog: any CatalogStore

    init(_ lease: ReadLease, catalog: any CatalogStore) {
        self.lease = lease
        self.catalog = catalog
    }

    deinit {
        guard !lease.snapshotIDs.isEmpty else { return }
        Task { [catalog, lease] in try? await catalog.endReading(lease) }
    }
}
