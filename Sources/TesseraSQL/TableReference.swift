import TesseraModel

/// A relation name as written in SQL: `orders`, `src.orders`, `sales.orders`, `db.main.t`.
///
/// DuckDB matches names without regard to case; so do `==` and hashing here, on lowercased parts.
public struct RelationName: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var catalog: String?
    public var schema: String?
    public var name: String

    public init(catalog: String? = nil, schema: String? = nil, name: String) {
        self.catalog = catalog
        self.schema = schema
        self.name = name
    }

    /// The model's own current table, written `@this`.
    public static let this = RelationName(name: "@this")

    public var isThis: Bool { self == .this }

    public var description: String {
        [catalog, schema, name].compactMap { $0 }.joined(separator: ".")
    }

    private var key: [String] { [catalog ?? "", schema ?? "", name].map { $0.lowercased() } }

    public static func == (lhs: RelationName, rhs: RelationName) -> Bool { lhs.key == rhs.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }
    public static func < (lhs: RelationName, rhs: RelationName) -> Bool { lhs.key.lexicographicallyPrecedes(rhs.key) }
}

/// One place the SQL reads a table or view: every occurrence is its own reference.
///
/// CTE names, table functions and `@this` are not references.
public struct TableReference: Hashable, Sendable, CustomStringConvertible {
    public var relation: RelationName
    /// Where the name starts in the original `.sql` file.
    public var location: SourceLocation

    public init(relation: RelationName, location: SourceLocation) {
        self.relation = relation
        self.location = location
    }

    public var catalog: String? { relation.catalog }
    public var schema: String? { relation.schema }
    public var name: String { relation.name }

    public var description: String { "\(relation) at \(location)" }
}

/// The column names of a relation the SQL reads, or nil when they are not known.
///
/// Given upstream models, sources and product contracts; asked with the name as written
/// (`src.orders`, `orders`, `sales.orders`, ``RelationName/this``). Unknown relations make
/// `SELECT *` over them unresolved rather than guessed.
public typealias SchemaProvider = (RelationName) -> [String]?
