import DuckDB
import Foundation
import TesseraCore

/// The catalog a client reads at connect (psql's `\d`, a driver's metadata calls, a BI tool's
/// schema browser), over exactly the relations the principal may read: an in-memory DuckDB,
/// sandboxed, holding an empty table of each readable product's shape in its domain's schema
/// (column comments from the contract), and the `pg_catalog` and `information_schema` views
/// clients expect, filtered to those. No row of any product is in it, so a catalog query
/// cannot leak data; it runs here, never on the products.
final class CatalogEmulation {
    let connection: Connection
    let database: String

    init(relations: [ReadableRelation], database: String, user: String) throws {
        let engine = try Database(options: Sandbox.openOptions)
        try Sandbox(directories: []).confine(engine)
        connection = try Connection(engine)
        self.database = database
        let name = SQL.identifier(database)
        try connection.execute("ATTACH ':memory:' AS \(name); USE \(name)")
        var statements: [String] = []
        for schema in Set(relations.map(\.schema)).sorted() {
            statements.append("CREATE SCHEMA \(SQL.identifier(schema))")
        }
        for relation in relations { statements += Self.create(relation) }
        try connection.execute(statements.joined(separator: ";\n"))
        try connection.execute(CatalogDefinitions.sql(user: user))
        try Sandbox.lock(engine)
    }

    private static func create(_ relation: ReadableRelation) -> [String] {
        let table = SQL.qualified([relation.schema, relation.name])
        let columns = relation.columns.map { "\(SQL.identifier($0.name)) \($0.type)" }.joined(separator: ", ")
        var statements = ["CREATE TABLE \(table) (\(columns))"]
        if let description = relation.description {
            statements.append("COMMENT ON TABLE \(table) IS \(SQL.literal(description))")
        }
        for column in relation.columns {
            guard let description = column.description else { continue }
            statements.append(
                "COMMENT ON COLUMN \(table).\(SQL.identifier(column.name)) IS \(SQL.literal(description))")
        }
        return statements
    }

    /// Runs a catalog query, rewritten into DuckDB's dialect.
    func query(_ sql: String, parameters: [DuckDBValue]) throws -> ResultStream {
        try connection.prepare(CatalogQueryRewriter.rewrite(sql)).query(parameters)
    }

    func prepare(_ sql: String) throws -> PreparedStatement {
        try connection.prepare(CatalogQueryRewriter.rewrite(sql))
    }
}
