internal import GRDB

extension CheckRunRecord {
    static let selectColumns = """
        snapshot_id, product, run_id, checked_at, name, kind, severity, status, failing_rows, \
        observed, message, samples, duration_ms, location
        """

    static let insertSQL = """
        INSERT INTO check_run (pass, \(selectColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    init(row: Row) throws {
        self.init(
            snapshotID: try row.decode(forColumn: "snapshot_id"),
            product: try row.decode(forColumn: "product"),
            runID: try row.decode(forColumn: "run_id"),
            checkedAt: try row.decode(forColumn: "checked_at"),
            name: try row.decode(forColumn: "name"),
            kind: try row.decode(forColumn: "kind"),
            severity: try row.decode(forColumn: "severity"),
            status: try row.decode(forColumn: "status"),
            failingRows: try row.decode(forColumn: "failing_rows"),
            observed: try row.decode(forColumn: "observed"),
            message: try row.decode(forColumn: "message"),
            samplesJSON: try row.decode(forColumn: "samples"),
            durationMs: try row.decode(forColumn: "duration_ms"),
            location: try row.decode(forColumn: "location"))
    }

    func insertArguments(pass: Int64) -> StatementArguments {
        [
            pass, snapshotID, product, runID, checkedAt, name, kind, severity, status, failingRows,
            observed, message, samplesJSON, durationMs, location,
        ]
    }
}
