import Foundation
internal import GRDB
import TesseraModel

// Backfills in SQLite (`backfill`, `backfill_chunk`; migration `v9_backfills`). A step is stored
// in one immediate write transaction together with the run it queues or stops, and only over the
// revision it was taken from: two drivers (the service's loop, an API request, a command) never
// write over each other's step, and a run is never queued without its chunk saying so.
extension SQLiteCatalog {
    public func createBackfill(_ backfill: BackfillRecord) async throws(CatalogError) -> BackfillRecord {
        try await writing { db in
            if let key = backfill.idempotencyKey,
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM backfill WHERE idempotency_key = ?", arguments: [key])
            {
                return try Self.backfill(db, row: row)
            }
            try Self.insertBackfill(db, backfill)
            try Self.writeChunks(db, backfill)
            return backfill
        }
    }

    public func backfills(states: Set<BackfillRecord.State>?, limit: Int) async throws(CatalogError)
        -> [BackfillRecord]
    {
        try await reading { db in
            let wanted = states.map { Array($0).map(\.rawValue) } ?? BackfillRecord.State.allCases.map(\.rawValue)
            let marks = wanted.map { _ in "?" }.joined(separator: ", ")
            return try Row.fetchAll(
                db,
                sql: "SELECT * FROM backfill WHERE state IN (\(marks)) ORDER BY created_at DESC, rowid DESC LIMIT ?",
                arguments: StatementArguments(wanted) + [max(0, limit)]
            ).map { try Self.backfill(db, row: $0) }
        }
    }

