import DuckDB
import Testing

@testable import PostgresEndpoint

/// DuckDB's own error messages, got by running the mistakes, map to the SQLSTATE PostgreSQL
/// sends for the same mistake: what drivers and BI tools branch on.
struct ErrorMappingTests {
    @Test(arguments: [
        ("select no_such_function(1)", "42883"),
        ("select lower(1, 2, 3)", "42883"),
        ("select * from no_such_table", "42P01"),
        ("select * from no_such_schema.t", "42P01"),
        ("select no_such_column from range(1)", "42703"),
        ("selec 1", "42601"),
        ("select 'x'::integer", "22P02"),
        ("select 2147483647::integer + 1", "22003"),
    ])
    func duckDBsMistakesGetPostgreSQLsCodes(sql: String, expected: String) throws {
        let connection = try Connection(try Database())
        do {
            _ = try connection.rows(sql)
            Issue.record("\(sql) did not fail")
        } catch {
            let mapped = ErrorMapping.error(error)
            #expect(mapped.sqlState == expected, "\(sql): \(mapped.message)")
        }
    }
}
