/// A Swift type whose memory layout equals DuckDB's storage of some column types, so that a
/// column of those types can be copied into `[Self]` with one `memcpy` per chunk.
///
/// `Int64` reads BIGINT, and also the raw counts of TIMESTAMP (µs), TIMESTAMP_S/_MS/_NS,
/// TIMESTAMP WITH TIME ZONE (µs, UTC) and TIME (µs). `Int32` reads INTEGER and DATE (days).
public protocol FixedWidthColumnElement: BitwiseCopyable, Sendable {
    /// Whether a column of `type` is stored as a contiguous array of `Self`.
    static func isStorage(of type: DuckDBType) -> Bool
}

extension Bool: FixedWidthColumnElement {
    public static func isStorage(of type: DuckDBType) -> Bool { type == .boolean }
}

extension Int8: FixedWidthColumnElement {
    public static func isStorage(of type: DuckDBType) -> Bool { type == .tinyint }
}

extension Int16: FixedWidthColumnElement {
    public static func isStorage(of type: DuckDBType) -> Bool { type == .smallint }
}

extension Int32: FixedWidthColumnElement {
    public static func isStorage(of type: DuckDBType) -> Bool { type == .integer || type == .date }
}

extension Int64: FixedWidthColumnElement {
    public static func isStorage(of type: DuckDBType) -> Bool {
        switch type {
        case .bigint, .timestamp, .timestampS, .timestampMS, .timestampNS, .timestampTZ, .time: true
        default: false
        }
    }
}

extension UInt8: FixedWidthColumnElement {
    public static func isStorage(of type: DuckDBType) -> Bool { type == .utinyint }
}

extension UInt16: FixedWidthColumnElement {
    public static func isStorage(of type: DuckDBType) -> Bool { type == .usmallint }
}

extension UInt32: FixedWidthColumnElement {
    public static func isStorage(of type: DuckDBType) -> Bool { type == .uinteger }
}

extension UInt64: FixedWidthColumnElement {
    public static func isStorage(of type: DuckDBType) -> Bool { type == .ubigint }
}

extension Float: FixedWidthColumnElement {
    public static func isStorage(of type: DuckDBType) -> Bool { type == .float }
}

extension Double: FixedWidthColumnElement {
    public static func isStorage(of type: DuckDBType) -> Bool { type == .double }
}
