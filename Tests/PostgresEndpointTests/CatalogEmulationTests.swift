import DuckDB
import Testing

@testable import PostgresEndpoint
@testable import TesseraCore

/// The catalog emulation answers what BI tools ask at connect the way PostgreSQL would: the
/// queries here are the ones Apache Superset (through SQLAlchemy's PostgreSQL dialect) sends.
@Suite struct CatalogEmulationTests {
    static func emulation(database: String) throws -> CatalogEmulation {
        let orders = ReadableRelation(
            schema: "sales", name: "orders", description: "Orders, one row each.",
            columns: [
                ReadableRelation.Column(name: "order_id", type: "INTEGER", description: nil),
                ReadableRelation.Column(name: "price", type: "DECIMAL(10,2)", description: nil),
            ])
        return try CatalogEmulation(relations: [orders], database: database, user: "sales_reporting")
    }

    func texts(_ emulation: CatalogEmulation, _ sql: String) throws -> [String] {
        try emulation.query(sql, parameters: []).rows().map { row in
            row.map { value in
                if case .varchar(let text) = value { return text }
                return "\(value)"
            }.joined(separator: "|")
        }
    }

    /// Superset offers a PostgreSQL server's databases as catalogs, and connects to each to list
    /// its schemas: only the database signed in to may be one (DuckDB's own list also has
    /// `system`, `temp` and `memory`).
    @Test func listsOnlyTheDatabaseSignedInTo() throws {
        for database in ["acme", "mesh_two"] {
            let emulation = try Self.emulation(database: database)
            #expect(
                try texts(emulation, "SELECT datname FROM pg_database\nWHERE datistemplate = false;\n") == [database])
            // psql's \l reads the owner and the encoding too.
            #expect(
                try texts(
                    emulation,
                    """
                    SELECT d.datname, pg_catalog.pg_get_userbyid(d.datdba), pg_catalog.pg_encoding_to_char(d.encoding)
                    FROM pg_catalog.pg_database d ORDER BY 1
                    """) == ["\(database)|sales_reporting|UTF8"])
        }
    }
}
