/// An exact DECIMAL(width, scale): the unscaled integer and the scale, never a binary float.
///
/// `unscaled = 12345, scale = 2` is 123.45.
public struct DuckDBDecimal: Hashable, Sendable, CustomStringConvertible {
    // Declared first so the 16-byte integer leads and the value stays small inside DuckDBValue.
    public var unscaled: DuckDBHugeInt
    public var width: UInt8
    public var scale: UInt8

    public init(unscaled: DuckDBHugeInt, width: UInt8, scale: UInt8) {
        self.unscaled = unscaled
        self.width = width
        self.scale = scale
    }

    /// Parses a plain decimal literal such as `-123.45` into DECIMAL(width, scale). Returns `nil`
    /// when it is malformed, has more fractional digits than `scale`, or needs more than `width` digits.
    public init?(_ text: String, width: UInt8, scale: UInt8) {
        guard width >= 1, width <= 38, scale <= width else { return nil }
        var body = Substring(text)
        let negative = body.first == "-"
        if negative || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerPart = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        guard fraction.count <= Int(scale), !(integerPart.isEmpty && fraction.isEmpty) else { return nil }
        let padded = fraction + String(repeating: "0", count: Int(scale) - fraction.count)
        var digits = Substring(integerPart + padded)
        while digits.count > 1, digits.first == "0" { digits = digits.dropFirst() }
        guard digits.count <= Int(width), let value = DuckDBHugeInt((negative ? "-" : "") + digits) else { return nil }
        self.init(unscaled: value, width: width, scale: scale)
    }

    /// The nearest `Double`; for display or arithmetic that tolerates rounding only.
    public var doubleValue: Double {
        var value = unscaled.doubleValue
        for _ in 0..<scale { value /= 10 }
        return value
    }

    /// The exact value in plain notation, with exactly `scale` fractional digits (`-0.50`).
    public var description: String {
        let m = unscaled.magnitude
        var digits = decimalString(high: m.high, low: m.low)
        let sign = unscaled.isNegative ? "-" : ""
        guard scale > 0 else { return sign + digits }
        if digits.count <= Int(scale) {
            digits = String(repeating: "0", count: Int(scale) - digits.count + 1) + digits
        }
        let point = digits.index(digits.endIndex, offsetBy: -Int(scale))
        return sign + digits[..<point] + "." + digits[point...]
    }
}
