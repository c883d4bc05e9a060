/// Which type changes keep every value readable as before — one set of rules for two uses:
/// contract verification accepts a model column of a narrower type (and casts it to the
/// contract's), and a contract may widen a column's type without a new major version.
///
/// Widening: an integer to a wider integer (signed to wider signed, unsigned to wider unsigned,
/// unsigned to a strictly wider signed; never signed to unsigned); `FLOAT` → `DOUBLE`; integers
/// up to 32 bits → `DOUBLE`; an integer → `DECIMAL(p,s)` when `p − s` holds all its digits;
/// `DECIMAL(p,s)` → `DECIMAL(p',s')` when `s' ≥ s` and `p' − s' ≥ p − s`; `DATE` → `TIMESTAMP`.
/// `VARCHAR` only from `VARCHAR`. Anything else rounds or reinterprets values: that belongs in
/// the model, written by hand.
///
/// Types are compared as DuckDB understands them (`INT` is `INTEGER`, `TEXT` is `VARCHAR`), on
/// the normalized spelling of ``ContractDocument/normalizedType(_:)``.
public enum TypeWidening {
    /// How a change from one type to another affects a reader.
    public enum Verdict: Sendable, Hashable {
        /// The same type, perhaps spelled differently.
        case same
        /// Every old value is a value of the new type.
        case widened
        /// Some old value cannot be read as before.
        case incompatible
    }

    public static func verdict(from old: String, to new: String) -> Verdict {
        let old = canonical(old), new = canonical(new)
        if old == new { return .same }
        switch (old, new) {
        case let (.integer(a), .integer(b)):
            return b.holds(a) ? .widened : .incompatible
        case let (.integer(a), .decimal(precision, scale)):
            return precision - scale >= a.digits ? .widened : .incompatible
        case let (.decimal(p, s), .decimal(p2, s2)):
            return s2 >= s && p2 - s2 >= p - s ? .widened : .incompatible
        case let (.integer(a), .double):
            return a.bits <= 32 ? .widened : .incompatible
        case (.float, .double), (.date, .timestamp):
            return .widened
        default:
            return .incompatible
        }
    }

    /// Whether a value of type `from` may be published as `to` by a CAST.
    public static func allows(from: String, to: String) -> Bool { verdict(from: from, to: to) != .incompatible }

    /// A DuckDB integer type: its width and whether it is signed.
    struct IntegerType: Hashable {
        var bits: Int
        var signed: Bool

        /// Decimal digits the largest value needs: what a DECIMAL must keep left of the point.
        var digits: Int {
            switch (bits, signed) {
            case (8, _): 3
            case (16, _): 5
            case (32, _): 10
            case (64, true): 19
            case (64, false): 20
            default: 39
            }
        }

        /// Every value of `other` is a value of `self`.
        func holds(_ other: IntegerType) -> Bool {
            switch (other.signed, signed) {
            case (true, true), (false, false): bits >= other.bits
            case (false, true): bits > other.bits
            case (true, false): false
            }
        }
    }

    enum Canonical: Hashable {
        case integer(IntegerType)
        case decimal(precision: Int, scale: Int)
        case float, double, date, timestamp, varchar
        case other(String)

        var isInteger: Bool {
            if case .integer = self { true } else { false }
        }
    }

    static func canonical(_ type: String) -> Canonical {
        let type = ContractDocument.normalizedType(type)
        switch type {
        case "TINYINT", "INT1": return .integer(.init(bits: 8, signed: true))
        case "SMALLINT", "INT2", "SHORT": return .integer(.init(bits: 16, signed: true))
        case "INTEGER", "INT", "INT4", "SIGNED": return .integer(.init(bits: 32, signed: true))
        case "BIGINT", "INT8", "LONG": return .integer(.init(bits: 64, signed: true))
        case "HUGEINT", "INT128": return .integer(.init(bits: 128, signed: true))
        case "UTINYINT", "UINT8": return .integer(.init(bits: 8, signed: false))
        case "USMALLINT", "UINT16": return .integer(.init(bits: 16, signed: false))
        case "UINTEGER", "UINT32": return .integer(.init(bits: 32, signed: false))
        case "UBIGINT", "UINT64": return .integer(.init(bits: 64, signed: false))
        case "UHUGEINT", "UINT128": return .integer(.init(bits: 128, signed: false))
        case "FLOAT", "FLOAT4", "REAL": return .float
        case "DOUBLE", "FLOAT8": return .double
        case "DATE": return .date
        case "TIMESTAMP", "DATETIME", "TIMESTAMP_US": return .timestamp
        case "VARCHAR", "TEXT", "STRING", "CHAR", "BPCHAR": return .varchar
        default: break
        }
        for prefix in ["DECIMAL", "NUMERIC"] where type.hasPrefix(prefix) {
            let rest = type.dropFirst(prefix.count)
            // DuckDB's defaults: DECIMAL is DECIMAL(18,3), DECIMAL(p) is DECIMAL(p,0).
            if rest.isEmpty { return .decimal(precision: 18, scale: 3) }
            guard rest.hasPrefix("("), rest.hasSuffix(")") else { break }
            let numbers = rest.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false).map {
                Int($0)
            }
            switch numbers.count {
            case 1: if let precision = numbers[0] { return .decimal(precision: precision, scale: 0) }
            case 2:
                if let precision = numbers[0], let scale = numbers[1] {
                    return .decimal(precision: precision, scale: scale)
                }
            default: break
            }
        }
        if type.hasPrefix("VARCHAR(") { return .varchar }
        return .other(type)
    }
}
