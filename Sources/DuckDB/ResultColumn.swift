/// The name and type of a result column.
public struct ResultColumn: Hashable, Sendable {
    public var name: String
    public var type: DuckDBType

    public init(name: String, type: DuckDBType) {
        self.name = name
        self.type = type
    }
}
