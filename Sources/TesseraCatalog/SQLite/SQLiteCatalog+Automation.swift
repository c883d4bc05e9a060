import Foundation
internal import GRDB
import TesseraModel

// The service's automation in SQLite (`queued_run`, `automation_node`, `automation_decision`,
// `automation_decision_history`; migration `v7_automation`). Every change is one immediate write
// transaction: claiming a run reads the running ones and marks the chosen one `running` under
// the write lock, so two services never claim the same run, and a tick's states, decisions and
// enqueued runs commit together or not at all.
extension SQLiteCatalog {
    /// Decisions kept per node in the history (only those that changed the verdict or reason).
    static let decisionHistoryLimit = 50

    public func enqueue(_ run: QueuedRun) async throws(CatalogError) -> QueuedRun {
        try await writing { db in try Self.insertQueued(db, run) ?? run }
    }

    public func queuedRuns(states: Set<QueuedRun.State>?, limit: Int) async throws(CatalogError) -> [QueuedRun] {
        try await reading { db in
            let wanted = states.map { Array($0).map(\.rawValue) } ?? QueuedRun.State.allCases.map(\.rawValue)
            let marks = wanted.map { _ in "?" }.joined(separator: ", ")
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM queued_run WHERE state IN (\(marks)) ORDER BY enqueued_at DESC, rowid DESC LIMIT ?
                    """, arguments: StatementArguments(wanted) + [max(0, limit)]
            ).map(Self.queuedRun(row:))
        }
    }

    public func queuedRun(id: String) async throws(CatalogError) -> QueuedRun? {
        let wanted = id.trimmingCharacters(in: .whitespaces)
        guard !wanted.isEmpty else { return nil }
        return try await reading { db in
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM queued_run WHERE id = ?", arguments: [wanted]) {
                return try Self.queuedRun(row: row)
            }
            let matches = try Row.fetchAll(
                db, sql: "SELECT * FROM queued_run WHERE id >= ? AND id < ? ORDER BY id LIMIT 6",
                arguments: [wanted, wanted + "\u{10FFFF}"])
            if matches.count > 1 {
                let ids = try matches.prefix(5).map { try $0.decode(String.self, forColumn: "id") }
                throw CatalogError(
                    .ambiguous,
                    "queued run id '\(wanted)' is ambiguous: it begins several (\(ids.joined(separator: ", ")))",
                    hint: "give more characters of the id.")
            }
            return try matches.first.map(Self.queuedRun(row:))
        }
    }

    public func claimQueuedRun(owner: QueuedRun.Owner, limits: QueueLimits, at time: Date) async throws(CatalogError)
        -> QueuedRun?
    {
        try await writing { db in
            let running = try Row.fetchAll(db, sql: "SELECT * FROM queued_run WHERE state = 'running'")
                .map(Self.queuedRun(row:))
            let queued = try Row.fetchAll(
                db, sql: "SELECT * FROM queued_run WHERE state = 'queued' ORDER BY enqueued_at, rowid"
            ).map(Self.queuedRun(row:))
            guard var chosen = limits.admissible(queued, running: running) else { return nil }
            try db.execute(
                sql: """
                    UPDATE queued_run SET state = 'running', started_at = ?, owner_instance = ?, owner_host = ?,
                        owner_pid = ?, owner_started_at = ? WHERE id = ? AND state = 'queued'
                    """,
                arguments: [time, owner.instance, owner.host, owner.processID, owner.startedAt, chosen.id])
            guard db.changesCount == 1 else { return nil }
            chosen.state = .running
            chosen.startedAt = time
            chosen.owner = owner
            return chosen
        }
    }

    public func attachRun(queuedRunID: String, runID: String) async throws(CatalogError) {
        try await writing { db in
            try db.execute(sql: "UPDATE queued_run SET run_id = ? WHERE id = ?", arguments: [runID, queuedRunID])
        }
    }

    public func finishQueuedRun(id: String, state: QueuedRun.State, at time: Date) async throws(CatalogError) {
        try await writing { db in
            try db.execute(
                sql: "UPDATE queued_run SET state = ?, finished_at = ? WHERE id = ? AND state IN ('queued', 'running')",
                arguments: [state.rawValue, time, id])
        }
    }

    public func cancelQueuedRun(id: String, at time: Date) async throws(CatalogError) -> QueuedRun? {
        try await writing { db in try Self.cancelQueued(db, id: id, at: time) }
    }

    /// Cancels a queued run at once, or marks a running one `cancel_requested`, in `db`'s transaction.
    static func cancelQueued(_ db: Database, id: String, at time: Date) throws -> QueuedRun? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM queued_run WHERE id = ?", arguments: [id]) else {
            return nil
        }
        var run = try Self.queuedRun(row: row)
        switch run.state {
        case .queued:
            try db.execute(
                sql: "UPDATE queued_run SET state = 'cancelled', finished_at = ?, cancel_requested = 1 WHERE id = ?",
                arguments: [time, id])
            run.state = .cancelled
            run.finishedAt = time
            run.cancelRequested = true
        case .running:
            try db.execute(sql: "UPDATE queued_run SET cancel_requested = 1 WHERE id = ?", arguments: [id])
            run.cancelRequested = true
        case .finished, .cancelled, .interrupted: break
        }
        return run
    }

    public func interruptOrphanedRuns(at time: Date) async throws(CatalogError) -> [QueuedRun] {
        try await writing { db in
            let running = try Row.fetchAll(db, sql: "SELECT * FROM queued_run WHERE state = 'running'")
                .map(Self.queuedRun(row:))
            let orphans = running.filter { !($0.owner?.isAlive ?? false) }
            for orphan in orphans {
                try db.execute(
                    sql: "UPDATE queued_run SET state = 'interrupted', finished_at = ? WHERE id = ?",
                    arguments: [time, orphan.id])
            }
            return orphans.map { orphan in
                var run = orphan
                run.state = .interrupted
                run.finishedAt = time
                return run
            }
        }
    }

    /// Inserts a run; when its idempotency key is taken, returns the run recorded under it instead.
    static func insertQueued(_ db: Database, _ run: QueuedRun) throws -> QueuedRun? {
        if let key = run.idempotencyKey,
            let row = try Row.fetchOne(db, sql: "SELECT * FROM queued_run WHERE idempotency_key = ?", arguments: [key])
        {
            return try queuedRun(row: row)
        }
        try db.execute(
            sql: """
                INSERT INTO queued_run (id, environment, selection, trigger, reason, requested_by, idempotency_key,
                    state, cancel_requested, enqueued_at, started_at, finished_at, attempt, run_id, owner_instance,
                    owner_host, owner_pid, owner_started_at, domains, nodes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                run.id, run.environment, queueJSON(run.selection), run.trigger.rawValue, run.reason, run.requestedBy,
                run.idempotencyKey, run.state.rawValue, run.cancelRequested, run.enqueuedAt, run.startedAt,
                run.finishedAt, run.attempt, run.runID, run.owner?.instance, run.owner?.host, run.owner?.processID,
                run.owner?.startedAt, queueJSON(run.domains), queueJSON(run.nodes),
            ])
        return nil
    }

