/// Quoting for the SQL Tessera writes itself — the one place it is done: every name and value that
/// comes from a project file, a catalog row or a user goes through here into a statement, never
/// pasted. DuckDB's rules: identifiers in double quotes, strings in single quotes, the quote
/// character doubled inside.
public enum SQL {
    /// `"name"`.
    public static func identifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `"schema"."table"` (any number of parts).
    public static func qualified(_ parts: String...) -> String { qualified(parts) }

    public static func qualified(_ parts: [String]) -> String {
        parts.map(identifier).joined(separator: ".")
    }

    /// `'it''s'`.
    public static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// `['a', 'b']`: a list of strings.
    public static func list(_ items: [String]) -> String {
        "[" + items.map(literal).joined(separator: ", ") + "]"
    }

    /// `{'key': 'value', …}`: a struct of strings.
    public static func structLiteral(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\(literal($0.0)): \(literal($0.1))" }.joined(separator: ", ") + "}"
    }
}
