internal import CDuckDB
import Foundation

// Decoding a DuckDB vector into values. The type switch runs once per vector, never per row:
// each branch is a tight loop over the vector's memory. Nested types decode their child vector
// whole, once, and hand out slices of it.

/// The raw memory of one vector: its data and its validity bits (`nil` when nothing is NULL).
struct VectorMemory {
    let data: UnsafeMutableRawPointer?
    let validity: UnsafeMutablePointer<UInt64>?

    init(_ vector: duckdb_vector?) {
        data = duckdb_vector_get_data(vector)
        validity = duckdb_vector_get_validity(vector)
    }

    @inline(__always)
    func isValid(_ row: Int) -> Bool {
        guard let validity else { return true }
        return validity[row &>> 6] & (1 &<< UInt64(row & 63)) != 0
    }
}

extension DuckDBValue {
    /// Decodes rows `0..<count` of `vector`, whose type is `type`.
    static func decode(_ vector: duckdb_vector?, as type: DuckDBType, count: Int) throws -> [DuckDBValue] {
        guard count > 0 else { return [] }
        let memory = VectorMemory(vector)
        if let values = try decodeWithoutData(vector, memory, type, count) { return values }
        guard let data = memory.data else {
            throw DuckDBError(kind: .internal, message: "Internal Error: a \(type) vector has no data")
        }
        if let values = decodeNumber(memory, count, data, type) { return values }
        if let values = decodeTemporal(memory, count, data, type) { return values }
        return try decodeVariable(vector, memory, count, data, type)
    }

    /// NULL, STRUCT, ARRAY and unsupported vectors: the first three keep everything in their
    /// children and have no data of their own. nil for every other type.
    private static func decodeWithoutData(
        _ vector: duckdb_vector?, _ memory: VectorMemory, _ type: DuckDBType, _ count: Int
    ) throws -> [DuckDBValue]? {
        switch type {
        case .sqlNull:
            return Array(repeating: .null, count: count)
        case .array(let childType, let size):
            let children = try decode(duckdb_array_vector_get_child(vector), as: childType, count: count * size)
            return mapRows(memory, count) { row in
                .array(Array(children[row * size..<(row + 1) * size]))
            }
        case .struct(let fields):
            let names = fields.map(\.name)
            let columns = try fields.enumerated().map { index, field in
                try decode(duckdb_struct_vector_get_child(vector, idx_t(index)), as: field.type, count: count)
            }
            return mapRows(memory, count) { row in
                .struct(DuckDBStruct(names: names, values: columns.map { $0[row] }))
            }
        case .unsupported(_, let name):
            throw DuckDBError(
                kind: .unsupportedType,
                message:
                    "Not implemented Error: values of type \(name) cannot be decoded; cast the column in SQL (e.g. ::VARCHAR)"
            )
        default:
            return nil
        }
    }

    /// Booleans, integers, floats and decimals; nil for every other type.
    private static func decodeNumber(
        _ memory: VectorMemory, _ count: Int, _ data: UnsafeMutableRawPointer, _ type: DuckDBType
    ) -> [DuckDBValue]? {
        switch type {
        case .boolean: return map(memory, count, data, Bool.self) { .boolean($0) }
        case .tinyint: return map(memory, count, data, Int8.self) { .tinyint($0) }
        case .smallint: return map(memory, count, data, Int16.self) { .smallint($0) }
        case .integer: return map(memory, count, data, Int32.self) { .integer($0) }
        case .bigint: return map(memory, count, data, Int64.self) { .bigint($0) }
        case .utinyint: return map(memory, count, data, UInt8.self) { .utinyint($0) }
        case .usmallint: return map(memory, count, data, UInt16.self) { .usmallint($0) }
        case .uinteger: return map(memory, count, data, UInt32.self) { .uinteger($0) }
        case .ubigint: return map(memory, count, data, UInt64.self) { .ubigint($0) }
        case .float: return map(memory, count, data, Float.self) { .float($0) }
        case .double: return map(memory, count, data, Double.self) { .double($0) }
        case .hugeint:
            return map(memory, count, data, duckdb_hugeint.self) {
                .hugeint(DuckDBHugeInt(upper: $0.upper, lower: $0.lower))
            }
        case .uhugeint:
            return map(memory, count, data, duckdb_uhugeint.self) {
                .uhugeint(DuckDBUHugeInt(upper: $0.upper, lower: $0.lower))
            }
        case .decimal(let width, let scale):
            // DuckDB stores a DECIMAL in the smallest integer that holds `width` digits.
            if width <= 4 {
                return map(memory, count, data, Int16.self) {
                    .decimal(DuckDBDecimal(unscaled: DuckDBHugeInt(Int64($0)), width: width, scale: scale))
                }
            } else if width <= 9 {
                return map(memory, count, data, Int32.self) {
                    .decimal(DuckDBDecimal(unscaled: DuckDBHugeInt(Int64($0)), width: width, scale: scale))
                }
            } else if width <= 18 {
                return map(memory, count, data, Int64.self) {
                    .decimal(DuckDBDecimal(unscaled: DuckDBHugeInt($0), width: width, scale: scale))
                }
            } else {
                return map(memory, count, data, duckdb_hugeint.self) {
                    .decimal(
                        DuckDBDecimal(
                            unscaled: DuckDBHugeInt(upper: $0.upper, lower: $0.lower), width: width, scale: scale))
                }
            }
        default: return nil
        }
    }