    static func queueJSON<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // The values stored this way (strings, node ids, flags) always encode.
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    static func decoded<T: Decodable>(_ type: T.Type, _ row: Row, _ column: String, table: String = "queued_run")
        throws -> T
    {
        let text: String = try row.decode(forColumn: column)
        guard let value = try? JSONDecoder().decode(type, from: Data(text.utf8)) else {
            throw StoredValueError(column: "\(table).\(column)", value: text)
        }
        return value
    }

    static func queuedRun(row: Row) throws -> QueuedRun {
        var owner: QueuedRun.Owner?
        if let instance: String = row["owner_instance"], let host: String = row["owner_host"],
            let pid: Int32 = row["owner_pid"], let started: Date = row["owner_started_at"]
        {
            owner = QueuedRun.Owner(instance: instance, host: host, processID: pid, startedAt: started)
        }
        return QueuedRun(
            id: try row.decode(forColumn: "id"), environment: try row.decode(forColumn: "environment"),
            selection: try decoded(QueuedRun.Selection.self, row, "selection"),
            trigger: try row.decodeEnum(QueuedRun.Trigger.self, "trigger", table: "queued_run"),
            reason: try row.decode(forColumn: "reason"), requestedBy: try row.decode(forColumn: "requested_by"),
            idempotencyKey: row["idempotency_key"],
            state: try row.decodeEnum(QueuedRun.State.self, "state", table: "queued_run"),
            cancelRequested: row["cancel_requested"] ?? false, enqueuedAt: try row.decode(forColumn: "enqueued_at"),
            startedAt: row["started_at"], finishedAt: row["finished_at"], attempt: row["attempt"] ?? 1,
            runID: row["run_id"], owner: owner, domains: try decoded([String].self, row, "domains"),
            nodes: try decoded([NodeID].self, row, "nodes"))
    }
}
