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

    /// The schemas the session's search_path resolves to, for `current_schema()` and
    /// `current_schemas(bool)`; the caller has checked them against the visible ones.
    func useSchemas(_ schemas: [String]) throws {
        try connection.execute("DELETE FROM main._search_path")
        let insert = try connection.prepare("INSERT INTO main._search_path VALUES (?, ?)")
        for (position, schema) in schemas.enumerated() {
            _ = try insert.execute(.bigint(Int64(position)), .varchar(schema))
        }
    }

    /// Lines of text as the rows of one column, `QUERY PLAN` (EXPLAIN's answer), in order.
    func planRows(_ lines: [String]) throws -> ResultStream {
        let values = Array(repeating: "(?, ?)", count: max(lines.count, 1)).joined(separator: ", ")
        let parameters =
            lines.isEmpty
            ? [DuckDBValue.bigint(0), .varchar("")]
            : lines.enumerated().flatMap {
                [DuckDBValue.bigint(Int64($0.offset)), .varchar($0.element)]
            }
        return try connection.prepare(
            "SELECT CAST(line AS VARCHAR) AS \"QUERY PLAN\" FROM (VALUES \(values)) AS plan(n, line) ORDER BY n"
        ).query(parameters)
    }
}
