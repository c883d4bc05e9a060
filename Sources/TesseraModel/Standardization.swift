/// The `standardize:` block of a source; the defaults are what a source without it gets.
public struct Standardization: Sendable, Hashable {
    public enum ColumnNames: String, Sendable, Hashable, CaseIterable {
        /// "Order ID" → order_id.
        case snakeCase = "snake_case"
        /// Keep the names as they arrive.
        case preserve
    }

    public var columnNames: ColumnNames
    public var trimStrings: Bool
    public var emptyAsNull: Bool

    public init(columnNames: ColumnNames = .snakeCase, trimStrings: Bool = true, emptyAsNull: Bool = true) {
        self.columnNames = columnNames
        self.trimStrings = trimStrings
        self.emptyAsNull = emptyAsNull
    }
}
