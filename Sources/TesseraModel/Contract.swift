/// The `contract:` block of a product: the published schema, exhaustive and ordered.
public struct Contract: Sendable, Hashable {
    public var primaryKey: [String]
    public var columns: [ContractColumn]
    public var location: SourceLocation

    public init(primaryKey: [String] = [], columns: [ContractColumn], location: SourceLocation) {
        self.primaryKey = primaryKey
        self.columns = columns
        self.location = location
    }

    public func column(named name: String) -> ContractColumn? { columns.first { $0.name == name } }
    public var columnNames: [String] { columns.map(\.name) }
}
