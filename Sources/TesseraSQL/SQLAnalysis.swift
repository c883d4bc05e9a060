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
    /// Some column name was attributed, or left unattributed, because a relation's columns were
    /// not known: a name several relations of unknown columns may have, or one that a relation
    /// of unknown columns may have besides the relation it was attributed to (an ambiguity left
    /// unchecked). Analysing again with those columns known can change the lineage or find an error.
    public var dependsOnUnknownColumns: Bool

    public init(
        references: [TableReference] = [], outputColumns: [OutputColumn] = [], usesThis: Bool = false,
        macros: Set<Macro> = [], diagnostics: [Diagnostic] = [], fingerprint: String = "",
        dependsOnUnknownColumns: Bool = false
    ) {
        self.references = references
        self.outputColumns = outputColumns
        self.usesThis = usesThis
        self.macros = macros
        self.diagnostics = diagnostics
        self.fingerprint = fingerprint
        self.dependsOnUnknownColumns = dependsOnUnknownColumns
    }

    /// The distinct relations read, sorted.
    public var dependencies: [RelationName] { Array(Set(references.map(\.relation))).sorted() }

    /// Every output column is known: no star was left unresolved.
    public var columnsAreComplete: Bool { !outputColumns.contains(where: \.isUnresolvedStar) }
}
