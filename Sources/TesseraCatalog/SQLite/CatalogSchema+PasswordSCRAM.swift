internal import GRDB

extension CatalogSchema {
    /// A password's SCRAM keys under its principal's SCRAM salt (`v14_password_scram`). SCRAM
    /// sends one salt and one iteration count before the client proves anything; a principal's
    /// tokens share its salt, so its password must have keys under that salt too for "a token or
    /// the password" to work in one exchange. The keys are made when the password is set (the
    /// only time the password is known), at the tokens' iteration count.
    static func v14PasswordSCRAM(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE password_scram (
                    principal_kind TEXT NOT NULL,
                    principal_name TEXT NOT NULL,
                    iterations INTEGER NOT NULL,
                    stored_key BLOB NOT NULL,
                    server_key BLOB NOT NULL,
                    PRIMARY KEY (principal_kind, principal_name)
                );
                """)
    }
}
