internal import CDuckDB
import Foundation

// Turning Swift values into DuckDB's: scalars go straight through the typed C calls (no
// allocation); DECIMAL, UUID, the timestamp variants and nested values go through a
// `duckdb_value`, which needs a logical type for its nested parts.

extension DuckDBValue {
    /// Binds to parameter `index` (1-based) of a prepared statement.
    func bind(to statement: duckdb_prepared_statement?, at index: idx_t) throws -> duckdb_state {
        switch self {
        case .null: return duckdb_bind_null(statement, index)
        case .boolean(let v): return duckdb_bind_boolean(statement, index, v)
        case .tinyint(let v): return duckdb_bind_int8(statement, index, v)
        case .smallint(let v): return duckdb_bind_int16(statement, index, v)
        case .integer(let v): return duckdb_bind_int32(statement, index, v)
        case .bigint(let v): return duckdb_bind_int64(statement, index, v)
        case .hugeint(let v):
            return duckdb_bind_hugeint(statement, index, duckdb_hugeint(lower: v.lower, upper: v.upper))
        case .utinyint(let v): return duckdb_bind_uint8(statement, index, v)
        case .usmallint(let v): return duckdb_bind_uint16(statement, index, v)
        case .uinteger(let v): return duckdb_bind_uint32(statement, index, v)
        case .ubigint(let v): return duckdb_bind_uint64(statement, index, v)
        case .uhugeint(let v):
            return duckdb_bind_uhugeint(statement, index, duckdb_uhugeint(lower: v.lower, upper: v.upper))
        case .float(let v): return duckdb_bind_float(statement, index, v)
        case .double(let v): return duckdb_bind_double(statement, index, v)
        case .varchar(let v), .enum(let v):
            var text = v
            return text.withUTF8 { duckdb_bind_varchar_length(statement, index, $0.baseAddress, idx_t($0.count)) }
        case .blob(let v):
            return v.withUnsafeBytes { duckdb_bind_blob(statement, index, $0.baseAddress, idx_t($0.count)) }
        case .date(let v): return duckdb_bind_date(statement, index, duckdb_date(days: v.days))
        case .time(let v): return duckdb_bind_time(statement, index, duckdb_time(micros: v.microseconds))
        case .interval(let v):
            return duckdb_bind_interval(
                statement, index, duckdb_interval(months: v.months, days: v.days, micros: v.microseconds))
        case .timestamp(let v) where v.precision == .microseconds:
            return duckdb_bind_timestamp(statement, index, duckdb_timestamp(micros: v.value))
        case .timestampTZ(let v) where v.precision == .microseconds:
            return duckdb_bind_timestamp_tz(statement, index, duckdb_timestamp(micros: v.value))
        default:
            let value = try makeHandle()
            return duckdb_bind_value(statement, index, value.handle)
        }
    }

    /// Appends to the current row of an appender.
    func append(to appender: duckdb_appender?) throws -> duckdb_state {
        switch self {
        case .null: return duckdb_append_null(appender)
        case .boolean(let v): return duckdb_append_bool(appender, v)
        case .tinyint(let v): return duckdb_append_int8(appender, v)
        case .smallint(let v): return duckdb_append_int16(appender, v)
        case .integer(let v): return duckdb_append_int32(appender, v)
        case .bigint(let v): return duckdb_append_int64(appender, v)
        case .hugeint(let v): return duckdb_append_hugeint(appender, duckdb_hugeint(lower: v.lower, upper: v.upper))
        case .utinyint(let v): return duckdb_append_uint8(appender, v)
        case .usmallint(let v): return duckdb_append_uint16(appender, v)
        case .uinteger(let v): return duckdb_append_uint32(appender, v)
        case .ubigint(let v): return duckdb_append_uint64(appender, v)
        case .uhugeint(let v): return duckdb_append_uhugeint(appender, duckdb_uhugeint(lower: v.lower, upper: v.upper))
        case .float(let v): return duckdb_append_float(appender, v)
        case .double(let v): return duckdb_append_double(appender, v)
        case .varchar(let v), .enum(let v):
            var text = v
            return text.withUTF8 { duckdb_append_varchar_length(appender, $0.baseAddress, idx_t($0.count)) }
        case .blob(let v):
            return v.withUnsafeBytes { duckdb_append_blob(appender, $0.baseAddress, idx_t($0.count)) }
        case .date(let v): return duckdb_append_date(appender, duckdb_date(days: v.days))
        case .time(let v): return duckdb_append_time(appender, duckdb_time(micros: v.microseconds))
        case .interval(let v):
            return duckdb_append_interval(
                appender, duckdb_interval(months: v.months, days: v.days, micros: v.microseconds))
        case .timestamp(let v) where v.precision == .microseconds:
            return duckdb_append_timestamp(appender, duckdb_timestamp(micros: v.value))
        default:
            let value = try makeHandle()
            return duckdb_append_value(appender, value.handle)
        }
    }