    /// Dates, times, timestamps and intervals; nil for every other type.
    private static func decodeTemporal(
        _ memory: VectorMemory, _ count: Int, _ data: UnsafeMutableRawPointer, _ type: DuckDBType
    ) -> [DuckDBValue]? {
        switch type {
        case .date: return map(memory, count, data, Int32.self) { .date(DuckDBDate(days: $0)) }
        case .time: return map(memory, count, data, Int64.self) { .time(DuckDBTime(microseconds: $0)) }
        case .timeTZ:
            return map(memory, count, data, UInt64.self) { bits in
                let parts = duckdb_from_time_tz(duckdb_time_tz(bits: bits))
                let time = DuckDBTime(
                    hour: Int(parts.time.hour), minute: Int(parts.time.min), second: Int(parts.time.sec),
                    microsecond: Int(parts.time.micros))
                return .timeTZ(DuckDBTimeTZ(time: time, offsetSeconds: parts.offset))
            }
        case .timestamp:
            return map(memory, count, data, Int64.self) {
                .timestamp(DuckDBTimestamp(value: $0, precision: .microseconds))
            }
        case .timestampS:
            return map(memory, count, data, Int64.self) { .timestamp(DuckDBTimestamp(value: $0, precision: .seconds)) }
        case .timestampMS:
            return map(memory, count, data, Int64.self) {
                .timestamp(DuckDBTimestamp(value: $0, precision: .milliseconds))
            }
        case .timestampNS:
            return map(memory, count, data, Int64.self) {
                .timestamp(DuckDBTimestamp(value: $0, precision: .nanoseconds))
            }
        case .timestampTZ:
            return map(memory, count, data, Int64.self) {
                .timestampTZ(DuckDBTimestamp(value: $0, precision: .microseconds))
            }
        case .interval:
            return map(memory, count, data, duckdb_interval.self) {
                .interval(DuckDBInterval(months: $0.months, days: $0.days, microseconds: $0.micros))
            }
        default: return nil
        }
    }

    /// Strings, blobs, UUIDs, enums, lists and maps.
    private static func decodeVariable(
        _ vector: duckdb_vector?, _ memory: VectorMemory, _ count: Int, _ data: UnsafeMutableRawPointer,
        _ type: DuckDBType
    ) throws -> [DuckDBValue] {
        switch type {
        case .varchar:
            return mapRows(memory, count) { row in
                .varchar(String(decoding: stringBytes(data, row), as: UTF8.self))
            }
        case .blob:
            return mapRows(memory, count) { row in .blob(Data(stringBytes(data, row))) }
        case .uuid:
            return map(memory, count, data, duckdb_hugeint.self) { .uuid(uuid(fromStored: $0)) }
        case .enum(let dictionary):
            // The index width follows the dictionary size, as DuckDB lays it out.
            if dictionary.count <= Int(UInt8.max) {
                return map(memory, count, data, UInt8.self) { enumMember(dictionary, Int($0)) }
            } else if dictionary.count <= Int(UInt16.max) {
                return map(memory, count, data, UInt16.self) { enumMember(dictionary, Int($0)) }
            } else {
                return map(memory, count, data, UInt32.self) { enumMember(dictionary, Int($0)) }
            }
        case .list(let childType):
            let child = duckdb_list_vector_get_child(vector)
            let children = try decode(child, as: childType, count: Int(duckdb_list_vector_get_size(vector)))
            return try slices(memory, count, data, children.count) { .list(Array(children[$0])) }
        case .map(let keyType, let valueType):
            // A MAP is a LIST of STRUCT(key, value).
            let entries = duckdb_list_vector_get_child(vector)
            let size = Int(duckdb_list_vector_get_size(vector))
            let keys = try decode(duckdb_struct_vector_get_child(entries, 0), as: keyType, count: size)
            let values = try decode(duckdb_struct_vector_get_child(entries, 1), as: valueType, count: size)
            return try slices(memory, count, data, keys.count) { range in
                .map(DuckDBMap(keys: Array(keys[range]), values: Array(values[range])))
            }
        default:
            return Array(repeating: .null, count: count)
        }
    }

