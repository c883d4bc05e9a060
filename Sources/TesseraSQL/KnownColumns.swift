/// What is known of the columns of a relation the SQL reads.
///
/// Complete for a source with a declared schema, a product's contract, or a model whose SQL
/// shows every column; partial for a model whose SQL leaves a `*` unresolved but whose YAML
/// documents some columns: those exist, and others may.
public struct KnownColumns: Hashable, Sendable {
    public var names: [String]
    /// False when the relation may have columns beyond `names`.
    public var isComplete: Bool

    public init(names: [String], isComplete: Bool = true) {
        self.names = names
        self.isComplete = isComplete
    }
}

/// The known columns of a relation the SQL reads, asked with the name as written; nil when
/// nothing is known of them. The richer form of ``SchemaProvider``.
public typealias ColumnsProvider = (RelationName) -> KnownColumns?
