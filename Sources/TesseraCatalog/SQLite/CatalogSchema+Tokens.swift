internal import GRDB

extension CatalogSchema {
    /// Sign-in tokens (`v6_tokens`): one row per token, found by its public id. `secret_sha256`
    /// is the SHA-256 of the token's secret (`TokenText.hash`), never the secret: a copy of the
    /// catalog signs no one in. Rows are never deleted, so a revoked or expired token stays
    /// listed and its id cannot be handed out again.
    static func v6Tokens(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE token (
                    id TEXT NOT NULL PRIMARY KEY,
                    principal_kind TEXT NOT NULL,
                    principal_name TEXT NOT NULL,
                    name TEXT,
                    created_at TEXT NOT NULL,
                    created_by TEXT NOT NULL,
                    expires_at TEXT,
                    revoked_at TEXT,
                    last_used_at TEXT,
                    secret_sha256 TEXT NOT NULL
                );
                CREATE INDEX token_by_principal ON token(principal_kind, principal_name);
                """)
    }
}
