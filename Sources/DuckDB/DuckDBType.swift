/// The SQL type of a result column, as a plain Swift value (nested types included).
public indirect enum DuckDBType: Hashable, Sendable, CustomStringConvertible {
    case boolean
    case tinyint, smallint, integer, bigint, hugeint
    case utinyint, usmallint, uinteger, ubigint, uhugeint
    case float, double
    case decimal(width: UInt8, scale: UInt8)
    case varchar, blob
    case date, time, timeTZ
    case timestamp, timestampS, timestampMS, timestampNS, timestampTZ
    case interval, uuid
    case list(DuckDBType)
    case array(DuckDBType, size: Int)
    case `struct`([Field])
    case map(key: DuckDBType, value: DuckDBType)
    /// An ENUM with its dictionary, in order.
    case `enum`([String])
    case sqlNull
    /// A type this wrapper has no decoder for (UNION, BIT, BIGNUM, TIME_NS, VARIANT, …), with
    /// DuckDB's type id. Typed reads refuse it; cast it to VARCHAR in SQL to read it.
    case unsupported(id: UInt32, name: String)

    public struct Field: Hashable, Sendable {
        public var name: String
        public var type: DuckDBType

        public init(name: String, type: DuckDBType) {
            self.name = name
            self.type = type
        }
    }

    public var description: String {
        switch self {
        case .boolean: "BOOLEAN"
        case .tinyint: "TINYINT"
        case .smallint: "SMALLINT"
        case .integer: "INTEGER"
        case .bigint: "BIGINT"
        case .hugeint: "HUGEINT"
        case .utinyint: "UTINYINT"
        case .usmallint: "USMALLINT"
        case .uinteger: "UINTEGER"
        case .ubigint: "UBIGINT"
        case .uhugeint: "UHUGEINT"
        case .float: "FLOAT"
        case .double: "DOUBLE"
        case .decimal(let width, let scale): "DECIMAL(\(width),\(scale))"
        case .varchar: "VARCHAR"
        case .blob: "BLOB"
        case .date: "DATE"
        case .time: "TIME"
        case .timeTZ: "TIME WITH TIME ZONE"
        case .timestamp: "TIMESTAMP"
        case .timestampS: "TIMESTAMP_S"
        case .timestampMS: "TIMESTAMP_MS"
        case .timestampNS: "TIMESTAMP_NS"
        case .timestampTZ: "TIMESTAMP WITH TIME ZONE"
        case .interval: "INTERVAL"
        case .uuid: "UUID"
        case .list(let child): "\(child)[]"
        case .array(let child, let size): "\(child)[\(size)]"
        case .struct(let fields):
            "STRUCT(" + fields.map { "\($0.name) \($0.type)" }.joined(separator: ", ") + ")"
        case .map(let key, let value): "MAP(\(key), \(value))"
        case .enum(let members):
            "ENUM("
                + members.map(SQL.literal)
                .joined(separator: ", ") + ")"
        case .sqlNull: "NULL"
        case .unsupported(_, let name): name
        }
    }

    /// Whether values of this type (and of all types nested in it) can be decoded.
    public var isSupported: Bool {
        switch self {
        case .unsupported: false
        case .list(let child), .array(let child, _): child.isSupported
        case .struct(let fields): fields.allSatisfy { $0.type.isSupported }
        case .map(let key, let value): key.isSupported && value.isSupported
        default: true
        }
    }
}
