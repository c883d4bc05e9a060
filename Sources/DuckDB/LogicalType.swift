internal import CDuckDB

/// Owns one `duckdb_logical_type`. Only lives long enough to be read into a ``DuckDBType``,
/// or to describe a value being built for DuckDB.
final class LogicalType {
    private(set) var handle: duckdb_logical_type?

    init?(owning handle: duckdb_logical_type?) {
        guard let handle else { return nil }
        self.handle = handle
    }

    convenience init?(_ id: DUCKDB_TYPE) {
        self.init(owning: duckdb_create_logical_type(id))
    }

    deinit { duckdb_destroy_logical_type(&handle) }

    var id: DUCKDB_TYPE { duckdb_get_type_id(handle) }

    /// Reads the type, recursing into the children of nested types.
    var swiftType: DuckDBType {
        switch id {
        case DUCKDB_TYPE_BOOLEAN: return .boolean
        case DUCKDB_TYPE_TINYINT: return .tinyint
        case DUCKDB_TYPE_SMALLINT: return .smallint
        case DUCKDB_TYPE_INTEGER: return .integer
        case DUCKDB_TYPE_BIGINT: return .bigint
        case DUCKDB_TYPE_HUGEINT: return .hugeint
        case DUCKDB_TYPE_UTINYINT: return .utinyint
        case DUCKDB_TYPE_USMALLINT: return .usmallint
        case DUCKDB_TYPE_UINTEGER: return .uinteger
        case DUCKDB_TYPE_UBIGINT: return .ubigint
        case DUCKDB_TYPE_UHUGEINT: return .uhugeint
        case DUCKDB_TYPE_FLOAT: return .float
        case DUCKDB_TYPE_DOUBLE: return .double
        case DUCKDB_TYPE_DECIMAL:
            return .decimal(width: duckdb_decimal_width(handle), scale: duckdb_decimal_scale(handle))
        case DUCKDB_TYPE_VARCHAR: return .varchar
        case DUCKDB_TYPE_BLOB: return .blob
        case DUCKDB_TYPE_DATE: return .date
        case DUCKDB_TYPE_TIME: return .time
        case DUCKDB_TYPE_TIME_TZ: return .timeTZ
        case DUCKDB_TYPE_TIMESTAMP: return .timestamp
        case DUCKDB_TYPE_TIMESTAMP_S: return .timestampS
        case DUCKDB_TYPE_TIMESTAMP_MS: return .timestampMS
        case DUCKDB_TYPE_TIMESTAMP_NS: return .timestampNS
        case DUCKDB_TYPE_TIMESTAMP_TZ: return .timestampTZ
        case DUCKDB_TYPE_INTERVAL: return .interval
        case DUCKDB_TYPE_UUID: return .uuid
        case DUCKDB_TYPE_SQLNULL: return .sqlNull
        case DUCKDB_TYPE_LIST:
            return .list(LogicalType(owning: duckdb_list_type_child_type(handle))?.swiftType ?? .sqlNull)
        case DUCKDB_TYPE_ARRAY:
            let child = LogicalType(owning: duckdb_array_type_child_type(handle))?.swiftType ?? .sqlNull
            return .array(child, size: Int(duckdb_array_type_array_size(handle)))
        case DUCKDB_TYPE_MAP:
            let key = LogicalType(owning: duckdb_map_type_key_type(handle))?.swiftType ?? .sqlNull
            let value = LogicalType(owning: duckdb_map_type_value_type(handle))?.swiftType ?? .sqlNull
            return .map(key: key, value: value)
        case DUCKDB_TYPE_STRUCT:
            let count = duckdb_struct_type_child_count(handle)
            let fields = (0..<count).map { index in
                DuckDBType.Field(
                    name: takeString(duckdb_struct_type_child_name(handle, index)),
                    type: LogicalType(owning: duckdb_struct_type_child_type(handle, index))?.swiftType ?? .sqlNull
                )
            }
            return .struct(fields)
        case DUCKDB_TYPE_ENUM:
            let count = duckdb_enum_dictionary_size(handle)
            return .enum((0..<idx_t(count)).map { takeString(duckdb_enum_dictionary_value(handle, $0)) })
        default:
            return .unsupported(id: id.rawValue, name: Self.name(of: id))
        }
    }

    private static func name(of id: DUCKDB_TYPE) -> String {
        switch id {
        case DUCKDB_TYPE_UNION: "UNION"
        case DUCKDB_TYPE_BIT: "BIT"
        case DUCKDB_TYPE_BIGNUM: "BIGNUM"
        case DUCKDB_TYPE_TIME_NS: "TIME_NS"
        case DUCKDB_TYPE_GEOMETRY: "GEOMETRY"
        case DUCKDB_TYPE_VARIANT: "VARIANT"
        case DUCKDB_TYPE_TIMESTAMP_TZ_NS: "TIMESTAMP_TZ_NS"
        default: "TYPE#\(id.rawValue)"
        }
    }
}

/// Copies a string the C API allocated for us and frees it with `duckdb_free`.
func takeString(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
    guard let pointer else { return "" }
    defer { duckdb_free(pointer) }
    return String(cString: pointer)
}
