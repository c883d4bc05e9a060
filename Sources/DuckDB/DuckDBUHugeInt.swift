/// An unsigned 128-bit integer (UHUGEINT), in DuckDB's two-word layout.
public struct DuckDBUHugeInt: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    public var upper: UInt64
    public var lower: UInt64

    public init(upper: UInt64, lower: UInt64) {
        self.upper = upper
        self.lower = lower
    }

    public init(_ value: UInt64) {
        self.init(upper: 0, lower: value)
    }

    public init(integerLiteral value: UInt64) {
        self.init(value)
    }

    /// Parses an unsigned decimal integer; `nil` if it is malformed or out of range.
    public init?(_ text: some StringProtocol) {
        var digits = Substring(text)
        if digits.first == "+" { digits = digits.dropFirst() }
        guard let (high, low) = parseMagnitude(digits) else { return nil }
        self.init(upper: high, lower: low)
    }

    public static let max = DuckDBUHugeInt(upper: .max, lower: .max)

    public var description: String { decimalString(high: upper, low: lower) }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.upper != rhs.upper ? lhs.upper < rhs.upper : lhs.lower < rhs.lower
    }
}
