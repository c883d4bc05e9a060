internal import GRDB

extension CatalogSchema {
    /// The service's automation (`v7_automation`). `queued_run`: one row per run asked of the
    /// service, kept after it ends; `idempotency_key` is unique, so the same request twice is one
    /// run; `owner_*` name the service instance running it, whose death a restart detects;
    /// `domains` and `nodes` are JSON arrays. `automation_node`: each node's state between ticks
    /// (JSON the catalog does not read). `automation_decision`: the latest decision per node;
    /// `automation_decision_history`: the decisions that changed a node's verdict or reason,
    /// the newest `decisionHistoryLimit` per node.
    static func v7Automation(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE queued_run (
                    id TEXT NOT NULL PRIMARY KEY,
                    environment TEXT NOT NULL,
                    selection TEXT NOT NULL,
                    trigger TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    requested_by TEXT NOT NULL,
                    idempotency_key TEXT UNIQUE,
                    state TEXT NOT NULL,
                    cancel_requested INTEGER NOT NULL DEFAULT 0,
                    enqueued_at TEXT NOT NULL,
                    started_at TEXT,
                    finished_at TEXT,
                    attempt INTEGER NOT NULL,
                    run_id TEXT,
                    owner_instance TEXT,
                    owner_host TEXT,
                    owner_pid INTEGER,
                    owner_started_at TEXT,
                    domains TEXT NOT NULL,
                    nodes TEXT NOT NULL
                );
                CREATE INDEX queued_run_by_state ON queued_run(state, enqueued_at);
                CREATE TABLE automation_node (
                    node TEXT NOT NULL PRIMARY KEY,
                    state TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE TABLE automation_decision (
                    node TEXT NOT NULL PRIMARY KEY,
                    evaluated_at TEXT NOT NULL,
                    verdict TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    decision TEXT NOT NULL
                );
                CREATE TABLE automation_decision_history (
                    node TEXT NOT NULL,
                    evaluated_at TEXT NOT NULL,
                    verdict TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    decision TEXT NOT NULL
                );
                CREATE INDEX automation_decision_history_by_node ON automation_decision_history(node, evaluated_at);
                """)
    }
}
