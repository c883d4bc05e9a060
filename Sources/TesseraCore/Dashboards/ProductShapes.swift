import DuckDB
import TesseraModel

/// An in-memory, sandboxed DuckDB with an empty table of each product's contract in its
/// domain's schema: a chart's SQL binds against it to find its result's columns and types
/// without reading any data (validation needs no run, no catalog, no snapshot).
final class ProductShapes {
    private let connection: Connection

    init(project: Project) throws {
        let engine = try Database(options: Sandbox.openOptions)
        try Sandbox(directories: []).confine(engine)
        connection = try Connection(engine)
        var statements: [String] = []
        for domain in project.domains where !domain.products.isEmpty {
            statements.append("CREATE SCHEMA \(SQL.identifier(domain.name))")
            for product in domain.products where !product.contract.columns.isEmpty {
                let columns = product.contract.columns.map { "\(SQL.identifier($0.name)) \($0.type)" }
                statements.append(
                    "CREATE TABLE \(SQL.qualified(domain.name, product.name)) (\(columns.joined(separator: ", ")))")
            }
        }
        // A contract type DuckDB does not know is reported by validate elsewhere; each table
        // is created alone so one bad type costs only its product.
        for statement in statements { _ = try? connection.execute(statement) }
        try Sandbox.lock(engine)
    }

    /// The columns `sql` returns, or DuckDB's words on why it does not bind.
    func columns(of sql: String) -> Result<[ResultColumn], DuckDBError> {
        do {
            return .success(try connection.query("SELECT * FROM (\n\(sql)\n) LIMIT 0").columns)
        } catch let error as DuckDBError {
            return .failure(error)
        } catch {
            return .failure(DuckDBError(kind: .unknown, message: "\(error)"))
        }
    }
}
