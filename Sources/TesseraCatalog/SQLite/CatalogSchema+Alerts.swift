internal import GRDB

extension CatalogSchema {
    /// The alerts outbox (`v8_alerts`): one row per (event, webhook), appended when a run
    /// finishes and updated by each delivery attempt. `webhook` is where the webhook is declared
    /// and `webhook_key` a one-way key of its URL: the URL itself, a credential, is never stored.
    /// `last_error` names the webhook's host alone. Due rows are found through `alert_due`. Rows are
    /// never deleted, so an id (the rowid) is never handed out twice.
    static func v8Alerts(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE alert (
                    id INTEGER PRIMARY KEY,
                    event TEXT NOT NULL,
                    domain TEXT NOT NULL,
                    node TEXT,
                    run_id TEXT,
                    created_at TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    webhook TEXT NOT NULL,
                    webhook_key TEXT NOT NULL,
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at TEXT,
                    last_error TEXT,
                    updated_at TEXT NOT NULL
                );
                CREATE INDEX alert_due ON alert(next_attempt_at) WHERE state = 'pending';
                CREATE INDEX alert_by_run ON alert(run_id);
                """)
    }
}
