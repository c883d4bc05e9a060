import DuckDB

/// How a DuckDB column appears to a PostgreSQL client: the type's OID (fixed in PostgreSQL's
/// catalog, so drivers know them without asking) and its size.
public struct PostgresType: Equatable, Sendable {
    public var oid: UInt32
    public var size: Int16

    public static let bool = PostgresType(oid: 16, size: 1)
    public static let bytea = PostgresType(oid: 17, size: -1)
    public static let int8 = PostgresType(oid: 20, size: 8)
    public static let int2 = PostgresType(oid: 21, size: 2)
    public static let int4 = PostgresType(oid: 23, size: 4)
    public static let text = PostgresType(oid: 25, size: -1)
    public static let float4 = PostgresType(oid: 700, size: 4)
    public static let float8 = PostgresType(oid: 701, size: 8)
    public static let varchar = PostgresType(oid: 1043, size: -1)
    public static let date = PostgresType(oid: 1082, size: 4)
    public static let time = PostgresType(oid: 1083, size: 8)
    public static let timestamp = PostgresType(oid: 1114, size: 8)
    public static let timestamptz = PostgresType(oid: 1184, size: 8)
    public static let interval = PostgresType(oid: 1186, size: 16)
    public static let timetz = PostgresType(oid: 1266, size: 12)
    public static let numeric = PostgresType(oid: 1700, size: -1)
    public static let uuid = PostgresType(oid: 2950, size: 16)

    /// The PostgreSQL type a DuckDB type is sent as. Unsigned and 128-bit integers become the
    /// next wider type (or numeric); nested types (lists, structs, maps) go as their text.
    public init(_ type: DuckDBType) {
        switch type {
        case .boolean: self = .bool
        case .tinyint, .smallint, .utinyint: self = .int2
        case .integer, .usmallint: self = .int4
        case .bigint, .uinteger: self = .int8
        case .hugeint, .ubigint, .uhugeint, .decimal: self = .numeric
        case .float: self = .float4
        case .double: self = .float8
        case .blob: self = .bytea
        case .varchar: self = .varchar
        case .date: self = .date
        case .time: self = .time
        case .timeTZ: self = .timetz
        case .timestamp, .timestampS, .timestampMS, .timestampNS: self = .timestamp
        case .timestampTZ: self = .timestamptz
        case .interval: self = .interval
        case .uuid: self = .uuid
        default: self = .text
        }
    }

    init(oid: UInt32, size: Int16) {
        self.oid = oid
        self.size = size
    }

    /// The type modifier a RowDescription carries: for numeric, (precision << 16 | scale) + 4.
    static func modifier(of type: DuckDBType) -> Int32 {
        if case .decimal(let width, let scale) = type { return (Int32(width) << 16 | Int32(scale)) + 4 }
        return -1
    }
}
