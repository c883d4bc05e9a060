/// A signed 128-bit integer (HUGEINT), in DuckDB's two-word layout.
///
/// Kept as two words rather than `Int128` so the package still builds for macOS 14, where the
/// standard library's `Int128` is not available.
public struct DuckDBHugeInt: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    public var upper: Int64
    public var lower: UInt64

    public init(upper: Int64, lower: UInt64) {
        self.upper = upper
        self.lower = lower
    }

    public init(_ value: Int64) {
        self.init(upper: value < 0 ? -1 : 0, lower: UInt64(bitPattern: value))
    }

    public init(integerLiteral value: Int64) {
        self.init(value)
    }

    /// Parses an optionally signed decimal integer; `nil` if it is malformed or out of range.
    public init?(_ text: some StringProtocol) {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative || digits.first == "+" { digits = digits.dropFirst() }
        guard let (high, low) = parseMagnitude(digits) else { return nil }
        let signBit: UInt64 = 1 << 63
        // The negative range reaches one further than the positive one: -2^127 has no positive twin.
        let fits = negative ? (high < signBit || (high == signBit && low == 0)) : high < signBit
        guard fits else { return nil }
        let (h, l) = negative ? negate128(high: high, low: low) : (high, low)
        self.init(upper: Int64(bitPattern: h), lower: l)
    }

    public static let min = DuckDBHugeInt(upper: .min, lower: 0)
    public static let max = DuckDBHugeInt(upper: .max, lower: .max)

    public var isNegative: Bool { upper < 0 }

    /// The absolute value as two unsigned words (high, low); exact even for ``min``.
    var magnitude: (high: UInt64, low: UInt64) {
        isNegative ? negate128(high: UInt64(bitPattern: upper), low: lower) : (UInt64(bitPattern: upper), lower)
    }

    /// The value as an `Int64`, or `nil` when it does not fit.
    public var int64Value: Int64? {
        let candidate = Int64(bitPattern: lower)
        return upper == (candidate < 0 ? -1 : 0) ? candidate : nil
    }

    /// The nearest `Double` (not exact beyond 2^53).
    public var doubleValue: Double {
        let m = magnitude
        let value = Double(m.high) * 18_446_744_073_709_551_616.0 + Double(m.low)
        return isNegative ? -value : value
    }

    public var description: String {
        let m = magnitude
        return (isNegative ? "-" : "") + decimalString(high: m.high, low: m.low)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.upper != rhs.upper ? lhs.upper < rhs.upper : lhs.lower < rhs.lower
    }
}

/// Two's complement negation of a 128-bit value given as two words.
func negate128(high: UInt64, low: UInt64) -> (UInt64, UInt64) {
    let newLow = ~low &+ 1
    return (~high &+ (newLow == 0 ? 1 : 0), newLow)
}

/// Decimal digits of an unsigned 128-bit value, peeled 19 digits at a time (10^19 is the
/// largest power of ten that fits a word, so each step is one full-width division).
func decimalString(high: UInt64, low: UInt64) -> String {
    if high == 0 { return String(low) }
    let divisor: UInt64 = 10_000_000_000_000_000_000
    var high = high, low = low
    var groups: [UInt64] = []
    while high != 0 || low != 0 {
        let (quotientHigh, remainderHigh) = high.quotientAndRemainder(dividingBy: divisor)
        let (quotientLow, remainder) = divisor.dividingFullWidth((high: remainderHigh, low: low))
        groups.append(remainder)
        high = quotientHigh
        low = quotientLow
    }
    var text = String(groups.removeLast())
    for group in groups.reversed() {
        let digits = String(group)
        text += String(repeating: "0", count: 19 - digits.count) + digits
    }
    return text
}

/// Parses decimal digits into an unsigned 128-bit value; `nil` on a non-digit or overflow.
func parseMagnitude(_ digits: Substring) -> (UInt64, UInt64)? {
    guard !digits.isEmpty else { return nil }
    var high: UInt64 = 0, low: UInt64 = 0
    for character in digits.utf8 {
        guard character >= 48, character <= 57 else { return nil }
        let digit = UInt64(character - 48)
        // (high, low) * 10 + digit, watching for overflow out of the top word.
        let lowProduct = low.multipliedFullWidth(by: 10)
        let highProduct = high.multipliedReportingOverflow(by: 10)
        guard !highProduct.overflow else { return nil }
        let (newHigh, carryOverflow) = highProduct.partialValue.addingReportingOverflow(lowProduct.high)
        guard !carryOverflow else { return nil }
        let (newLow, digitCarry) = lowProduct.low.addingReportingOverflow(digit)
        let (finalHigh, finalOverflow) = newHigh.addingReportingOverflow(digitCarry ? 1 : 0)
        guard !finalOverflow else { return nil }
        high = finalHigh
        low = newLow
    }
    return (high, low)
}
