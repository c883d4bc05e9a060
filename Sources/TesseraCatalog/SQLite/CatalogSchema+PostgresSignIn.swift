internal import GRDB

extension CatalogSchema {
    /// What the PostgreSQL endpoint's SCRAM-SHA-256 sign-in needs (`v11_pg`). SCRAM sends one
    /// salt before the client proves anything, and a principal has many tokens: so each principal
    /// gets one salt (`scram_salt`), and each token made since stores its SCRAM StoredKey and
    /// ServerKey under that salt (`token_scram`), never the token. Tokens made before this
    /// migration have no row there and cannot sign in over PostgreSQL.
    static func v11PostgresSignIn(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE scram_salt (
                    principal_kind TEXT NOT NULL,
                    principal_name TEXT NOT NULL,
                    salt BLOB NOT NULL,
                    PRIMARY KEY (principal_kind, principal_name)
                );
                CREATE TABLE token_scram (
                    token_id TEXT NOT NULL PRIMARY KEY REFERENCES token(id),
                    iterations INTEGER NOT NULL,
                    stored_key BLOB NOT NULL,
                    server_key BLOB NOT NULL
                );
                """)
    }
}
