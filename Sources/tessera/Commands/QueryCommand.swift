import ArgumentParser
import Foundation
import TesseraCore

/// `tessera query SQL`: read-only SQL over the current snapshots of published products.
/// Masks apply as they do for a domain outside the owner's, unless `--as-domain` names the
/// domain the reader works in.
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Read-only SQL over published products, e.g. tessera query \"select * from sales.orders limit 5\".",
        usage: "tessera query <sql> [<options>]"
    )
    @Argument(help: ArgumentHelp("The SQL to run: one SELECT.", valueName: "sql")) var sql: String
    @Option(
        name: .customLong("as-domain"),
        help: ArgumentHelp("Read as a member of this domain: its own products unmasked.", valueName: "domain"))
    var domain: String?
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Print at most this many rows in a table (default 100; csv and json print all).", valueName: "n"))
    var limit: Int = 100
    @OptionGroup var output: QueryFormatOption
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let format = output.chosen
        let console = global.console()
        let queries = try global.workspace().queries
        let principal: Principal = domain.map { .domain($0) } ?? .meshOperator
        switch format {
        case .csv, .json:
            // Streamed as DuckDB produces it, through this process's own standard output: appending
            // (`>> file`), pipes and sockets all work, and memory stays flat.
            let output = FileHandle.standardOutput
            _ = try await queries.stream(sql, as: principal, format: format == .csv ? .csv : .json) {
                try output.write(contentsOf: $0)
            }
        default:
            let table = try await queries.table(sql, as: principal, limit: limit)
            console.result(
                TableRenderer.render(columns: table.columns, rows: table.rows.map { $0.map { $0 ?? "NULL" } }))
            if table.truncated { console.info("(first \(limit) rows; --limit N for more, or --format csv)") }
        }
    }
}

/// A plain text table: a header, a rule, and left-aligned columns as wide as their widest value.
enum TableRenderer {
    static func render(columns: [String], rows: [[String]]) -> String {
        var widths = columns.map(\.count)
        for row in rows {
            for (index, value) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], value.count)
            }
        }
        func line(_ values: [String]) -> String {
            zip(values, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(columns), rule] + rows.map(line)).joined(separator: "\n")
            + "\n(\(rows.count) row\(rows.count == 1 ? "" : "s"))"
    }
}
