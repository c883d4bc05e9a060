import Foundation

/// One SQL value, decoded from DuckDB into Swift (or built in Swift to bind or append).
///
/// Every case keeps DuckDB's exact representation: a DECIMAL is its unscaled integer and scale,
/// timestamps are counts of their own unit, 128-bit integers are two words. Reading millions of
/// rows into this enum is supported and fast, but for bulk numeric work the typed column reads on
/// ``DataChunk`` skip it altogether.
public enum DuckDBValue: Hashable, Sendable {
    case null
    case boolean(Bool)
    case tinyint(Int8)
    case smallint(Int16)
    case integer(Int32)
    case bigint(Int64)
    case hugeint(DuckDBHugeInt)
    case utinyint(UInt8)
    case usmallint(UInt16)
    case uinteger(UInt32)
    case ubigint(UInt64)
    case uhugeint(DuckDBUHugeInt)
    case float(Float)
    case double(Double)
    case decimal(DuckDBDecimal)
    case varchar(String)
    case blob(Data)
    case date(DuckDBDate)
    case time(DuckDBTime)
    case timeTZ(DuckDBTimeTZ)
    /// TIMESTAMP, TIMESTAMP_S, TIMESTAMP_MS or TIMESTAMP_NS, told apart by the precision.
    case timestamp(DuckDBTimestamp)
    /// TIMESTAMP WITH TIME ZONE: the instant, in UTC.
    case timestampTZ(DuckDBTimestamp)
    case interval(DuckDBInterval)
    case uuid(UUID)
    case list([DuckDBValue])
    /// A fixed-size ARRAY.
    case array([DuckDBValue])
    case `struct`(DuckDBStruct)
    case map(DuckDBMap)
    /// An ENUM member, by its name.
    case `enum`(String)
}

extension DuckDBValue {
    public var isNull: Bool { self == .null }

    /// Any integer case whose value fits an `Int64`.
    public var int64Value: Int64? {
        switch self {
        case .tinyint(let v): Int64(v)
        case .smallint(let v): Int64(v)
        case .integer(let v): Int64(v)
        case .bigint(let v): v
        case .hugeint(let v): v.int64Value
        case .utinyint(let v): Int64(v)
        case .usmallint(let v): Int64(v)
        case .uinteger(let v): Int64(v)
        case .ubigint(let v): Int64(exactly: v)
        case .uhugeint(let v): v.upper == 0 ? Int64(exactly: v.lower) : nil
        default: nil
        }
    }

    /// Any numeric case as a `Double` (DECIMAL and 128-bit integers rounded).
    public var doubleValue: Double? {
        switch self {
        case .float(let v): Double(v)
        case .double(let v): v
        case .decimal(let v): v.doubleValue
        case .hugeint(let v): v.doubleValue
        default: int64Value.map(Double.init)
        }
    }

    /// The text of a VARCHAR or the member name of an ENUM.
    public var stringValue: String? {
        switch self {
        case .varchar(let v), .enum(let v): v
        default: nil
        }
    }

    public var boolValue: Bool? {
        if case .boolean(let v) = self { return v }
        return nil
    }

    public var listValue: [DuckDBValue]? {
        switch self {
        case .list(let v), .array(let v): v
        default: nil
        }
    }
}

extension DuckDBValue: CustomStringConvertible {
    /// SQL-like text: `NULL`, `42`, `3.5`, `abc`, `[1, NULL, 3]`, `{'a': 1, 'b': x}`, `{k=v}`.
    /// Inside lists, structs and maps, text is quoted so that `['a, b']` and `[a, b]` differ.
    public var description: String { render(nested: false) }

    private func render(nested: Bool) -> String {
        switch self {
        case .null: return "NULL"
        case .boolean(let v): return v ? "true" : "false"
        case .tinyint(let v): return String(v)
        case .smallint(let v): return String(v)
        case .integer(let v): return String(v)
        case .bigint(let v): return String(v)
        case .hugeint(let v): return v.description
        case .utinyint(let v): return String(v)
        case .usmallint(let v): return String(v)
        case .uinteger(let v): return String(v)
        case .ubigint(let v): return String(v)
        case .uhugeint(let v): return v.description
        case .float(let v): return v.description
        case .double(let v): return v.description
        case .decimal(let v): return v.description
        case .varchar(let v), .enum(let v): return nested ? quote(v) : v
        case .blob(let v): return nested ? quote(escapeBlob(v)) : escapeBlob(v)
        case .date(let v): return nested ? quote(v.description) : v.description
        case .time(let v): return nested ? quote(v.description) : v.description
        case .timeTZ(let v): return nested ? quote(v.description) : v.description
        case .timestamp(let v): return nested ? quote(v.description) : v.description
        case .timestampTZ(let v):
            let text = v.description + (v.isFinite ? "+00" : "")
            return nested ? quote(text) : text
        case .interval(let v): return nested ? quote(v.description) : v.description
        case .uuid(let v):
            let text = v.uuidString.lowercased()
            return nested ? quote(text) : text
        case .list(let items), .array(let items):
            return "[" + items.map { $0.render(nested: true) }.joined(separator: ", ") + "]"
        case .struct(let s):
            let fields = zip(s.names, s.values).map { quote($0) + ": " + $1.render(nested: true) }
            return "{" + fields.joined(separator: ", ") + "}"
        case .map(let m):
            let entries = zip(m.keys, m.values).map { $0.render(nested: true) + "=" + $1.render(nested: true) }
            return "{" + entries.joined(separator: ", ") + "}"
        }
    }

    private func quote(_ text: String) -> String { SQL.literal(text) }

    /// DuckDB's blob text: printable ASCII as is, every other byte as `\xHH`.
    private func escapeBlob(_ data: Data) -> String {
        var text = ""
        let hex = Array("0123456789ABCDEF")
        for byte in data {
            if byte >= 32, byte < 127, byte != UInt8(ascii: "\\"), byte != UInt8(ascii: "'") {
                text.append(Character(Unicode.Scalar(byte)))
            } else {
                text += "\\x" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
            }
        }
        return text
    }
}

extension DuckDBValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    /// Integer literals are BIGINT.
    public init(integerLiteral value: Int64) { self = .bigint(value) }
    /// Float literals are DOUBLE.
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .varchar(value) }
    public init(arrayLiteral elements: DuckDBValue...) { self = .list(elements) }
}
