import Foundation
internal import GRDB

// Check results, profiles and drift: JSON and plain values from TesseraQuality, stored as they
// come. A check pass is one `recordChecks` call, numbered in the `pass` column (one more than
// the highest stored, taken under the write lock), so "the newest pass" is a number, not a
// guess from timestamps that the caller's clock may repeat.
extension SQLiteCatalog {
    public func recordChecks(_ records: [CheckRunRecord]) async throws(CatalogError) {
        guard !records.isEmpty else { return }
        try await writing { db in
            var products: [String: String] = [:]
            for record in records where products[record.snapshotID] == nil {
                products[record.snapshotID] = try Self.product(
                    db, ofSnapshot: record.snapshotID, doing: "record checks on")
            }
            for record in records where products[record.snapshotID] != record.product {
                throw CatalogError(
                    .conflict,
                    "check \(record.name) names \(record.product), but snapshot \(record.snapshotID) belongs to \(products[record.snapshotID] ?? "another product")",
                    hint: "record a check under the product of the snapshot it ran on.")
            }
            for runID in Set(records.compactMap(\.runID)).sorted()
            where try Bool.fetchOne(db, sql: "SELECT 1 FROM run WHERE id = ?", arguments: [runID]) != true {
                throw CatalogError(
                    .notFound, "cannot record checks of run \(runID): no such run",
                    hint: "start the run (startRun) before recording its checks.")
            }
            let pass = try Int64.fetchOne(db, sql: "SELECT coalesce(max(pass), 0) + 1 FROM check_run") ?? 1
            let statement = try db.cachedStatement(sql: CheckRunRecord.insertSQL)
            for record in records {
                try statement.execute(arguments: record.insertArguments(pass: pass))
            }
        }
    }

    public func latestChecks(product: String) async throws(CatalogError) -> [CheckRunRecord] {
        try await reading { db in
            try Row.fetchAll(
                try db.cachedStatement(
                    sql: """
                        SELECT \(CheckRunRecord.selectColumns) FROM check_run
                        WHERE product = :product AND pass = (SELECT max(pass) FROM check_run WHERE product = :product)
                        ORDER BY rowid
                        """), arguments: ["product": product]
            ).map(CheckRunRecord.init(row:))
        }
    }

    public func checks(snapshotID: String) async throws(CatalogError) -> [CheckRunRecord] {
        try await reading { db in
            try Row.fetchAll(
                try db.cachedStatement(
                    sql: """
                        SELECT \(CheckRunRecord.selectColumns) FROM check_run WHERE snapshot_id = ? ORDER BY pass, rowid
                        """), arguments: [snapshotID]
            ).map(CheckRunRecord.init(row:))
        }
    }

    public func recordProfile(snapshotID: String, json: String) async throws(CatalogError) {
        try await writing { db in
            _ = try Self.product(db, ofSnapshot: snapshotID, doing: "record the profile of")
            try db.execute(
                sql: """
                    INSERT INTO snapshot_profile (snapshot_id, profile, recorded_at) VALUES (?, ?, ?)
                    ON CONFLICT (snapshot_id) DO UPDATE SET profile = excluded.profile, recorded_at = excluded.recorded_at
                    """, arguments: [snapshotID, json, Date()])
        }
    }

    public func profile(snapshotID: String) async throws(CatalogError) -> String? {
        try await reading { db in
            try String.fetchOne(
                try db.cachedStatement(sql: "SELECT profile FROM snapshot_profile WHERE snapshot_id = ?"),
                arguments: [snapshotID])
        }
    }

    public func recordDrift(snapshotID: String, againstSnapshotID: String, json: String, exceeded: Bool)
        async throws(CatalogError)
    {
        try await writing { db in
            _ = try Self.product(db, ofSnapshot: snapshotID, doing: "record the drift of")
            try db.execute(
                sql: """
                    INSERT INTO snapshot_drift (snapshot_id, against_snapshot_id, drift, exceeded, recorded_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (snapshot_id) DO UPDATE SET against_snapshot_id = excluded.against_snapshot_id,
                        drift = excluded.drift, exceeded = excluded.exceeded, recorded_at = excluded.recorded_at
                    """, arguments: [snapshotID, againstSnapshotID, json, exceeded, Date()])
        }
    }

    public func drift(snapshotID: String) async throws(CatalogError) -> DriftRecord? {
        try await reading { db in
            try Row.fetchOne(
                try db.cachedStatement(
                    sql: """
                        SELECT against_snapshot_id, drift, exceeded, recorded_at FROM snapshot_drift WHERE snapshot_id = ?
                        """), arguments: [snapshotID]
            ).map { row in
                DriftRecord(
                    snapshotID: snapshotID, againstSnapshotID: try row.decode(forColumn: "against_snapshot_id"),
                    json: try row.decode(forColumn: "drift"), exceeded: try row.decode(forColumn: "exceeded"),
                    recordedAt: try row.decode(forColumn: "recorded_at"))
            }
        }
    }

    /// The snapshot's product, or a `.notFound` that says what could not be done.
    static func product(_ db: Database, ofSnapshot id: String, doing action: String) throws -> String {
        guard let product = try String.fetchOne(db, sql: "SELECT product FROM snapshot WHERE id = ?", arguments: [id])
        else {
            throw CatalogError(
                .notFound, "cannot \(action) snapshot \(id): no such snapshot",
                hint: "add the snapshot (addSnapshot) first; it may also have been garbage-collected.")
        }
        return product
    }
}
