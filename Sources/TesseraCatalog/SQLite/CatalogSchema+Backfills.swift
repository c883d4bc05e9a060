internal import GRDB

extension CatalogSchema {
    /// Backfills (`v9_backfills`). `backfill`: one row per backfill asked for, kept after it ends;
    /// `idempotency_key` is unique, so the same request twice is one backfill; `revision` counts
    /// its changes, so two drivers never write over each other's step; `owner_*` name the process
    /// of a `command` driver; `selection`, `domains` and `nodes` are JSON. `backfill_chunk`: its
    /// chunks, oldest first (`position`), each with its state, attempts, and the queued and
    /// catalog runs of its latest attempt.
    static func v9Backfills(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE backfill (
                    id TEXT NOT NULL PRIMARY KEY,
                    environment TEXT NOT NULL,
                    selection TEXT NOT NULL,
                    range_start TEXT NOT NULL,
                    range_end TEXT NOT NULL,
                    chunk_seconds INTEGER NOT NULL,
                    state TEXT NOT NULL,
                    driver TEXT NOT NULL,
                    owner_instance TEXT,
                    owner_host TEXT,
                    owner_pid INTEGER,
                    owner_started_at TEXT,
                    requested_by TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    idempotency_key TEXT UNIQUE,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    finished_at TEXT,
                    error TEXT,
                    domains TEXT NOT NULL,
                    nodes TEXT NOT NULL,
                    revision INTEGER NOT NULL
                );
                CREATE INDEX backfill_by_state ON backfill(state, created_at);
                CREATE TABLE backfill_chunk (
                    backfill_id TEXT NOT NULL REFERENCES backfill(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    chunk_start TEXT NOT NULL,
                    chunk_end TEXT NOT NULL,
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL,
                    queued_run_id TEXT,
                    run_id TEXT,
                    error TEXT,
                    started_at TEXT,
                    finished_at TEXT,
                    PRIMARY KEY (backfill_id, position)
                );
                CREATE INDEX backfill_chunk_by_state ON backfill_chunk(state);
                """)
    }
}
