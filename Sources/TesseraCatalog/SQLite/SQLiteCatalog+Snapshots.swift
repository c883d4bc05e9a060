import Foundation
internal import GRDB
import TesseraModel

extension SQLiteCatalog {
    public func addSnapshot(_ snapshot: SnapshotRecord) async throws(CatalogError) {
        try await writing { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM snapshot WHERE id = ?", arguments: [snapshot.id]) == true {
                throw CatalogError(
                    .conflict, "a snapshot with id \(snapshot.id) is already recorded",
                    hint: "give every snapshot a new id.")
            }
            if let runID = snapshot.runID,
                try Bool.fetchOne(db, sql: "SELECT 1 FROM run WHERE id = ?", arguments: [runID]) != true
            {
                throw CatalogError(
                    .notFound, "snapshot \(snapshot.id) names run \(runID), which the catalog does not know",
                    hint: "start the run (startRun) before adding its snapshots.")
            }
            try db.execute(
                sql: """
                    INSERT INTO snapshot (\(SnapshotRecord.selectColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'candidate', ?, ?, ?, ?)
                    """,
                arguments: [
                    snapshot.id, snapshot.product, snapshot.version, snapshot.createdAt,
                    snapshot.rows, snapshot.bytes, snapshot.files, snapshot.path,
                    snapshot.runID, snapshot.reason, snapshot.fingerprint, snapshot.upstreamVersion,
                    snapshot.contract,
                ])
        }
    }

    /// A candidate or a superseded snapshot (a rollback) can be published; publishing the
    /// current one again changes nothing. Both updates commit together, and the partial unique
    /// index would refuse a second current row even if this code were wrong.
    public func publish(snapshotID: String, product: String) async throws(CatalogError) {
        try await writing { db in
            let snapshot = try Self.snapshot(db, id: snapshotID, doing: "publish")
            guard snapshot.product == product else {
                throw CatalogError(
                    .conflict, "snapshot \(snapshotID) belongs to \(snapshot.product), not \(product)",
                    hint: "publish one of \(product)'s own snapshots.")
            }
            switch snapshot.status {
            case .current:
                return
            case .quarantined:
                throw CatalogError(
                    .conflict,
                    "snapshot \(snapshotID) of \(product) is quarantined\(snapshot.reason.map { ": \($0)" } ?? "")",
                    hint: "a quarantined snapshot is never published; build a new one.")
            case .candidate, .superseded:
                try db.execute(
                    sql: "UPDATE snapshot SET status = 'superseded' WHERE product = ? AND status = 'current'",
                    arguments: [product])
                try db.execute(sql: "UPDATE snapshot SET status = 'current' WHERE id = ?", arguments: [snapshotID])
                try self.auditPublish(db, snapshot)
            }
        }
    }

    /// The current snapshot cannot be quarantined: consumers read it, and taking it away would
    /// leave the product with none. Publishing another one first is the deliberate rollback.
    public func quarantine(snapshotID: String, reason: String) async throws(CatalogError) {
        try await writing { db in
            let snapshot = try Self.snapshot(db, id: snapshotID, doing: "quarantine")
            if snapshot.status == .current {
                throw CatalogError(
                    .conflict, "snapshot \(snapshotID) is the current snapshot of \(snapshot.product)",
                    hint:
                        "publish another snapshot of \(snapshot.product) first (e.g. the previous one), then quarantine this one."
                )
            }
            try db.execute(
                sql: "UPDATE snapshot SET status = 'quarantined', reason = ? WHERE id = ?",
                arguments: [reason, snapshotID])
            try self.auditQuarantine(db, snapshot, reason: reason)
        }
    }

    public func currentSnapshot(product: String) async throws(CatalogError) -> SnapshotRecord? {
        try await reading { db in
            try Row.fetchOne(
                try db.cachedStatement(
                    sql: """
                        SELECT \(SnapshotRecord.selectColumns) FROM snapshot WHERE product = ? AND status = 'current'
                        """), arguments: [product]
            ).map(SnapshotRecord.init(row:))
        }
    }

    public func snapshots(product: String) async throws(CatalogError) -> [SnapshotRecord] {
        try await reading { db in
            try Row.fetchAll(
                try db.cachedStatement(
                    sql: """
                        SELECT \(SnapshotRecord.selectColumns) FROM snapshot WHERE product = ?
                        ORDER BY created_at DESC, rowid DESC
                        """), arguments: [product]
            ).map(SnapshotRecord.init(row:))
        }
    }

    public func latestPublishedContract(product: String) async throws(CatalogError) -> PublishedContract? {
        try await reading { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT id, version, contract FROM snapshot
                        WHERE product = ? AND status IN ('current', 'superseded') AND contract IS NOT NULL
                        ORDER BY created_at DESC, rowid DESC LIMIT 1
                        """, arguments: [product])
            else { return nil }
            return PublishedContract(
                version: try row.decode(forColumn: "version"),
                contract: try row.decode(forColumn: "contract"),
                snapshotID: try row.decode(forColumn: "id"))
        }
    }

    /// A product has a handful of published snapshots, so they are grouped by major here rather
    /// than by parsing versions in SQL.
    public func previousMajorSnapshots(product: String) async throws(CatalogError) -> [SnapshotRecord] {
        let published = try await reading { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(SnapshotRecord.selectColumns) FROM snapshot
                    WHERE product = ? AND status IN ('current', 'superseded')
                    ORDER BY created_at DESC, rowid DESC
                    """, arguments: [product]
            ).map(SnapshotRecord.init(row:))
        }
        guard let current = published.first(where: { $0.status == .current }),
            let currentMajor = Self.major(of: current.version)
        else { return [] }
        var newestByMajor: [Int: SnapshotRecord] = [:]
        for snapshot in published {  // newest first: the first seen of a major is its newest
            guard let major = Self.major(of: snapshot.version), major < currentMajor,
                newestByMajor[major] == nil
            else { continue }
            newestByMajor[major] = snapshot
        }
        return newestByMajor.sorted { $0.key > $1.key }.map(\.value)
    }

    static func major(of version: String) -> Int? {
        try? SemVer(parsing: version).major
    }

    private static func snapshot(_ db: Database, id: String, doing action: String) throws -> SnapshotRecord {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT \(SnapshotRecord.selectColumns) FROM snapshot WHERE id = ?",
                arguments: [id])
        else {
            throw CatalogError(
                .notFound, "cannot \(action) snapshot \(id): no such snapshot",
                hint: "check the snapshot id; snapshots are added with addSnapshot before they are published.")
        }
        return try SnapshotRecord(row: row)
    }
}