    public func activeBackfills() async throws(CatalogError) -> [BackfillRecord] {
        try await reading { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM backfill WHERE state = 'running'
                        OR id IN (SELECT backfill_id FROM backfill_chunk WHERE state = 'running')
                    ORDER BY created_at, rowid
                    """
            ).map { try Self.backfill(db, row: $0) }
        }
    }

    public func backfill(id: String) async throws(CatalogError) -> BackfillRecord? {
        let wanted = id.trimmingCharacters(in: .whitespaces)
        guard !wanted.isEmpty else { return nil }
        return try await reading { db in
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM backfill WHERE id = ?", arguments: [wanted]) {
                return try Self.backfill(db, row: row)
            }
            let matches = try Row.fetchAll(
                db, sql: "SELECT * FROM backfill WHERE id >= ? AND id < ? ORDER BY id LIMIT 6",
                arguments: [wanted, wanted + "\u{10FFFF}"])
            if matches.count > 1 {
                let ids = try matches.prefix(5).map { try $0.decode(String.self, forColumn: "id") }
                throw CatalogError(
                    .ambiguous,
                    "backfill id '\(wanted)' is ambiguous: it begins several (\(ids.joined(separator: ", ")))",
                    hint: "give more characters of the id.")
            }
            return try matches.first.map { try Self.backfill(db, row: $0) }
        }
    }

    public func saveBackfill(
        _ backfill: BackfillRecord, enqueue: QueuedRun?, cancelQueuedRun: String?, at time: Date
    ) async throws(CatalogError) -> BackfillRecord? {
        try await writing { db in
            let stored = try Int.fetchOne(
                db, sql: "SELECT revision FROM backfill WHERE id = ?", arguments: [backfill.id])
            guard stored == backfill.revision else { return nil }
            var saved = backfill
            saved.revision += 1
            saved.updatedAt = time
            if let run = enqueue, let existing = try Self.insertQueued(db, run) {
                // The same key queued before: the chunk follows the run already queued under it.
                for index in saved.chunks.indices where saved.chunks[index].queuedRunID == run.id {
                    saved.chunks[index].queuedRunID = existing.id
                }
            }
            if let id = cancelQueuedRun { _ = try Self.cancelQueued(db, id: id, at: time) }
            try db.execute(sql: "DELETE FROM backfill_chunk WHERE backfill_id = ?", arguments: [saved.id])
            try db.execute(sql: "DELETE FROM backfill WHERE id = ?", arguments: [saved.id])
            try Self.insertBackfill(db, saved)
            try Self.writeChunks(db, saved)
            return saved
        }
    }

    static func insertBackfill(_ db: Database, _ backfill: BackfillRecord) throws {
        let owner = backfill.owner
        try db.execute(
            sql: """
                INSERT INTO backfill (id, environment, selection, range_start, range_end, chunk_seconds, state, driver,
                    owner_instance, owner_host, owner_pid, owner_started_at, requested_by, reason, idempotency_key,
                    created_at, updated_at, finished_at, error, domains, nodes, revision)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                backfill.id, backfill.environment, queueJSON(backfill.selection), backfill.start, backfill.end,
                backfill.chunkSeconds, backfill.state.rawValue, backfill.driver.rawValue, owner?.instance, owner?.host,
                owner?.processID, owner?.startedAt, backfill.requestedBy, backfill.reason, backfill.idempotencyKey,
                backfill.createdAt, backfill.updatedAt, backfill.finishedAt, backfill.error,
                queueJSON(backfill.domains), queueJSON(backfill.nodes), backfill.revision,
            ])
    }

    static func writeChunks(_ db: Database, _ backfill: BackfillRecord) throws {
        let statement = try db.makeStatement(
            sql: """
                INSERT INTO backfill_chunk (backfill_id, position, chunk_start, chunk_end, state, attempts,
                    queued_run_id, run_id, error, started_at, finished_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for chunk in backfill.chunks {
            try statement.execute(arguments: [
                backfill.id, chunk.index, chunk.start, chunk.end, chunk.state.rawValue, chunk.attempts,
                chunk.queuedRunID, chunk.runID, chunk.error, chunk.startedAt, chunk.finishedAt,
            ])
        }
    }

    static func backfill(_ db: Database, row: Row) throws -> BackfillRecord {
        let id: String = try row.decode(forColumn: "id")
        let chunks = try Row.fetchAll(
            db, sql: "SELECT * FROM backfill_chunk WHERE backfill_id = ? ORDER BY position", arguments: [id]
        ).map(chunk(row:))
        var owner: QueuedRun.Owner?
        if let instance: String = row["owner_instance"], let host: String = row["owner_host"],
            let pid: Int32 = row["owner_pid"], let started: Date = row["owner_started_at"]
        {
            owner = QueuedRun.Owner(instance: instance, host: host, processID: pid, startedAt: started)
        }
        return BackfillRecord(
            id: id, environment: try row.decode(forColumn: "environment"),
            selection: try decoded(QueuedRun.Selection.self, row, "selection", table: "backfill"),
            start: try row.decode(forColumn: "range_start"), end: try row.decode(forColumn: "range_end"),
            chunkSeconds: try row.decode(forColumn: "chunk_seconds"),
            state: try row.decodeEnum(BackfillRecord.State.self, "state", table: "backfill"),
            driver: try row.decodeEnum(BackfillRecord.Driver.self, "driver", table: "backfill"), owner: owner,
            requestedBy: try row.decode(forColumn: "requested_by"), reason: try row.decode(forColumn: "reason"),
            idempotencyKey: row["idempotency_key"], createdAt: try row.decode(forColumn: "created_at"),
            updatedAt: try row.decode(forColumn: "updated_at"), finishedAt: row["finished_at"], error: row["error"],
            domains: try decoded([String].self, row, "domains", table: "backfill"),
            nodes: try decoded([NodeID].self, row, "nodes", table: "backfill"),
            chunks: chunks, revision: try row.decode(forColumn: "revision"))
    }

    static func chunk(row: Row) throws -> BackfillRecord.Chunk {
        BackfillRecord.Chunk(
            index: try row.decode(forColumn: "position"), start: try row.decode(forColumn: "chunk_start"),
            end: try row.decode(forColumn: "chunk_end"),
            state: try row.decodeEnum(BackfillRecord.Chunk.State.self, "state", table: "backfill_chunk"),
            attempts: try row.decode(forColumn: "attempts"), queuedRunID: row["queued_run_id"], runID: row["run_id"],
            error: row["error"], startedAt: row["started_at"], finishedAt: row["finished_at"])
    }
}