    /// Builds a `duckdb_value` owned by the returned handle.
    func makeHandle() throws -> ValueHandle {
        let raw: duckdb_value?
        switch self {
        case .null, .boolean, .tinyint, .smallint, .integer, .bigint, .hugeint, .utinyint, .usmallint, .uinteger,
            .ubigint, .uhugeint, .float, .double, .decimal:
            raw = try numberValue()
        case .varchar, .enum, .blob, .uuid: raw = textValue()
        case .date, .time, .timeTZ, .timestamp, .timestampTZ, .interval: raw = temporalValue()
        case .list, .array, .struct, .map: raw = try nestedValue()
        }
        guard let handle = ValueHandle(owning: raw) else {
            throw DuckDBError(
                kind: .invalidArgument, message: "Invalid Input Error: DuckDB could not build a value from \(self)")
        }
        return handle
    }

    /// NULL, booleans, integers, floats and decimals; nil for other cases.
    private func numberValue() throws -> duckdb_value? {
        switch self {
        case .null: return duckdb_create_null_value()
        case .boolean(let v): return duckdb_create_bool(v)
        case .tinyint(let v): return duckdb_create_int8(v)
        case .smallint(let v): return duckdb_create_int16(v)
        case .integer(let v): return duckdb_create_int32(v)
        case .bigint(let v): return duckdb_create_int64(v)
        case .hugeint(let v): return duckdb_create_hugeint(duckdb_hugeint(lower: v.lower, upper: v.upper))
        case .utinyint(let v): return duckdb_create_uint8(v)
        case .usmallint(let v): return duckdb_create_uint16(v)
        case .uinteger(let v): return duckdb_create_uint32(v)
        case .ubigint(let v): return duckdb_create_uint64(v)
        case .uhugeint(let v): return duckdb_create_uhugeint(duckdb_uhugeint(lower: v.lower, upper: v.upper))
        case .float(let v): return duckdb_create_float(v)
        case .double(let v): return duckdb_create_double(v)
        case .decimal(let v):
            guard v.width >= 1, v.width <= 38, v.scale <= v.width else {
                throw DuckDBError(
                    kind: .invalidArgument,
                    message: "Invalid Input Error: DECIMAL(\(v.width),\(v.scale)) is not a valid type")
            }
            return duckdb_create_decimal(
                duckdb_decimal(
                    width: v.width, scale: v.scale,
                    value: duckdb_hugeint(lower: v.unscaled.lower, upper: v.unscaled.upper)))
        default: return nil
        }
    }

    /// Strings, enums, blobs and UUIDs; nil for other cases.
    private func textValue() -> duckdb_value? {
        switch self {
        case .varchar(let v), .enum(let v):
            var text = v
            return text.withUTF8 { buffer in
                buffer.withMemoryRebound(to: CChar.self) {
                    duckdb_create_varchar_length($0.baseAddress, idx_t($0.count))
                }
            }
        case .blob(let v):
            return v.withUnsafeBytes { duckdb_create_blob($0.bindMemory(to: UInt8.self).baseAddress, idx_t($0.count)) }
        case .uuid(let v):
            let bytes = v.uuid
            let upper = [bytes.0, bytes.1, bytes.2, bytes.3, bytes.4, bytes.5, bytes.6, bytes.7]
                .reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            let lower = [bytes.8, bytes.9, bytes.10, bytes.11, bytes.12, bytes.13, bytes.14, bytes.15]
                .reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            return duckdb_create_uuid(duckdb_uhugeint(lower: lower, upper: upper))
        default: return nil
        }
    }

    /// Dates, times, timestamps and intervals; nil for other cases.
    private func temporalValue() -> duckdb_value? {
        switch self {
        case .date(let v): return duckdb_create_date(duckdb_date(days: v.days))
        case .time(let v): return duckdb_create_time(duckdb_time(micros: v.microseconds))
        case .timeTZ(let v):
            return duckdb_create_time_tz_value(duckdb_create_time_tz(v.time.microseconds, v.offsetSeconds))
        case .timestamp(let v):
            switch v.precision {
            case .seconds: return duckdb_create_timestamp_s(duckdb_timestamp_s(seconds: v.value))
            case .milliseconds: return duckdb_create_timestamp_ms(duckdb_timestamp_ms(millis: v.value))
            case .microseconds: return duckdb_create_timestamp(duckdb_timestamp(micros: v.value))
            case .nanoseconds: return duckdb_create_timestamp_ns(duckdb_timestamp_ns(nanos: v.value))
            }
        case .timestampTZ(let v):
            return duckdb_create_timestamp_tz(duckdb_timestamp(micros: v.microseconds))
        case .interval(let v):
            return duckdb_create_interval(duckdb_interval(months: v.months, days: v.days, micros: v.microseconds))
        default: return nil
        }
    }

