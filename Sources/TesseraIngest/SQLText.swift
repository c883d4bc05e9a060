/// Builds the SQL text that the load pipeline hands to DuckDB. Every name and literal that comes
/// from a project file or a data file passes through here, so none can break out of its quotes.
enum SQLText {
    /// `"name"`, with embedded quotes doubled.
    static func identifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `schema.table`, both parts quoted.
    static func qualified(_ schema: String, _ table: String) -> String {
        identifier(schema) + "." + identifier(table)
    }

    /// `'text'`, with embedded quotes doubled.
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// `['a', 'b']`: a DuckDB list of string literals (file lists for the readers).
    static func list(_ items: [String]) -> String {
        "[" + items.map(literal).joined(separator: ", ") + "]"
    }

    /// `{'a': 'x', 'b': 'y'}`: a DuckDB struct literal of strings (column → type maps).
    static func structLiteral(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\(literal($0.0)): \(literal($0.1))" }.joined(separator: ", ") + "}"
    }
}
