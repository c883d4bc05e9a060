import TesseraModel

/// What a model's SQL reads, produces and uses, found by DuckDB's parser.
public struct SQLAnalysis: Hashable, Sendable {
    /// Every table the SQL reads, in the order written (CTE names, table functions and `@this` excluded).
    public var references: [TableReference]
    /// The model's columns in order, each with its lineage. Empty when the SQL did not parse.
    public var outputColumns: [OutputColumn]
    /// The SQL reads `@this`, its own current table (a self-reference, not a dependency).
    public var usesThis: Bool
    /// The macros the SQL uses.
    public var macros: Set<Macro>
    /// Errors and warnings, located in the original `.sql` file.
    public var diagnostics: [Diagnostic]
    /// SHA-256 of DuckDB's parse tree without positions: whitespace, comments and keyword case do
    /// not change it, any change in meaning does. Empty when the SQL did not parse.
    public var fingerprint: String

    public init(
        references: [TableReference] = [], outputColumns: [OutputColumn] = [], usesThis: Bool = false,
        macros: Set<Macro> = [], diagnostics: [Diagnostic] = [], fingerprint: String = ""
    ) {
        self.references = references
        self.outputColumns = outputColumns
        self.usesThis = usesThis
        self.macros = macros
        self.diagnostics = diagnostics
        self.fingerprint = fingerprint
    }

    /// The distinct relations read, sorted.
    public var dependencies: [RelationName] { Array(Set(references.map(\.relation))).sorted() }

    /// Every output column is known: no star was left unresolved.
    public var columnsAreComplete: Bool { !outputColumns.contains(where: \.isUnresolvedStar) }
}
