/// One column of a product contract.
public struct ContractColumn: Sendable, Hashable {
    public var name: String
    /// A DuckDB type as written, e.g. `BIGINT` or `DECIMAL(12,2)`.
    public var type: String
    public var nullable: Bool
    public var description: String?
    /// As written; nil when the file gives none.
    public var classification: Classification?
    /// Why this column is not `pii` although it derives from a `pii` column (`declassified:` in
    /// the contract, e.g. "only the domain part of the address is kept"); nil when not declassified.
    /// A reason is required: it is what a reviewer and the catalog show instead of the rule.
    public var declassified: String?
    public var location: SourceLocation

    public init(
        name: String, type: String, nullable: Bool = true, description: String? = nil,
        classification: Classification? = nil, declassified: String? = nil, location: SourceLocation
    ) {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.description = description
        self.classification = classification
        self.declassified = declassified
        self.location = location
    }

    /// The classification that applies: an unclassified column is `internal`.
    public var effectiveClassification: Classification { classification ?? .internal }
}
