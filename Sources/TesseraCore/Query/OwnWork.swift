import DuckDB
import Foundation
import TesseraModel
import TesseraSQL

/// What a domain may look at inside its own warehouse, the way `dbt show` shows a model: its loaded
/// sources (`src.<source>`, `src.<source>__rejected`) and its models' tables and views (`<model>`),
/// read-only. Only a principal acting as that domain gets them; other domains see products only.
enum OwnWork {
    /// Attaches the domain's warehouse read-only and names its relations as the domain's models
    /// do. Returns a warning instead when the warehouse cannot be read now (never built, or a run
    /// holds it).
    static func expose(_ domain: Domain, warehouse file: URL, on connection: Connection) -> String? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        do {
            try connection.execute("ATTACH \(SQL.literal(file.path)) AS _tessera_own (READ_ONLY)")
            let relations = try connection.rows(
                """
                SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = '_tessera_own' AND schema_name IN ('src', 'main')
                UNION ALL
                SELECT schema_name, view_name FROM duckdb_views() WHERE database_name = '_tessera_own' AND schema_name = 'main'
                  AND NOT internal
                """)
            var statements = ["CREATE SCHEMA IF NOT EXISTS src"]
            for row in relations {
                guard case .varchar(let schema) = row[0], case .varchar(let name) = row[1] else { continue }
                let target = SQL.qualified([schema, name])
                statements.append("CREATE OR REPLACE VIEW \(target) AS SELECT * FROM _tessera_own.\(target)")
            }
            try connection.execute(statements.joined(separator: ";\n"))
            return nil
        } catch {
            return "the warehouse of domain '\(domain.name)' cannot be read now (\(error)); its products can"
        }
    }
}
