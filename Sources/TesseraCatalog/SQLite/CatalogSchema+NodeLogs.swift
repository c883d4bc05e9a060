internal import GRDB

extension CatalogSchema {
    /// Each node's log lines in a run (`v13_node_logs`), written in batches while the run goes.
    /// `samples` (the sample rows a failing check quotes, as JSON text) sits apart from `text`
    /// because it holds data that only some readers may see.
    static func v13NodeLogs(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE node_log (
                    run_id TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                    sequence INTEGER NOT NULL,
                    node TEXT NOT NULL,
                    logged_at TEXT NOT NULL,
                    level TEXT NOT NULL,
                    text TEXT NOT NULL,
                    samples TEXT NOT NULL DEFAULT '[]',
                    sample_rows INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (run_id, sequence)
                );
                CREATE INDEX node_log_by_node ON node_log(run_id, node, sequence);
                """)
    }
}
