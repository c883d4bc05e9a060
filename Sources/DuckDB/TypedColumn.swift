/// A column read straight out of DuckDB's vectors into a Swift array, plus its NULLs.
///
/// `values[i]` is unspecified where `validity.isValid(i)` is false (zero for numbers, empty for
/// strings in practice); the subscript returns `nil` there.
public struct TypedColumn<Element>: Sendable where Element: Sendable {
    public internal(set) var values: [Element] = []
    public internal(set) var validity = ValidityMask()

    public init() {}

    public var count: Int { values.count }

    /// The value at `row`, or `nil` when it is NULL.
    public subscript(row: Int) -> Element? {
        validity.isValid(row) ? values[row] : nil
    }

    public mutating func reserveCapacity(_ rows: Int) {
        values.reserveCapacity(rows)
        validity.reserveCapacity(rows)
    }
}
