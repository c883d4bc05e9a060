internal import GRDB

extension CatalogSchema {
    /// The audit log (`v4_audit`): one row per entry, numbered by `sequence` (the rowid, so
    /// appending and reading newest-first cost an index-free seek). The triggers make UPDATE and
    /// DELETE fail, so no Tessera code path and no careless `sqlite3` session can rewrite
    /// history by accident; someone who drops the triggers can, and the hash chain is what shows
    /// it (docs/audit.md).
    static func v4Audit(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE audit_entry (
                    sequence INTEGER NOT NULL PRIMARY KEY,
                    time TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    target TEXT NOT NULL,
                    outcome TEXT NOT NULL,
                    detail TEXT NOT NULL,
                    previous_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                CREATE INDEX audit_entry_by_action ON audit_entry(action, sequence);
                CREATE INDEX audit_entry_by_target ON audit_entry(target, action, sequence);
                CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
    }
}
