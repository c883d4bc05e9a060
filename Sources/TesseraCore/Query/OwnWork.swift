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
    ///
    /// A table is read where it is. A view is defined again here, from its own SQL, so that the
    /// products it reads are the views this connection already has: over the current snapshots,
    /// in this project's state folder. The warehouse's own views of other domains' products are
    /// set by the last run and name the files it read, which are superseded since, or, in a
    /// moved or copied project, another project's files; they are never read.
    static func expose(_ domain: Domain, warehouse file: URL, on connection: Connection) -> String? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        do {
            try connection.execute("ATTACH \(SQL.literal(file.path)) AS _tessera_own (READ_ONLY)")
            let tables = try connection.rows(
                """
                SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = '_tessera_own' AND schema_name IN ('src', 'main')
                """)
            var statements = ["CREATE SCHEMA IF NOT EXISTS src"]
            for row in tables {
                guard case .varchar(let schema) = row[0], case .varchar(let name) = row[1] else { continue }
                let target = SQL.qualified([schema, name])
                statements.append("CREATE OR REPLACE VIEW \(target) AS SELECT * FROM _tessera_own.\(target)")
            }
            try connection.execute(statements.joined(separator: ";\n"))
            let views = try connection.rows(
                """
                SELECT view_name, sql FROM duckdb_views() WHERE database_name = '_tessera_own' AND schema_name = 'main'
                  AND NOT internal ORDER BY view_name
                """)
            return defineViews(
                views.compactMap { row in
                    guard case .varchar(let name) = row[0], case .varchar(let sql) = row[1] else { return nil }
                    return (name, sql)
                }, domain: domain.name, on: connection)
        } catch {
            return "the warehouse of domain '\(domain.name)' cannot be read now (\(error)); its products can"
        }
    }

    /// Creates each view from its SQL; a view reading another is created after it (rounds until
    /// none succeeds). A view that cannot be defined is left out, and said.
    private static func defineViews(_ views: [(name: String, sql: String)], domain: String, on connection: Connection)
        -> String?
    {
        var pending = views
        var failures: [String: String] = [:]
        while !pending.isEmpty {
            var left: [(name: String, sql: String)] = []
            for view in pending {
                do { try connection.execute(view.sql) } catch {
                    failures[view.name] = "\(error)"
                    left.append(view)
                }
            }
            if left.count == pending.count { break }
            pending = left
        }
        guard let first = pending.first else { return nil }
        let names = pending.map(\.name).joined(separator: ", ")
        return "the view\(pending.count == 1 ? "" : "s") \(names) of domain '\(domain)' cannot be read now "
            + "(\(failures[first.name] ?? "unknown error")); run `tessera run` to rebuild"
    }
}
