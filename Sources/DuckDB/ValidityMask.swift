/// Which rows of a column hold a value (valid) and which are NULL: one bit per row, in
/// DuckDB's own layout (bit `i % 64` of word `i / 64`, set when row `i` is valid).
public struct ValidityMask: Hashable, Sendable {
    /// Bits past `count` are always zero.
    public private(set) var words: [UInt64] = []
    public private(set) var count: Int = 0
    /// The number of NULL rows.
    public private(set) var nullCount: Int = 0

    public init() {}

    public var hasNulls: Bool { nullCount > 0 }

    /// Whether row `row` holds a value.
    @inline(__always)
    public func isValid(_ row: Int) -> Bool {
        words[row &>> 6] & (1 &<< UInt64(row & 63)) != 0
    }

    public mutating func reserveCapacity(_ rows: Int) {
        words.reserveCapacity((rows + 63) / 64)
    }

    /// Appends `rows` bits from DuckDB's validity words; `nil` means all valid.
    mutating func append(_ source: UnsafePointer<UInt64>?, rows: Int) {
        var remaining = rows
        var index = 0
        while remaining > 0 {
            let bits = min(64, remaining)
            var word = source?[index] ?? .max
            if bits < 64 { word &= (1 &<< UInt64(bits)) &- 1 }
            nullCount += bits - word.nonzeroBitCount
            let shift = count & 63
            if shift == 0 {
                words.append(word)
            } else {
                // The column so far ends mid-word: fill that word, carry the rest into a new one.
                words[words.count - 1] |= word &<< UInt64(shift)
                if bits > 64 - shift { words.append(word &>> UInt64(64 - shift)) }
            }
            count += bits
            remaining -= bits
            index += 1
        }
    }
}
