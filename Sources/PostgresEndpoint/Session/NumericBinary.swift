import PostgresWire

/// PostgreSQL's binary `numeric`: Int16 digit count, weight, sign and display scale, then
/// base-10000 digits, most significant first; the weight is the power of 10000 of the first.
enum NumericBinary {
    static func encode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        var digits = text
        var negative = false
        if digits.hasPrefix("-") {
            negative = true
            digits.removeFirst()
        }
        if digits == "NaN" || digits.lowercased() == "nan" {
            out.appendInt16(0)
            out.appendInt16(0)
            out.appendInt16(Int16(bitPattern: 0xC000))
            out.appendInt16(0)
            return out
        }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var integer = String(parts.first ?? "0").drop { $0 == "0" }.description
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        let scale = fraction.count
        // Pad both sides to whole groups of four digits.
        integer = String(repeating: "0", count: (4 - integer.count % 4) % 4) + integer
        fraction += String(repeating: "0", count: (4 - fraction.count % 4) % 4)
        var groups = chunks(integer) + chunks(fraction)
        var weight = integer.count / 4 - 1
        while groups.first == 0 {
            groups.removeFirst()
            weight -= 1
        }
        while groups.last == 0 { groups.removeLast() }
        if groups.isEmpty { weight = 0 }
        out.appendInt16(Int16(groups.count))
        out.appendInt16(Int16(weight))
        out.appendInt16(negative && !groups.isEmpty ? 0x4000 : 0)
        out.appendInt16(Int16(scale))
        for group in groups { out.appendInt16(group) }
        return out
    }

    private static func chunks(_ digits: String) -> [Int16] {
        var result: [Int16] = []
        var index = digits.startIndex
        while index < digits.endIndex {
            let end = digits.index(index, offsetBy: 4)
            result.append(Int16(digits[index..<end]) ?? 0)
            index = end
        }
        return result
    }
}
