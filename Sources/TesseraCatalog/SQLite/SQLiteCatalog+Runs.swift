import Foundation
internal import GRDB

extension SQLiteCatalog {
    /// Also marks this host's runs whose process is gone as `interrupted`, in the same
    /// transaction: a writer starting a run is the moment the verdict is certain enough to keep
    /// (the old process cannot come back), and it lets `--from-failure` find such a run by its
    /// stored status. Readers only derive it, so `tessera runs` never writes.
    public func startRun(_ run: RunRecord) async throws(CatalogError) {
        let host = self.host
        try await writing { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM run WHERE id = ?", arguments: [run.id]) == true {
                throw CatalogError(
                    .conflict, "a run with id \(run.id) is already recorded",
                    hint: "start the run with a new id (RunID.make()).")
            }
            let stale = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(RunRecord.selectColumns) FROM run WHERE status = 'running' AND host = ?
                    """, arguments: [host])
            for row in stale {
                let old = try RunRecord(row: row)
                if old.isOrphaned(onHost: host) {
                    try db.execute(sql: "UPDATE run SET status = 'interrupted' WHERE id = ?", arguments: [old.id])
                }
            }
            try db.execute(
                sql: """
                    INSERT INTO run (\(RunRecord.selectColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    run.id, run.environment, run.command, run.selector, run.argumentsJSON,
                    run.startedAt, run.finishedAt, run.status.rawValue, run.processID, run.host,
                ])
            try self.auditRunStart(db, run)
        }
    }

    /// One transaction for the whole batch, with one cached statement: a 2,000-node plan costs
    /// one commit, not 2,000, and under WAL with `synchronous = NORMAL` that commit is a WAL
    /// append without an fsync.
    public func recordNodes(_ nodes: [NodeRunRecord]) async throws(CatalogError) {
        guard !nodes.isEmpty else { return }
        try await writing { db in
            for runID in Set(nodes.map(\.runID)).sorted() {
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM run WHERE id = ?", arguments: [runID]) != true {
                    throw CatalogError(
                        .notFound, "cannot record nodes of run \(runID): no such run",
                        hint: "start the run (startRun) before recording its nodes.")
                }
            }
            let statement = try db.cachedStatement(sql: NodeRunRecord.upsertSQL)
            for node in nodes {
                try statement.execute(arguments: node.upsertArguments)
            }
        }
    }

    public func finishRun(id: String, status: RunStatus, finishedAt: Date) async throws(CatalogError) {
        guard status != .running else {
            throw CatalogError(
                .conflict, "run \(id) cannot finish as running",
                hint: "finish it as succeeded, failed or interrupted.", file: file.path)
        }
        try await writing { db in
            try db.execute(
                sql: "UPDATE run SET status = ?, finished_at = ? WHERE id = ?",
                arguments: [status.rawValue, finishedAt, id])
            if db.changesCount == 0 {
                throw CatalogError(
                    .notFound, "cannot finish run \(id): no such run",
                    hint: "start the run (startRun) before finishing it.")
            }
            try self.auditRunFinish(db, id: id, status: status)
        }
    }

    public func runs(limit: Int, environment: String?) async throws(CatalogError) -> [RunSummary] {
        guard limit > 0 else { return [] }
        let host = self.host
        return try await reading { db in
            let listed = """
                SELECT id FROM run \(environment == nil ? "" : "WHERE environment = :environment")
                ORDER BY started_at DESC, id DESC LIMIT :limit
                """
            let arguments: StatementArguments = ["environment": environment, "limit": limit]
            let runs = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(RunRecord.selectColumns) FROM run WHERE id IN (\(listed))
                    ORDER BY started_at DESC, id DESC
                    """, arguments: arguments
            ).map { try RunRecord(row: $0).observed(onHost: host) }
            // One grouped count over the same runs, in the same read transaction.
            var counts: [String: [NodeStatus: Int]] = [:]
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT run_id, status, count(*) AS n FROM node_run WHERE run_id IN (\(listed))
                    GROUP BY run_id, status
                    """, arguments: arguments)
            for row in rows {
                let status = try row.decodeEnum(NodeStatus.self, "status", table: "node_run")
                let runID: String = try row.decode(forColumn: "run_id")
                counts[runID, default: [:]][status] = try row.decode(forColumn: "n")
            }
            // A run that never finished: its publishes count as done, as `run(id:)` shows them.
            for run in runs where run.status == .interrupted {
                counts[run.id] = try Self.detail(db, of: run).nodes.reduce(into: [:]) { $0[$1.status, default: 0] += 1 }
            }
            return runs.map { RunSummary(run: $0, nodeCounts: counts[$0.id] ?? [:]) }
        }
    }

    /// An exact id wins; otherwise the id is taken as a prefix, and must match one run only.
    public func run(id: String) async throws(CatalogError) -> RunDetail? {
        let wanted = id.trimmingCharacters(in: .whitespaces)
        guard !wanted.isEmpty else { return nil }
        let host = self.host
        return try await reading { db in
            var row = try Row.fetchOne(
                db, sql: "SELECT \(RunRecord.selectColumns) FROM run WHERE id = ?",
                arguments: [wanted])
            if row == nil {
                // A range on the primary key, not LIKE: ids may hold `_`, and the index is used.
                let matches = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(RunRecord.selectColumns) FROM run WHERE id >= ? AND id < ? ORDER BY id LIMIT 6
                        """, arguments: [wanted, wanted + "\u{10FFFF}"])
                if matches.count > 1 {
                    var ids = try matches.prefix(5).map { try $0.decode(String.self, forColumn: "id") }
                    if matches.count > 5 { ids.append("…") }
                    throw CatalogError(
                        .ambiguous,
                        "run id '\(wanted)' is ambiguous: it begins the ids of several runs (\(ids.joined(separator: ", ")))",
                        hint: "give more characters of the id (see `tessera runs`).")
                }
                row = matches.first
            }
            guard let row else { return nil }
            return try Self.detail(db, of: RunRecord(row: row).observed(onHost: host))
        }
    }

    /// A run's nodes and publishes, the products an unfinished run published shown as such.
    static func detail(_ db: Database, of run: RunRecord) throws -> RunDetail {
        let nodes = try Row.fetchAll(
            db,
            sql: """
                SELECT \(NodeRunRecord.selectColumns) FROM node_run WHERE run_id = ? ORDER BY rowid
                """, arguments: [run.id]
        ).map(NodeRunRecord.init(row:))
        return RunDetail(run: run, nodes: nodes, published: try Self.published(db, byRun: run.id))
            .withPublishesOfAnUnfinishedRun()
    }

    /// The `publish` entries of the audit log written by run `id`: those after its `run.start`
    /// entry (the index on action and sequence keeps this to the publishes since then).
    static func published(_ db: Database, byRun id: String) throws -> [RunPublish] {
        struct Detail: Decodable { var snapshot, version: String; var rows: Int64; var run: String? }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT target, time, detail FROM audit_entry
                WHERE action = 'publish' AND sequence > (
                    SELECT coalesce(min(sequence), 0) FROM audit_entry WHERE action = 'run.start' AND target = :id)
                  AND json_extract(detail, '$.run') = :id
                ORDER BY sequence
                """, arguments: ["id": id])
        return rows.compactMap { row in
            let text: String = row["detail"] ?? ""
            guard let detail = try? JSONDecoder().decode(Detail.self, from: Data(text.utf8)) else { return nil }
            return RunPublish(
                product: row["target"] ?? "", snapshot: detail.snapshot, version: detail.version, rows: detail.rows,
                time: row["time"] ?? "")
        }
    }

    public func lastRun(environment: String, command: String) async throws(CatalogError) -> RunRecord? {
        let host = self.host
        return try await reading { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT \(RunRecord.selectColumns) FROM run WHERE environment = ? AND command = ?
                    ORDER BY started_at DESC, id DESC LIMIT 1
                    """, arguments: [environment, command]
            )
            .map { try RunRecord(row: $0).observed(onHost: host) }
        }
    }
}
