internal import GRDB

/// The catalog's schema as named, append-only migrations. A released migration is never edited:
/// a change is a new migration, so every older file upgrades in place when a newer Tessera opens
/// it. Enum columns carry no CHECK constraint on purpose: SQLite cannot alter one, and adding a
/// status later would otherwise mean rebuilding the table; values are checked when read.
enum CatalogSchema {
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1_runs") { db in
            try db.execute(
                sql: """
                    CREATE TABLE run (
                        id TEXT NOT NULL PRIMARY KEY,
                        environment TEXT NOT NULL,
                        command TEXT NOT NULL,
                        selector TEXT,
                        arguments TEXT NOT NULL DEFAULT '[]',
                        started_at TEXT NOT NULL,
                        finished_at TEXT,
                        status TEXT NOT NULL,
                        process_id INTEGER NOT NULL,
                        host TEXT NOT NULL
                    );
                    CREATE INDEX run_by_start ON run(started_at);
                    CREATE INDEX run_by_environment ON run(environment, started_at);
                    CREATE INDEX run_by_command ON run(environment, command, started_at);
                    CREATE INDEX run_running ON run(host) WHERE status = 'running';
                    CREATE TABLE node_run (
                        run_id TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                        node TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        status TEXT NOT NULL,
                        reason TEXT,
                        row_count INTEGER,
                        duration_seconds REAL,
                        error TEXT,
                        started_at TEXT,
                        finished_at TEXT,
                        detail TEXT,
                        PRIMARY KEY (run_id, node)
                    );
                    """)
        }
        migrator.registerMigration("v1_snapshots") { db in
            try db.execute(
                sql: """
                    CREATE TABLE snapshot (
                        id TEXT NOT NULL PRIMARY KEY,
                        product TEXT NOT NULL,
                        version TEXT NOT NULL,
                        created_at TEXT NOT NULL,
                        row_count INTEGER NOT NULL,
                        byte_count INTEGER NOT NULL,
                        file_count INTEGER NOT NULL,
                        path TEXT NOT NULL,
                        run_id TEXT REFERENCES run(id) ON DELETE SET NULL,
                        status TEXT NOT NULL,
                        reason TEXT,
                        fingerprint TEXT,
                        upstream_version INTEGER
                    );
                    CREATE INDEX snapshot_by_product ON snapshot(product, created_at);
                    CREATE INDEX snapshot_by_run ON snapshot(run_id);
                    CREATE UNIQUE INDEX snapshot_one_current ON snapshot(product) WHERE status = 'current';
                    """)
        }
        // What publishing needs: the contract each snapshot was published with, check results,
        // profiles, drift, and the processes reading a snapshot (so garbage collection never
        // deletes one under them). Quality results are JSON text the catalog stores without
        // reading: their types live in TesseraQuality, which the catalog does not import.
        // Everything hanging off a snapshot goes with it (ON DELETE CASCADE); `against_snapshot_id`
        // has no foreign key on purpose: a drift report outlives the older snapshot it compared with.
        migrator.registerMigration("v2_quality") { db in
            try db.execute(
                sql: """
                    ALTER TABLE snapshot ADD COLUMN contract TEXT;
                    CREATE TABLE check_run (
                        snapshot_id TEXT NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
                        product TEXT NOT NULL,
                        pass INTEGER NOT NULL,
                        run_id TEXT REFERENCES run(id) ON DELETE SET NULL,
                        checked_at TEXT NOT NULL,
                        name TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        severity TEXT NOT NULL,
                        status TEXT NOT NULL,
                        failing_rows INTEGER NOT NULL,
                        observed TEXT,
                        message TEXT NOT NULL,
                        samples TEXT NOT NULL DEFAULT '[]',
                        duration_ms INTEGER NOT NULL,
                        location TEXT
                    );
                    CREATE INDEX check_run_by_snapshot ON check_run(snapshot_id, pass);
                    CREATE INDEX check_run_by_product ON check_run(product, pass);
                    CREATE INDEX check_run_by_run ON check_run(run_id);
                    CREATE TABLE snapshot_profile (
                        snapshot_id TEXT NOT NULL PRIMARY KEY REFERENCES snapshot(id) ON DELETE CASCADE,
                        profile TEXT NOT NULL,
                        recorded_at TEXT NOT NULL
                    );
                    CREATE TABLE snapshot_drift (
                        snapshot_id TEXT NOT NULL PRIMARY KEY REFERENCES snapshot(id) ON DELETE CASCADE,
                        against_snapshot_id TEXT NOT NULL,
                        drift TEXT NOT NULL,
                        exceeded INTEGER NOT NULL,
                        recorded_at TEXT NOT NULL
                    );
                    CREATE TABLE snapshot_reader (
                        lease_id TEXT NOT NULL,
                        snapshot_id TEXT NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
                        process_id INTEGER NOT NULL,
                        host TEXT NOT NULL,
                        since TEXT NOT NULL,
                        PRIMARY KEY (lease_id, snapshot_id)
                    );
                    CREATE INDEX snapshot_reader_by_snapshot ON snapshot_reader(snapshot_id);
                    """)
        }
        migrator.registerMigration("v3_metadata", migrate: v3Metadata)
        migrator.registerMigration("v4_audit", migrate: CatalogSchema.v4Audit)
        migrator.registerMigration("v5_relative_paths", migrate: CatalogSchema.v5RelativePaths)
        migrator.registerMigration("v6_tokens", migrate: CatalogSchema.v6Tokens)
        migrator.registerMigration("v7_automation", migrate: CatalogSchema.v7Automation)
        migrator.registerMigration("v8_alerts", migrate: CatalogSchema.v8Alerts)
        migrator.registerMigration("v9_backfills", migrate: CatalogSchema.v9Backfills)
        migrator.registerMigration("v10_web", migrate: CatalogSchema.v10Web)
        migrator.registerMigration("v11_pg", migrate: CatalogSchema.v11PostgresSignIn)
        migrator.registerMigration("v12_dashboard_deliveries", migrate: CatalogSchema.v12DashboardDeliveries)
        migrator.registerMigration("v13_node_logs", migrate: CatalogSchema.v13NodeLogs)
        migrator.registerMigration("v14_password_scram", migrate: CatalogSchema.v14PasswordSCRAM)
        return migrator
    }()

    /// Brings the file up to date. Most opens find nothing to do, and learn it from one read,
    /// which takes no write lock. Two processes opening a fresh file at once may both try a
    /// migration; the loser's CREATE TABLE fails, so it looks again before reporting an error.
    static func migrate(_ pool: any DatabaseWriter) throws {
        var attempt = 0
        while true {
            let (superseded, complete) = try pool.read { db in
                (try migrator.hasBeenSuperseded(db), try migrator.hasCompletedMigrations(db))
            }
            if superseded { throw NewerSchema() }
            if complete { return }
            do {
                try migrator.migrate(pool)
                return
            } catch {
                attempt += 1
                if attempt >= 3 { throw error }
            }
        }
    }
}

/// The file records migrations this binary does not know: a newer Tessera wrote it.
struct NewerSchema: Error {}
