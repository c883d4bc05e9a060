import ArgumentParser
import DuckDB
import Foundation
import TesseraCatalog
import TesseraRuntime
import TesseraSQL

/// `tessera query SQL`: read-only SQL over the current snapshots of published products (SPEC §7).
/// Masks apply as they do for a domain outside the owner's, unless `--as-domain` names the
/// domain the reader works in.
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Read-only SQL over published products, e.g. tessera query \"select * from sales.orders limit 5\"."
    )
    @Argument(help: ArgumentHelp("The SQL to run: one SELECT.", valueName: "sql")) var sql: String
    @Option(name: .customLong("as-domain"), help: ArgumentHelp("Read as a member of this domain: its own products unmasked.", valueName: "domain"))
    var domain: String?
    @Option(name: .long, help: ArgumentHelp("Print at most this many rows in a table (default 100; csv and json print all).", valueName: "n"))
    var limit: Int = 100
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let format = try global.format(allowed: [.table, .csv, .json, .text], default: .table)
        let console = global.console()
        let context = try ProjectContext.load(global, console: console)
        // Every query is audited, refused and failed ones too (docs/audit.md).
        let rows: Int
        do {
            rows = try await execute(context: context, format: format, console: console)
        } catch {
            await Self.audit(sql: sql, domain: domain, rows: nil, failure: "\(error)", context: context)
            throw error
        }
        await Self.audit(sql: sql, domain: domain, rows: rows, failure: nil, context: context)
    }

    /// Runs the query and prints its result; returns the number of rows printed or written.
    private func execute(context: ProjectContext, format: OutputFormat, console: Console) async throws -> Int {
        if let domain, context.project.domain(named: domain) == nil {
            throw CLIError(.usage, "--as-domain \(domain): the mesh has no such domain.",
                           hint: "use one of: \(context.project.domains.map(\.name).joined(separator: ", ")).")
        }
        let reader = ProductReader(project: context.project, layout: context.layout)
        let connection = try await RunFailure.map { try await reader.open(readingAs: domain).0 }
        try await RunFailure.map { try ProductReader.requireQuery(sql, on: connection) }
        let body = sql.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ";")))
        do {
            switch format {
            case .csv, .json:
                // DuckDB writes the result itself: no row passes through Swift values.
                let options = format == .csv ? "FORMAT csv, HEADER true" : "FORMAT json, ARRAY true"
                return try connection.execute("COPY (\(body)) TO '/dev/stdout' (\(options))")
            default:
                let result = try connection.query("SELECT CAST(COLUMNS(*) AS VARCHAR) FROM (\(body)) LIMIT \(limit + 1)")
                let names = result.columnNames
                var rows: [[String]] = []
                while let row = try result.nextRow() {
                    rows.append(row.map { value in if case .varchar(let text) = value { text } else { "NULL" } })
                }
                console.result(TableRenderer.render(columns: names, rows: Array(rows.prefix(limit))))
                if rows.count > limit { console.info("(first \(limit) rows; --limit N for more, or --format csv)") }
                return min(rows.count, limit)
            }
        } catch let error as DuckDBError {
            throw CLIError(.usage, "the query failed: \(error)", hint: "products are named <domain>.<product>; `tessera catalog list` lists them")
        }
    }

    /// Appends the `query` entry. A catalog that cannot be written does not undo a query that
    /// already printed its answer: it is said on stderr instead.
    private static func audit(sql: String, domain: String?, rows: Int?, failure: String?, context: ProjectContext) async {
        struct Detail: Encodable { var sql: String; var as_domain: String?; var rows: Int?; var error: String? }
        let draft = AuditDraft(action: .query, target: context.project.mesh.name, outcome: failure == nil ? "succeeded" : "failed",
                               detail: Detail(sql: sql, as_domain: domain, rows: rows, error: failure))
        do {
            _ = try await SQLiteCatalog(file: context.layout.catalogFile).appendAudit(draft)
        } catch {
            Console.write("warning: the query was not recorded in the audit log: \(error)\n", to: .standardError)
        }
    }
}

/// A plain text table: a header, a rule, and left-aligned columns as wide as their widest value.
enum TableRenderer {
    static func render(columns: [String], rows: [[String]]) -> String {
        var widths = columns.map(\.count)
        for row in rows {
            for (index, value) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], value.count) }
        }
        func line(_ values: [String]) -> String {
            zip(values, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(columns), rule] + rows.map(line)).joined(separator: "\n") + "\n(\(rows.count) row\(rows.count == 1 ? "" : "s"))"
    }
}