    /// Lists, arrays, structs and maps, from their elements' values; nil for other cases.
    private func nestedValue() throws -> duckdb_value? {
        // The elements' handles must outlive the call that copies them into the new value.
        switch self {
        case .list(let items), .array(let items):
            let child = try Self.commonType(of: items)
            let handles = try items.map { try $0.makeHandle() }
            var pointers = handles.map(\.handle)
            return withExtendedLifetime(handles) {
                if case .list = self {
                    duckdb_create_list_value(child.handle, &pointers, idx_t(pointers.count))
                } else {
                    duckdb_create_array_value(child.handle, &pointers, idx_t(pointers.count))
                }
            }
        case .struct(let s):
            let type = try logicalType()
            let handles = try s.values.map { try $0.makeHandle() }
            var pointers = handles.map(\.handle)
            return withExtendedLifetime(handles) { duckdb_create_struct_value(type.handle, &pointers) }
        case .map(let m):
            let type = try logicalType()
            let keyHandles = try m.keys.map { try $0.makeHandle() }
            let valueHandles = try m.values.map { try $0.makeHandle() }
            var keys = keyHandles.map(\.handle)
            var values = valueHandles.map(\.handle)
            return withExtendedLifetime((keyHandles, valueHandles)) {
                duckdb_create_map_value(type.handle, &keys, &values, idx_t(keys.count))
            }
        default: return nil
        }
    }

    /// The SQL type this value would have as a literal; nested parts take the type of their
    /// first non-NULL element (an all-NULL list is INTEGER[], which DuckDB casts freely).
    func logicalType() throws -> LogicalType {
        let made: LogicalType?
        switch self {
        case .null: made = LogicalType(DUCKDB_TYPE_SQLNULL)
        case .boolean: made = LogicalType(DUCKDB_TYPE_BOOLEAN)
        case .tinyint: made = LogicalType(DUCKDB_TYPE_TINYINT)
        case .smallint: made = LogicalType(DUCKDB_TYPE_SMALLINT)
        case .integer: made = LogicalType(DUCKDB_TYPE_INTEGER)
        case .bigint: made = LogicalType(DUCKDB_TYPE_BIGINT)
        case .hugeint: made = LogicalType(DUCKDB_TYPE_HUGEINT)
        case .utinyint: made = LogicalType(DUCKDB_TYPE_UTINYINT)
        case .usmallint: made = LogicalType(DUCKDB_TYPE_USMALLINT)
        case .uinteger: made = LogicalType(DUCKDB_TYPE_UINTEGER)
        case .ubigint: made = LogicalType(DUCKDB_TYPE_UBIGINT)
        case .uhugeint: made = LogicalType(DUCKDB_TYPE_UHUGEINT)
        case .float: made = LogicalType(DUCKDB_TYPE_FLOAT)
        case .double: made = LogicalType(DUCKDB_TYPE_DOUBLE)
        case .decimal(let v): made = LogicalType(owning: duckdb_create_decimal_type(v.width, v.scale))
        case .varchar, .enum: made = LogicalType(DUCKDB_TYPE_VARCHAR)
        case .blob: made = LogicalType(DUCKDB_TYPE_BLOB)
        case .date: made = LogicalType(DUCKDB_TYPE_DATE)
        case .time: made = LogicalType(DUCKDB_TYPE_TIME)
        case .timeTZ: made = LogicalType(DUCKDB_TYPE_TIME_TZ)
        case .timestamp(let v):
            switch v.precision {
            case .seconds: made = LogicalType(DUCKDB_TYPE_TIMESTAMP_S)
            case .milliseconds: made = LogicalType(DUCKDB_TYPE_TIMESTAMP_MS)
            case .microseconds: made = LogicalType(DUCKDB_TYPE_TIMESTAMP)
            case .nanoseconds: made = LogicalType(DUCKDB_TYPE_TIMESTAMP_NS)
            }
        case .timestampTZ: made = LogicalType(DUCKDB_TYPE_TIMESTAMP_TZ)
        case .interval: made = LogicalType(DUCKDB_TYPE_INTERVAL)
        case .uuid: made = LogicalType(DUCKDB_TYPE_UUID)
        case .list(let items):
            let child = try Self.commonType(of: items)
            made = LogicalType(owning: duckdb_create_list_type(child.handle))
        case .array(let items):
            let child = try Self.commonType(of: items)
            made = LogicalType(owning: duckdb_create_array_type(child.handle, idx_t(items.count)))
        case .struct(let s):
            let members = try s.values.map { try $0.logicalType() }
            var types = members.map(\.handle)
            let names = s.names.map { strdup($0) }
            defer { names.forEach { free($0) } }
            var namePointers = names.map { UnsafePointer<CChar>($0) }
            made = LogicalType(owning: duckdb_create_struct_type(&types, &namePointers, idx_t(types.count)))
            withExtendedLifetime(members) {}
        case .map(let m):
            let key = try Self.commonType(of: m.keys)
            let value = try Self.commonType(of: m.values)
            made = LogicalType(owning: duckdb_create_map_type(key.handle, value.handle))
        }
        guard let made else {
            throw DuckDBError(
                kind: .invalidArgument, message: "Invalid Input Error: DuckDB could not build a type for \(self)")
        }
        return made
    }

    static func commonType(of items: [DuckDBValue]) throws -> LogicalType {
        if let first = items.first(where: { !$0.isNull }) { return try first.logicalType() }
        guard let fallback = LogicalType(DUCKDB_TYPE_INTEGER) else {
            throw DuckDBError(kind: .internal, message: "DuckDB could not build the INTEGER type")
        }
        return fallback
    }
}
