internal import GRDB

extension CatalogSchema {
    /// Passwords and browser sessions of the web UI (`v10_web`). `password.verifier` is a
    /// SCRAM-SHA-256 verifier (`SCRAMVerifier`), never a password; `web_session.id_sha256` is the
    /// SHA-256 of the session id the browser holds, never the id.
    static func v10Web(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE password (
                    principal_kind TEXT NOT NULL,
                    principal_name TEXT NOT NULL,
                    verifier TEXT NOT NULL,
                    set_at TEXT NOT NULL,
                    set_by TEXT NOT NULL,
                    PRIMARY KEY (principal_kind, principal_name)
                );
                CREATE TABLE web_session (
                    id_sha256 TEXT NOT NULL PRIMARY KEY,
                    principal_kind TEXT NOT NULL,
                    principal_name TEXT NOT NULL,
                    via TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    last_seen_at TEXT NOT NULL,
                    expires_at TEXT NOT NULL
                );
                CREATE INDEX web_session_by_expiry ON web_session(expires_at);
                """)
    }
}
