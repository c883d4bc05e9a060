import Foundation
internal import GRDB

// Read leases and garbage collection. Both sides go through the write lock, which is what makes
// them safe together: a lease commits either before a collection's transaction (which then sees
// it and keeps the snapshot) or after it (and then finds the row gone and fails with
// `.notFound`, so the reader never reads a folder that is about to be deleted).
extension SQLiteCatalog {
    public func beginReading(snapshotIDs: [String]) async throws(CatalogError) -> ReadLease {
        try await beginReading(
            snapshotIDs: snapshotIDs, processID: ProcessLiveness.currentProcessID,
            host: host, since: Date())
    }

    /// Takes a lease on behalf of any process: tests use it to lease for a process they kill.
    func beginReading(snapshotIDs: [String], processID: Int32, host: String, since: Date)
        async throws(CatalogError) -> ReadLease
    {
        var seen: Set<String> = []
        let unique = snapshotIDs.filter { seen.insert($0).inserted }
        let lease = ReadLease(
            id: UUID().uuidString, snapshotIDs: unique, processID: processID, host: host, since: since)
        guard !unique.isEmpty else { return lease }
        try await writing { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO snapshot_reader (lease_id, snapshot_id, process_id, host, since) VALUES (?, ?, ?, ?, ?)
                    """)
            for id in unique {
                _ = try Self.product(db, ofSnapshot: id, doing: "read")
                try statement.execute(arguments: [lease.id, id, lease.processID, lease.host, lease.since])
            }
        }
        return lease
    }

    public func endReading(_ lease: ReadLease) async throws(CatalogError) {
        guard !lease.snapshotIDs.isEmpty else { return }
        try await writing { db in
            try db.execute(sql: "DELETE FROM snapshot_reader WHERE lease_id = ?", arguments: [lease.id])
        }
    }

    public func readLeases() async throws(CatalogError) -> [ReadLease] {
        try await reading { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT lease_id, snapshot_id, process_id, host, since FROM snapshot_reader ORDER BY since, rowid")
            var leases: [ReadLease] = []
            var index: [String: Int] = [:]
            for row in rows {
                let id: String = try row.decode(forColumn: "lease_id")
                let snapshot: String = try row.decode(forColumn: "snapshot_id")
                if let at = index[id] {
                    leases[at].snapshotIDs.append(snapshot)
                    continue
                }
                index[id] = leases.count
                leases.append(
                    ReadLease(
                        id: id, snapshotIDs: [snapshot], processID: try row.decode(forColumn: "process_id"),
                        host: try row.decode(forColumn: "host"), since: try row.decode(forColumn: "since")))
            }
            return leases
        }
    }

    public func snapshotsInUse() async throws(CatalogError) -> Set<String> {
        let host = self.host
        return try await reading { db in try Self.readers(db, onHost: host).inUse }
    }

    /// Also deletes this host's dead readers' rows: a collection is a write anyway, and they
    /// would otherwise pile up after every crashed query.
    public func removeSnapshots(ids: [String]) async throws(CatalogError) -> [String] {
        guard !ids.isEmpty else { return [] }
        let host = self.host
        // Durably: the caller deletes the folders next (the log is otherwise synced only at
        // checkpoints, see SQLiteCatalog).
        return try await writingDurably { db in
            let readers = try Self.readers(db, onHost: host)
            for lease in readers.deadLeases {
                try db.execute(sql: "DELETE FROM snapshot_reader WHERE lease_id = ?", arguments: [lease])
            }
            var removed: [String] = []
            for id in ids where !removed.contains(id) && !readers.inUse.contains(id) {
                try db.execute(sql: "DELETE FROM snapshot WHERE id = ? AND status <> 'current'", arguments: [id])
                if db.changesCount > 0 { removed.append(id) }
            }
            return removed
        }
    }

    /// Which snapshots live readers hold, and which leases belong to dead processes of this
    /// host. Each distinct reader process is checked once, however many snapshots it leases.
    private static func readers(_ db: Database, onHost currentHost: String) throws
        -> (inUse: Set<String>, deadLeases: Set<String>)
    {
        let rows = try Row.fetchAll(
            db, sql: "SELECT lease_id, snapshot_id, process_id, host, since FROM snapshot_reader")
        var inUse: Set<String> = []
        var deadLeases: Set<String> = []
        var verdicts: [String: Bool] = [:]
        for row in rows {
            let processID: Int32 = try row.decode(forColumn: "process_id")
            let host: String = try row.decode(forColumn: "host")
            let since: Date = try row.decode(forColumn: "since")
            let key = "\(host)\u{0}\(processID)\u{0}\(since.timeIntervalSince1970)"
            let alive: Bool
            if let known = verdicts[key] {
                alive = known
            } else {
                // Another host's process cannot be probed from here: its lease is taken at its word.
                alive = host != currentHost || ProcessLiveness.isAlive(processID, startedBy: since)
                verdicts[key] = alive
            }
            if alive {
                inUse.insert(try row.decode(forColumn: "snapshot_id"))
            } else {
                deadLeases.insert(try row.decode(forColumn: "lease_id"))
            }
        }
        return (inUse, deadLeases)
    }
}
