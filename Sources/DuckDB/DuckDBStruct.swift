/// The fields of a STRUCT value, in declaration order.
public struct DuckDBStruct: Hashable, Sendable {
    public var names: [String]
    public var values: [DuckDBValue]

    public init(names: [String], values: [DuckDBValue]) {
        self.names = names
        self.values = values
    }

    public init(_ fields: KeyValuePairs<String, DuckDBValue>) {
        self.init(names: fields.map(\.key), values: fields.map(\.value))
    }

    public var count: Int { names.count }

    /// The value of the first field called `name`, or `nil` when there is none.
    public subscript(name: String) -> DuckDBValue? {
        names.firstIndex(of: name).map { values[$0] }
    }
}
