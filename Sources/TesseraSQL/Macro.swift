import DuckDB

/// The macros a model's SQL may use, and nothing else (docs/transformation.md).
public enum Macro: String, CaseIterable, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The start of the interval being built (a TIMESTAMP); the full range on a full refresh.
    case start
    /// The end of the interval being built (a TIMESTAMP).
    case end
    /// The model's own current table (a table name).
    case this
    /// The environment name (a string).
    case env

    /// How it is written in SQL: `@start`.
    public var description: String { "@" + rawValue }

    public static func < (lhs: Macro, rhs: Macro) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// The SQL text each macro expands to.
///
/// Each value is SQL, not a raw value: a timestamp literal for `@start`/`@end`, a (quoted) table
/// name for `@this`, a string literal for `@env`. Build them with ``timestampLiteral(_:)``,
/// ``stringLiteral(_:)`` and ``qualifiedName(_:)``.
public struct MacroValues: Hashable, Sendable {
    public var start: String
    public var end: String
    public var this: String
    public var env: String

    public init(start: String, end: String, this: String, env: String) {
        self.start = start
        self.end = end
        self.this = this
        self.env = env
    }

    public subscript(macro: Macro) -> String {
        switch macro {
        case .start: start
        case .end: end
        case .this: this
        case .env: env
        }
    }

    /// The table name `@this` stands for during analysis. Analysis recognises it as the self-reference.
    public static let thisPlaceholder = "__tessera_this__"

    /// Values for analysis, before any real ones exist: each parses as what it stands for.
    public static let analysisPlaceholders = MacroValues(
        start: "TIMESTAMP '1970-01-01 00:00:00'",
        end: "TIMESTAMP '9999-12-31 23:59:59'",
        this: thisPlaceholder,
        env: "'__tessera_env__'"
    )

    /// `TIMESTAMP '…'` for a timestamp written as DuckDB reads it (e.g. `2024-05-01 00:00:00`).
    public static func timestampLiteral(_ text: String) -> String {
        "TIMESTAMP " + SQL.literal(text)
    }

}
