import DuckDB

/// A fresh in-memory database and a connection to it.
func makeConnection() throws -> Connection {
    try Database.inMemory().connect()
}

/// The single value a one-row, one-column query returns.
func value(_ sql: String, on connection: Connection? = nil) throws -> DuckDBValue? {
    let connection = try connection ?? makeConnection()
    return try connection.scalar(sql)
}
