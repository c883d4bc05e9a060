import DuckDB
import TesseraModel

/// Translates a file connector's `options:` (delimiter, header, quote, date_format, …:
/// docs/reference/project-files.md) into named parameters of DuckDB's readers (`read_csv`,
/// `read_json`, `read_parquet`).
///
/// Only known options pass, each checked for its kind of value: an unknown or misspelled option is
/// an error naming it, rather than a parameter DuckDB would reject with a less helpful message.
enum ReaderOptions {
    enum ValueKind { case text, boolean, integer }

    struct Option {
        var duckdbName: String
        var kind: ValueKind
    }

    static let csv: [String: Option] = [
        "delimiter": .init(duckdbName: "delim", kind: .text),
        "delim": .init(duckdbName: "delim", kind: .text),
        "sep": .init(duckdbName: "delim", kind: .text),
        "header": .init(duckdbName: "header", kind: .boolean),
        "quote": .init(duckdbName: "quote", kind: .text),
        "escape": .init(duckdbName: "escape", kind: .text),
        "comment": .init(duckdbName: "comment", kind: .text),
        "date_format": .init(duckdbName: "dateformat", kind: .text),
        "timestamp_format": .init(duckdbName: "timestampformat", kind: .text),
        "compression": .init(duckdbName: "compression", kind: .text),
        "encoding": .init(duckdbName: "encoding", kind: .text),
        "skip": .init(duckdbName: "skip", kind: .integer),
        "null": .init(duckdbName: "nullstr", kind: .text),
        "null_string": .init(duckdbName: "nullstr", kind: .text),
        "new_line": .init(duckdbName: "new_line", kind: .text),
        "decimal_separator": .init(duckdbName: "decimal_separator", kind: .text),
        "max_line_size": .init(duckdbName: "max_line_size", kind: .integer),
        "sample_size": .init(duckdbName: "sample_size", kind: .integer),
    ]

    static let json: [String: Option] = [
        "format": .init(duckdbName: "format", kind: .text),
        "compression": .init(duckdbName: "compression", kind: .text),
        "date_format": .init(duckdbName: "dateformat", kind: .text),
        "timestamp_format": .init(duckdbName: "timestampformat", kind: .text),
        "maximum_object_size": .init(duckdbName: "maximum_object_size", kind: .integer),
        "sample_size": .init(duckdbName: "sample_size", kind: .integer),
    ]

    static let parquet: [String: Option] = [
        "hive_partitioning": .init(duckdbName: "hive_partitioning", kind: .boolean),
        "union_by_name": .init(duckdbName: "union_by_name", kind: .boolean),
    ]

    /// `name=value` parameters for the reader, in the order written.
    static func parameters(_ settings: [ConnectorSetting], known: [String: Option], source: Source) throws -> [String] {
        var result: [String] = []
        for setting in settings {
            guard let option = known[setting.name] else {
                let suggestion = closestName(to: setting.name, among: Array(known.keys))
                throw IngestError(
                    .configuration, "unknown option '\(setting.name)' for a \(source.connector.kind.rawValue) source",
                    hint: suggestion.map { "did you mean '\($0)'?" }
                        ?? "known options: \(known.keys.sorted().joined(separator: ", "))",
                    location: source.location)
            }
            let raw = setting.value.value
            switch option.kind {
            case .text:
                result.append("\(option.duckdbName)=\(SQL.literal(raw))")
            case .boolean:
                switch raw.lowercased() {
                case "true", "yes", "on", "1": result.append("\(option.duckdbName)=true")
                case "false", "no", "off", "0": result.append("\(option.duckdbName)=false")
                default:
                    throw IngestError(
                        .configuration, "option '\(setting.name)' must be true or false, not '\(setting.value)'",
                        location: source.location)
                }
            case .integer:
                guard let n = Int(raw), n >= 0 else {
                    throw IngestError(
                        .configuration, "option '\(setting.name)' must be a whole number, not '\(setting.value)'",
                        location: source.location)
                }
                result.append("\(option.duckdbName)=\(n)")
            }
        }
        return result
    }
}
