/// One column of a product contract.
public struct ContractColumn: Sendable, Hashable {
    public var name: String
    /// A DuckDB type as written, e.g. `BIGINT` or `DECIMAL(12,2)`.
    public var type: String
    public var nullable: Bool
    public var description: String?
    /// As written; nil when the file gives none.
    public var classification: Classification?
    public var location: SourceLocation

    public init(name: String, type: String, nullable: Bool = true, description: String? = nil,
                classification: Classification? = nil, location: SourceLocation) {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.description = description
        self.classification = classification
        self.location = location
    }

    /// The classification that applies: an unclassified column is `internal`.
    public var effectiveClassification: Classification { classification ?? .internal }
}