    /// One value per row from fixed-width elements of type `T`; NULL rows become `.null`.
    @inline(__always)
    private static func map<T>(
        _ memory: VectorMemory, _ count: Int, _ data: UnsafeMutableRawPointer, _: T.Type,
        _ make: (T) -> DuckDBValue
    ) -> [DuckDBValue] {
        let elements = data.assumingMemoryBound(to: T.self)
        return [DuckDBValue](unsafeUninitializedCapacity: count) { buffer, initialized in
            if memory.validity == nil {
                for row in 0..<count { buffer.initializeElement(at: row, to: make(elements[row])) }
            } else {
                for row in 0..<count {
                    buffer.initializeElement(at: row, to: memory.isValid(row) ? make(elements[row]) : .null)
                }
            }
            initialized = count
        }
    }

    /// One value per row from the row number (for nested types whose parts live in child vectors).
    @inline(__always)
    private static func mapRows(
        _ memory: VectorMemory, _ count: Int,
        _ make: (Int) -> DuckDBValue
    ) -> [DuckDBValue] {
        [DuckDBValue](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count {
                buffer.initializeElement(at: index, to: memory.isValid(index) ? make(index) : .null)
            }
            initialized = count
        }
    }

    /// One value per row from a list vector's (offset, length) entries into a child of `childCount` values.
    private static func slices(
        _ memory: VectorMemory, _ count: Int, _ data: UnsafeMutableRawPointer, _ childCount: Int,
        _ make: (Range<Int>) -> DuckDBValue
    ) throws -> [DuckDBValue] {
        let entries = data.assumingMemoryBound(to: duckdb_list_entry.self)
        var result: [DuckDBValue] = []
        result.reserveCapacity(count)
        for row in 0..<count {
            guard memory.isValid(row) else {
                result.append(.null)
                continue
            }
            let start = Int(entries[row].offset), length = Int(entries[row].length)
            guard start >= 0, length >= 0, start + length <= childCount else {
                throw DuckDBError(
                    kind: .internal, message: "Internal Error: a list entry points outside its child vector")
            }
            result.append(make(start..<start + length))
        }
        return result
    }

    private static func enumMember(_ dictionary: [String], _ index: Int) -> DuckDBValue {
        index < dictionary.count ? .enum(dictionary[index]) : .null
    }

    /// DuckDB stores a UUID as a HUGEINT with the top bit flipped, so that signed comparison
    /// sorts UUIDs like their text.
    static func uuid(fromStored value: duckdb_hugeint) -> UUID {
        let upper = UInt64(bitPattern: value.upper) ^ (1 << 63)
        let lower = value.lower
        func byte(_ word: UInt64, _ index: Int) -> UInt8 { UInt8(truncatingIfNeeded: word >> (56 - 8 * index)) }
        return UUID(
            uuid: (
                byte(upper, 0), byte(upper, 1), byte(upper, 2), byte(upper, 3),
                byte(upper, 4), byte(upper, 5), byte(upper, 6), byte(upper, 7),
                byte(lower, 0), byte(lower, 1), byte(lower, 2), byte(lower, 3),
                byte(lower, 4), byte(lower, 5), byte(lower, 6), byte(lower, 7)
            ))
    }
}

/// The bytes of the `duckdb_string_t` at `row`, read in place: up to 12 bytes are inlined in
/// the 16-byte struct, longer strings point to memory owned by the vector. No copy is made.
@inline(__always)
func stringBytes(_ data: UnsafeMutableRawPointer, _ row: Int) -> UnsafeBufferPointer<UInt8> {
    let base = UnsafeRawPointer(data) + row &* 16
    let length = Int(base.load(as: UInt32.self))
    if length <= 12 {
        return UnsafeBufferPointer(start: (base + 4).assumingMemoryBound(to: UInt8.self), count: length)
    }
    let pointer = base.load(fromByteOffset: 8, as: UnsafePointer<UInt8>?.self)
    return UnsafeBufferPointer(start: pointer, count: pointer == nil ? 0 : length)
}
