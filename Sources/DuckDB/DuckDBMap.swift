/// The entries of a MAP value, in DuckDB's order.
public struct DuckDBMap: Hashable, Sendable {
    public var keys: [DuckDBValue]
    public var values: [DuckDBValue]

    public init(keys: [DuckDBValue], values: [DuckDBValue]) {
        self.keys = keys
        self.values = values
    }

    public init(_ entries: KeyValuePairs<DuckDBValue, DuckDBValue>) {
        self.init(keys: entries.map(\.key), values: entries.map(\.value))
    }

    public var count: Int { keys.count }

    /// The value stored under `key`, or `nil` when the key is absent.
    public subscript(key: DuckDBValue) -> DuckDBValue? {
        keys.firstIndex(of: key).map { values[$0] }
    }
}
