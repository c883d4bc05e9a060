import ArgumentParser

/// How a command prints its result: every command takes `text` and `json`; `query` also takes
/// `table` and `csv`, and `lineage` also `dot` and `mermaid` (docs/reference/cli.md).
enum OutputFormat: String, Sendable {
    case text, json, table, csv, dot, mermaid
}

// Each command has the `--format` option of its own formats, so its `--help` lists only those
// and the parser refuses any other (exit 2, naming the ones it takes).

/// `--format` of a command that prints a report: `text` or `json`.
struct ReportFormatOption: ParsableArguments {
    enum Value: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(name: .long, help: ArgumentHelp("Output format: text (default) or json.", valueName: "format"))
    var format: Value?

    var chosen: OutputFormat { format == .json ? .json : .text }
}

/// `--format` of `tessera query`: `table` (default), `csv`, `json` or `text`.
struct QueryFormatOption: ParsableArguments {
    enum Value: String, ExpressibleByArgument, CaseIterable { case table, csv, json, text }

    @Option(
        name: .long, help: ArgumentHelp("Output format: table (default), csv, json or text.", valueName: "format"))
    var format: Value?

    var chosen: OutputFormat {
        switch format {
        case .table, nil: .table
        case .csv: .csv
        case .json: .json
        case .text: .text
        }
    }
}

/// `--format` of `tessera lineage`: `text` (default), `json`, `dot` or `mermaid`.
struct LineageFormatOption: ParsableArguments {
    enum Value: String, ExpressibleByArgument, CaseIterable { case text, json, dot, mermaid }

    @Option(
        name: .long, help: ArgumentHelp("Output format: text (default), json, dot or mermaid.", valueName: "format"))
    var format: Value?

    var chosen: OutputFormat {
        switch format {
        case .text, nil: .text
        case .json: .json
        case .dot: .dot
        case .mermaid: .mermaid
        }
    }
}
