internal import GRDB
import TesseraModel

extension NodeRunRecord {
    static let selectColumns = """
        run_id, node, kind, status, reason, row_count, duration_seconds, error, started_at, \
        finished_at, detail
        """

    /// Replaces every field of an existing `(run_id, node)` row: a record is the node's whole
    /// state, not a patch. The row keeps its rowid, hence its place in the listing.
    static let upsertSQL = """
        INSERT INTO node_run (\(selectColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (run_id, node) DO UPDATE SET
            kind = excluded.kind, status = excluded.status, reason = excluded.reason,
            row_count = excluded.row_count, duration_seconds = excluded.duration_seconds,
            error = excluded.error, started_at = excluded.started_at,
            finished_at = excluded.finished_at, detail = excluded.detail
        """

    init(row: Row) throws {
        self.init(
            runID: try row.decode(forColumn: "run_id"),
            node: try row.decode(forColumn: "node"),
            kind: try row.decodeEnum(NodeKind.self, "kind", table: "node_run"),
            status: try row.decodeEnum(NodeStatus.self, "status", table: "node_run"),
            reason: try row.decode(forColumn: "reason"),
            rows: try row.decode(forColumn: "row_count"),
            durationSeconds: try row.decode(forColumn: "duration_seconds"),
            error: try row.decode(forColumn: "error"),
            startedAt: try row.decode(forColumn: "started_at"),
            finishedAt: try row.decode(forColumn: "finished_at"),
            detail: try row.decode(forColumn: "detail"))
    }

    var upsertArguments: StatementArguments {
        [
            runID, node, kind.rawValue, status.rawValue, reason, rows, durationSeconds, error,
            startedAt, finishedAt, detail,
        ]
    }
}
