import Foundation

/// Which input types a contract column accepts besides its own, always as DuckDB spells
/// normalized types (`INTEGER`, `DECIMAL(12,2)`).
///
/// Allowed, because every value converts exactly:
/// - an integer to a wider integer: signed to wider signed, unsigned to wider unsigned, unsigned
///   to a strictly wider signed (`UINTEGER` → `BIGINT`); never signed to unsigned;
/// - `FLOAT` → `DOUBLE`; integers up to 32 bits (`TINYINT`…`INTEGER`, `UTINYINT`…`UINTEGER`)
///   → `DOUBLE`;
/// - an integer → `DECIMAL(p,s)` when `p − s` holds all its digits (`INTEGER`: 10, `BIGINT`: 19,
///   `UBIGINT`: 20);
/// - `DECIMAL(p,s)` → `DECIMAL(p',s')` when `s' ≥ s` and `p' − s' ≥ p − s`;
/// - `DATE` → `TIMESTAMP`.
///
/// `VARCHAR` only from `VARCHAR`. Anything else is a violation: narrowing, or conversions that
/// round or reinterpret, belong in the model, written by hand.
public enum TypeWidening {
    /// (bits, signed) of DuckDB's integer types.
    static let integers: [String: (bits: Int, signed: Bool, digits: Int)] = [
        "TINYINT": (8, true, 3), "SMALLINT": (16, true, 5), "INTEGER": (32, true, 10), "BIGINT": (64, true, 19),
        "HUGEINT": (128, true, 39), "UTINYINT": (8, false, 3), "USMALLINT": (16, false, 5), "UINTEGER": (32, false, 10),
        "UBIGINT": (64, false, 20), "UHUGEINT": (128, false, 39),
    ]

    /// Whether a column of type `from` may be published as `to` (both normalized) by a CAST.
    public static func allows(from: String, to: String) -> Bool {
        if from == to { return true }
        if let source = integers[from] {
            if let target = integers[to] {
                if source.signed { return target.signed && target.bits > source.bits }
                return target.bits > source.bits  // to wider unsigned, or strictly wider signed
            }
            if to == "DOUBLE" { return source.bits <= 32 }
            if let (precision, scale) = decimal(to) { return precision - scale >= source.digits }
            return false
        }
        if from == "FLOAT" { return to == "DOUBLE" }
        if let (p, s) = decimal(from), let (p2, s2) = decimal(to) { return s2 >= s && p2 - s2 >= p - s }
        if from == "DATE" { return to == "TIMESTAMP" }
        return false
    }

    /// (precision, scale) of `DECIMAL(p,s)`.
    static func decimal(_ type: String) -> (Int, Int)? {
        guard type.hasPrefix("DECIMAL("), type.hasSuffix(")") else { return nil }
        let parts = type.dropFirst("DECIMAL(".count).dropLast().split(separator: ",")
        guard parts.count == 2, let precision = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let scale = Int(parts[1].trimmingCharacters(in: .whitespaces)) else { return nil }
        return (precision, scale)
    }
}
